"""A call's author who answered while marked away grades it with the buttons of their DM: being
away for a week does not make them a stranger to the round they answered."""
from __future__ import annotations

from datetime import datetime, timezone

from bot import ids
from bot.actions import DirectMessage, RevisitPost
from tests.core.helpers import only_reply

ASKED = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)  # Monday of 2026-W02
DUE = datetime(2026, 7, 13, 10, 0, tzinfo=timezone.utc)  # six months on, after a Monday 09:00


async def test_an_author_away_when_they_answered_grades_by_dm(bot, clock, runtime, store):
    clock.set(ASKED)
    await bot.command("admin", "setup")
    only_reply(await bot.command("admin", "prompts next next-hype"))
    only_reply(await bot.command("admin", "open"))
    assert "away until Mon, Feb 2, 2026" in only_reply(await bot.command("alice", "away until 2026-02-02")).text
    assert only_reply(await bot.say("alice", "AI agents that pay for things")).status == "saved"
    only_reply(await bot.command("admin", "close"))
    clock.set(DUE)
    await runtime.tick()
    (post,) = [p for p in bot.posts if isinstance(p, RevisitPost)]
    (dm,) = [d for d in bot.dms if isinstance(d, DirectMessage) and d.member.user_id == "alice"]
    wrong = next(b for b in dm.buttons if ids.decode_button(b.action) == ids.GradeButton(post.card.round_id, "wrong"))

    reply = only_reply(await bot.click("alice", wrong.action, "grade-1", channel="dm-alice"))  # clicked in the DM
    assert reply.text.startswith("Graded your call from the week of Jan 5, 2026:") and "wrong" in reply.text, reply.text
    (row,) = store.ledger.forecasts_of_round(post.card.round_id)
    assert row["grade"] == "wrong"

    # Someone who took no part in the round still cannot use it.
    stranger = only_reply(await bot.click("dave", wrong.action, "grade-2", channel="dm-dave"))
    assert stranger.text == "That button or form is no longer valid."
