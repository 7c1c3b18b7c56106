"""Restarts: the commands are synced only when they changed, and buttons on a post made before
a restart still work after it (a new client over the same database)."""
from __future__ import annotations

from tests.discord.harness import ADMIN, EPHEMERAL, MANAGE, MEMBER, assert_no_mentions


def command_puts(world) -> list:
    return world.fake.calls("PUT /applications/{app}/guilds/{guild}/commands", app=world.fake.app_id, guild=world.gid)


async def test_commands_are_synced_only_when_changed(world):
    await world.start_bot()
    assert world.adapter.commands_synced is True and len(command_puts(world)) == 1
    await world.stop_bot()

    await world.start_bot()
    assert world.adapter.commands_synced is False
    assert len(command_puts(world)) == 1  # no second PUT
    gets = world.fake.calls("GET /applications/{app}/guilds/{guild}/commands", app=world.fake.app_id, guild=world.gid)
    assert len(gets) == 2


async def test_commands_resync_when_discord_has_other_ones(world):
    await world.start_bot()
    await world.stop_bot()
    world.fake.commands[world.gid][0]["description"] = "an older description"
    await world.start_bot()
    assert world.adapter.commands_synced is True and len(command_puts(world)) == 2


async def test_global_sync_without_a_guild_id(fake, tmp_path):
    from tests.discord.harness import World

    world = World(fake, tmp_path, guild_scoped=False)
    try:
        await world.start_bot()
        [body] = fake.calls("PUT /applications/{app}/commands", app=fake.app_id)
        assert body[0]["name"] == "hindsight"
        inter = await world.slash(MEMBER, "help")
        assert "Hindsight asks the group" in await world.reply_text(inter)
    finally:
        await world.stop_bot()


async def test_buttons_of_an_old_post_work_after_a_restart(world):
    await world.start_bot()
    await world.slash(ADMIN, "setup", perms=MANAGE)
    await world.until(lambda: world.store.groups.all(), what="group")
    await world.reply(await world.slash(ADMIN, "open", perms=MANAGE))
    post = await world.prompt_post()
    round_id = world.store.rounds.find_open(world.store.groups.all()[0].id).id
    await world.stop_bot()

    await world.start_bot()  # a new client and a new core over the same file
    assert len(world.fake.identify_payloads) == 2
    skip = await world.click(f"hs:skip:{round_id}", post, MEMBER)
    assert (await world.callback(skip))["data"]["flags"] == EPHEMERAL
    assert "Skipped" in await world.reply_text(skip)
    assert world.db.execute("SELECT count(*) FROM skips WHERE round_id = ?", (round_id,)).fetchone()[0] == 1

    answer = await world.click(f"hs:answer:{round_id}", post, MEMBER)
    modal = await world.callback(answer)
    assert modal["type"] == 9
    # a form opened before a restart is still stored when submitted after it
    await world.stop_bot()
    await world.start_bot()
    sub = await world.submit(f"hs-form:answer:{round_id}", {"answer": "Written before the restart."}, MEMBER)
    assert "Saved your answer" in await world.reply_text(sub)
    assert [a["text"] for a in world.answers()] == ["Written before the restart."]
    assert_no_mentions(world.fake)


async def test_thread_replies_after_a_restart(world):
    await world.start_bot()
    await world.slash(ADMIN, "setup", perms=MANAGE)
    await world.until(lambda: world.store.groups.all(), what="group")
    await world.reply(await world.slash(ADMIN, "open", perms=MANAGE))
    post = await world.prompt_post()
    await world.stop_bot()
    await world.start_bot()
    await world.thread_message(post["id"], MEMBER, "A reply to a thread made before the restart")
    await world.until(lambda: world.answers(), what="thread answer")
    assert world.answers()[0]["source"] == "thread"
