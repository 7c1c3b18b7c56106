"""Revisits, resolutions, probability buttons and fields, grade buttons by DM and the new
subcommands on Discord, through the real discord.py against FakeDiscord. The core cannot make
revisits yet here: the actions are built directly and handed to ``adapter.send``."""
from __future__ import annotations

import discord

from adapters.discord.commands import SUBCOMMANDS as DISCORD_SUBCOMMANDS
from adapters.discord.render import DESCRIPTION_LIMIT, EMBEDS_PER_MESSAGE, EMBEDS_TOTAL_LIMIT, embeds_size
from bot import catalog
from bot.actions import (Button, DirectMessage, ForecastLine, Form, FormField, OpenForm, PromptCard, PromptPost,
                         ResolutionPost, RevisitCard, RevisitPost)
from bot.commands import SUBCOMMANDS
from bot.domain import ChannelRef, MemberRef
from bot.events import ButtonClicked, FormSubmitted
from bot.ids import AnswerButton, AnswerForm, GradeButton, ProbabilityButton, ResolveButton, SkipButton, encode
from tests.discord.harness import ADMIN, MEMBER, assert_no_mentions
from tests.fakes import discord_payloads as P

QUESTION = "Will a frontier model API cost under $1 per million output tokens by 2027-06-30?"
RESOLVE = tuple(Button(encode(ResolveButton(12, o)), o.title()) for o in ("yes", "no", "ambiguous"))
ENTRIES = (ForecastLine("alice", "prices fall every quarter", 70), ForecastLine("bob_*x*", "", 20),
           ForecastLine(None, "@everyone ship it <@710000000000000002>", 50))


def card(entries=ENTRIES, buttons=RESOLVE, kind="prediction", empty="") -> RevisitCard:
    return RevisitCard(12, "2026-W02", kind, "Hindsight · 2026-W02 fell due", QUESTION,
                       "Asked Mon 5 Jan 2026 (12 months ago)", entries, "Median forecast: 50%",
                       "Admins: resolve it with the buttons", buttons, empty=empty)


def custom_ids(message: dict) -> list[list[str]]:
    return [[c["custom_id"] for c in row["components"]] for row in message["components"]]


def description(message: dict) -> str:
    return "\n\n".join(e.get("description") or "" for e in message["embeds"])


async def test_every_subcommand_of_the_core_is_a_discord_subcommand(bot):
    names = [name for name, *_ in DISCORD_SUBCOMMANDS]
    assert sorted(names) == sorted(SUBCOMMANDS) and len(set(names)) == len(names)
    [body] = bot.fake.calls("PUT /applications/{app}/guilds/{guild}/commands", app=bot.fake.app_id, guild=bot.gid)
    options = {o["name"]: o for o in body[0]["options"]}
    assert set(options) == set(SUBCOMMANDS)
    for name, key, option in (("resolve", "cmd_resolve", "outcome"), ("grade", "cmd_grade", "grade"),
                              ("ledger", "cmd_ledger", "whom")):
        sub = options[name]
        assert sub["description"] == catalog.t("en", key)
        assert sub["description_localizations"]["ko"] == catalog.t("ko", key)
        [opt] = sub["options"]
        assert opt["name"] == option and opt["type"] == 3 and not opt.get("required")
        assert opt["description_localizations"]["ko"]


async def test_the_new_subcommands_reach_the_core_as_text(bot):
    seen = []

    async def core(event):
        seen.append(event.text)
        return []

    bot.runtime.handle = core
    for sub, value, option in (("resolve", "2026-W02 yes", "outcome"), ("grade", "right", "grade"),
                               ("ledger", "group", "whom"), ("ledger", None, None)):
        before = bot.adapter.inbound.handled
        await bot.slash(ADMIN, sub, value, option=option)
        await bot.adapter.inbound.wait_handled(before + 1)
    assert seen == ["resolve 2026-W02 yes", "grade right", "ledger group", "ledger"]


async def test_a_revisit_is_posted_with_its_lines_buttons_and_a_thread(bot):
    fake = bot.fake
    result = await bot.adapter.send(RevisitPost(7, ChannelRef("discord", bot.gid, bot.cid), card()))
    [message] = fake.messages[bot.cid]
    assert result.message_id == message["id"] and result.thread_id == message["id"]
    assert fake.channels[result.thread_id]["parent_id"] == bot.cid
    [embed] = message["embeds"]
    assert embed["title"] == "Hindsight · 2026-W02 fell due"
    lines = embed["description"].splitlines()
    assert "> " + QUESTION in lines and "Asked Mon 5 Jan 2026 (12 months ago)" in lines
    assert "**alice**: 70% — prices fall every quarter" in lines
    assert "**bob\\_\\*x\\***: 20%" in lines, "a name never turns into markdown"
    assert "• 50% — @everyone ship it <@710000000000000002>" in lines, "no name in an anonymous round"
    assert "Median forecast: 50%" in lines and "*Admins: resolve it with the buttons*" in lines
    assert custom_ids(message) == [["hs:resolve:12:yes", "hs:resolve:12:no", "hs:resolve:12:ambiguous"]]
    assert [c["label"] for c in message["components"][0]["components"]] == ["Yes", "No", "Ambiguous"]
    assert fake.messages.get(result.thread_id, []) == [], "a short revisit is one message"
    assert assert_no_mentions(fake) >= 1


async def test_a_call_revisit_shows_grades_or_the_empty_text(bot):
    graded = (ForecastLine("alice", "AI agents for bookkeeping", grade="right"), ForecastLine("bob", "VR offices"))
    where = ChannelRef("discord", bot.gid, bot.cid)
    await bot.adapter.send(RevisitPost(8, where, card(graded, buttons=(), kind="call")))
    await bot.adapter.send(RevisitPost(9, where, card((), empty="Nobody made a call that week.")))
    first, second = bot.fake.messages[bot.cid]
    assert "**alice**: AI agents for bookkeeping · ✅ right" in description(first).splitlines()
    assert "**bob**: VR offices" in description(first).splitlines()
    assert not first.get("components")
    assert "Nobody made a call that week." in description(second).splitlines()


async def test_a_resolution_lands_in_the_revisit_thread(bot):
    fake = bot.fake
    where = ChannelRef("discord", bot.gid, bot.cid)
    revisit = await bot.adapter.send(RevisitPost(7, where, card()))
    text = "Resolved: yes.\nalice 70% → Brier 0.09\nbob 20% → Brier 0.64\nMedian 50% → 0.25 @everyone"
    result = await bot.adapter.send(ResolutionPost(10, where, revisit.thread_id, text))
    [posted] = fake.messages[revisit.thread_id]
    assert posted["content"] == text and posted["id"] == result.message_id
    assert result.thread_id == revisit.thread_id
    assert len(fake.messages[bot.cid]) == 1, "nothing more in the channel"
    # no thread: the channel; a thread that is gone: the channel too
    await bot.adapter.send(ResolutionPost(11, where, None, "Resolved: no."))
    await bot.adapter.send(ResolutionPost(12, where, "799999999999999999", "Resolved: ambiguous."))
    assert [m["content"] for m in fake.messages[bot.cid][1:]] == ["Resolved: no.", "Resolved: ambiguous."]
    assert_no_mentions(fake)


async def test_a_long_revisit_goes_on_in_its_thread_within_the_limits(bot):
    fake = bot.fake
    entries = tuple(ForecastLine(f"member {n:03d}", f"[#{n:03d}] " + "하이프 costs fall 🚀 " * 14, n % 101)
                    for n in range(300))
    result = await bot.adapter.send(RevisitPost(7, ChannelRef("discord", bot.gid, bot.cid), card(entries)))
    [first] = fake.messages[bot.cid]
    rest = fake.messages[result.thread_id]
    assert rest, "the rest is in the thread"
    assert custom_ids(first) == [[b.action for b in RESOLVE]] and all(not m.get("components") for m in rest)
    for message in [first, *rest]:
        embeds = message["embeds"]
        assert len(embeds) <= EMBEDS_PER_MESSAGE
        assert all(len(e.get("description") or "") <= DESCRIPTION_LIMIT for e in embeds)
        assert embeds_size([discord.Embed.from_dict(e) for e in embeds]) <= EMBEDS_TOTAL_LIMIT
    whole = "\n".join(description(m) for m in [first, *rest])
    assert all(whole.count(f"[#{n:03d}]") == 1 for n in range(300))
    assert whole.index("[#000]") < whole.index("[#299]") < whole.index("Median forecast: 50%")


async def test_probability_buttons_have_a_row_of_their_own(bot):
    buttons = (Button(encode(AnswerButton(12)), "Answer", "primary"), Button(encode(SkipButton(12)), "Skip"),
               *(Button(encode(ProbabilityButton(12, p)), f"{p}%") for p in (10, 30, 50, 70, 90)))
    prompt = PromptCard(12, "2026-W02", "prediction", "This week's prompt", QUESTION, "Closes Sun 18:00", "", buttons)
    await bot.adapter.send(PromptPost(1, ChannelRef("discord", bot.gid, bot.cid), prompt))
    [message] = bot.fake.messages[bot.cid]
    assert custom_ids(message) == [["hs:answer:12", "hs:skip:12"],
                                   [f"hs:p:12:{p}" for p in (10, 30, 50, 70, 90)]]


async def test_a_number_field_is_a_short_text_and_reaches_the_core_as_text(bot):
    form = Form(encode(AnswerForm(12)), "Your forecast", "Save", (
        FormField("probability", "Probability (%)", number_range=(0, 100)),
        FormField("answer", "Why?", multiline=True, required=False, max_length=500)))
    events = []

    async def core(event):
        events.append(event)
        return [OpenForm(form)] if isinstance(event, ButtonClicked) else []

    bot.runtime.handle = core
    prompt = PromptCard(12, "2026-W02", "prediction", "Prompt", QUESTION, "Closes", "",
                        (Button(encode(AnswerButton(12)), "Answer"),))
    await bot.adapter.send(PromptPost(1, ChannelRef("discord", bot.gid, bot.cid), prompt))
    [message] = bot.fake.messages[bot.cid]
    modal = await bot.callback(await bot.click("hs:answer:12", message, MEMBER))
    assert modal["type"] == 9
    number, why = (c["component"] for c in modal["data"]["components"])
    assert number["type"] == 4 and number["style"] == 1 and number["custom_id"] == "probability"
    assert number["max_length"] <= 4 and number["placeholder"] == "0–100" and number["required"]
    assert why["style"] == 2 and why["max_length"] == 500
    sub = await bot.submit(modal["data"]["custom_id"], {"probability": "70", "answer": "cheaper"}, MEMBER)
    await bot.callback(sub)
    submitted = events[-1]
    assert isinstance(submitted, FormSubmitted) and submitted.form_id == "answer:12"
    assert submitted.values == {"probability": "70", "answer": "cheaper"}


async def test_grade_buttons_by_dm_work(bot):
    fake = bot.fake
    grades = tuple(Button(encode(GradeButton(12, g)), g.title()) for g in ("right", "partly", "wrong"))
    member = MemberRef("discord", bot.gid, MEMBER["id"], "bo")
    await bot.adapter.send(DirectMessage(member, "Your call from 2026-W02 fell due: how did it go?", grades,
                                         ChannelRef("discord", bot.gid, bot.cid)))
    dm = fake.dm_channels[MEMBER["id"]]
    [sent] = fake.messages[dm["id"]]
    assert custom_ids(sent) == [[f"hs:grade:12:{g}|g{bot.gid}" for g in ("right", "partly", "wrong")]]
    seen = []

    async def core(event):
        seen.append(event)
        return []

    bot.runtime.handle = core
    inter = P.component_interaction(f"hs:grade:12:wrong|g{bot.gid}", sent, app_id=fake.app_id, guild_id=None,
                                    user=MEMBER, channel=dm)
    await fake.dispatch("INTERACTION_CREATE", inter)
    await bot.callback(inter)
    [event] = seen
    assert isinstance(event, ButtonClicked) and event.action == "hs:grade:12:wrong"
    assert event.origin.member.workspace == bot.gid and event.origin.member.user_id == MEMBER["id"]
    assert_no_mentions(fake)
