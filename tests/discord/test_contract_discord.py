"""The contract stories (tests/contract/stories.py) over Discord: real discord.py against FakeDiscord."""
from __future__ import annotations

import pytest

from bot.ids import AnswerButton, SkipButton, decode_button
from tests.contract.driver import Driver
from tests.contract.stories import STORIES
from tests.discord.harness import ADMIN, MANAGE, PLAIN, World, assert_no_mentions, default_option
from tests.fakes import discord_payloads as P

USERS = {"admin": ADMIN, "alice": P.user(730000000000000001, "alice"), "bob": P.user(730000000000000002, "bob"),
         "carol": P.user(730000000000000003, "carol")}


def flatten(message: dict) -> str:
    """All the visible text of a Discord message: content, embeds, button labels."""
    parts = [message.get("content") or ""]
    for e in message.get("embeds") or []:
        parts += [e.get("title") or "", e.get("description") or ""]
        for f in e.get("fields") or []:
            parts += [f.get("name") or "", f.get("value") or ""]
        parts.append((e.get("footer") or {}).get("text") or "")
    for row in message.get("components") or []:
        parts += [c.get("label") or "" for c in row.get("components") or []]
    return "\n".join(p for p in parts if p)


class DiscordDriver:
    platform = "discord"

    def __init__(self, world: World) -> None:
        self.w = world
        self.fake = world.fake
        self.store = world.store

    def _perms(self, user: str) -> str:
        return MANAGE if user == "admin" else PLAIN

    async def _settled(self, before: int) -> None:
        await self.w.adapter.inbound.wait_handled(before + 1)
        await self.w.runtime.flush()

    def _shown(self, inter: dict) -> str:
        """What the user saw for one interaction: a modal's title, or the response messages."""
        callback = self.w._callback(inter)
        if callback and callback["type"] == 9:
            return callback["data"]["title"]
        token = inter["token"]
        messages = [m for m in [self.fake.original_responses.get(token), *self.fake.followups[token]] if m]
        return "\n".join(flatten(m) for m in messages)

    async def command(self, user: str, text: str) -> str:
        sub, _, rest = text.strip().partition(" ")
        before = self.w.adapter.inbound.handled
        inter = await self.w.slash(USERS[user], sub, rest.strip() or None, option=default_option(sub),
                                   perms=self._perms(user))
        await self._settled(before)
        return self._shown(inter)

    def _latest_prompt(self) -> dict:
        prompts = self.w.prompt_messages(self.w.cid)
        assert prompts, "no prompt was posted"
        return prompts[-1]

    def _button(self, kind: type) -> tuple[str, dict]:
        post = self._latest_prompt()
        ids = [c["custom_id"] for row in post["components"] for c in row["components"]]
        return next(i for i in ids if isinstance(decode_button(i), kind)), post

    async def _click(self, user: str, kind: type) -> dict:
        custom_id, post = self._button(kind)
        before = self.w.adapter.inbound.handled
        inter = await self.w.click(custom_id, post, USERS[user], perms=self._perms(user))
        await self._settled(before)
        return inter

    async def click_answer_and_submit(self, user: str, text: str) -> str:
        click = await self._click(user, AnswerButton)
        modal = self.w._callback(click)
        assert modal and modal["type"] == 9, "the Answer button opens a modal"
        field = modal["data"]["components"][0]["component"]["custom_id"]
        before = self.w.adapter.inbound.handled
        inter = await self.w.submit(modal["data"]["custom_id"], {field: text}, USERS[user], perms=self._perms(user))
        await self._settled(before)
        return self._shown(inter)

    async def click_skip(self, user: str) -> str:
        return self._shown(await self._click(user, SkipButton))

    async def reply_in_thread(self, user: str, text: str) -> None:
        before = self.w.adapter.inbound.handled
        await self.w.thread_message(self._latest_prompt()["id"], USERS[user], text)
        await self._settled(before)

    async def channel_texts(self) -> list[str]:
        """The bot's messages in the channel; a digest's continuation (in its thread) joins its first part."""
        out = []
        for m in self.fake.messages[self.w.cid]:
            if m["author"]["id"] != self.fake.bot_id:
                continue
            parts = [flatten(m)]
            if m.get("embeds") and not m.get("components"):
                parts += [flatten(c) for c in self.fake.messages.get(m["id"], [])
                          if c["author"]["id"] == self.fake.bot_id and c.get("embeds")]
            out.append("\n".join(parts))
        return out

    def assert_no_pings(self) -> None:
        assert_no_mentions(self.fake)


@pytest.fixture
async def driver(bot) -> DiscordDriver:
    return DiscordDriver(bot)


async def test_discord_driver_is_a_driver(driver):
    assert isinstance(driver, Driver)


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.__name__)
async def test_story(story, driver):
    await story(driver)
