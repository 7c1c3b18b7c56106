"""'A year ago this week' in the Discord digest: a short block at the end of the embeds (heading,
that week's prompt quoted, its figures) and the button that shows that round's digest on the
digest's last message, within Discord's limits, posted through the real discord.py against
FakeDiscord."""
from __future__ import annotations

from adapters.discord.render import digest_buttons, digest_messages, year_ago_block
from bot.actions import DigestPost, ShowDigest
from bot.digest import Digest, DigestEntry
from bot.domain import ChannelRef
from bot.events import ButtonClicked
from bot.ids import DigestButton, decode_button
from tests.discord.harness import ADMIN, MANAGE, MEMBER, EPHEMERAL, assert_no_mentions
from tests.discord.test_digest_split_discord import check_payload, long_answer

PROMPT = "What is the next hype after generative_AI? @everyone"
YEAR_AGO = ("A year ago this week · 2025-W49", PROMPT, "3 of 3 answered, average score 3.50.")


def digest(entries=(DigestEntry("alice", "Boring software that earns money"),), year_ago=YEAR_AGO,
           round_id: int | None = 7) -> Digest:
    return Digest(12, "g", "2026-W49", "Hindsight digest · 2026-W49", "What moat survives a bear market?",
                  "1 of 3 answered", entries=entries, empty="Nobody answered.", year_ago=year_ago,
                  year_ago_round_id=round_id if year_ago else None,
                  year_ago_button="Show the 2025-W49 digest" if year_ago else "")


def custom_ids(message: dict) -> list[list[str]]:
    return [[c["custom_id"] for c in row["components"]] for row in message.get("components") or []]


def bodies(bot, channel_id: str) -> list[dict]:
    return bot.fake.calls("POST /channels/{cid}/messages", cid=channel_id)


async def test_the_year_ago_block_closes_the_digest_with_its_button(bot):
    await bot.adapter.send(DigestPost(1, ChannelRef("discord", bot.gid, bot.cid), digest()))
    [body] = bodies(bot, bot.cid)
    check_payload(body)
    description = body["embeds"][-1]["description"]
    assert description.endswith("\n\n**A year ago this week · 2025-W49**\n> " + PROMPT
                                + "\n3 of 3 answered, average score 3.50.")
    assert description.index("Boring software") < description.index("A year ago")
    assert custom_ids(body) == [["hs:digest:7"]]
    assert body["components"][0]["components"][0]["label"] == "Show the 2025-W49 digest"
    [message] = bot.fake.messages[bot.cid]
    assert custom_ids(message) == [["hs:digest:7"]]
    assert_no_mentions(bot.fake)


async def test_no_year_ago_no_block_and_no_button(bot):
    where = ChannelRef("discord", bot.gid, bot.cid)
    await bot.adapter.send(DigestPost(1, where, digest(year_ago=())))
    await bot.adapter.send(DigestPost(2, where, digest(round_id=None)))
    first, second = bodies(bot, bot.cid)
    assert not first.get("components") and "A year ago" not in first["embeds"][-1]["description"]
    assert not second.get("components") and "A year ago" in second["embeds"][-1]["description"]


async def test_a_long_digest_has_the_block_and_the_button_on_its_last_message(bot):
    entries = tuple(DigestEntry(f"멤버 {n}", long_answer(n)) for n in range(60))
    huge = ("A year ago this week · 2025-W49 " + "🚀" * 300, "하이프 " * 2000, *("figures " * 400,) * 12)
    result = await bot.adapter.send(DigestPost(1, ChannelRef("discord", bot.gid, bot.cid), digest(entries, huge)))
    [first] = bodies(bot, bot.cid)
    rest = bodies(bot, result.thread_id)
    assert rest, "a long digest goes on in its thread"
    for body in [first, *rest]:
        check_payload(body)
    assert [custom_ids(b) for b in [first, *rest]] == [[]] * len(rest) + [[["hs:digest:7"]]]
    whole = "\n".join(e["description"] for b in [first, *rest] for e in b["embeds"])
    assert whole.count("A year ago this week") == 1 and "A year ago this week" in rest[-1]["embeds"][-1]["description"]
    assert all(f"END{n:02d}" in whole for n in range(60))


def test_the_block_stays_short_whatever_its_texts():
    for prompt in ("*" * 5000, "\n" * 5000, "🚀" * 3000):
        block = year_ago_block(digest(year_ago=("_heading_ " * 100, prompt, "x" * 3000, "y")))
        assert len(block) <= 3000
    assert digest_buttons(digest(round_id=None)) == ()
    assert [b.action for b in digest_buttons(digest())] == ["hs:digest:7"]
    assert len(digest_messages(digest())) == 1


async def test_the_private_digest_carries_the_button_and_a_click_reaches_the_core(bot):
    seen = []

    async def core(event):
        seen.append(event)
        return [ShowDigest(digest())] if getattr(event, "text", None) == "digest latest" else []

    bot.runtime.handle = core
    inter = await bot.slash(MEMBER, "digest", "latest")
    await bot.adapter.inbound.wait_handled(1)
    [shown] = await bot.reply(inter)
    assert shown["flags"] & EPHEMERAL and custom_ids(shown) == [["hs:digest:7"]]

    await bot.adapter.send(DigestPost(1, ChannelRef("discord", bot.gid, bot.cid), digest()))
    message = bot.fake.messages[bot.cid][-1]
    before = bot.adapter.inbound.handled
    await bot.click("hs:digest:7", message, ADMIN, perms=MANAGE)
    await bot.adapter.inbound.wait_handled(before + 1)
    click = seen[-1]
    assert isinstance(click, ButtonClicked) and decode_button(click.action) == DigestButton(7)
    assert click.origin.channel == ChannelRef("discord", bot.gid, bot.cid)
