"""The clock is checked (issue 8, item 9).

One scheduler tick while the clock reads a year ahead must not close the open round early
nor open a round a year away; answers go to the round of the current period; no round is
ever opened for a period more than one period ahead of the current one.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from tests.conftest import MONDAY_9
from tests.core.helpers import all_rounds, count, digest_posts, only_reply, prompt_posts, the_group, utc

SUNDAY_18 = utc(2026, 12, 6, 18, 0)


async def test_one_tick_a_year_ahead_changes_nothing(open_bot, runtime, store, clock, caplog):
    bot = open_bot
    await bot.say("alice", "before the glitch")
    clock.advance(minutes=1)
    await runtime.tick()
    clock.advance(days=365)
    with caplog.at_level(logging.WARNING, logger="hindsight.rounds"):
        await runtime.tick()
    assert "more than a week past" in caplog.text and "a tick a minute later confirms" in caplog.text
    assert [r.period for r in store.rounds.of_group(1)] == ["2026-W49"] and store.rounds.find_open(1).is_open
    assert len(prompt_posts(bot)) == 1 and digest_posts(bot) == []
    clock.set(MONDAY_9 + timedelta(minutes=2))  # the clock is right again
    await runtime.tick()
    reply = only_reply(await bot.say("bob", "after the glitch"))
    assert reply.status == "saved" and "week of Nov 30" in reply.text
    assert len(all_rounds(store)) == 1
    clock.set(SUNDAY_18)
    await runtime.tick()
    (digest,) = digest_posts(bot)
    assert digest.digest.period == "2026-W49" and not digest.digest.notes
    assert sorted(e.text for e in digest.digest.entries) == ["after the glitch", "before the glitch"]


async def test_a_real_jump_is_confirmed_by_a_tick_a_minute_later(open_bot, runtime, store, clock):
    bot = open_bot
    clock.advance(minutes=1)
    await runtime.tick()
    clock.set(utc(2027, 1, 4, 9, 0))  # Monday of 2027-W01, five weeks on
    await runtime.tick()
    assert digest_posts(bot) == [], "held back"
    clock.advance(seconds=30)
    await runtime.tick()
    assert digest_posts(bot) == [], "half a minute is too soon to confirm"
    clock.advance(seconds=30)
    await runtime.tick()
    (digest,) = digest_posts(bot)
    assert digest.digest.period == "2026-W49" and digest.digest.notes, "the missed close is late"
    assert [p.card.period for p in prompt_posts(bot)] == ["2026-W49", "2027-W01"]


async def test_no_round_more_than_one_period_ahead(group_bot, service, store, clock):
    group = the_group(store)
    assert service.open_round(group, scheduled=clock.now() + timedelta(weeks=3)) is None
    assert service.open_round(group, scheduled=clock.now() + timedelta(days=365)) is None
    assert len(all_rounds(store)) == 0
    nxt = service.open_round(group, scheduled=clock.now() + timedelta(weeks=1))
    assert nxt is not None and nxt.period == "2026-W50"


async def test_answers_go_to_the_round_of_the_current_period(open_bot, service, store, clock):
    """A round for a future period (from a wrong clock, before this check) does not take answers
    meant for this week, by command, skip or the answer form."""
    bot = open_bot
    future = store.rounds.insert(1, "2027-W49", store.rounds.find_open(1).prompt_id, clock.now(),
                                utc(2027, 12, 12, 18, 0))
    assert store.rounds.find_open(1).id == future.id  # the raw lookup would pick it
    reply = only_reply(await bot.say("alice", "this week's answer"))
    assert reply.status == "saved" and "week of Nov 30" in reply.text
    (form,) = await bot.command("bob", "answer")
    assert form.form.id != f"answer:{future.id}"
    await bot.command("carol", "skip")
    assert len(store.answers.of_round(future.id)) == 0
    assert len(store.answers.skips_of_round(future.id)) == 0
    assert "Closed the round" in "".join(r.text for r in await bot.command("admin", "close"))
    assert store.rounds.get(future.id).is_open and not store.rounds.for_period(1, "2026-W49").is_open
