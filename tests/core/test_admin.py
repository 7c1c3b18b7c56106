"""Admin rights, setup and link codes, pause and resume."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot.actions import DigestPost, OpenForm, Upload
from tests.core.helpers import all_channels, all_rounds, count, only_reply, prompt_posts, text_of, utc


def snapshot(store) -> tuple:
    """Everything an admin command could change."""
    q = lambda sql: store.db.execute(sql).fetchall()  # noqa: E731
    return (q("SELECT * FROM groups"), q("SELECT * FROM rounds"), q("SELECT * FROM link_codes"),
            q("SELECT * FROM group_admins"), q("SELECT * FROM posts"), q("SELECT * FROM prompts_off"))


@pytest.mark.parametrize("command", [
    "link", "open", "close", "pause", "resume", "export", "export csv", "settings limit=900",
    "settings timezone=Asia/Seoul language=ko", "settings admin add alice", "prompts add mine",
    "prompts remove 1",
])
async def test_non_admin_is_refused_and_nothing_changes(group_bot, store, runtime, command):
    bot = group_bot
    await runtime.tick()  # a round is open, so close/open have something to act on
    if command == "resume":
        await bot.command("admin", "pause")
    before = snapshot(store)
    posts = len(bot.posts)
    actions = await bot.command("alice", command)
    reply = only_reply(actions)
    name = command.split()[0]
    assert reply.text == (f"Only admins of this group can use '{name}'. Ask an admin, or a workspace/server "
                          "admin.")
    assert not any(isinstance(a, (Upload, OpenForm)) for a in actions)
    assert snapshot(store) == before
    assert len(bot.posts) == posts


async def test_non_admin_buttons_and_forms_are_refused(group_bot, store):
    bot = group_bot
    group = store.groups.all()[0]
    before = snapshot(store)
    assert "Only admins" in text_of(await bot.click("alice", f"hs:open:{group.id}"))
    assert "Only admins" in text_of(await bot.click("alice", f"hs:settings:{group.id}"))
    refused = await bot.submit("alice", f"settings:{group.id}", {"timezone": "Asia/Seoul", "limit": "900"})
    assert "Only admins" in text_of(refused)
    assert snapshot(store) == before
    # Anyone may read the settings; only admins get the form.
    shown = only_reply(await bot.command("alice", "settings")).text
    assert "Timezone: UTC" in shown and "Admins: Admin" in shown
    (form,) = await bot.command("admin", "settings")
    assert isinstance(form, OpenForm) and form.form.id == f"settings:{group.id}"


async def test_admin_list_grants_rights(group_bot, store):
    bot = group_bot
    # A bare name of someone the group has never seen makes nobody a member, let alone an admin.
    assert "don't know a member 'bob'" in text_of(await bot.command("admin", "settings admin add @bob"))
    saved = text_of(await bot.command("admin", "settings admin add <@bob>"))  # a mention names a platform id
    assert "Admins: Admin, bob" in saved
    assert "Opened the round" in text_of(await bot.command("bob", "open"))
    assert "Closed the round" in text_of(await bot.command("bob", "close"))
    await bot.command("admin", "settings admin remove bob")
    assert "Only admins" in text_of(await bot.command("bob", "pause"))
    assert "don't know a member 'ghost'" in text_of(await bot.command("admin", "settings admin remove ghost"))


async def test_setup_needs_a_platform_admin(bot, store):
    assert "Only a workspace or server admin" in text_of(await bot.command("alice", "setup"))
    assert len(store.groups.all()) == 0
    assert "not set up" in text_of(await bot.command("alice", "answer hello"))
    assert "not set up" in text_of(await bot.command("alice", "digest"))
    assert "Hindsight asks the group" in text_of(await bot.command("alice", "help"))
    await bot.command("admin", "setup Founders Club!")
    assert store.groups.all()[0].name == "Founders Club!"  # the name as typed (issue 15)
    assert "already belongs to the group 'Founders Club!'" in text_of(await bot.command("admin", "setup"))


async def test_link_code_binds_a_second_channel_once(group_bot, store, clock):
    bot = group_bot
    code_text = only_reply(await bot.command("admin", "link")).text
    code = next(w for w in code_text.split() if w.startswith("hs-"))
    assert len(code) == 11
    wrong = "hs-" + ("a" if code[3] != "a" else "b") + code[4:]
    assert "unknown, used or expired" in text_of(await bot.command("alice", f"setup {wrong}", channel="c2"))
    linked = only_reply(await bot.command("alice", f"setup {code.upper()}", channel="c2"))
    assert linked.public and "part of the group 'memory-c1'" in linked.text
    assert len(store.groups.all()) == 1
    assert len(store.channels.of_group(1)) == 2
    # One-time.
    assert "unknown, used or expired" in text_of(await bot.command("admin", f"setup {code}", channel="c3"))
    assert store.channels.by_ref(bot.origin("admin", "c3").channel) is None
    # Both channels share the round: one round, one prompt per channel.
    await bot.command("admin", "open")
    assert sorted(p.channel.channel_id for p in prompt_posts(bot)) == ["c1", "c2"]
    assert len(all_rounds(store)) == 1
    # An answer in either channel lands in the same round.
    await bot.command("bob", "answer from c2", channel="c2")
    assert "Closed" in text_of(await bot.command("admin", "close"))
    digests = [p for p in bot.posts if isinstance(p, DigestPost)]
    assert sorted(p.channel.channel_id for p in digests) == ["c1", "c2"]
    assert digests[0].digest.entries[0].text == "from c2"


async def test_link_code_expires_after_24_hours(group_bot, store, clock):
    bot = group_bot
    codes = []
    for _ in range(2):
        text = only_reply(await bot.command("admin", "link")).text
        codes.append(next(w for w in text.split() if w.startswith("hs-")))
    clock.advance(hours=23, minutes=59)
    assert "part of the group" in text_of(await bot.command("admin", f"setup {codes[0]}", channel="c2"))
    clock.advance(minutes=1)
    assert "unknown, used or expired" in text_of(await bot.command("admin", f"setup {codes[1]}", channel="c3"))
    assert len(all_channels(store)) == 2


async def test_pause_stops_prompts_and_reminders_and_resume_restarts(group_bot, runtime, store, clock):
    bot = group_bot
    await runtime.tick()  # W49 open
    assert "Paused 'memory-c1'" in text_of(await bot.command("admin", "pause"))
    assert store.groups.all()[0].paused
    clock.set(utc(2026, 12, 4, 18, 0))
    await runtime.tick()
    assert bot.dms == [], "no reminders while paused"
    clock.set(utc(2026, 12, 7, 9, 0))
    await runtime.tick()
    assert len(prompt_posts(bot)) == 1, "no prompt while paused"
    assert store.rounds.for_period(1, "2026-W50") is None
    clock.advance(hours=1)
    assert "Resumed" in text_of(await bot.command("admin", "resume"))
    await runtime.tick()
    assert [p.card.period for p in prompt_posts(bot)] == ["2026-W49", "2026-W50"]
    clock.set(utc(2026, 12, 11, 18, 0))
    await runtime.tick()
    assert [dm.member.user_id for dm in bot.dms] == ["admin"], "reminders are back"


async def test_resume_long_after_the_prompt_waits_for_the_next_period(group_bot, runtime, store, clock):
    bot = group_bot
    await bot.command("admin", "pause")
    clock.advance(days=2)
    await bot.command("admin", "resume")
    await runtime.tick()
    assert prompt_posts(bot) == []
    clock.set(utc(2026, 12, 7, 9, 0) + timedelta(seconds=30))
    await runtime.tick()
    assert [p.card.period for p in prompt_posts(bot)] == ["2026-W50"]
