"""What the ``hindsight`` subcommands share: the one-line stop, refusing the live database as
an output, and opening the file read-only for commands that only read."""
from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from bot import catalog
from bot.clock import Clock, SystemClock
from bot.config import Config

if TYPE_CHECKING:
    from bot.domain import Group
    from bot.service import Hindsight
    from storage.db import UnusableDatabase


class Stop(Exception):
    """End the command with one line on stderr and this exit code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def unusable_message(exc: UnusableDatabase, lang: str) -> str:
    """One clear line for a file Hindsight must not use (storage.db.UnusableDatabase)."""
    return catalog.t(lang, "db_" + exc.kind, path=exc.path, detail=exc.detail)


def chosen_clock(args: argparse.Namespace) -> Clock:
    """The clock main() chose: fixed by HINDSIGHT_NOW, else the system's."""
    clock: Clock = getattr(args, "clock", None) or SystemClock()
    return clock


def open_readonly(config: Config, clock: Clock) -> Hindsight | None:
    """The service on a read-only connection (mode=ro): no migration, no seeding, no write."""
    from storage.db import DatabaseError, UnusableDatabase, connect
    from storage.store import Store
    from bot.service import Hindsight

    if not Path(config.db_path).exists():
        print(f"hindsight: no database at {config.db_path}", file=sys.stderr)
        return None
    try:
        db = connect(config.db_path, readonly=True)
    except UnusableDatabase as exc:
        raise Stop(2, unusable_message(exc, config.language)) from exc
    except DatabaseError as exc:
        print(f"hindsight: {exc}", file=sys.stderr)
        return None
    return Hindsight(Store(db), clock, default_language=config.language, seed=False)


def open_group(config: Config, name: str, clock: Clock) -> tuple[Hindsight, Group] | None:
    """(service, group), or None after saying why."""
    service = open_readonly(config, clock)
    if service is None:
        return None
    wanted = unicodedata.normalize("NFC", name)  # a name typed in NFD (a macOS terminal) is the same name
    group = service.store.groups.by_name(name) or next(
        (g for g in service.store.groups.all() if unicodedata.normalize("NFC", g.name) == wanted), None)
    if group is None:
        print("hindsight: " + catalog.t(config.language, "cli_no_group", group=name), file=sys.stderr)
        return None
    return service, group
