"""The contract stories over the in-memory adapter (the reference driver)."""
from __future__ import annotations

import itertools

import pytest

from adapters.memory import MemoryAdapter
from bot.actions import ChannelPost, OpenForm, PromptPost, Reply, ShowDigest, Upload
from bot.digest import render_text
from bot.ids import AnswerButton, SkipButton, decode_button
from storage.store import Store
from tests.contract.driver import Driver
from tests.contract.stories import STORIES


def action_text(action) -> str:
    if isinstance(action, Reply):
        return action.text
    if isinstance(action, ShowDigest):
        return render_text(action.digest)
    if isinstance(action, OpenForm):
        return action.form.title
    if isinstance(action, Upload):
        return action.comment
    raise AssertionError(f"unexpected action {action!r}")


def post_text(post: ChannelPost) -> str:
    if isinstance(post, PromptPost):
        c = post.card
        return "\n".join([c.title, c.text, c.closes, c.footer, *(b.label for b in c.buttons)])
    return render_text(post.digest)


class MemoryDriver:
    platform = "memory"

    def __init__(self, bot: MemoryAdapter, store: Store) -> None:
        self.bot = bot
        self.store = store
        self._ids = itertools.count(1)

    async def command(self, user: str, text: str) -> str:
        return "\n".join(action_text(a) for a in await self.bot.command(user, text))

    def _latest_prompt(self) -> PromptPost:
        prompts = [p for p in self.bot.posts if isinstance(p, PromptPost)]
        assert prompts, "no prompt was posted"
        return prompts[-1]

    def _button(self, kind: type) -> str:
        return next(b.action for b in self._latest_prompt().card.buttons if isinstance(decode_button(b.action), kind))

    async def click_answer_and_submit(self, user: str, text: str) -> str:
        (form_action,) = await self.bot.click(user, self._button(AnswerButton))
        assert isinstance(form_action, OpenForm), form_action
        form = form_action.form
        out = await self.bot.submit(user, form.id, {form.fields[0].id: text}, event_id=f"view-{next(self._ids)}")
        return "\n".join(action_text(a) for a in out)

    async def click_skip(self, user: str) -> str:
        return "\n".join(action_text(a) for a in await self.bot.click(user, self._button(SkipButton)))

    async def reply_in_thread(self, user: str, text: str) -> None:
        thread = self.store.posts.get(self._latest_prompt().post_id)["thread_id"]
        await self.bot.reply(user, thread, text, message_id=f"reply-{next(self._ids)}")

    async def channel_texts(self) -> list[str]:
        return [post_text(p) for p in self.bot.posts]

    def assert_no_pings(self) -> None:
        # The memory platform renders nothing, so nothing can ping; check at least that every
        # post went to the bound channel and no reminder went to a channel.
        assert all(p.channel.channel_id == self.bot.channel_id for p in self.bot.posts)


@pytest.fixture
async def driver(bot, store) -> MemoryDriver:
    return MemoryDriver(bot, store)


def test_memory_driver_is_a_driver(bot, store):
    assert isinstance(MemoryDriver(bot, store), Driver)


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.__name__)
async def test_story(story, driver):
    await story(driver)
