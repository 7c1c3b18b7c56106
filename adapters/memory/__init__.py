"""The in-memory adapter: a queue-backed test channel (like errbot's TestBackend).

Push events in with ``say``/``command``/``click``/``submit``/``reply``; read what the bot
said from ``replies`` (to the actor) and ``posts``/``dms`` (channel posts and reminders).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from bot.actions import (Action, ChannelPost, DigestPost, DirectMessage, OpenForm, PostResult, PromptPost, Reply,
                         ShowDigest, UnsupportedAction, Upload)
from bot.domain import ChannelRef, MemberRef
from bot.events import (AnswerSubmitted, ButtonClicked, CommandInvoked, FormSubmitted, MessageDeleted,
                        MessageEdited, Origin, ThreadReply)
from bot.runtime import Inbox


@dataclass
class MemoryAdapter:
    platform: str = "memory"
    workspace: str = "w1"
    channel_id: str = "c1"
    admins: set[str] = field(default_factory=set)  # user ids with platform admin rights
    replies: list[Action] = field(default_factory=list)
    posts: list[ChannelPost] = field(default_factory=list)
    dms: list[DirectMessage] = field(default_factory=list)
    fail_sends: int = 0  # the next N sends raise, as a platform outage would
    inbox: Any = None  # set by start()

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)

    async def start(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def stop(self) -> None:
        pass

    async def send(self, action: ChannelPost | DirectMessage) -> PostResult | None:
        if self.fail_sends:
            self.fail_sends -= 1
            raise ConnectionError("memory platform unavailable")
        if isinstance(action, (PromptPost, DigestPost)):
            self.posts.append(action)
            mid = f"m{next(self._ids)}"
            return PostResult(message_id=mid, thread_id=mid if isinstance(action, PromptPost) else None)
        if isinstance(action, DirectMessage):
            self.dms.append(action)
            return None
        raise UnsupportedAction(type(action).__name__)

    # driving it -------------------------------------------------------------
    def origin(self, user: str, channel: str | None = None) -> Origin:
        return Origin(MemberRef(self.platform, self.workspace, user, user.title()),
                      ChannelRef(self.platform, self.workspace, channel or self.channel_id),
                      platform_admin=user in self.admins)

    async def _run(self, event) -> list[Action]:
        out = await self.inbox(event)
        for action in out:
            if not isinstance(action, (Reply, ShowDigest, OpenForm, Upload)):
                raise UnsupportedAction(type(action).__name__)
        self.replies.extend(out)
        await self.inbox.settle()
        return out

    async def command(self, user: str, text: str, channel: str | None = None) -> list[Action]:
        return await self._run(CommandInvoked(self.origin(user, channel), text))

    async def say(self, user: str, text: str, event_id: str | None = None) -> list[Action]:
        return await self._run(AnswerSubmitted(self.origin(user), text, "command", event_id))

    async def click(self, user: str, action: str, event_id: str | None = None,
                    channel: str | None = None) -> list[Action]:
        return await self._run(ButtonClicked(self.origin(user, channel), action, event_id))

    async def submit(self, user: str, form_id: str, values: dict, event_id: str | None = None,
                     channel: str | None = None) -> list[Action]:
        return await self._run(FormSubmitted(self.origin(user, channel), form_id, values, event_id))

    async def reply(self, user: str, thread: str, text: str, message_id: str, event_id: str | None = None):
        return await self._run(ThreadReply(self.origin(user), thread, message_id, text, event_id or message_id))

    async def edit(self, user: str, message_id: str, text: str, event_id: str):
        return await self._run(MessageEdited(self.origin(user), message_id, text, event_id))

    async def delete(self, user: str, message_id: str, event_id: str):
        return await self._run(MessageDeleted(self.origin(user), message_id, event_id))

    def last_text(self) -> str:
        for action in reversed(self.replies):
            if isinstance(action, Reply):
                return action.text
        return ""
