"""Link codes make nobody an admin; members are named by platform id (issue 8, items 3 and 4).

A bare display name counts only when exactly one member of the group has it (NFC and case
folded); otherwise the bot lists them and asks which one. A bare name never creates a member.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from bot.domain import ChannelRef, MemberRef
from bot.events import AnswerSubmitted, Origin
from tests.core.helpers import all_admins, count, only_reply, text_of

ROOT = Path(__file__).resolve().parents[2]


async def say_as(bot, user_id: str, name: str, text: str, channel: str = "c1"):
    origin = Origin(MemberRef("memory", "w1", user_id, name), ChannelRef("memory", "w1", channel))
    return await bot._run(AnswerSubmitted(origin, text, "command"))


async def closed_round(bot, answers: list[tuple[str, str, str]]):
    await bot.command("admin", "open")
    for user_id, name, text in answers:
        assert only_reply(await say_as(bot, user_id, name, text)).status == "saved"
    await bot.command("admin", "close")


async def test_a_link_code_makes_nobody_an_admin(group_bot, store):
    bot = group_bot
    code = next(w for w in only_reply(await bot.command("admin", "link")).text.split() if w.startswith("hs-"))
    linked = only_reply(await bot.command("mallory", f"setup {code}", channel="c2")).text
    assert "part of the group" in linked and "makes nobody an admin" in linked
    mallory = store.members.ensure(bot.origin("mallory").member)
    assert not store.admins.is_admin(1, mallory)
    assert len(all_admins(store)) == 1
    for cmd in ("export json", "link", "settings admin add <@mallory>", "close", "pause"):
        assert "Only admins" in text_of(await bot.command("mallory", cmd, channel="c2")), cmd


async def test_a_shared_display_name_asks_which_one(group_bot, store):
    bot = group_bot
    await closed_round(bot, [("U1", "Dave", "dave one speaks"), ("U2", "dave", "dave two speaks")])
    asked = only_reply(await bot.command("carol", "history @Dave")).text
    assert "More than one member is called 'Dave'" in asked
    assert "Dave (memory U1)" in asked and "dave (memory U2)" in asked
    assert "speaks" not in asked
    # settings admin add by a shared name changes nothing.
    asked = text_of(await bot.command("admin", "settings admin add dave"))
    assert "More than one member" in asked
    assert len(all_admins(store)) == 1
    # By platform id, it is one of them for certain.
    theirs = only_reply(await bot.command("carol", "history <@U2>")).text
    assert "dave two speaks" in theirs and "dave one speaks" not in theirs
    assert "dave one speaks" in only_reply(await bot.command("carol", "history <@U1|Dave>")).text
    assert "dave one speaks" in only_reply(await bot.command("carol", "history U1")).text
    saved = text_of(await bot.command("admin", "settings admin add <@U2|dave>"))
    assert "Admins: Admin, dave" in saved
    assert store.admins.is_admin(1, store.members.by_user_id("memory", "U2", "w1"))


async def test_a_unique_name_matches_after_nfc_and_case_folding(group_bot):
    bot = group_bot
    await closed_round(bot, [("U7", "Élodie", "élodie's answer"), ("U8", "ΣΟΦΊΑ", "sofia's answer")])
    nfd = unicodedata.normalize("NFD", "@élodie")
    assert "élodie's answer" in only_reply(await bot.command("carol", f"history {nfd}")).text
    assert "sofia's answer" in only_reply(await bot.command("carol", "history σοφία")).text


async def test_a_user_id_wins_over_a_display_name(group_bot):
    bot = group_bot
    # Someone renames themselves to another member's platform id.
    await closed_round(bot, [("U1", "Dave", "the real U1"), ("U9", "U1", "an impostor")])
    shown = only_reply(await bot.command("carol", "history U1")).text
    assert "the real U1" in shown and "impostor" not in shown


async def test_a_bare_name_never_creates_a_member(group_bot, store):
    bot = group_bot
    before = count(store, "SELECT count(*) FROM members")
    refused = text_of(await bot.command("admin", "settings admin add @nobody"))
    assert "don't know a member 'nobody'" in refused
    assert count(store, "SELECT count(*) FROM members") == before
    assert len(all_admins(store)) == 1
    # A role mention is not a member either.
    assert "don't know a member" in text_of(await bot.command("admin", "settings admin add <@&42>"))
    assert len(all_admins(store)) == 1


async def test_names_are_looked_up_in_this_group_only(group_bot, store):
    bot = group_bot
    await bot.command("admin", "setup other", channel="c9")
    await bot.command("admin", "open", channel="c9")
    assert only_reply(await say_as(bot, "U5", "Eve", "eve elsewhere", channel="c9")).status == "saved"
    await bot.command("admin", "close", channel="c9")
    assert "don't know a member 'Eve'" in text_of(await bot.command("carol", "history Eve"))
    assert "don't know a member 'Eve'" in text_of(await bot.command("admin", "settings admin add Eve"))
    assert "eve elsewhere" in text_of(await bot.command("carol", "history Eve", channel="c9"))


def test_slack_sends_mentions_as_user_ids():
    manifest = (ROOT / "slack-manifest.yml").read_text()
    assert "should_escape: true" in manifest and "should_escape: false" not in manifest
