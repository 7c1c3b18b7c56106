"""radar, stats, chart and away on Discord: slash commands through the real discord.py against
FakeDiscord, each answered privately (an ephemeral response) and posting nothing to the channel."""
from __future__ import annotations

from tests.discord.harness import ADMIN, EPHEMERAL, MANAGE, MEMBER


async def test_radar_stats_chart_and_away_answer_privately(bot):
    fake = bot.fake
    await bot.slash(ADMIN, "setup", perms=MANAGE)
    await bot.until(lambda: bot.store.groups.all(), what="group")
    await bot.reply(await bot.slash(ADMIN, "open", perms=MANAGE))
    posted = len(fake.calls("POST /channels/{cid}/messages", cid=bot.cid))
    texts = {}
    for sub, option, value in (("radar", "weeks", None), ("stats", None, None), ("chart", "prompt", "bear-score"),
                               ("away", "until", "until 2027-01-15")):
        inter = await bot.slash(MEMBER, sub, value, option=option)
        texts[sub] = await bot.reply_text(inter)
        assert (await bot.callback(inter))["data"]["flags"] == EPHEMERAL, sub
    assert "closed rounds" in texts["radar"]
    assert "Fri, Jan 15, 2027" in texts["away"]
    assert len(fake.calls("POST /channels/{cid}/messages", cid=bot.cid)) == posted
