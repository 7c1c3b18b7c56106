"""The Driver: what the contract suite needs from a platform to play its user stories.

One driver per platform (memory, Slack, Discord) wraps the real adapter and a fresh database.
Every story in ``tests/contract/stories.py`` talks only to this protocol, so the same stories
run everywhere. Keep it small: a driver is a thin test helper, not a second adapter.

Users: every driver knows four users by these names and maps them to platform user ids:
- ``"admin"``: a platform admin (Slack workspace admin/owner, Discord Manage Server);
- ``"alice"``, ``"bob"``, ``"carol"``: ordinary members, not admins.
All four act in the one channel the driver drives. The group language is the default (en).
The member row of each user has the user's name in its platform user id or its display name
(case-insensitive), so a story can find "alice"'s answer row.

Timing: each method returns only after the bot has fully handled the input, including the
channel posts it caused (prompts and digests delivered through the outbox), so a story can
look at ``channel_texts()`` and ``store`` right away.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from storage.store import Store

USERS = ("admin", "alice", "bob", "carol")


@runtime_checkable
class Driver(Protocol):
    platform: str  # the platform name stored in the database ("memory", "slack", "discord")
    store: Store  # the bot's own store (same SQLite file), for assertions on rows

    async def command(self, user: str, text: str) -> str:
        """``/hindsight <text>`` as ``user`` in the channel. Returns every text that user was
        shown in response (private replies, a digest, a form title, an upload comment), joined
        with newlines."""

    async def click_answer_and_submit(self, user: str, text: str) -> str:
        """Click "Answer" on the latest prompt post in the channel, fill the form's answer
        field with ``text`` and submit it. Returns the acknowledgement text the user saw."""

    async def click_skip(self, user: str) -> str:
        """Click "Skip" on the latest prompt post. Returns the acknowledgement text."""

    async def reply_in_thread(self, user: str, text: str) -> None:
        """Post ``text`` as a reply in the thread of the latest prompt post (a plain chat
        message, not a command)."""

    async def channel_texts(self) -> list[str]:
        """Everything the bot posted to the channel so far (prompts, digests), one string per
        message, in order. Each string is all the visible text of that message (blocks,
        embeds, fields, button labels) flattened and joined with newlines, unescaped as a
        reader would see it."""

    # Optional, looked up with getattr():
    #   def assert_no_pings(self) -> None
    #       Raise AssertionError if any message the bot sent could notify anyone
    #       (@everyone/@here/<!channel>/user mentions), checked on the platform payloads.
