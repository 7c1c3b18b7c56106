"""Whole weekly cycles through the memory channel with the fake clock:
setup, open, answer, replace, skip, remind, close, digest, and asking for past digests."""
from __future__ import annotations

from bot.actions import PromptPost, Reply, ShowDigest
from tests.core.helpers import (all_admins, all_posts, all_rounds, answer_row, answers, count, digest_posts,
                                only_digest, only_reply, prompt_posts, text_of, utc)

FRIDAY_18 = utc(2026, 12, 4, 18, 0)
SUNDAY_18 = utc(2026, 12, 6, 18, 0)
NEXT_MONDAY_9 = utc(2026, 12, 7, 9, 0)


async def test_setup_shows_schedule_and_open_button(bot, store):
    (reply,) = await bot.command("admin", "setup")
    assert isinstance(reply, Reply) and reply.public
    assert "Prompt Mon 9:00 AM · reminder Fri 6:00 PM · close Sun 6:00 PM" in reply.text
    assert "Schedule (UTC)" in reply.text, "the zone is named at setup"
    assert [b.action.split(":")[1] for b in reply.buttons] == ["open", "settings"]
    assert len(all_admins(store)) == 1
    # The button opens the first round at once.
    await bot.click("admin", reply.buttons[0].action)
    assert len(prompt_posts(bot)) == 1


async def test_one_whole_week(group_bot, runtime, store, clock):
    bot = group_bot
    # Monday 09:00: the scheduler's tick opens the round and posts the prompt to the channel.
    await runtime.tick()
    (post,) = bot.posts
    assert isinstance(post, PromptPost) and post.channel.channel_id == "c1"
    assert post.card.period == "2026-W49"
    assert post.card.title == "This week's prompt · week of Nov 30"
    assert post.card.closes == "Closes Sun, Dec 6, 6:00 PM"
    assert {b.action for b in post.card.buttons} >= {f"hs:answer:{post.card.round_id}",
                                                      f"hs:skip:{post.card.round_id}"}
    row = store.posts.get(post.post_id)
    assert row["status"] == "posted" and row["message_id"] == "m1"
    await runtime.tick()
    assert len(bot.posts) == 1, "a second tick in the same period posts nothing"

    # Answers, a replacement and a skip.
    assert only_reply(await bot.say("alice", "AI agents")).status == "saved"
    assert only_reply(await bot.say("bob", "Voice, finally")).status == "saved"
    clock.advance(hours=2)
    assert only_reply(await bot.say("bob", "No: clicks win again")).status == "replaced"
    bob = answer_row(store, "bob")
    assert bob["text"] == "No: clicks win again" and bob["original_text"] == "Voice, finally"
    assert bob["updated_at"] > bob["created_at"]
    assert only_reply(await bot.click("carol", f"hs:skip:{post.card.round_id}")).status == "skipped"
    assert answers(store) == 2

    # Sunday 18:00: the tick closes the round and posts the digest, once.
    clock.set(SUNDAY_18)
    await runtime.tick()
    await runtime.tick()
    (digest_post,) = digest_posts(bot)
    d = digest_post.digest
    assert d.period == "2026-W49" and d.notes == ()
    assert d.summary == "2 of 3 members answered, 1 skipped."
    assert [(e.author, e.text) for e in d.entries] == [("Alice", "AI agents"), ("Bob", "No: clicks win again")]
    assert len(all_posts(store, kind="digest", status="posted")) == 1

    # After the close nothing more can be answered; the text is handed back.
    (late,) = await bot.say("alice", "too late")
    assert late.status == "rejected" and late.handed_back == "too late"


async def test_reminders_go_only_to_roster_members_who_did_nothing(group_bot, runtime, store, clock):
    bot = group_bot
    await runtime.tick()  # W49
    for user in ("alice", "bob", "carol", "dave"):
        await bot.say(user, f"week one from {user}")
    await bot.say("admin", "admin answers too")
    clock.set(SUNDAY_18)
    await runtime.tick()
    clock.set(NEXT_MONDAY_9)
    await runtime.tick()  # W50 opens
    (_, w50) = prompt_posts(bot)
    assert w50.card.period == "2026-W50"
    await bot.say("alice", "answered")
    await bot.click("bob", f"hs:skip:{w50.card.round_id}")
    bot.dms.clear()

    clock.set(utc(2026, 12, 11, 17, 59))
    await runtime.tick()
    assert bot.dms == [], "not before Friday 18:00"
    clock.set(utc(2026, 12, 11, 18, 0))
    await runtime.tick()
    assert sorted(dm.member.user_id for dm in bot.dms) == ["admin", "carol", "dave"]
    dm = bot.dms[0]
    assert "closes Sun, Dec 13, 6:00 PM." in dm.text
    assert [b.action.split(":")[1] for b in dm.buttons] == ["answer", "skip"]
    clock.advance(minutes=30)
    await runtime.tick()
    await runtime.tick()
    assert len(bot.dms) == 3, "reminders go out once per round"
    assert len([r for r in all_rounds(store) if r.reminded_at]) == 1


async def test_no_reminder_when_reminders_are_off(group_bot, runtime, clock):
    await group_bot.command("admin", "settings remind=off")
    await runtime.tick()
    clock.set(FRIDAY_18)
    await runtime.tick()
    assert group_bot.dms == []


async def test_past_digests(group_bot, runtime, clock):
    bot = group_bot
    await runtime.tick()
    await bot.say("alice", "week 49 answer")
    assert "still open" in text_of(await bot.command("bob", "digest 2026-W49"))
    assert "no closed round" in text_of(await bot.command("bob", "digest latest")).lower()
    clock.set(SUNDAY_18)
    await runtime.tick()
    clock.set(NEXT_MONDAY_9)
    await runtime.tick()
    await bot.say("alice", "week 50 answer")
    clock.set(utc(2026, 12, 13, 18, 0))
    await runtime.tick()
    clock.set(utc(2026, 12, 14, 9, 0))
    await runtime.tick()  # W51 open: W49 is 2 weeks ago, W50 is 1 week ago

    latest = only_digest(await bot.command("bob", "digest latest"))
    assert latest.period == "2026-W50" and latest.entries[0].text == "week 50 answer"
    assert only_digest(await bot.command("bob", "digest")).period == "2026-W50"
    assert only_digest(await bot.command("bob", "digest 1")).period == "2026-W50"
    assert only_digest(await bot.command("bob", "digest 2 weeks ago")).period == "2026-W49"
    by_period = only_digest(await bot.command("bob", "digest 2026-W49"))
    assert by_period.period == "2026-W49" and by_period.entries[0].text == "week 49 answer"
    listing = only_reply(await bot.command("bob", "digest list")).text
    lines = listing.splitlines()
    assert lines[1].startswith("week of Dec 7, 2026 · ") and lines[1].endswith("· `digest 2026-W50`")
    assert lines[2].startswith("week of Nov 30, 2026 · ") and lines[2].endswith("· `digest 2026-W49`") and len(lines) == 3
    assert "still open" in text_of(await bot.command("bob", "digest 0"))
    assert "no round for that week (2026-W40)." in text_of(await bot.command("bob", "digest 2026-W40"))
    assert "can't read" in text_of(await bot.command("bob", "digest yesterday"))
    # Asking is private and never posts anything.
    assert len(digest_posts(bot)) == 2
    assert all(not isinstance(a, ShowDigest) or not a.public for a in bot.replies)


async def test_admin_close_and_open_commands(group_bot, store, clock):
    bot = group_bot
    assert "no open round" in text_of(await bot.command("admin", "close"))
    assert "Opened the round for the week of Nov 30" in text_of(await bot.command("admin", "open"))
    assert "already open" in text_of(await bot.command("admin", "open"))
    await bot.say("alice", "AI agents")
    assert "Closed the round for the week of Nov 30" in text_of(await bot.command("admin", "close"))
    assert len(digest_posts(bot)) == 1
    assert "has already closed" in text_of(await bot.command("admin", "open"))
    assert len(all_rounds(store)) == 1
    assert digest_posts(bot)[0].digest.notes == (), "an admin's early close is not late"


async def test_round_of_last_week_is_closed_when_the_next_opens(group_bot, runtime, store, clock):
    """A round whose close time was changed away still closes before the next one opens."""
    bot = group_bot
    await bot.command("admin", "open")
    clock.set(NEXT_MONDAY_9)
    store.db.execute("UPDATE rounds SET closes_at = '2027-01-01T00:00:00+00:00'")
    store.db.commit()
    await runtime.tick()
    assert [r.period for r in store.rounds.of_group(store.groups.all()[0].id) if r.is_open] == ["2026-W50"]
    assert len(digest_posts(bot)) == 1


async def test_an_admin_can_post_a_past_digest_to_the_channel(group_bot, runtime, clock):
    from bot.actions import ShowDigest
    from tests.core.helpers import run_week

    bot = group_bot
    await run_week(bot, runtime, clock, answers={"alice": "agents everywhere"})
    (private,) = await bot.command("alice", "digest latest")
    assert isinstance(private, ShowDigest) and not private.public
    refused = await bot.command("alice", "digest latest post")
    assert "Only admins" in refused[0].text
    (shared,) = await bot.command("admin", "digest 1 post")
    assert isinstance(shared, ShowDigest) and shared.public
    assert shared.digest.entries[0].text == "agents everywhere"
