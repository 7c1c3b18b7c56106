"""The one place that touches discord.py's private gateway internals (checked with 2.7.1).

discord.py calls a parser per dispatch (``ConnectionState.parsers[EVENT](data)``) straight
from the websocket's poll loop. An exception there is not caught by ``Client.connect``: it
ends the gateway task while the socket and its heartbeat thread stay up, so the bot looks
online to Discord and reads nothing more. Real Discord sends shapes that the 2.7.1 parsers
cannot read (a member without ``flags`` as in the documentation's example interaction, an
interaction without ``attachment_size_limit``, an older partial MESSAGE_UPDATE without
``type``), so each parser is wrapped here:

* ``fill_optional`` first adds the few optional fields discord.py reads unconditionally, with
  the value discord.py itself assumes elsewhere (member ``flags`` 0, as in
  ``Member._update_from_message``), so those events are handled normally;
* a dispatch that still cannot be parsed is logged and dropped, and the connection goes on.
  Only READY and RESUMED are let through: without them the session is not usable, so the
  connection is better ended and made again (see ``DiscordAdapter``'s supervisor).

It also keeps the top-level ``channel_id`` of recent interactions: discord.py reads only the
optional ``channel`` object, so without it ``Interaction.channel_id`` is None.
"""
from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any, Callable

import discord

log = logging.getLogger("hindsight.discord")
SESSION_EVENTS = frozenset({"READY", "RESUMED"})
DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024  # Discord's upload limit without boosts
REMEMBERED_INTERACTIONS = 512


def _fill_member(member: Any) -> None:
    if isinstance(member, dict):
        member.setdefault("flags", 0)


def fill_optional(event: str, data: Any) -> None:
    """Add, in place, the optional fields that discord.py 2.7.1 requires, where Discord may leave them out."""
    if not isinstance(data, dict):
        return
    if event == "INTERACTION_CREATE":
        data.setdefault("attachment_size_limit", DEFAULT_ATTACHMENT_LIMIT)
        _fill_member(data.get("member"))
        message = data.get("message")
        if isinstance(message, dict):
            _fill_member(message.get("member"))
        resolved = (data.get("data") or {}).get("resolved") if isinstance(data.get("data"), dict) else None
        if isinstance(resolved, dict) and isinstance(resolved.get("members"), dict):
            for member in resolved["members"].values():
                _fill_member(member)
    elif event in ("MESSAGE_CREATE", "MESSAGE_UPDATE"):
        _fill_member(data.get("member"))
        for mention in data.get("mentions") or ():
            if isinstance(mention, dict):
                _fill_member(mention.get("member"))


class ParserGuard:
    """Wraps a client's dispatch parsers; counts what it had to drop."""

    def __init__(self, client: discord.Client, on_dropped: Callable[[str, BaseException], None] | None = None) -> None:
        self.dropped = 0
        self.on_dropped = on_dropped
        self.channel_ids: OrderedDict[int, int] = OrderedDict()
        parsers: dict[str, Callable[[Any], None]] = client._connection.parsers  # private: see the module doc
        for event, parser in list(parsers.items()):
            parsers[event] = self._wrap(event, parser)

    def _wrap(self, event: str, parser: Callable[[Any], None]) -> Callable[[Any], None]:
        def guarded(data: Any) -> None:
            fill_optional(event, data)
            if event == "INTERACTION_CREATE":
                self._remember_channel(data)
            if event in SESSION_EVENTS:
                parser(data)
                return
            try:
                parser(data)
            except Exception as exc:  # noqa: BLE001 - one unreadable dispatch must not end the connection
                self.dropped += 1
                keys = ", ".join(sorted(data)) if isinstance(data, dict) else type(data).__name__
                log.error("discord: dropped a %s that discord.py could not read (%s: %s); fields: %s",
                          event, type(exc).__name__, exc, keys)
                if self.on_dropped is not None:
                    self.on_dropped(event, exc)
        guarded.__wrapped__ = parser  # type: ignore[attr-defined]
        return guarded

    def _remember_channel(self, data: Any) -> None:
        if not isinstance(data, dict):
            return
        channel = data.get("channel")
        raw: Any = data.get("channel_id") or (channel.get("id") if isinstance(channel, dict) else None)
        try:
            interaction_id, channel_id = int(data["id"]), int(raw)
        except (KeyError, TypeError, ValueError):
            return
        self.channel_ids[interaction_id] = channel_id
        while len(self.channel_ids) > REMEMBERED_INTERACTIONS:
            self.channel_ids.popitem(last=False)

    def channel_id(self, interaction_id: int) -> int | None:
        """The channel id the raw INTERACTION_CREATE carried, even without a ``channel`` object."""
        return self.channel_ids.get(interaction_id)
