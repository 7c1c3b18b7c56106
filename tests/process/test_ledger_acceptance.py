"""Issue 10's acceptance stories, through the real ``hindsight console`` with a fixed clock
(HINDSIGHT_NOW), one process per moment in time, on one database file."""
from __future__ import annotations

import json

import pytest

from tests.core.proc import hindsight

pytestmark = pytest.mark.slow

DEC_29 = "2025-12-29T10:00:00+00:00"  # Monday of 2026-W01
JAN_05 = "2026-01-05T10:00:00+00:00"  # Monday of 2026-W02
A_YEAR_ON = "2027-01-12T10:00:00+00:00"  # a year and a week later, after a Monday 09:00


def console(db, cwd, now: str, lines: list[str], member: str = "admin"):
    out = hindsight("console", "--as", member, db=db, cwd=cwd, stdin="\n".join(lines) + "\n",
                    HINDSIGHT_NOW=now)
    assert out.returncode == 0, out.stderr
    assert "fixed" in out.stderr  # the process warns that its clock is fixed
    return out.stdout


def test_a_prediction_comes_back_a_year_later_and_is_scored(tmp_path):
    db = tmp_path / "h.db"
    console(db, tmp_path, DEC_29, ["/hindsight prompts next cost-api-price-call", "/hindsight close"])
    week2 = console(db, tmp_path, JAN_05, [
        "/hindsight open",
        "/as alice", "70%",
        "/as bob", "20%",
        "/as carol", "I think prices will fall", "50%",
    ])
    assert "Within 12 months" in week2  # the prompt asked is the one named by prompts next
    replies = [line for line in week2.splitlines() if line in ("saved", "replaced") or line.startswith("rejected:")]
    assert replies == ["saved", "saved", "rejected: a prediction needs a probability: start with a number and %, "
                                          "for example “70% because …”, or use the buttons", "saved"]
    assert "I think prices will fall" in week2  # the rejected text is handed back
    console(db, tmp_path, JAN_05, ["/hindsight close"])

    later = console(db, tmp_path, A_YEAR_ON, [
        "/hindsight resolve 2026-W02 yes",
        "/as alice", "/hindsight ledger",
        "/as bob", "/hindsight ledger",
    ])
    revisit = later[later.index("Looking back: the week of Jan 5, 2026"):]
    for line in ("alice: 70%", "bob: 20%", "carol: 50%"):
        assert line in revisit.lower()
    assert "Resolved the week of Jan 5, 2026: yes" in later
    alice = later[later.index("Your ledger"):]
    assert "Brier 0.09 (-0.16 vs. group)" in alice
    assert "Brier 0.64" in alice[alice.index("Your ledger", 1):]

    out = tmp_path / "export.json"
    done = hindsight("export", "--format", "json", "--out", str(out), db=db, cwd=tmp_path, HINDSIGHT_NOW=A_YEAR_ON)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 2
    (w02,) = [r for r in data["groups"][0]["rounds"] if r["period"] == "2026-W02"]
    assert w02["outcome"] == "yes" and w02["kind"] == "prediction"
    assert sorted(a["probability"] for a in w02["answers"]) == [20, 50, 70]


def test_then_and_now_shows_your_own_earlier_answer_only(tmp_path):
    db = tmp_path / "h.db"
    week1 = console(db, tmp_path, DEC_29, [  # the first start opens 2026-W01 with next-hype
        "/as alice", "Agents that pay for things",
        "/as admin", "/hindsight prompts next next-hype", "/hindsight close",
    ])
    assert "What's the next hype" in week1 and "Last time" not in week1
    week2 = console(db, tmp_path, JAN_05, [  # catch-up opens 2026-W02, asking next-hype again
        "/as alice", "Agents, but boring ones",
        "/as bob", "Korean open models",
    ]).splitlines()
    alice = week2.index("saved")
    assert week2[alice + 1].startswith("Last time (week of Dec 29, less than a month ago)")
    assert "Agents that pay for things" in week2[alice + 1]
    bob = week2.index("saved", alice + 1)
    assert not any("Last time" in line for line in week2[bob:])  # bob answered for the first time
