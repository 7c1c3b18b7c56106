"""Every adapter renders every outbound action type it is given, or says it cannot.

For each adapter and each type in ``bot.actions.ACTION_TYPES``, the action is either rendered
(Slack and Discord through their real libraries against the loopback fakes; the console and
the memory adapter by a direct call) or the adapter raises UnsupportedAction. A type the core
does not have raises UnsupportedAction everywhere.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.console import ConsoleAdapter
from adapters.discord.rendering import RENDERERS as DISCORD_RENDERERS, Outbox, render as discord_render
from adapters.memory import MemoryAdapter
from adapters.slack.outbound import Poster, Where
from bot.actions import (ACTION_TYPES, AnswerStatus, Button, DigestPost, DirectMessage, ForecastLine, Form, FormField,
                         HomeView, OpenForm, PostResult, PromptCard, PromptPost, Reply, ResolutionPost, RevisitCard,
                         RevisitPost, ShowDigest, UnsupportedAction, Upload)
from bot.digest import Digest, DigestEntry
from bot.domain import ChannelRef, MemberRef
from bot.ids import AnswerButton, AnswerForm, HistoryButton, ResolveButton, ScoreButton, encode
from tests.fakes.discord_patch import pointed_at
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.slack_server import FakeSlack


@dataclass(frozen=True)
class Fanfare:
    """An action type the core does not have."""

    text: str = "ta-da"


def samples(platform: str, workspace: str, channel: str, user: str) -> dict[type, object]:
    """One action of every type, addressed on ``platform``."""
    where = ChannelRef(platform, workspace, channel)
    card = PromptCard(12, "2026-W49", "scale", "This week's prompt · 2026-W49", "How bear-market proof are you?",
                      "Closes Sun 18:00", "1 to 5", (Button(encode(AnswerButton(12)), "Answer", "primary"),
                                                     Button(encode(ScoreButton(12, 4)), "4")))
    digest = Digest(12, "founders", "2026-W49", "Hindsight digest · 2026-W49", "How bear-market proof are you?",
                    "1 of 1 answered", entries=(DigestEntry("Ada", "GPU scarcity decides everything", 4),))
    form = Form(encode(AnswerForm(12)), "Your answer", "Save", (FormField("answer", "Answer", multiline=True),))
    revisit = RevisitCard(12, "2026-W49", "prediction", "Hindsight · 2026-W49 fell due",
                          "Will a frontier API cost under $1 per million tokens by 2027-06-30?", "Asked 2026-12-01",
                          (ForecastLine("Ada", "cheaper every quarter", 70), ForecastLine(None, "", 20)),
                          "Median 45%", "Admins resolve it below.",
                          tuple(Button(encode(ResolveButton(12, o)), o.title()) for o in ("yes", "no", "ambiguous")))
    out: dict[type, object] = {
        PromptPost: PromptPost(1, where, card),
        DigestPost: DigestPost(2, where, digest),
        RevisitPost: RevisitPost(3, where, revisit),
        ResolutionPost: ResolutionPost(4, where, None, "Resolved: yes. Ada 0.09, median 0.36"),
        DirectMessage: DirectMessage(MemberRef(platform, workspace, user, "Ada"), "A reminder", (), where),
        Reply: Reply("Saved.", status=AnswerStatus.SAVED),
        ShowDigest: ShowDigest(digest),
        OpenForm: OpenForm(form),
        Upload: Upload("export.json", b"{}", "Your export"),
        HomeView: HomeView(MemberRef(platform, workspace, user, "Ada"),
                           (("Hindsight · founders", ()), ("Your open forecasts", ("• 2026-W49 · 70%",))),
                           (Button(encode(HistoryButton()), "My history"),), where),
    }
    assert set(out) == set(ACTION_TYPES), "a new action type needs a sample here"
    return out


OUTBOX_POSTS = (PromptPost, DigestPost, RevisitPost, ResolutionPost)  # each returns a PostResult


def test_every_sample_is_an_action_type():
    assert set(samples("memory", "w1", "c1", "u1")) == set(ACTION_TYPES)


# console and memory: direct calls ------------------------------------------------------------
@pytest.mark.parametrize("kind", ACTION_TYPES, ids=lambda t: t.__name__)
async def test_console_renders_every_type(kind, tmp_path):
    out = io.StringIO()
    console = ConsoleAdapter("ada", stdout=out, out_dir=tmp_path)
    action = samples("console", "local", "console", "ada")[kind]
    if kind is HomeView:  # the console has no home tab: it says so
        with pytest.raises(UnsupportedAction, match="HomeView"):
            console.render(action)
        return
    result = console.render(action)
    assert out.getvalue().strip(), f"{kind.__name__} printed nothing"
    if kind in OUTBOX_POSTS:
        assert isinstance(result, PostResult) and result.message_id
    if kind is Upload:
        assert (tmp_path / "export.json").read_bytes() == b"{}"
    shown = out.getvalue()
    await console.send(action)  # send goes through the same table
    assert out.getvalue().startswith(shown) and len(out.getvalue()) > len(shown)


@pytest.mark.parametrize("kind", ACTION_TYPES, ids=lambda t: t.__name__)
async def test_memory_renders_every_type(kind):
    memory = MemoryAdapter()
    action = samples("memory", "w1", "c1", "u1")[kind]
    result = await memory.send(action)
    where = {**{k: memory.posts for k in OUTBOX_POSTS}, DirectMessage: memory.dms}.get(kind, memory.replies)
    assert where == [action]
    assert (result is not None) == (kind in OUTBOX_POSTS)


async def test_console_and_memory_show_a_revisit_and_thread_its_resolution(tmp_path):
    out = io.StringIO()
    console = ConsoleAdapter("ada", stdout=out, out_dir=tmp_path)
    actions = samples("console", "local", "console", "ada")
    posted = await console.send(actions[RevisitPost])
    assert posted.thread_id == posted.message_id
    lines = out.getvalue().splitlines()
    assert "Ada: 70% — cheaper every quarter" in lines and "• 20%" in lines and "Median 45%" in lines
    assert "Yes | No | Ambiguous  (/hindsight resolve 2026-W49 yes|no|ambiguous)" in lines
    await console.send(actions[ResolutionPost])
    assert out.getvalue().splitlines()[-1] == "Resolved: yes. Ada 0.09, median 0.36"

    memory = MemoryAdapter()
    revisit = await memory.send(samples("memory", "w1", "c1", "u1")[RevisitPost])
    assert revisit.thread_id == revisit.message_id
    resolution = ResolutionPost(5, ChannelRef("memory", "w1", "c1"), revisit.thread_id, "Resolved")
    assert (await memory.send(resolution)).thread_id == revisit.thread_id
    assert memory.posts[-1] is resolution


async def test_console_and_memory_refuse_an_unknown_type(tmp_path):
    console = ConsoleAdapter("ada", stdout=io.StringIO(), out_dir=tmp_path)
    memory = MemoryAdapter()
    with pytest.raises(UnsupportedAction, match="Fanfare"):
        console.render(Fanfare())
    with pytest.raises(UnsupportedAction, match="Fanfare"):
        await console.send(Fanfare())
    with pytest.raises(UnsupportedAction, match="Fanfare"):
        memory.render(Fanfare())
    with pytest.raises(UnsupportedAction, match="Fanfare"):
        await memory.send(Fanfare())


# Slack: slack_sdk against FakeSlack --------------------------------------------------------
SLACK_CHANNEL, ALICE = "C0GENERAL", "U0ALICE01"
SLACK_CALLS = {PromptPost: "chat.postMessage", DigestPost: "chat.postMessage", RevisitPost: "chat.postMessage",
               ResolutionPost: "chat.postMessage", DirectMessage: "chat.postMessage",
               Reply: "chat.postEphemeral", ShowDigest: "chat.postEphemeral", OpenForm: "views.open",
               Upload: "files.completeUploadExternal", HomeView: "views.publish"}


@pytest.fixture
async def slack_fake():
    async with FakeSlack() as fake:
        yield fake


def slack_poster(fake: FakeSlack) -> Poster:
    return Poster(AsyncWebClient(token="xoxb-1-render-test", base_url=fake.base_url))


@pytest.mark.parametrize("kind", ACTION_TYPES, ids=lambda t: t.__name__)
async def test_slack_renders_every_type_for_the_person_who_acted(kind, slack_fake):
    poster = slack_poster(slack_fake)
    action = samples("slack", slack_fake.team_id, SLACK_CHANNEL, ALICE)[kind]
    where = Where(slack_fake.team_id, SLACK_CHANNEL, ALICE, trigger_id="1337.42.trigger")
    await poster.render([action], where)
    calls = slack_fake.calls(SLACK_CALLS[kind])
    assert calls, f"{kind.__name__} made no {SLACK_CALLS[kind]} call"
    if kind is DirectMessage:
        assert calls[-1]["channel"] == ALICE
    elif kind in (Reply, ShowDigest):
        assert calls[-1]["user"] == ALICE and calls[-1]["channel"] == SLACK_CHANNEL
    elif kind is HomeView:
        assert calls[-1]["user_id"] == ALICE and calls[-1]["view"]["type"] == "home"


@pytest.mark.parametrize("kind", ACTION_TYPES, ids=lambda t: t.__name__)
async def test_slack_send_posts_or_refuses_what_needs_a_person(kind, slack_fake):
    poster = slack_poster(slack_fake)
    action = samples("slack", slack_fake.team_id, SLACK_CHANNEL, ALICE)[kind]
    if kind in (*OUTBOX_POSTS, DirectMessage):
        result = await poster.send(action)
        assert (result is not None) == (kind is not DirectMessage)
        assert slack_fake.calls("chat.postMessage")
    elif kind is HomeView:  # it names its member, so it needs nobody who acted
        assert await poster.send(action) is None
        assert slack_fake.homes[ALICE]["type"] == "home"
    else:
        with pytest.raises(UnsupportedAction, match=kind.__name__):
            await poster.send(action)
        assert not slack_fake.requests, "nothing is sent for an action with no one to show it to"


async def test_slack_refuses_an_unknown_type(slack_fake):
    poster = slack_poster(slack_fake)
    with pytest.raises(UnsupportedAction, match="Fanfare"):
        await poster.send(Fanfare())
    with pytest.raises(UnsupportedAction, match="Fanfare"):
        await poster.render([Fanfare()], Where(slack_fake.team_id, SLACK_CHANNEL, ALICE))


# Discord: discord.py against FakeDiscord ---------------------------------------------------
@pytest.fixture
async def discord_world(tmp_path):
    from tests.discord.harness import World

    async with FakeDiscord() as fake:
        with pointed_at(fake):
            world = World(fake, tmp_path)
            await world.start_bot()
            try:
                yield world
            finally:
                await world.stop_bot()


@pytest.mark.parametrize("kind", ACTION_TYPES, ids=lambda t: t.__name__)
async def test_discord_renders_every_type_in_answer_to_an_interaction(kind, discord_world):
    from tests.discord.harness import ADMIN

    w = discord_world
    action = samples("discord", w.gid, w.cid, ADMIN["id"])[kind]

    async def the_action(event):
        return [action]

    if kind is HomeView:  # Discord has no home tab: the one table says so
        with pytest.raises(UnsupportedAction, match="HomeView"):
            await discord_render(action, Outbox(w.adapter.client))
        return
    w.runtime.handle = the_action  # the inbox hands the adapter exactly this action
    before = w.adapter.inbound.handled
    inter = await w.slash(ADMIN, "help")
    await w.adapter.inbound.wait_handled(before + 1)
    callback = await w.callback(inter)
    if kind is OpenForm:
        assert callback["type"] == 9 and callback["data"]["title"] == "Your answer"
        return
    assert callback["type"] == 5, "deferred, then the message"
    if kind in (Reply, ShowDigest, Upload):
        (shown,) = await w.reply(inter)
        assert shown.get("content") or shown.get("embeds") or shown.get("attachments")
    else:  # an outbox post or a DM handed back by the core is sent as such
        await w.fake.wait_until(lambda: any(w.fake.messages.values()), what=f"{kind.__name__} sent")


@pytest.mark.parametrize("kind", ACTION_TYPES, ids=lambda t: t.__name__)
async def test_discord_send_posts_or_refuses_what_needs_a_person(kind, discord_world):
    from tests.discord.harness import ADMIN

    w = discord_world
    action = samples("discord", w.gid, w.cid, ADMIN["id"])[kind]
    if kind in (*OUTBOX_POSTS, DirectMessage):
        result = await w.adapter.send(action)
        assert (result is not None) == (kind is not DirectMessage)
        assert any(w.fake.messages.values())
    else:
        with pytest.raises(UnsupportedAction, match=kind.__name__):
            await w.adapter.send(action)


async def test_discord_refuses_an_unknown_type(discord_world):
    assert set(DISCORD_RENDERERS) == set(ACTION_TYPES)
    with pytest.raises(UnsupportedAction, match="Fanfare"):
        await discord_world.adapter.send(Fanfare())
    with pytest.raises(UnsupportedAction, match="Fanfare"):
        await discord_render(Fanfare(), Outbox(discord_world.adapter.client))
