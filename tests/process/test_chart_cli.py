"""Issue 11's chart story through the real ``hindsight console`` with a fixed clock
(HINDSIGHT_NOW), one process per week, then ``hindsight chart`` on the same file."""
from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from bot import chart
from tests.core.proc import hindsight

pytestmark = pytest.mark.slow

SETUP = "2025-12-29T10:00:00+00:00"  # Monday of 2026-W01
WEEKS = [f"2026-01-{d:02d}T10:00:00+00:00" for d in (5, 12, 19, 26)] + \
        [f"2026-02-{d:02d}T10:00:00+00:00" for d in (2, 9)]  # Mondays of 2026-W02 .. W07
SCORES = [(3, 4), (2, 3), (4, 4), (5, 3), (2, 2), (4, 5)]  # alice, bob per week
KO_TITLE = "우리 사업은 하락장에 얼마나 강한가요? 1~5로 골라 주세요."


def console(db, cwd, now: str, lines: list[str], member: str = "admin") -> str:
    out = hindsight("console", "--as", member, db=db, cwd=cwd, stdin="\n".join(lines) + "\n", HINDSIGHT_NOW=now)
    assert out.returncode == 0, out.stderr
    return out.stdout


def six_weeks_of_bear_score(db, cwd, language: str) -> str:
    """Six weeks of bear-score through the console; returns the last week's output."""
    console(db, cwd, SETUP, [f"/hindsight settings language={language}",
                             "/hindsight prompts next bear-score", "/hindsight close"])
    for now, (a, b) in zip(WEEKS, SCORES):
        week = console(db, cwd, now, [  # the start's catch-up opens the week with bear-score
            "/as alice", f"/hindsight answer {a} because the runway is what it is",
            "/as bob", f"/hindsight answer {b} 매출이 꾸준해서",
            "/as admin", "/hindsight prompts next bear-score", "/hindsight close",
        ])
        assert week.count("saved") >= 2, week
    return week


def chart_cli(db, cwd, *args: str):
    return hindsight("chart", *args, db=db, cwd=cwd, HINDSIGHT_NOW=WEEKS[-1])


def test_six_weeks_of_bear_score_make_a_korean_chart(tmp_path):
    db = tmp_path / "h.db"
    last_week = six_weeks_of_bear_score(db, tmp_path, "ko")
    # The last digest, posted to the console channel at the close, shows the sparkline.
    assert "그룹 평균, 라운드 6개: ▆▄▇▇▃█ (3.5 → 4.5)" in last_week
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    out = chart_cli(db, tmp_path, "--group", "console", "--prompt", "bear-score", "--out", "c.png")
    assert out.returncode == 0, out.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # read-only
    data = (tmp_path / "c.png").read_bytes()
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "PNG" and img.size[0] >= 400 and img.size[1] >= 200
    averages = [(a + b) / 2 for a, b in SCORES]
    assert out.stdout.strip() == "그룹 평균, 라운드 6개: ▆▄▇▇▃█ (3.5 → 4.5)"
    # The same drawing as the Korean title and caption give (the output is deterministic), so
    # the PNG's labels are the Hangul ones; the English title draws something else.
    points = [(f"2026-W{w:02d}", v) for w, v in zip(range(2, 8), averages)]
    assert data == chart.line_chart_png(KO_TITLE, points, (1, 5), lang="ko")
    assert data != chart.line_chart_png("How bear-market proof are you, 1 to 5?", points, (1, 5), lang="en")
    # by numeric id too, and the errors
    assert chart_cli(db, tmp_path, "--group", "console", "--prompt", "next-hype", "--out", "d.png").returncode == 1
    bad = chart_cli(db, tmp_path, "--group", "console", "--prompt", "nope", "--out", "d.png")
    assert bad.returncode == 1 and "nope" in bad.stderr and not (tmp_path / "d.png").exists()
    assert chart_cli(db, tmp_path, "--group", "nobody", "--prompt", "bear-score", "--out", "d.png").returncode == 1


def test_chart_refuses_to_overwrite_the_live_database(tmp_path):
    db = tmp_path / "h.db"
    console(db, tmp_path, SETUP, ["/hindsight close"])
    before = db.read_bytes()
    for target in (str(db), str(db) + "-wal", " "):
        out = chart_cli(db, tmp_path, "--group", "console", "--prompt", "bear-score", "--out", target)
        assert out.returncode == 2, out.stderr
    assert db.read_bytes() == before
    too_few = chart_cli(db, tmp_path, "--group", "console", "--prompt", "bear-score", "--out", "c.png")
    assert too_few.returncode == 1 and "at least 2" in too_few.stderr
