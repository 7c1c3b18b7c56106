"""Discord and Slack in one process: one Runtime and one Scheduler, both adapters connected to
their fakes, one group with a channel on each. One round is posted to both, answers come from
both, and one digest with every answer goes to both."""
from __future__ import annotations

import re

import pytest

pytest.importorskip("adapters.slack")

from slack_sdk.web.async_client import AsyncWebClient  # noqa: E402

from adapters.discord import DiscordAdapter  # noqa: E402
from adapters.slack import SlackAdapter  # noqa: E402
from bot.clock import FakeClock  # noqa: E402
from bot.runtime import Runtime  # noqa: E402
from bot.scheduler import Scheduler  # noqa: E402
from bot.service import Hindsight  # noqa: E402
from storage.db import connect  # noqa: E402
from storage.store import Store  # noqa: E402
from tests.discord.harness import ADMIN, MANAGE, MEMBER, OTHER, START, TOKEN, World, assert_no_mentions  # noqa: E402
from tests.fakes.slack_server import FakeSlack, slash_command  # noqa: E402

SLACK_BOT, SLACK_APP, SECRET = "xoxb-1-both-test", "xapp-1-both-test", "8f742231b10e8888abcd99yyyzzz85a5"
SLACK_CHANNEL, SLACK_ADMIN, SLACK_ALICE = "C0GENERAL", "U0ADMIN01", "U0ALICE01"


class Slack:
    """Just enough of a Slack driver: a slash command, waited on until handled and flushed."""

    def __init__(self, fake: FakeSlack, adapter: SlackAdapter, runtime: Runtime) -> None:
        self.fake, self.adapter, self.runtime, self.n = fake, adapter, runtime, 0

    async def command(self, text: str, user: str) -> str:
        self.n += 1
        key, before = f"both{self.n}", self.adapter.handled
        env = await self.fake.send_envelope("slash_commands", slash_command(
            text, user_id=user, channel_id=SLACK_CHANNEL, response_url=self.fake.response_url(key)))
        await self.fake.wait_ack(env)
        await self.adapter.wait_handled(before + 1)
        await self.runtime.flush()
        return "\n".join(str(b) for b in self.fake.calls("response_url", key=key))


@pytest.fixture
async def slack_fake():
    async with FakeSlack() as fake:
        fake.users[SLACK_ADMIN] = {"is_admin": True, "name": "admin"}
        fake.users[SLACK_ALICE] = {"name": "alice"}
        yield fake


async def test_one_round_and_one_digest_on_both_platforms(fake, slack_fake, tmp_path):
    world = World(fake, tmp_path)
    db = connect(tmp_path / "both.db")
    service = Hindsight(Store(db), FakeClock(START))
    runtime = Runtime(service)
    discord = DiscordAdapter(TOKEN, world.gid, ready_timeout=5, client_options={"guild_ready_timeout": 0.1})
    slack = SlackAdapter(SLACK_BOT, app_token=SLACK_APP, signing_secret=SECRET, mode="socket", check_timeout=5,
                         client=AsyncWebClient(token=SLACK_BOT, base_url=slack_fake.base_url))
    runtime.add_adapter(discord)
    runtime.add_adapter(slack)
    scheduler = Scheduler(runtime)
    world.store, world.db, world.runtime, world.adapter = service.store, db, runtime, discord
    try:
        await runtime.start_adapters()
        await slack_fake.wait_connected()
        sl = Slack(slack_fake, slack, runtime)

        # the group starts on Discord, and a link code binds the Slack channel to it
        await world.reply(await world.slash(ADMIN, "setup", perms=MANAGE))
        link = await world.slash(ADMIN, "link", perms=MANAGE)
        code = re.search(r"hs-[a-z0-9]{8}", await world.reply_text(link)).group(0)
        await sl.command(f"setup {code}", SLACK_ADMIN)
        assert any("now part of the group" in str(p) for p in slack_fake.calls("chat.postMessage"))
        [group] = service.store.groups.all()
        assert {c.ref.platform for c in service.store.channels.of_group(group.id)} == {"discord", "slack"}

        # one scheduler: its first tick opens the round and posts it to both channels
        await scheduler.start()
        await runtime.flush()
        post = await world.prompt_post()
        rnd = service.store.rounds.find_open(group.id)
        slack_prompts = [p for p in slack_fake.calls("chat.postMessage") if p.get("channel") == SLACK_CHANNEL
                         and f"hs:answer:{rnd.id}" in str(p.get("blocks"))]
        assert len(slack_prompts) == 1 and len(world.prompt_messages(world.cid)) == 1
        assert [r["status"] for r in service.store.posts.of_round(rnd.id)] == ["posted", "posted"]

        # answers from both platforms
        click = await world.click(f"hs:answer:{rnd.id}", post, MEMBER)
        assert (await world.callback(click))["type"] == 9
        sub = await world.submit(f"hs-form:answer:{rnd.id}", {"answer": "Discord form: the next hype is agents"},
                                 MEMBER)
        assert "Saved" in await world.reply_text(sub)
        await world.thread_message(post["id"], OTHER, "Discord thread: 베어마켓에서도 돈을 번다")
        await world.until(lambda: len(world.answers()) == 2, what="discord thread answer")
        assert "Saved" in await sl.command("answer Slack command: open models catch up", SLACK_ALICE)
        sources = sorted((r["source"], r["text"].split(":")[0]) for r in world.answers())
        assert sources == [("command", "Slack command"), ("form", "Discord form"), ("thread", "Discord thread")]

        # one digest, with every answer, to both channels
        await sl.command("close", SLACK_ADMIN)
        await world.until(lambda: world.pending_posts() == 0, what="digests delivered")
        digests = [r for r in service.store.posts.of_round(rnd.id) if r["kind"] == "digest"]
        assert [r["status"] for r in digests] == ["posted", "posted"]
        discord_digest = [m for m in fake.messages[world.cid] if m["embeds"] and not m["components"]]
        assert len(discord_digest) == 1
        text = "\n".join(e.get("description") or "" for e in discord_digest[0]["embeds"])
        slack_digest = [p for p in slack_fake.calls("chat.postMessage") if p.get("channel") == SLACK_CHANNEL
                        and "Hindsight digest" in str(p.get("blocks"))]
        assert len(slack_digest) == 1
        for answer in ("the next hype is agents", "베어마켓에서도 돈을 번다", "open models catch up"):
            assert answer in text and answer in str(slack_digest[0]["blocks"])
        assert "3 of 3" in text
        assert_no_mentions(fake)
    finally:
        scheduler.stop()
        await runtime.stop()
        db.close()
        world.db = world.runtime = world.adapter = None
