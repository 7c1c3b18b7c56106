"""A file Discord refuses (the upload of my-data, a chart) is not silent: the rest of the reply
stands, and the member is told privately that the file is missing."""
from __future__ import annotations

import logging

from bot.actions import Reply, Upload
from tests.discord.harness import ADMIN, EPHEMERAL, MANAGE, MEMBER
from tests.discord.test_forms_and_files_discord import setup_and_open
from tests.fakes import discord_payloads as P

ORIGINAL = "PATCH /webhooks/{app}/{token}/messages/{mid}"
FOLLOWUP = "POST /webhooks/{app}/{token}"


async def test_a_refused_my_data_file_is_said_privately(bot, caplog):
    fake = bot.fake
    await setup_and_open(bot)
    await bot.reply(await bot.slash(MEMBER, "answer", "Cost structure is a moat"))
    fake.fail_next(ORIGINAL, 413, {"message": "Request entity too large", "code": 40005}, mid="@original")
    with caplog.at_level(logging.WARNING, logger="hindsight.discord"):
        mine = await bot.slash(MEMBER, "my-data")
        shown, notice = await bot.reply(mine, followups=1)
    assert (await bot.callback(mine))["data"]["flags"] == EPHEMERAL
    [refused, resent] = fake.records(ORIGINAL, token=mine["token"], mid="@original")
    assert [f[0] for f in refused.files] == ["hindsight-my-data.json"] and resent.files == ()
    assert shown["content"] == "All your answers, as JSON." and shown["attachments"] == []
    assert notice["flags"] & EPHEMERAL
    assert notice["content"] == ("The file hindsight-my-data.json could not be uploaded, so it did not reach "
                                 "you. Please try again in a minute.")  # Upload.failed, in the group's language
    assert not [u for u in fake.uploads if u.filename == "hindsight-my-data.json"]
    [said] = [r for r in caplog.records if "hindsight-my-data.json" in r.getMessage()]
    assert said.levelno == logging.WARNING and "HTTP 413" in said.getMessage()


async def test_a_refused_chart_after_a_reply_is_said_privately_in_korean(bot):
    fake = bot.fake
    await setup_and_open(bot)

    async def core(event):
        return [Reply("첫 줄"), Upload("chart-bear-score.png", b"\x89PNG fake", "곰 점수 추이")]

    bot.runtime.handle = core
    fake.fail_next(FOLLOWUP, 400, {"message": "Invalid Form Body", "code": 50035})
    inter = P.slash_interaction(fake.app_id, bot.gid, bot.cid, ADMIN, permissions=MANAGE, locale="ko",
                                options=[{"name": "chart", "type": 1, "options": [
                                    {"name": "prompt", "type": 3, "value": "bear-score"}]}],
                                command_id=fake.command_id("hindsight", bot.gid), command_guild_id=bot.gid)
    await fake.dispatch("INTERACTION_CREATE", inter)
    first, comment, notice = await bot.reply(inter, followups=2)
    assert first["content"] == "첫 줄"
    assert comment["content"] == "곰 점수 추이" and comment["attachments"] == [] and comment["flags"] & EPHEMERAL
    assert notice["flags"] & EPHEMERAL
    assert notice["content"].startswith("chart-bear-score.png 파일을 올리지 못해서")
    assert not fake.uploads


async def test_a_refused_public_file_without_text_is_told_only_to_the_member(bot):
    fake = bot.fake
    await setup_and_open(bot)

    async def core(event):
        return [Upload("hindsight-founders.md", b"# archive", "", public=True)]

    bot.runtime.handle = core
    fake.fail_next(ORIGINAL, 413, mid="@original")
    inter = await bot.slash(ADMIN, "export", "md", perms=MANAGE)
    await fake.wait_until(lambda: fake.followups[inter["token"]], what="the notice")
    assert not (await bot.callback(inter))["data"].get("flags")  # a public deferral...
    assert fake.records("DELETE /webhooks/{app}/{token}/messages/{mid}", token=inter["token"], mid="@original")
    [notice] = fake.followups[inter["token"]]  # ... is deleted; the notice goes to the member alone
    assert notice["flags"] & EPHEMERAL and "hindsight-founders.md" in notice["content"]
