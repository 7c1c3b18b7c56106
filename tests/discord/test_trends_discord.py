"""Trends on Discord through the real discord.py against FakeDiscord: the digest's sparkline line
and monthly radar block in its embeds, and the PNG chart attached to the digest's first message
(multipart) with the first embed's image pointing at it (attachment://NAME)."""
from __future__ import annotations

from adapters.discord.render import chart_filename, digest_messages
from bot.actions import DigestPost
from bot.digest import Digest, DigestEntry
from bot.domain import ChannelRef
from tests.discord.harness import assert_no_mentions
from tests.discord.test_digest_split_discord import check_payload, long_answer

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
TREND = "Group average over 6 rounds: ▂▃▅▆▇█ (2.0 → 4.5)"
RADAR = ("Hype radar · the last 8 rounds against all before", "Rising: agents (12 → 1), 에이전트 (7 → 0)",
         "Falling: metaverse (0 → 9)")


def digest(entries=(DigestEntry("alice", "Boring software that earns money", 4),), *, chart: bytes | None = PNG,
           radar=RADAR, trend=TREND, name: str = "chart-bear-score.png") -> Digest:
    return Digest(12, "g", "2026-W49", "Hindsight digest · 2026-W49", "How bear-market proof are you?",
                  "1 of 3 answered", scale_lines=("4 · Fairly: █ 1",), entries=entries, empty="Nobody answered.",
                  trend=trend, chart_png=chart, chart_name=name, radar=radar)


def bodies(bot, channel_id: str) -> list[dict]:
    return bot.fake.calls("POST /channels/{cid}/messages", cid=channel_id)


async def test_the_digest_shows_the_trend_and_radar_and_carries_its_chart(bot):
    await bot.adapter.send(DigestPost(1, ChannelRef("discord", bot.gid, bot.cid), digest()))
    [body] = bodies(bot, bot.cid)
    text = check_payload(body)
    assert "```\n4 · Fairly: █ 1\n```\n\n" + TREND in text
    assert text.index(TREND) < text.index("Boring software") < text.index("**Hype radar")
    assert "**Hype radar · the last 8 rounds against all before**\n" + RADAR[1] + "\n" + RADAR[2] in text
    # the chart: a file part of the multipart request, and the first embed's image names it
    [upload] = bot.fake.uploads
    assert upload.data == PNG and upload.filename == "chart-bear-score.png" and upload.channel_id == bot.cid
    assert body["embeds"][0]["image"]["url"] == "attachment://chart-bear-score.png"
    assert [a["filename"] for a in body["attachments"]] == ["chart-bear-score.png"]
    [message] = bot.fake.messages[bot.cid]
    assert [a["filename"] for a in message["attachments"]] == ["chart-bear-score.png"]
    assert message["embeds"][0]["image"]["url"] == "attachment://chart-bear-score.png"
    assert_no_mentions(bot.fake)


async def test_a_digest_without_a_chart_attaches_nothing(bot):
    await bot.adapter.send(DigestPost(1, ChannelRef("discord", bot.gid, bot.cid),
                                      digest(chart=None, radar=(), trend="")))
    [body] = bodies(bot, bot.cid)
    assert bot.fake.uploads == [] and not body.get("attachments")
    assert all("image" not in e for e in body["embeds"])
    assert "Group average" not in check_payload(body) and "Hype radar" not in check_payload(body)


async def test_a_refused_chart_does_not_stop_the_digest(bot):
    bot.fake.fail_next("POST /channels/{cid}/messages", 413, {"message": "Request entity too large", "code": 40005},
                       cid=bot.cid)
    result = await bot.adapter.send(DigestPost(1, ChannelRef("discord", bot.gid, bot.cid), digest()))
    assert result.message_id
    first, second = bodies(bot, bot.cid)
    assert first["embeds"][0]["image"]["url"] == "attachment://chart-bear-score.png"
    assert "image" not in second["embeds"][0] and not second.get("attachments")
    assert len(bot.fake.messages[bot.cid]) == 1


async def test_a_long_digest_carries_the_chart_on_its_first_message_only(bot):
    entries = tuple(DigestEntry(f"member {n}", long_answer(n, 3900)) for n in range(8))
    huge_radar = ("Hype radar " + "🚀" * 300, *(f"• term {n} " * 40 for n in range(40)))
    d = digest(entries, radar=huge_radar, trend=TREND + " x" * 2000, name="차트 bear/score")
    assert len(digest_messages(d)) > 1
    await bot.adapter.send(DigestPost(1, ChannelRef("discord", bot.gid, bot.cid), d))
    payloads = [c for c in bot.fake.requests if c.route == "POST /channels/{cid}/messages"]
    for call in payloads:
        check_payload(call.body)
    name = chart_filename(d)
    assert name == "___bear_score.png"
    assert payloads[0].body["embeds"][0]["image"]["url"] == f"attachment://{name}"
    assert all("image" not in e for c in payloads[1:] for e in c.body["embeds"])
    [upload] = bot.fake.uploads
    assert upload.filename == name and upload.data == PNG
    assert "Hype radar" in "\n".join(e.get("description") or "" for e in payloads[-1].body["embeds"])
