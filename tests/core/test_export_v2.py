"""Exports version 2 (ARCHITECTURE.md "Hindsight over time", "Exports become version 2"): per answer its
probability and grade, per round its kind, due and outcome, the prompt's horizon; the CSV columns
probability, grade and outcome; ``digest --format json`` (``round_json``) the same; anonymous
rounds keep their probabilities and grades without authors; ``my-data`` has the member's own
forecasts and grades; ``forget-me`` takes them away.

The rounds here are made through the store (prompts.add, rounds.insert, answers.save,
ledger.resolve, ledger.grade), not by the scheduler, so these tests depend only on storage and the
export, not on how prompt cards, revisits or resolutions are rendered."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

from bot.actions import Upload
from bot.domain import MemberRef, Round
from bot.export import CSV_COLUMNS, VERSION, export_csv, export_json, member_json, round_json
from bot.timing import period_of
from bot.usecases.rounds import due_after
from tests.conftest import MONDAY_9
from tests.core.helpers import the_group

GROUP = "memory-c1"


# Test setup ------------------------------------------------------------------------------

def ledger_prompt(store, kind: str, horizon_months: int, text: str) -> int:
    return store.prompts.add(the_group(store).id, kind, text, text + " (ko)", (), MONDAY_9,
                             horizon_months=horizon_months)


def resolve(store, round_id: int, outcome: str, at: datetime) -> None:
    assert store.ledger.resolve(round_id, outcome, at, by=member(store, "admin"))
    delivered(store, round_id, at)


def delivered(store, round_id: int, now: datetime) -> None:
    """Mark the round's queued posts as posted, so no runtime flush renders them."""
    for post in store.posts.of_round(round_id):
        if post["status"] != "posted":
            store.posts.mark_posted(post["id"], f"m{post['id']}", None, now)


def member(store, user: str) -> int:
    return store.members.ensure(MemberRef("memory", "w1", user, user.title()))


def make_round(store, prompt_id: int, asked: datetime, answers: dict[str, tuple[str, dict]],
               close: bool = True, anonymous: bool = False) -> Round:
    """A round asked at ``asked`` with its due time from the real rule, the given answers saved
    through the store, then closed (unless ``close`` is False). ``answers`` is {user: (text,
    {"probability": p, "original": first p, "grade": g})}; an original is saved first, then
    replaced by the probability, as a changed forecast is."""
    group = the_group(store)
    prompt = store.prompts.get(prompt_id)
    rnd = store.rounds.insert(group.id, period_of(asked, group.timezone), prompt_id, asked,
                              asked + timedelta(days=6, hours=9), anonymous=anonymous,
                              due_at=due_after(asked, prompt, group.timezone))
    assert rnd is not None
    for i, (user, (text, ledger)) in enumerate(answers.items()):
        mid = member(store, user)
        at = asked + timedelta(minutes=i + 1)
        for probability in [p for p in (ledger.get("original"), ledger.get("probability")) if p is not None] or [None]:
            store.answers.save(group_id=group.id, round_id=rnd.id, member_id=mid, text=text, score=None,
                               source="command", now=at, platform="memory", probability=probability)
        if "grade" in ledger:
            assert store.ledger.grade(rnd.id, mid, ledger["grade"], at)
    if close:
        assert store.rounds.close(rnd.id, asked + timedelta(days=6, hours=9), late=False)
    delivered(store, rnd.id, asked)
    found = store.rounds.get(rnd.id)
    assert found is not None
    return found


def ledger_rounds(store) -> tuple[Round, Round]:
    """2026-W49: a 12-month prediction, resolved yes (alice 70 %, first 60 %; bob 20 %).
    2026-W50: a 6-month call, graded right by alice, not yet by bob."""
    pred = ledger_prompt(store, "prediction", 12, "Inference prices halve by end of 2027")
    call = ledger_prompt(store, "call", 6, "What's the next hype?")
    w49 = make_round(store, pred, MONDAY_9, {"alice": ("cheaper chips", {"probability": 70, "original": 60}),
                                             "bob": ("no way", {"probability": 20})})
    resolve(store, w49.id, "yes", MONDAY_9 + timedelta(days=400))
    w50 = make_round(store, call, MONDAY_9 + timedelta(weeks=1),
                     {"alice": ("agents", {"grade": "right"}), "bob": ("robots", {})})
    found = store.rounds.get(w49.id)
    assert found is not None
    return found, w50


def upload(actions) -> Upload:
    (up,) = actions
    assert isinstance(up, Upload)
    return up


def rounds_of(data: dict) -> dict[str, dict]:
    (group,) = data["groups"]
    return {r["period"]: r for r in group["rounds"]}


# JSON ------------------------------------------------------------------------------------

async def test_json_export_carries_probabilities_grades_due_and_outcome(group_bot, store):
    ledger_rounds(store)
    up = upload(await group_bot.command("admin", "export json"))
    data = json.loads(up.content)
    assert data == export_json(store, [GROUP])
    assert VERSION == 2 and data["version"] == 2
    rounds = rounds_of(data)
    w49, w50 = rounds["2026-W49"], rounds["2026-W50"]

    assert w49["kind"] == w49["prompt"]["kind"] == "prediction" and w49["prompt"]["horizon_months"] == 12
    assert w49["due"] == "2027-11-30T09:00:00+00:00", "asked + 12 calendar months, ISO 8601 with an offset"
    assert datetime.fromisoformat(w49["due"]).utcoffset() is not None
    assert w49["outcome"] == "yes"
    assert [(a["member"], a["probability"], a["grade"]) for a in w49["answers"]] == [
        ("Alice", 70, None), ("Bob", 20, None)]

    assert w50["kind"] == "call" and w50["prompt"]["horizon_months"] == 6
    assert w50["due"] == "2027-06-07T09:00:00+00:00" and w50["outcome"] is None
    assert [(a["member"], a["probability"], a["grade"]) for a in w50["answers"]] == [
        ("Alice", None, "right"), ("Bob", None, None)]


async def test_open_and_unresolved_rounds(group_bot, store):
    pred = ledger_prompt(store, "prediction", 24, "Seoul gets a unicorn a month")
    w49 = make_round(store, pred, MONDAY_9, {"alice": ("maybe", {"probability": 35})})
    make_round(store, pred, MONDAY_9 + timedelta(weeks=1), {"alice": ("sealed", {"probability": 99})}, close=False)
    rounds = rounds_of(export_json(store, [GROUP]))
    assert list(rounds) == ["2026-W49"], "closed rounds only: the open round's forecast stays sealed"
    assert rounds["2026-W49"]["outcome"] is None and rounds["2026-W49"]["due"] == "2028-11-30T09:00:00+00:00"
    assert round_json(store, w49)["answers"][0]["probability"] == 35


async def test_digest_json_is_the_same_round_object(group_bot, store):
    w49, w50 = ledger_rounds(store)
    rounds = rounds_of(export_json(store, [GROUP]))
    assert round_json(store, w49) == rounds["2026-W49"] and round_json(store, w50) == rounds["2026-W50"]
    assert {"kind", "due", "outcome"} <= set(round_json(store, w49))


# CSV -------------------------------------------------------------------------------------

async def test_csv_appends_probability_grade_and_outcome(group_bot, store):
    ledger_rounds(store)
    up = upload(await group_bot.command("admin", "export csv"))
    assert up.content.decode() == export_csv(store, [GROUP])
    rows = list(csv.reader(io.StringIO(up.content.decode())))
    assert tuple(rows[0]) == CSV_COLUMNS and CSV_COLUMNS[-4:] == ("source", "probability", "grade", "outcome")
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert [(r["period"], r["member"], r["probability"], r["grade"], r["outcome"]) for r in body] == [
        ("2026-W49", "Alice", "70", "", "yes"),
        ("2026-W49", "Bob", "20", "", "yes"),
        ("2026-W50", "Alice", "", "right", ""),
        ("2026-W50", "Bob", "", "", ""),
    ]


# Anonymity -------------------------------------------------------------------------------

async def test_anonymous_round_keeps_forecasts_without_authors(group_bot, store):
    pred = ledger_prompt(store, "prediction", 12, "Open models lead by 2027")
    call = ledger_prompt(store, "call", 6, "Next big thing")
    w49 = make_round(store, pred, MONDAY_9, {"alice": ("zzz last by text", {"probability": 90}),
                                             "bob": ("aaa first by text", {"probability": 10}),
                                             "carol": ("mmm", {"probability": 50})}, anonymous=True)
    resolve(store, w49.id, "no", MONDAY_9 + timedelta(days=400))
    make_round(store, call, MONDAY_9 + timedelta(weeks=1),
               {"alice": ("agents", {"grade": "partly"})}, anonymous=True)
    rounds = rounds_of(export_json(store, [GROUP]))
    r49, r50 = rounds["2026-W49"], rounds["2026-W50"]
    assert [(a["text"], a["probability"]) for a in r49["answers"]] == [
        ("aaa first by text", 10), ("mmm", 50), ("zzz last by text", 90)], "sorted by text, not by time"
    for a in r49["answers"] + r50["answers"]:
        assert (a["member"], a["platform"], a["source"], a["created_at"], a["updated_at"]) == (None,) * 5
    assert r49["outcome"] == "no" and r49["due"] is not None and r49["skipped"] == []
    assert r50["answers"][0]["grade"] == "partly"

    text = export_csv(store, [GROUP])
    body = list(csv.DictReader(io.StringIO(text)))
    assert [(r["member"], r["platform"], r["created_at"], r["probability"], r["grade"], r["outcome"])
            for r in body] == [("", "", "", "10", "", "no"), ("", "", "", "50", "", "no"),
                               ("", "", "", "90", "", "no"), ("", "", "", "", "partly", "")]
    assert "Alice" not in text and "Bob" not in text and "Carol" not in text


# my-data and forget-me -------------------------------------------------------------------

async def test_my_data_has_own_forecasts_grades_and_round_fields(group_bot, store):
    ledger_rounds(store)
    pred = ledger_prompt(store, "prediction", 6, "Still open")
    make_round(store, pred, MONDAY_9 + timedelta(weeks=2), {"alice": ("open one", {"probability": 5}),
                                                            "bob": ("bob's own", {"probability": 95})},
               close=False)
    up = upload(await group_bot.command("alice", "my-data"))
    data = json.loads(up.content)
    alice = member(store, "alice")
    assert data == member_json(store, alice)
    assert data["version"] == 2
    got = [(a["period"], a["kind"], a["probability"], a["original_probability"], a["grade"], a["outcome"], a["due"])
           for a in data["answers"]]
    assert got == [
        ("2026-W49", "prediction", 70, 60, None, "yes", "2027-11-30T09:00:00+00:00"),
        ("2026-W50", "call", None, None, "right", None, "2027-06-07T09:00:00+00:00"),
        ("2026-W51", "prediction", 5, 5, None, None, "2027-06-14T09:00:00+00:00"),
    ]
    assert all(datetime.fromisoformat(a["due"]).utcoffset() is not None for a in data["answers"])
    assert "bob" not in up.content.decode().lower() and 95 not in [a["probability"] for a in data["answers"]]


async def test_forget_me_takes_the_forecasts_and_grades_away(group_bot, store):
    ledger_rounds(store)
    before = rounds_of(export_json(store, [GROUP]))
    assert 70 in [a["probability"] for a in before["2026-W49"]["answers"]]
    assert "right" in [a["grade"] for a in before["2026-W50"]["answers"]]

    await group_bot.command("alice", "forget-me confirm")

    after = rounds_of(export_json(store, [GROUP]))
    assert [(a["member"], a["probability"], a["grade"]) for a in after["2026-W49"]["answers"]] == [("Bob", 20, None)]
    assert [(a["member"], a["probability"], a["grade"]) for a in after["2026-W50"]["answers"]] == [("Bob", None, None)]
    assert after["2026-W49"]["outcome"] == "yes", "the round's outcome is the group's, not alice's"
    body = list(csv.DictReader(io.StringIO(export_csv(store, [GROUP]))))
    assert [(r["member"], r["probability"], r["grade"]) for r in body] == [("Bob", "20", ""), ("Bob", "", "")]
    assert store.members.by_user_id("memory", "alice", "w1") is None
