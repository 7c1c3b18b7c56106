"""The contract stories (tests/contract/stories.py) over Slack: real slack-bolt against FakeSlack."""
from __future__ import annotations

import pytest

from bot.ids import AnswerButton, SkipButton, decode_button
from tests.contract.driver import Driver
from tests.contract.stories import STORIES
from tests.fakes.slack_server import message_event
from tests.slack.harness import CHANNEL, SlackHarness, action_ids, flat, unescape

USER_IDS = {"admin": SlackHarness.ADMIN, "alice": "U0ALICE01", "bob": "U0BOB0001", "carol": "U0CAROL01"}


def slack_escape(text: str) -> str:
    """Message text as Slack delivers it in events."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackDriver:
    platform = "slack"

    def __init__(self, h: SlackHarness) -> None:
        self.h = h
        self.fake = h.fake
        self.store = h.store
        for name, uid in USER_IDS.items():
            self.fake.users[uid] = {"name": name, "is_admin": name == "admin"}

    def _mark(self) -> tuple[int, int]:
        return len(self.fake.requests), len(self.fake.uploads)

    def _shown(self, mark: tuple[int, int], user: str, extra: list[str] = ()) -> str:
        """Every text ``user`` was shown since ``mark``: responses, ephemerals, posts, modal titles."""
        uid = USER_IDS[user]
        texts = list(extra)
        since = self.fake.requests[mark[0]:]
        for method, p in ((c.route, c.body) for c in since):
            if method == "chat.postEphemeral" and p.get("user") == uid or method == "chat.postMessage":
                texts.append(flat(p.get("blocks")) or unescape(str(p.get("text") or "")))
            elif method == "views.open":
                texts.append(p["view"]["title"]["text"])
        for body in (c.body for c in since if c.route == "response_url"):
            texts.append(flat(body.get("blocks")) or unescape(str(body.get("text") or "")))
        texts += [unescape(u.get("initial_comment") or "") for u in self.fake.uploads[mark[1]:]]
        return "\n".join(texts)

    async def command(self, user: str, text: str) -> str:
        mark = self._mark()
        await self.h.command(text, user=USER_IDS[user])
        return self._shown(mark, user)

    def _latest_prompt(self) -> tuple[str, dict]:
        prompts = [(ts, m) for (ch, ts), m in self.fake.messages.items()
                   if ch == CHANNEL and any(isinstance(decode_button(a), AnswerButton) for a in action_ids(m.get("blocks")))]
        assert prompts, "no prompt was posted"
        return prompts[-1]

    def _button(self, kind: type) -> tuple[str, str]:
        ts, msg = self._latest_prompt()
        return next(a for a in action_ids(msg["blocks"]) if isinstance(decode_button(a), kind)), ts

    async def click_answer_and_submit(self, user: str, text: str) -> str:
        action, ts = self._button(AnswerButton)
        opened = len(self.fake.calls("views.open"))
        await self.h.click(action, user=USER_IDS[user], message_ts=ts)
        assert len(self.fake.calls("views.open")) == opened + 1, "the Answer button opens a modal"
        view = self.fake.last("views.open")["view"]
        mark = self._mark()
        ack = await self.h.submit(view, {view["blocks"][0]["block_id"]: text}, user=USER_IDS[user])
        errors = list(((ack.get("payload") or {}).get("errors") or {}).values())
        return self._shown(mark, user, errors)

    async def click_skip(self, user: str) -> str:
        action, ts = self._button(SkipButton)
        mark = self._mark()
        await self.h.click(action, user=USER_IDS[user], message_ts=ts)
        return self._shown(mark, user)

    async def reply_in_thread(self, user: str, text: str) -> None:
        ts, _ = self._latest_prompt()
        await self.h.deliver(message_event(slack_escape(text), user=USER_IDS[user], channel=CHANNEL,
                                           ts=self.fake.next_ts(), thread_ts=ts))

    async def channel_texts(self) -> list[str]:
        """One string per channel message; a digest's continuation parts join their first part."""
        out: dict[str, list[str]] = {}
        for (ch, ts), msg in self.fake.messages.items():
            if ch != CHANNEL:
                continue
            parent = msg.get("thread_ts")
            text = flat(msg.get("blocks")) or unescape(msg.get("text") or "")
            if parent in out:
                out[parent].append(text)
            elif not parent:
                out[ts] = [text]
        return ["\n".join(parts) for parts in out.values()]

    def assert_no_pings(self) -> None:
        self.h.assert_no_pings()


@pytest.fixture
async def driver(slack: SlackHarness) -> SlackDriver:
    return SlackDriver(slack)


async def test_slack_driver_is_a_driver(driver):
    assert isinstance(driver, Driver)


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.__name__)
async def test_story(story, driver):
    await story(driver)
