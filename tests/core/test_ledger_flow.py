"""The prediction ledger end to end through the memory adapter: forecasts, the revisit once it
falls due (once, caught up), resolve and undo, grades, the thread follow-up and the ledger."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot import ids
from bot.actions import DirectMessage, OpenForm, ResolutionPost, RevisitPost
from bot.usecases.forecasts import ForecastError, field_probability, split_forecast
from tests.core.helpers import all_answers, only_reply

# Monday 2026-01-05 10:00 UTC is in 2026-W02; twelve months later is 2027-01-05.
ASKED = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)


@pytest.fixture
async def prediction(bot, clock, runtime, store):
    """A group whose 2026-W02 round asks cost-api-price-call (a 12-month prediction)."""
    clock.set(ASKED)
    await bot.command("admin", "setup")
    assert "cost-api-price-call" in only_reply(await bot.command("admin", "prompts next cost-api-price-call")).text
    only_reply(await bot.command("admin", "open"))
    (card,) = [p.card for p in bot.posts]
    assert card.kind == "prediction" and card.period == "2026-W02"
    bot.replies.clear()
    return card


def revisits(bot):
    return [p for p in bot.posts if isinstance(p, RevisitPost)]


def test_probabilities_are_read_strictly():
    assert split_forecast("70%") == (70, "")
    assert split_forecast("70 % because APIs race to the bottom") == (70, "because APIs race to the bottom")
    assert split_forecast("35％ 한국어 모델 덕분에") == (35, "한국어 모델 덕분에")
    assert split_forecast("I think so") == (None, "I think so")
    assert split_forecast("the 70% case") == (None, "the 70% case")
    for bad in ("150%", "1000%"):
        with pytest.raises(ForecastError):
            split_forecast(bad)
    assert field_probability(" 70 ") == 70 and field_probability("70%") == 70 and field_probability("") is None
    for bad in ("٧٠", "seventy", "-5", "101", "7.5"):
        with pytest.raises(ForecastError):
            field_probability(bad)


async def test_a_prediction_needs_a_probability_and_keeps_the_first_as_original(prediction, bot, store):
    reply = only_reply(await bot.say("alice", "APIs will get cheap"))
    assert reply.status == "rejected" and reply.handed_back == "APIs will get cheap"
    assert "probability" in reply.reason
    assert only_reply(await bot.say("alice", "150% sure")).status == "rejected"
    assert only_reply(await bot.say("alice", "70%")).status == "saved"
    assert only_reply(await bot.command("alice", "answer 60% on second thought")).status == "replaced"
    (row,) = all_answers(store)
    assert (row["probability"], row["original_probability"], row["text"]) == (60, 70, "on second thought")


async def test_buttons_and_the_form_carry_a_probability(prediction, bot, store):
    rid = prediction.round_id
    assert [b.label for b in prediction.buttons if isinstance(ids.decode_button(b.action), ids.ProbabilityButton)] \
        == ["10%", "30%", "50%", "70%", "90%"]
    assert only_reply(await bot.click("bob", ids.encode(ids.ProbabilityButton(rid, 30)))).status == "saved"
    (form,) = await bot.click("carol", ids.encode(ids.AnswerButton(rid)))
    assert isinstance(form, OpenForm)
    assert [f.id for f in form.form.fields] == ["probability", "answer"]
    assert form.form.fields[0].number_range == (0, 100)
    assert only_reply(await bot.submit("carol", form.form.id, {"probability": "50", "answer": ""})).status == "saved"
    refused = only_reply(await bot.submit("carol", form.form.id, {"probability": "٥٠", "answer": "keep this"}))
    assert refused.status == "rejected" and refused.handed_back == "keep this"
    assert sorted((a["user_id"], a["probability"]) for a in all_answers(store)) == [("bob", 30), ("carol", 50)]


async def test_the_revisit_comes_once_at_the_first_prompt_time_after_it_is_due(prediction, bot, runtime, clock,
                                                                               store):
    for user, answer in (("alice", "70%"), ("bob", "20% too early"), ("carol", "50%")):
        assert only_reply(await bot.say(user, answer)).status == "saved"
    only_reply(await bot.command("admin", "close"))
    clock.set(datetime(2027, 1, 5, 12, 0, tzinfo=timezone.utc))  # due since 10:00, but no prompt time since
    await runtime.tick()
    assert revisits(bot) == []
    clock.set(datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc))  # Monday 09:00 has passed: caught up
    await runtime.tick()
    await runtime.tick()
    (post,) = revisits(bot)
    card = post.card
    assert card.period == "2026-W02" and card.kind == "prediction"
    assert [(e.author, e.probability) for e in card.entries] == [("Alice", 70), ("Bob", 20), ("Carol", 50)]
    assert "median 50%" in card.summary
    assert {ids.decode_button(b.action) for b in card.buttons} == {
        ids.ResolveButton(card.round_id, o) for o in ("yes", "no", "ambiguous")}

    refused = only_reply(await bot.click("bob", ids.encode(ids.ResolveButton(card.round_id, "yes"))))
    assert "admin" in refused.text.lower()
    assert "Resolved the week of Jan 5, 2026: yes" in only_reply(await bot.command("admin", "resolve 2026-W02 yes")).text
    again = only_reply(await bot.click("admin", ids.encode(ids.ResolveButton(card.round_id, "no"))))
    assert "already resolved" in again.text and store.rounds.get(card.round_id).outcome == "yes"
    await runtime.flush()
    (follow,) = [p for p in bot.posts if isinstance(p, ResolutionPost)]
    assert follow.thread is not None
    assert "Alice: 70% → Brier 0.09" in follow.text and "Bob: 20% → Brier 0.64" in follow.text
    assert "median Brier: 0.25" in follow.text

    ledger = only_reply(await bot.command("alice", "ledger")).text
    assert "Brier 0.09 (-0.16 vs. group)" in ledger
    assert "Brier 0.64 (+0.39 vs. group)" in only_reply(await bot.command("bob", "ledger")).text
    group = only_reply(await bot.command("carol", "ledger group")).text
    assert "median forecast 50%" in group and "leaderboard is off" in group
    assert "Brier 0.64" in only_reply(await bot.command("alice", "ledger <@bob>")).text


async def test_undo_within_seven_days_and_resolve_again(prediction, bot, runtime, clock, store):
    only_reply(await bot.say("alice", "70%"))
    only_reply(await bot.command("admin", "close"))
    clock.set(datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc))
    await runtime.tick()
    only_reply(await bot.command("admin", "resolve yes"))  # the oldest waiting one
    assert "undone" in only_reply(await bot.command("admin", "resolve 2026-W02 undo")).text
    assert store.rounds.get(prediction.round_id).outcome is None
    only_reply(await bot.command("admin", "resolve 2026-W02 no"))
    clock.set(datetime(2027, 1, 20, 10, 0, tzinfo=timezone.utc))
    assert "more than 7 days" in only_reply(await bot.command("admin", "resolve 2026-W02 undo")).text
    assert "Usage" in only_reply(await bot.command("admin", "resolve 2026-W02 maybe")).text


async def test_admins_are_nudged_once_after_a_week(prediction, bot, runtime, clock):
    only_reply(await bot.say("alice", "70%"))
    only_reply(await bot.command("admin", "close"))
    clock.set(datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc))
    await runtime.tick()
    bot.dms.clear()
    clock.set(datetime(2027, 1, 19, 11, 0, tzinfo=timezone.utc))
    await runtime.tick()  # over a week since the last tick: held back until a tick a minute later
    clock.advance(minutes=1)
    await runtime.tick()
    nudges = [d for d in bot.dms if "waited a week" in d.text]
    assert [d.member.user_id for d in nudges] == ["admin"]


async def test_a_call_is_graded_by_its_author_alone(bot, clock, runtime, store):
    clock.set(ASKED)
    await bot.command("admin", "setup")
    only_reply(await bot.command("admin", "prompts next next-hype"))
    only_reply(await bot.command("admin", "open"))
    assert only_reply(await bot.say("alice", "AI agents that pay for things")).status == "saved"
    only_reply(await bot.command("admin", "close"))
    clock.set(datetime(2026, 7, 13, 10, 0, tzinfo=timezone.utc))  # six months on, after a Monday 09:00
    await runtime.tick()
    (post,) = revisits(bot)
    assert post.card.kind == "call" and post.card.buttons == ()
    (dm,) = [d for d in bot.dms if isinstance(d, DirectMessage) and d.member.user_id == "alice"]
    grade = {ids.decode_button(b.action) for b in dm.buttons}
    assert grade == {ids.GradeButton(post.card.round_id, g) for g in ("right", "partly", "wrong")}
    assert "You made no call" in only_reply(await bot.command("bob", "grade 2026-W02 right")).text
    assert "partly" in only_reply(await bot.click("alice", ids.encode(ids.GradeButton(post.card.round_id,
                                                                                       "partly")))).text
    assert "hit rate 50%" in only_reply(await bot.command("alice", "ledger")).text


async def test_an_anonymous_round_stays_anonymous_in_its_revisit(prediction, bot, runtime, clock):
    only_reply(await bot.command("admin", "settings anonymous=yes"))
    only_reply(await bot.say("alice", "70%"))
    only_reply(await bot.say("bob", "20%"))
    only_reply(await bot.command("admin", "close"))
    clock.set(datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc))
    await runtime.tick()
    (post,) = revisits(bot)
    assert [e.author for e in post.card.entries] == [None, None]
    only_reply(await bot.command("admin", "resolve 2026-W02 yes"))
    await runtime.flush()
    (follow,) = [p for p in bot.posts if isinstance(p, ResolutionPost)]
    assert "Alice" not in follow.text and "Bob" not in follow.text
    assert "Brier 0.64" not in only_reply(await bot.command("alice", "ledger <@bob>")).text


async def test_two_processes_and_a_restart_on_the_due_day_post_the_revisit_once(tmp_path):
    from tests.core.test_exactly_once import instance, restart

    from bot.clock import FakeClock

    path = tmp_path / "shared.db"
    clock = FakeClock(ASKED)
    store, runtime, bot = await instance(path, clock)
    await bot.command("admin", "setup")
    only_reply(await bot.command("admin", "prompts next cost-api-price-call"))
    only_reply(await bot.command("admin", "open"))
    only_reply(await bot.say("alice", "70%"))
    only_reply(await bot.command("admin", "close"))
    await runtime.stop()
    store.close()

    clock.set(datetime(2027, 1, 11, 9, 0, 30, tzinfo=timezone.utc))  # the first prompt time after it is due
    a_store, a, bot_a = await instance(path, clock)
    b_store, b, bot_b = await instance(path, clock)
    import asyncio

    await asyncio.gather(a.tick(), b.tick(), a.tick(), b.tick())
    c_store, c, bot_c = await restart(path, clock)  # and a restart on the same day
    posted = [p for p in (*bot_a.posts, *bot_b.posts, *bot_c.posts) if isinstance(p, RevisitPost)]
    assert len(posted) == 1 and posted[0].card.period == "2026-W02"
    for s, r in ((a_store, a), (b_store, b), (c_store, c)):
        await r.stop()
        s.close()


async def test_the_digest_shows_each_forecast_and_later_the_outcome(prediction, bot, runtime, clock):
    from bot.actions import DigestPost, ShowDigest

    only_reply(await bot.say("alice", "70% because prices race down"))
    only_reply(await bot.say("bob", "20%"))
    only_reply(await bot.command("admin", "close"))
    await runtime.flush()
    (post,) = [p for p in bot.posts if isinstance(p, DigestPost)]
    assert [e.text for e in post.digest.entries] == ["70% — because prices race down", "20%"]
    assert "2 forecasts, median 45%." in post.digest.notes
    clock.set(datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc))
    await runtime.tick()
    only_reply(await bot.command("admin", "resolve 2026-W02 no"))
    (shown,) = await bot.command("alice", "digest 2026-W02")
    assert isinstance(shown, ShowDigest) and "Resolved: no." in shown.digest.notes
