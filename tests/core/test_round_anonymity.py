"""Anonymity is fixed per round when the round opens (issue 8, items 2 and 17).

An answer given in an anonymous round never shows its author later: not after
``settings anonymous=no``, not in digests, search, history or exports. Turning anonymity on
applies to the open round at once; turning it off applies from the next round.
"""
from __future__ import annotations

import csv
import io
import json

from bot.actions import Upload
from tests.core.helpers import digest_posts, only_digest, only_reply, run_week, text_of

NAMES = ("Alice", "Bob")


def upload(actions) -> Upload:
    (up,) = actions
    assert isinstance(up, Upload)
    return up


async def anonymous_week_then_open_group(bot, runtime, clock):
    """W49 is anonymous (alice and bob answer); then the admin turns anonymity off."""
    await bot.command("admin", "settings anonymous=yes")
    await run_week(bot, runtime, clock, {"bob": "zeppelin take from bob", "alice": "zeppelin take from alice"})
    saved = text_of(await bot.command("admin", "settings anonymous=no"))
    assert "Anonymous: no" in saved


async def test_turning_anonymity_off_later_reveals_no_author(group_bot, runtime, clock, store):
    bot = group_bot
    await anonymous_week_then_open_group(bot, runtime, clock)
    (post,) = digest_posts(bot)
    assert post.digest.anonymous and all(e.author is None for e in post.digest.entries)
    d = only_digest(await bot.command("carol", "digest latest"))
    assert d.anonymous and [e.author for e in d.entries] == [None, None]
    shown = text_of(await bot.command("carol", "digest 2026-W49"))
    assert "zeppelin take from alice" in shown and not any(n in shown for n in NAMES)
    found = only_reply(await bot.command("carol", "search zeppelin")).text
    assert "zeppelin take from bob" in found and not any(f"{n}:" in found for n in NAMES)
    # Another member's history does not list their anonymous-round answers.
    theirs = text_of(await bot.command("carol", "history alice"))
    assert "zeppelin" not in theirs
    # Their own history and my-data still have them.
    assert "zeppelin take from alice" in text_of(await bot.command("alice", "history"))
    mine = json.loads(upload(await bot.command("alice", "my-data")).content)
    assert [a["text"] for a in mine["answers"]] == ["zeppelin take from alice"]


async def test_anonymous_rounds_in_exports_carry_no_author_platform_or_time(group_bot, runtime, clock, store):
    bot = group_bot
    await anonymous_week_then_open_group(bot, runtime, clock)
    await run_week(bot, runtime, clock, {"alice": "W50 open answer"})  # W50 opened with anonymity off
    data = json.loads(upload(await bot.command("admin", "export json")).content)
    r49, r50 = data["groups"][0]["rounds"]
    assert r49["period"] == "2026-W49" and r49["skipped"] == []
    # Sorted by text, not by the order of answering (bob answered first).
    assert [a["text"] for a in r49["answers"]] == ["zeppelin take from alice", "zeppelin take from bob"]
    for a in r49["answers"]:
        assert a["member"] is None and a["platform"] is None and a["source"] is None
        assert a["created_at"] is None and a["updated_at"] is None
    assert r49["opened_at"] and r49["closed_at"], "the round's own times stay"
    (a50,) = r50["answers"]
    assert a50["member"] == "Alice" and a50["platform"] == "memory" and a50["created_at"]

    rows = list(csv.DictReader(io.StringIO(upload(await bot.command("admin", "export csv")).content.decode())))
    anon = [r for r in rows if r["period"] == "2026-W49"]
    assert len(anon) == 2
    for r in anon:
        assert (r["member"], r["platform"], r["created_at"], r["updated_at"], r["source"]) == ("", "", "", "", "")
    (named,) = [r for r in rows if r["period"] == "2026-W50"]
    assert named["member"] == "Alice" and named["platform"] == "memory"

    md = upload(await bot.command("admin", "export md")).content.decode()
    assert "zeppelin take from bob" in md and "Bob" not in md
    assert "Alice: W50 open answer" in md


async def test_turning_anonymity_on_hides_the_open_round_at_once(group_bot, runtime, clock, store):
    bot = group_bot
    await runtime.tick()  # W49 opens, not anonymous
    await bot.say("alice", "said before it went anonymous")
    await bot.command("admin", "settings anonymous=yes")
    assert store.rounds.find_open(1).anonymous
    await bot.command("admin", "close")
    d = only_digest(await bot.command("bob", "digest latest"))
    assert d.anonymous and d.entries[0].author is None


async def test_turning_anonymity_off_applies_from_the_next_round(group_bot, runtime, clock, store):
    bot = group_bot
    await bot.command("admin", "settings anonymous=yes")
    await runtime.tick()  # W49 opens anonymous
    await bot.command("admin", "settings anonymous=no")
    assert store.rounds.find_open(1).anonymous, "the open round keeps the anonymity it opened with"
    await bot.say("alice", "still anonymous")
    clock.advance(days=6, hours=9)
    await runtime.tick()  # W49 closes
    assert digest_posts(bot)[0].digest.entries[0].author is None
    clock.advance(hours=15)
    await runtime.tick()  # W50 opens, named
    await bot.say("alice", "named now")
    await bot.command("admin", "close")
    assert only_digest(await bot.command("bob", "digest latest")).entries[0].author == "Alice"


async def test_anonymity_set_outside_a_command_reaches_the_open_round(group_bot, runtime, store):
    """The config file sets group fields at start; the next tick marks the open round."""
    bot = group_bot
    await runtime.tick()
    await bot.say("alice", "answer")
    store.groups.update(1, anonymous=1)
    assert not store.rounds.find_open(1).anonymous
    await runtime.tick()
    assert store.rounds.find_open(1).anonymous
