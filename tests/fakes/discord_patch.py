"""The one place that points discord.py at a :class:`FakeDiscord`.

discord.py has no base-URL setting, so tests swap two class attributes:

* ``discord.http.Route.BASE`` -- every REST call, including interaction callbacks and webhooks.
  ``discord.http._set_api_version()`` resets it, so enter ``pointed_at`` after any call to that.
* ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` -- where a plain ``Client`` connects (it never
  asks GET /gateway/bot; AutoShardedClient does, and the fake answers that too).
"""

from __future__ import annotations

import contextlib
from typing import Iterator

import discord.gateway
import discord.http
import yarl


@contextlib.contextmanager
def pointed_at(fake) -> Iterator[None]:
    """Point discord.py's REST base and default gateway at ``fake`` (a started FakeDiscord);
    restore the originals on exit, even on error."""
    route_cls, ws_cls = discord.http.Route, discord.gateway.DiscordWebSocket
    old_base, old_gateway = route_cls.BASE, ws_cls.DEFAULT_GATEWAY
    if not fake.port:
        raise RuntimeError("pointed_at(fake): start the fake first (it has no port yet)")
    route_cls.BASE = fake.api_url
    ws_cls.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        route_cls.BASE, ws_cls.DEFAULT_GATEWAY = old_base, old_gateway
