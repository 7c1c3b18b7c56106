"""Who sees what: history, sealed answers of the open round, anonymous groups."""
from __future__ import annotations

from tests.core.helpers import digest_posts, only_digest, only_reply, run_week, text_of


async def test_history_own_answers_include_the_open_round(group_bot, runtime, clock):
    bot = group_bot
    await run_week(bot, runtime, clock, {"alice": "W49 alice", "bob": "W49 bob"})
    await runtime.tick()  # W50 opens
    await bot.say("alice", "W50 alice, still open")
    mine = only_reply(await bot.command("alice", "history")).text
    lines = mine.splitlines()
    assert lines[0] == "Alice: 2 answers, newest first:"
    assert lines[1] == "week of Dec 7, 2026 (open) · W50 alice, still open"
    assert lines[2] == "week of Nov 30, 2026 · W49 alice"
    assert "bob" not in mine.lower()


async def test_history_of_others_shows_only_closed_rounds(group_bot, runtime, clock):
    bot = group_bot
    await run_week(bot, runtime, clock, {"alice": "W49 alice"})
    await runtime.tick()
    await bot.say("alice", "W50 alice sealed")
    for who in ("alice", "@alice", "<@alice>", "Alice"):
        theirs = only_reply(await bot.command("bob", f"history {who}")).text
        assert "W49 alice" in theirs, who
        assert "sealed" not in theirs, f"{who}: an open-round answer is sealed"
    assert "don't know a member 'nobody'" in text_of(await bot.command("bob", "history nobody"))


async def test_sealed_answers_never_leak_before_the_digest(group_bot, runtime, clock):
    bot = group_bot
    await runtime.tick()
    await bot.say("bob", "bob's sealed zeppelin take")
    for cmd in ("search zeppelin", "history bob", "digest latest", "digest 2026-W49", "digest 0", "digest list"):
        shown = text_of(await bot.command("alice", cmd))
        assert "sealed zeppelin take" not in shown, (cmd, shown)
    assert not digest_posts(bot)
    # After the close, everyone sees it.
    await bot.command("admin", "close")
    assert "bob's sealed zeppelin take" in text_of(await bot.command("alice", "search zeppelin"))
    assert "bob's sealed zeppelin take" in text_of(await bot.command("alice", "history bob"))
    assert only_digest(await bot.command("alice", "digest latest")).entries[0].text == "bob's sealed zeppelin take"


async def test_anonymous_group_hides_authors_and_refuses_others_history(group_bot, runtime, clock, store):
    bot = group_bot
    await bot.command("admin", "settings anonymous=yes")
    await run_week(bot, runtime, clock, {"alice": "anon one", "bob": "anon two"}, skips=("carol",))
    (post,) = digest_posts(bot)
    d = post.digest
    assert d.anonymous and all(e.author is None for e in d.entries)
    assert [e.text for e in d.entries] == ["anon one", "anon two"]
    assert "Alice" not in text_of(await bot.command("carol", "digest latest"))
    assert "Bob" not in text_of(await bot.command("carol", "search anon"))
    refused = only_reply(await bot.command("carol", "history alice")).text
    assert refused == "This group is anonymous, so you can only see your own history."
    assert "anon one" in only_reply(await bot.command("alice", "history alice")).text
    assert "anon one" in only_reply(await bot.command("alice", "history")).text
