"""The in-memory adapter: a queue-backed test channel (like errbot's TestBackend).

Push events in with ``say``/``command``/``click``/``submit``/``reply``; read what the bot
said from ``replies`` (to the actor) and ``posts``/``dms`` (channel posts and reminders).
"""
from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import Any, Callable

from adapters.dispatch import handler_for
from bot.actions import (Action, ChannelPost, DigestPost, DirectMessage, HomeView, OpenForm, PostResult, PromptPost,
                         Reply, ResolutionPost, RevisitPost, ShowDigest, Upload)
from bot.domain import ChannelRef, MemberRef
from bot.events import (AnswerSubmitted, ButtonClicked, CommandInvoked, Event, FormSubmitted, HomeOpened,
                        MessageDeleted, MessageEdited, Origin, ThreadReply)
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
        self.renderers: dict[type, Callable[[Any], PostResult | None]] = {
            PromptPost: self._prompt, DigestPost: self._digest, RevisitPost: self._revisit,
            ResolutionPost: self._resolution, DirectMessage: self._direct,
            Reply: self._shown, ShowDigest: self._shown, OpenForm: self._shown, Upload: self._shown,
            HomeView: self._shown}

    async def start(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def stop(self) -> None:
        pass

    async def send(self, action: ChannelPost | DirectMessage) -> PostResult | None:
        if self.fail_sends:
            self.fail_sends -= 1
            raise ConnectionError("memory platform unavailable")
        return self.render(action)

    def render(self, action: Action) -> PostResult | None:
        """Record any action where a test reads it, through the one table of renderers."""
        return handler_for(self.renderers, action, self.platform)(action)

    def _prompt(self, action: PromptPost) -> PostResult:
        self.posts.append(action)
        mid = f"m{next(self._ids)}"
        return PostResult(message_id=mid, thread_id=mid)  # replies in its thread are answers

    def _digest(self, action: DigestPost) -> PostResult:
        self.posts.append(action)
        return PostResult(message_id=f"m{next(self._ids)}")

    def _revisit(self, action: RevisitPost) -> PostResult:
        self.posts.append(action)
        mid = f"m{next(self._ids)}"
        return PostResult(message_id=mid, thread_id=mid)  # its resolution goes in this thread

    def _resolution(self, action: ResolutionPost) -> PostResult:
        self.posts.append(action)
        return PostResult(message_id=f"m{next(self._ids)}", thread_id=action.thread)

    def _direct(self, action: DirectMessage) -> None:
        self.dms.append(action)

    def _shown(self, action: Action) -> None:
        self.replies.append(action)

    # driving it -------------------------------------------------------------
    def origin(self, user: str, channel: str | None = None) -> Origin:
        return Origin(MemberRef(self.platform, self.workspace, user, user.title()),
                      ChannelRef(self.platform, self.workspace, channel or self.channel_id),
                      platform_admin=user in self.admins)

    async def _run(self, event: Event) -> list[Action]:
        out = await self.inbox(event)
        for action in out:
            self.render(action)
        await self.inbox.settle()
        return out

    async def command(self, user: str, text: str, channel: str | None = None) -> list[Action]:
        return await self._run(CommandInvoked(self.origin(user, channel), text))

    async def open_home(self, user: str, channel: str = "home") -> list[Action]:
        """The member opens the app's home (``channel`` is not a bound one, as on Slack)."""
        return await self._run(HomeOpened(self.origin(user, channel)))

    async def say(self, user: str, text: str, event_id: str | None = None) -> list[Action]:
        return await self._run(AnswerSubmitted(self.origin(user), text, "command", event_id))

    async def click(self, user: str, action: str, event_id: str | None = None,
                    channel: str | None = None) -> list[Action]:
        return await self._run(ButtonClicked(self.origin(user, channel), action, event_id))

    async def submit(self, user: str, form_id: str, values: dict, event_id: str | None = None,
                     channel: str | None = None) -> list[Action]:
        return await self._run(FormSubmitted(self.origin(user, channel), form_id, values, event_id))

    async def reply(self, user: str, thread: str, text: str, message_id: str, event_id: str | None = None) -> list[Action]:
        return await self._run(ThreadReply(self.origin(user), thread, message_id, text, event_id or message_id))

    async def edit(self, user: str, message_id: str, text: str, event_id: str) -> list[Action]:
        return await self._run(MessageEdited(self.origin(user), message_id, text, event_id))

    async def delete(self, user: str | None, message_id: str, event_id: str) -> list[Action]:
        """A deleted message; ``user`` None is a platform that does not say who wrote it."""
        if user is None:
            unknown = dataclasses.replace(self.origin(""), member=MemberRef(self.platform, self.workspace, "", ""))
            return await self._run(MessageDeleted(unknown, message_id, event_id, author_known=False))
        return await self._run(MessageDeleted(self.origin(user), message_id, event_id))

    def last_text(self) -> str:
        for action in reversed(self.replies):
            if isinstance(action, Reply):
                return action.text
        return ""
