"""The real discord.py against the loopback FakeDiscord: proves the fake is faithful enough to
build the Discord adapter's tests on."""

from __future__ import annotations

import asyncio
import io

import discord
import pytest
from discord import app_commands

from tests.fakes import discord_payloads as P
from tests.fakes.discord_patch import pointed_at
from tests.fakes.discord_server import FakeDiscord

ALICE = P.user(700000000000000001, "alice")
CALLBACK = "POST /interactions/{iid}/{token}/callback"


class CheckinModal(discord.ui.Modal, title="Weekly check-in"):
    answer = discord.ui.TextInput(label="How did the week go?", custom_id="hindsight:answer")

    def __init__(self, bot: "Bot") -> None:
        super().__init__(custom_id="hindsight:checkin-modal", timeout=None)
        self.bot = bot

    async def on_submit(self, interaction: discord.Interaction) -> None:
        self.bot.answers.append((interaction.user.id, self.answer.value))
        await interaction.response.send_message("Saved.", ephemeral=True)


class CheckinView(discord.ui.View):
    def __init__(self, bot: "Bot") -> None:
        super().__init__(timeout=None)
        self.bot = bot

    @discord.ui.button(label="Check in", custom_id="hindsight:checkin", style=discord.ButtonStyle.primary)
    async def checkin(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.send_modal(CheckinModal(self.bot))


class Bot(discord.Client):
    def __init__(self, guild_id: str) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(intents=intents, chunk_guilds_at_startup=False, guild_ready_timeout=0.1)
        self.guild = discord.Object(int(guild_id))
        self.tree = app_commands.CommandTree(self)
        self.seen: list[discord.Message] = []
        self.seen_event = asyncio.Event()
        self.answers: list[tuple[int, str]] = []
        group = app_commands.Group(name="hindsight", description="Weekly reflections")

        @group.command(name="status", description="Show this week's status")
        async def status(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("No reflection yet this week.", ephemeral=True)

        @group.command(name="report", description="Build this week's report")
        async def report(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await interaction.edit_original_response(content="Report ready.")
            await interaction.followup.send("3 of 4 founders reflected.", ephemeral=True)

        self.tree.add_command(group, guild=self.guild)

    async def setup_hook(self) -> None:
        self.add_view(CheckinView(self))

    async def on_message(self, message: discord.Message) -> None:
        self.seen.append(message)
        self.seen_event.set()


@pytest.fixture
async def fake():
    async with FakeDiscord() as fake:
        yield fake


@pytest.fixture
async def bot(fake):
    guild = fake.add_guild(name="Founders", channels=["general", "reflections"], members=[ALICE])
    with pointed_at(fake):
        client = Bot(guild["id"])
        await client.login("fake-token")
        task = asyncio.create_task(client.connect())
        try:
            await fake.wait_identified(timeout=5)
            await asyncio.wait_for(client.wait_until_ready(), 5)
            yield client
        finally:
            await client.close()
            await asyncio.wait_for(task, 5)


def ids(fake: FakeDiscord) -> tuple[str, str]:
    guild = next(iter(fake.guilds.values()))
    return guild["id"], fake.channel_named(guild["id"], "general")["id"]


async def test_ready_and_guild_sync(fake, bot):
    gid, cid = ids(fake)
    assert fake.identify_payloads[0]["intents"] & (1 << 15)
    assert fake.gateway_queries[0] == {"v": "10", "encoding": "json", "compress": "zlib-stream"}
    guild = bot.get_guild(int(gid))
    assert guild is not None and guild.name == "Founders"
    assert isinstance(guild.get_channel(int(cid)), discord.TextChannel)
    assert bot.user.id == int(fake.bot_id) and bot.application_id == int(fake.app_id)

    synced = await bot.tree.sync(guild=bot.guild)
    assert [c.name for c in synced] == ["hindsight"]
    [body] = fake.calls("PUT /applications/{app}/guilds/{guild}/commands", app=fake.app_id, guild=gid)
    assert body[0]["name"] == "hindsight" and body[0]["options"][0]["name"] == "status"
    again = await bot.tree.fetch_commands(guild=bot.guild)
    assert [c.id for c in again] == [c.id for c in synced]


async def test_slash_command_gets_ephemeral_reply(fake, bot):
    gid, cid = ids(fake)
    await bot.tree.sync(guild=bot.guild)
    inter = P.slash_interaction(fake.app_id, gid, cid, ALICE, options=[{"name": "status", "type": 1, "options": []}],
                                command_id=fake.command_id("hindsight", gid), command_guild_id=gid)
    await fake.dispatch("INTERACTION_CREATE", inter)
    body = await fake.wait_for(CALLBACK)
    assert body["type"] == 4 and body["data"]["flags"] == 64
    assert body["data"]["content"] == "No reflection yet this week."
    assert fake.callbacks[0]["interaction_id"] == inter["id"]
    assert fake.original_responses[inter["token"]]["flags"] & 64
    assert not fake.messages[cid]  # ephemeral replies are not channel messages


async def test_deferred_reply_edit_and_followup(fake, bot):
    gid, cid = ids(fake)
    await bot.tree.sync(guild=bot.guild)
    inter = P.slash_interaction(fake.app_id, gid, cid, ALICE, options=[{"name": "report", "type": 1}],
                                command_id=fake.command_id("hindsight", gid), command_guild_id=gid)
    await fake.dispatch("INTERACTION_CREATE", inter)
    followup = await fake.wait_for("POST /webhooks/{app}/{token}", app=fake.app_id, token=inter["token"])
    assert followup["content"] == "3 of 4 founders reflected." and followup["flags"] == 64
    assert [c["type"] for c in fake.callbacks] == [5]
    [edit] = fake.calls("PATCH /webhooks/{app}/{token}/messages/{mid}", token=inter["token"], mid="@original")
    assert edit["content"] == "Report ready."
    assert fake.original_responses[inter["token"]]["content"] == "Report ready."
    assert len(fake.followups[inter["token"]]) == 1


async def test_persistent_button_opens_modal_and_submit_is_handled(fake, bot):
    gid, cid = ids(fake)
    await bot.get_channel(int(cid)).send("Time for the weekly check-in", view=CheckinView(bot))
    posted = fake.messages[cid][-1]
    assert posted["components"][0]["components"][0]["custom_id"] == "hindsight:checkin"

    await fake.dispatch("INTERACTION_CREATE", P.component_interaction(
        "hindsight:checkin", posted, app_id=fake.app_id, guild_id=gid, user=ALICE))
    modal = (await fake.wait_for(CALLBACK))
    assert modal["type"] == 9 and modal["data"]["custom_id"] == "hindsight:checkin-modal"

    await fake.dispatch("INTERACTION_CREATE", P.modal_submit_interaction(
        "hindsight:checkin-modal", {"hindsight:answer": "Shipped the beta"}, app_id=fake.app_id, guild_id=gid,
        channel_id=cid, user=ALICE))
    saved = await fake.wait_for(CALLBACK, count=2)
    assert saved["type"] == 4 and saved["data"]["content"] == "Saved." and saved["data"]["flags"] == 64
    assert bot.answers == [(int(ALICE["id"]), "Shipped the beta")]


async def test_message_in_thread_reaches_on_message(fake, bot):
    gid, cid = ids(fake)
    root = await bot.get_channel(int(cid)).send("Week 12")
    cached = asyncio.ensure_future(bot.wait_for("thread_create", check=lambda t: t.id == root.id, timeout=5))
    thread = await root.create_thread(name="Week 12 reflections")
    assert thread.id == root.id and fake.channels[str(thread.id)]["type"] == 11
    await cached  # THREAD_CREATE reached discord.py's cache
    assert bot.get_channel(thread.id) is not None

    await fake.dispatch("MESSAGE_CREATE", P.message_create(str(thread.id), ALICE, "Good week", guild_id=gid))
    await asyncio.wait_for(bot.seen_event.wait(), 5)
    [msg] = bot.seen
    assert isinstance(msg.channel, discord.Thread) and msg.channel.parent_id == int(cid)
    assert msg.content == "Good week" and msg.author.id == int(ALICE["id"])


async def test_outgoing_messages_mentions_files_and_closed_dms(fake, bot):
    gid, cid = ids(fake)
    channel = bot.get_channel(int(cid))
    await channel.send("hello @everyone", allowed_mentions=discord.AllowedMentions.none())
    assert fake.last("POST /channels/{cid}/messages", cid=cid)["allowed_mentions"] == {"parse": []}

    sent = await channel.send("notes", file=discord.File(io.BytesIO(b"week 12 notes"), "notes.txt"))
    assert fake.uploads[-1].data == b"week 12 notes" and sent.attachments[0].filename == "notes.txt"
    edited = await sent.edit(content="notes (edited)")
    assert edited.content == "notes (edited)" and fake.messages[cid][-1]["content"] == "notes (edited)"
    await sent.delete()
    assert sent.id not in [int(m["id"]) for m in fake.messages[cid]]

    fake.closed_dms.add(ALICE["id"])
    dm = await bot.create_dm(discord.Object(int(ALICE["id"])))
    with pytest.raises(discord.Forbidden) as info:
        await dm.send("Your weekly reminder")
    assert info.value.code == 50007

    fake.fail_next("POST /channels/{cid}/messages", 403, {"message": "Missing Access", "code": 50001}, cid=cid)
    with pytest.raises(discord.Forbidden):
        await channel.send("nope")


async def test_reconnect_resumes_session(fake, bot):
    gid, cid = ids(fake)
    await fake.send_reconnect()
    await fake.wait_until(lambda: fake.resume_payloads and fake.connected, what="RESUME")
    assert fake.resume_payloads[0]["session_id"] == bot.ws.session_id
    await fake.dispatch("MESSAGE_CREATE", P.message_create(cid, ALICE, "still here", guild_id=gid))
    await asyncio.wait_for(bot.seen_event.wait(), 5)
    assert bot.seen[0].content == "still here"


async def test_bad_token_raises_login_failure(fake):
    fake.bad_token = True
    with pointed_at(fake):
        client = discord.Client(intents=discord.Intents.default())
        try:
            with pytest.raises(discord.LoginFailure):
                await client.login("wrong-token")
        finally:
            await client.close()


async def test_refused_privileged_intents(fake):
    fake.privileged_refused = True
    fake.add_guild(name="Founders")
    intents = discord.Intents.default()
    intents.message_content = True
    with pointed_at(fake):
        client = discord.Client(intents=intents, chunk_guilds_at_startup=False, guild_ready_timeout=0.1)
        try:
            await client.login("fake-token")
            with pytest.raises(discord.PrivilegedIntentsRequired):
                await asyncio.wait_for(client.connect(), 5)
        finally:
            await client.close()
    assert fake.identify_payloads and fake.connected == 0


@pytest.mark.parametrize("event, payload", [
    ("INTERACTION_CREATE", "member_without_flags"),
    ("INTERACTION_CREATE", "without_attachment_size_limit"),
    ("MESSAGE_UPDATE", "partial_update"),
])
async def test_what_discord_py_does_with_a_payload_it_cannot_parse(fake, event, payload):
    """The library's behaviour that adapters/discord/gateway.py guards against (discord.py 2.7.1):
    the parser's exception ends ``Client.connect`` while the socket stays open and the client is
    not closed, so nothing reconnects and Discord still sees the bot online."""
    guild = fake.add_guild(name="Founders", members=[ALICE])
    gid, cid = guild["id"], fake.channel_named(guild["id"], "general")["id"]
    with pointed_at(fake):
        client = discord.Client(intents=discord.Intents.default(), chunk_guilds_at_startup=False,
                                guild_ready_timeout=0.1)
        await client.login("fake-token")
        task = asyncio.create_task(client.connect())
        try:
            await asyncio.wait_for(client.wait_until_ready(), 5)
            if event == "INTERACTION_CREATE":
                inter = P.slash_interaction(fake.app_id, gid, cid, ALICE, options=[])
                path = "member.flags" if payload == "member_without_flags" else "attachment_size_limit"
                data = P.without(inter, path)
            else:
                data = P.embed_update(P.message(cid, ALICE, "hi", guild_id=gid), partial=True)
            await fake.dispatch(event, data)
            with pytest.raises(KeyError):
                await asyncio.wait_for(task, 5)
            assert not client.is_closed() and fake.connected == 1
        finally:
            await client.close()
            if not task.done():
                task.cancel()


def test_pointed_at_restores_originals():
    before = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    fake = FakeDiscord()
    fake.port = 1  # pretend it is started; nothing connects
    with pointed_at(fake):
        assert discord.http.Route.BASE == "http://127.0.0.1:1/api/v10"
    assert (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == before
