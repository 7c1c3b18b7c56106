"""The console's group: the terminal is one channel of one group, named ``console``."""
from __future__ import annotations

import sqlite3
from datetime import datetime

from bot.domain import ChannelRef, Group
from storage.store import Store

CONSOLE_GROUP = "console"
CONSOLE_CHANNEL = ChannelRef("console", "local", "console")


def ensure_console_group(store: Store, now: datetime, language: str) -> tuple[Group, bool]:
    """The group bound to the console channel, created on first start (then True).

    Two consoles starting at once on a new file both end up in the one group: the loser of
    the insert finds the winner's group on its second look."""
    for _ in range(3):
        channel = store.channels.by_ref(CONSOLE_CHANNEL)
        if channel is not None:
            group = store.groups.get(channel.group_id)
            if group is not None:
                return group, False
        try:
            group = store.groups.by_name(CONSOLE_GROUP) or store.groups.create(CONSOLE_GROUP, now, language=language)
        except sqlite3.IntegrityError:
            continue  # another process created it between our look and our insert
        bound = store.channels.bind(group.id, CONSOLE_CHANNEL, now)
        if bound is not None and bound.group_id == group.id:
            return group, channel is None
    raise RuntimeError("the console group could not be created")
