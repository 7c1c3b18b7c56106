"""Korean input through the real ``hindsight console`` (issue 15, item 4): a score typed as
``4점`` on a scale prompt, a probability typed as ``70프로`` or ``20퍼센트`` on a prediction."""
from __future__ import annotations

import sqlite3

import pytest

from bot import catalog
from tests.core.proc import hindsight

pytestmark = pytest.mark.slow


def console(tmp_path, now: str, lines: list[str]):
    out = hindsight("console", "--as", "alice", db=tmp_path / "h.db", cwd=tmp_path, stdin="\n".join(lines) + "\n",
                    HINDSIGHT_NOW=now)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_scores_and_probabilities_typed_in_korean(tmp_path):
    console(tmp_path, "2026-11-30T10:00:00+00:00",
            ["/hindsight settings language=ko", "/hindsight prompts next bear-score"])
    console(tmp_path, "2026-12-07T10:00:00+00:00",
            ["/hindsight answer 4점 반복 매출이 있어요", "/as bob", "/hindsight answer 2 점",
             "/hindsight prompts next cost-api-price-call"])
    stdout = console(tmp_path, "2026-12-14T10:00:00+00:00",
                     ["70프로 가격 경쟁이 계속돼요", "/as bob", "/hindsight answer 20퍼센트", "/as carol",
                      "/hindsight answer 150프로"])
    assert "rejected: " + catalog.t("ko", "probability_range") in stdout
    rows = sqlite3.connect(tmp_path / "h.db").execute(
        "SELECT r.period, m.user_id, a.score, a.probability, a.text FROM answers a"
        " JOIN members m ON m.id = a.member_id JOIN rounds r ON r.id = a.round_id"
        " ORDER BY r.period, m.user_id").fetchall()
    assert rows == [("2026-W50", "alice", 4, None, "반복 매출이 있어요"), ("2026-W50", "bob", 2, None, ""),
                    ("2026-W51", "alice", None, 70, "가격 경쟁이 계속돼요"), ("2026-W51", "bob", None, 20, "")]
