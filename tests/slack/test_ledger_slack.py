"""The prediction ledger's acceptance stories on Slack: the real SlackAdapter (slack-bolt) against
FakeSlack, with the core, a real SQLite file and a fake clock. Forecasts by button, by the modal's
number field and by command; the revisit a year on with its Resolve buttons; a refused resolve,
a resolve, a second click that changes nothing; the Brier lines in the revisit's thread; a call
graded by its author from a DM, and not by anyone else."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.clock import FakeClock
from bot.ids import AnswerButton, GradeButton, ProbabilityButton, ResolveButton, decode_button, encode
from tests.fakes.slack_server import FakeSlack
from tests.slack.harness import CHANNEL, SlackHarness, action_ids, flat
from tests.slack.test_slack_digest_limits import check_limits

ASKED = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)  # Monday of 2026-W02
DUE = datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc)  # past the 12-month horizon and a Monday 09:00
CALL_DUE = datetime(2026, 7, 13, 10, 0, tzinfo=timezone.utc)  # past next-hype's 6 months
ADMIN, ALICE, BOB, CAROL = SlackHarness.ADMIN, "U0ALICE01", "U0BOB0001", "U0CAROL01"


@pytest.fixture
async def h(fake: FakeSlack, tmp_path):
    for uid, name in ((ALICE, "alice"), (BOB, "bob"), (CAROL, "carol")):
        fake.users[uid] = {"name": name, "real_name": name.title(), "is_admin": False,
                           "profile": {"display_name": name.title(), "real_name": name.title()}}
    async with SlackHarness(fake, tmp_path, clock=FakeClock(ASKED)) as harness:
        yield harness


async def open_round(h: SlackHarness, prompt_id: str) -> tuple[int, dict]:
    """Setup, the admin's `prompts next`, open: (the round id, the prompt post)."""
    await h.command("setup", user=ADMIN)
    assert prompt_id in (await h.command(f"prompts next {prompt_id}", user=ADMIN))["text"]
    await h.command("open", user=ADMIN)
    (post,) = h.prompt_posts()
    (rnd,) = [r for g in h.store.groups.all() for r in h.store.rounds.of_group(g.id)]
    return rnd.id, post


def ts_of(h: SlackHarness, post: dict) -> str:
    return next(ts for (ch, ts), m in h.fake.messages.items() if ch == CHANNEL and m["blocks"] == post["blocks"])


def forecasts(h: SlackHarness, round_id: int) -> dict[str, int | None]:
    return {a["user_id"]: a["probability"] for a in h.store.answers.of_round(round_id)}


def revisit_posts(h: SlackHarness) -> list[dict]:
    return [p for p in h.posts() if any(isinstance(decode_button(a), ResolveButton) for a in action_ids(p["blocks"]))]


def thread_posts(h: SlackHarness, ts: str) -> list[dict]:
    return [p for p in h.posts() if p.get("thread_ts") == ts]


def only_body(response: dict) -> dict:
    (body,) = response["bodies"]
    return body


async def test_a_forecast_comes_back_a_year_on_and_is_resolved_once_by_an_admin(h: SlackHarness):
    rid, prompt = await open_round(h, "cost-api-price-call")
    prompt_ts = ts_of(h, prompt)
    assert [a for a in action_ids(prompt["blocks"]) if isinstance(decode_button(a), ProbabilityButton)] \
        == [encode(ProbabilityButton(rid, p)) for p in (10, 30, 50, 70, 90)]

    # alice: the 70 % button on the prompt card
    saved = only_body(await h.click(encode(ProbabilityButton(rid, 70)), user=ALICE, message_ts=prompt_ts))
    assert saved["response_type"] == "ephemeral" and "Saved" in flat(saved["blocks"])
    # bob: Answer, then the modal's number field (a number_input) and the reason
    await h.click(encode(AnswerButton(rid)), user=BOB, message_ts=prompt_ts)
    view = h.fake.last("views.open")["view"]
    number = view["blocks"][0]
    assert number["block_id"] == "probability" and number["element"]["type"] == "number_input"
    assert (number["element"]["min_value"], number["element"]["max_value"]) == ("0", "100")
    ack = await h.submit(view, {"probability": "20", "answer": "too early"}, user=BOB)
    assert not (ack.get("payload") or {}).get("errors"), ack
    # carol by command; a prediction without a probability is handed back
    refused = (await h.command("answer APIs will get cheap", user=CAROL))["text"]
    assert "probability" in refused and "APIs will get cheap" in refused
    assert "Saved" in (await h.command("answer 50%", user=CAROL))["text"]
    assert forecasts(h, rid) == {ALICE: 70, BOB: 20, CAROL: 50}
    await h.command("close", user=ADMIN)
    assert not h.store.rounds.get(rid).is_open

    # a year on: the tick posts the revisit once, with its Resolve buttons
    h.clock.set(DUE)
    before = len(h.posts())
    await h.runtime.tick()
    await h.runtime.tick()
    (revisit,) = revisit_posts(h)
    revisit_ts = ts_of(h, revisit)
    assert "thread_ts" not in revisit
    check_limits(revisit)
    blocks = revisit["blocks"]
    assert blocks[0]["type"] == "header" and "the week of Jan 5, 2026" in blocks[0]["text"]["text"]
    lines = flat(blocks).splitlines()
    question = prompt["blocks"][1]["text"]["text"]  # the prompt card's text, escaped
    assert {"type": "section", "text": {"type": "mrkdwn", "text": "> " + question}} in blocks
    for who, chance in (("Alice", 70), ("Bob", 20), ("Carol", 50)):
        assert any(line.startswith(f"{who}: {chance}%") for line in lines), (who, lines)
    assert "Bob: 20% — too early" in lines
    assert any("median 50%" in line for line in lines)
    assert action_ids(blocks) == [encode(ResolveButton(rid, o)) for o in ("yes", "no", "ambiguous")]
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [e["value"] for e in buttons] == [e["action_id"] for e in buttons]
    assert buttons[0].get("style") == "primary" and "style" not in buttons[1]
    assert len(h.posts()) == before + 1, "one revisit, after two ticks"

    # bob is no admin: refused privately, nothing stored, nothing posted
    posted = len(h.posts())
    refused = only_body(await h.click(encode(ResolveButton(rid, "yes")), user=BOB, message_ts=revisit_ts))
    assert refused["response_type"] == "ephemeral" and "admin" in flat(refused["blocks"]).lower()
    assert refused.get("replace_original") is False
    assert h.store.rounds.get(rid).outcome is None and len(h.posts()) == posted

    # the admin resolves it: stored, and the Brier lines land in the revisit's thread
    done = only_body(await h.click(encode(ResolveButton(rid, "yes")), user=ADMIN, message_ts=revisit_ts))
    assert done["response_type"] == "ephemeral" and "Resolved the week of Jan 5, 2026: yes" in flat(done["blocks"])
    assert h.store.rounds.get(rid).outcome == "yes"
    (follow,) = thread_posts(h, revisit_ts)
    check_limits(follow)
    text = flat(follow["blocks"])
    assert "Alice: 70% → Brier 0.09" in text and "Bob: 20% → Brier 0.64" in text
    assert "Carol: 50% → Brier 0.25" in text and "median Brier: 0.25" in text
    assert h.fake.messages[(CHANNEL, ts_of(h, follow))]["thread_ts"] == revisit_ts

    # a second click (another outcome, then the same) does nothing twice
    for outcome in ("no", "yes"):
        again = only_body(await h.click(encode(ResolveButton(rid, outcome)), user=ADMIN, message_ts=revisit_ts))
        assert again["response_type"] == "ephemeral" and "already resolved" in flat(again["blocks"])
    assert h.store.rounds.get(rid).outcome == "yes"
    assert len(thread_posts(h, revisit_ts)) == 1 and len(revisit_posts(h)) == 1

    assert "Brier 0.09 (-0.16 vs. group)" in (await h.command("ledger", user=ALICE))["text"]
    assert "Brier 0.64" in (await h.command("ledger", user=BOB))["text"]
    h.assert_no_pings()


async def test_a_call_is_graded_by_its_author_from_a_dm_and_by_nobody_else(h: SlackHarness):
    rid, prompt = await open_round(h, "next-hype")
    await h.click(encode(AnswerButton(rid)), user=ALICE, message_ts=ts_of(h, prompt))
    view = h.fake.last("views.open")["view"]
    await h.submit(view, {view["blocks"][0]["block_id"]: "AI agents that pay for things"}, user=ALICE)
    await h.command("close", user=ADMIN)
    h.clock.set(CALL_DUE)
    await h.runtime.tick()

    revisit = [p for p in h.posts() if "AI agents that pay for things" in flat(p["blocks"])
               and p["blocks"][0]["type"] == "header" and "the week of Jan 5, 2026" in p["blocks"][0]["text"]["text"]]
    assert len(revisit) >= 1 and action_ids(revisit[-1]["blocks"]) == [], "a call has no Resolve buttons"
    dms = [p for p in h.fake.calls("chat.postMessage") if p.get("channel") == ALICE]
    (dm,) = [d for d in dms if action_ids(d.get("blocks"))]
    elements = [e for b in dm["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [e["action_id"] for e in elements] == [encode(GradeButton(rid, g)) for g in ("right", "partly", "wrong")]
    assert all(e["value"] == f"{e['action_id']}|{CHANNEL}" for e in elements), "the group's channel rides along"
    assert not [p for p in h.fake.calls("chat.postMessage") if p.get("channel") == BOB]

    # bob clicks a grade button (as if forwarded the DM): refused, alice's answer is not graded
    refused = only_body(await h.click(elements[0]["action_id"], user=BOB, channel="DU0BOB0001",
                                      value=elements[0]["value"]))
    assert refused["response_type"] == "ephemeral" and "only the author" in flat(refused["blocks"])
    assert [a["grade"] for a in h.store.answers.of_round(rid)] == [None]

    graded = only_body(await h.click(elements[1]["action_id"], user=ALICE, channel="DU0ALICE01",
                                     value=elements[1]["value"]))
    assert "Graded your call from the week of Jan 5, 2026" in flat(graded["blocks"])
    ((who, grade),) = [(a["user_id"], a["grade"]) for a in h.store.answers.of_round(rid)]
    assert (who, grade) == (ALICE, "partly")
    assert "hit rate 50%" in (await h.command("ledger", user=ALICE))["text"]
    h.assert_no_pings()
