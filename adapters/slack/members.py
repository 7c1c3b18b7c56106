"""Who someone is on Slack: display name and workspace admin rights, from users.info, cached."""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Callable

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain import ChannelRef, MemberRef
from bot.events import Origin

PLATFORM = "slack"
log = logging.getLogger("hindsight.slack")


@dataclass(frozen=True)
class Person:
    display_name: str
    admin: bool  # workspace admin or owner


def display_name(user: dict) -> str:
    profile = user.get("profile") or {}
    for name in (profile.get("display_name"), profile.get("real_name"), user.get("real_name"), user.get("name")):
        if name and str(name).strip():
            return str(name).strip()
    return str(user.get("id") or "")


class Directory:
    """users.info with a short cache (admin rights may change, so not for long)."""

    def __init__(self, client: AsyncWebClient, ttl: float = 120.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.ttl = ttl
        self.clock = clock
        self._cache: dict[str, tuple[float, Person]] = {}

    async def person(self, user_id: str) -> Person:
        hit = self._cache.get(user_id)
        now = self.clock()
        if hit and now - hit[0] < self.ttl:
            return hit[1]
        try:
            user = (await self.client.users_info(user=user_id))["user"]
        except (SlackApiError, ClientError, asyncio.TimeoutError, OSError) as exc:
            # Fail closed: no admin rights, the user id as the name. Not cached.
            code = exc.response.get("error") if isinstance(exc, SlackApiError) else type(exc).__name__
            log.warning("slack: users.info for %s failed: %s", user_id, code)
            return Person(user_id, False)
        person = Person(display_name(user) or user_id,
                        bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")))
        self._cache[user_id] = (now, person)
        return person

    async def origin(self, team: str, user_id: str, channel_id: str) -> Origin:
        person = await self.person(user_id)
        return Origin(MemberRef(PLATFORM, team, user_id, person.display_name),
                      ChannelRef(PLATFORM, team, channel_id), platform_admin=person.admin)
