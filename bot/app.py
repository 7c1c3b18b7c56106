"""Start and stop the whole bot: storage, core, adapters and scheduler in one asyncio loop."""
from __future__ import annotations

import asyncio
import errno
import logging
import signal
import sqlite3
import sys
from typing import Any, TextIO

from bot import catalog, logs
from bot.clock import Clock, FixedClock, SystemClock, iso, warn_if_fixed
from bot.config import Config, ConfigError, apply_groups
from bot.dbthread import DbThread
from bot.errors import StartupError
from bot.runtime import Runtime
from bot.scheduler import Scheduler
from bot.service import Hindsight, seeding
from bot.usecases import clock_guard
from bot.usecases.console import ensure_console_group
from storage.db import DatabaseError, UnusableDatabase, cause_of, connect, guard_of
from storage.guard import failure_cause, out_of_descriptors
from storage.store import Store

log = logging.getLogger("hindsight")
EXIT_CONNECTION_LOST = 3  # a platform connection did not come back: let Docker's restart policy act
EXIT_FILE_CHANGED = 3  # the database was deleted or replaced under the process: a restart reopens it


def secrets_of(config: Config) -> list[str]:
    return [s for s in (config.discord_token, config.slack_bot_token, config.slack_app_token,
                        config.slack_signing_secret) if s]


async def serve(config: Config, *, console_member: str | None = None, stdin: TextIO | None = None,
                stdout: TextIO | None = None, clock: Clock | None = None, stop: asyncio.Event | None = None,
                role: str | None = None) -> int:
    """Run until a signal (or, for the console, the end of input). Returns the exit code."""
    # The connection is opened on the database thread and used only there (SQLite refuses
    # any other thread), so the loop never waits on the disk: bot/dbthread.py.
    clock = clock or SystemClock()
    dbt = DbThread()
    try:  # migrations and the built-in prompts in one transaction: all of it, or the file as it was
        db = await dbt(connect, config.db_path, prepare=seeding(clock))
    except UnusableDatabase as exc:  # not Hindsight's file: one clear line, exit 2, file untouched
        dbt.shutdown()
        log.error("%s", catalog.t(config.language, "db_" + exc.kind, path=exc.path, detail=exc.detail))
        return 2
    except DatabaseError as exc:  # the file is fine but cannot be opened now: one line, exit 1
        dbt.shutdown()
        if exc.cause is None:
            log.error("%s", exc)
        else:
            log.error("%s", catalog.t(config.language, "db_cannot_open", path=config.db_path,
                                      reason=catalog.t(config.language, "db_cause_" + exc.cause)))
        return 1
    service = await dbt(lambda: Hindsight(Store(db), clock, default_language=config.language, seed=False))
    role = role or ("console" if console_member is not None else "run")
    if role == "run" and isinstance(service.clock, FixedClock):
        live = await dbt(clock_guard.live_server, service.deps)
        if live is not None:  # a fixed clock never runs a second bot beside a live one
            log.error("%s", catalog.t(config.language, "run_fixed_served", now=iso(service.clock.now()),
                                      pid=live.pid, path=config.db_path))
            await dbt(db.close)
            dbt.shutdown()
            return 2
    runtime = Runtime(service, db=dbt)
    scheduler = Scheduler(runtime, role=role)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    installed = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
    console = None
    lost: list[str] = []

    def connection_lost(platform: str) -> None:
        lost.append(platform)
        stop.set()

    runtime.on_connection_lost = connection_lost
    file_changed: list[str] = []

    def file_lost(cause: str) -> None:  # storage logged the CRITICAL line; may run on a database thread
        file_changed.append(cause)
        loop.call_soon_threadsafe(stop.set)

    guard = guard_of(db)
    if guard is not None:
        guard.on_lost = file_lost
    watchdog = loop.create_task(runtime.watch())
    try:
        await dbt(apply_groups, service, config.groups)
        if console_member is not None:
            from adapters.console import ConsoleAdapter

            group, first = await dbt(ensure_console_group, service.store, service.clock.now(),
                                     service.default_language)
            console = ConsoleAdapter(console_member, stdin=stdin, stdout=stdout, lang=group.language)
            runtime.add_adapter(console)
            if first or not await dbt(service.store.rounds.of_group, group.id):
                # a new console group opens its first round, if this process may act on rounds;
                # a first round that cannot be written yet is retried on every tick
                refused = await dbt(clock_guard.refusal, service.deps)
                if refused is None:
                    await dbt(service.open_first_round, group)
                else:
                    console.write(catalog.t(console.lang, refused[0], **refused[1]))
            if stdin_is_terminal() and stdin is None:
                console.write(catalog.t(console.lang, "console_welcome", member=console.member))
        if config.has_platform:
            from adapters import build_platform_adapters

            for adapter in build_platform_adapters(config):
                runtime.add_adapter(adapter)
        await runtime.start_adapters()
        await scheduler.start()
        if console is not None:
            await console.read_lines(stop)
        else:
            log.info("hindsight is running (%s); stop with SIGTERM or Ctrl-C", ", ".join(runtime.adapters))
            await stop.wait()
        log.info("shutting down")
        if file_changed:
            return EXIT_FILE_CHANGED
        return EXIT_CONNECTION_LOST if lost else 0
    except (StartupError, ConfigError) as exc:
        log.error("%s", exc)
        return 1
    except OSError as exc:  # too few descriptors to import an adapter or open a socket: one line
        if exc.errno not in (errno.EMFILE, errno.ENFILE):
            raise  # a closed stdout (BrokenPipeError) and the like: the CLI handles them
        log.error("%s", catalog.t(config.language, "start_failed",
                                  reason=catalog.t(config.language, "db_cause_" + failure_cause(exc))))
        return 1
    except sqlite3.Error as exc:  # a start that could not write (a full disk): one line, no traceback
        if file_changed:
            return EXIT_FILE_CHANGED
        log.error("%s", catalog.t(config.language, "db_cannot_start", path=config.db_path,
                                  reason=catalog.t(config.language, "db_cause_" + cause_of(exc, db))))
        return 1
    finally:
        watchdog.cancel()
        scheduler.stop()
        await runtime.stop()
        for sig in installed:
            loop.remove_signal_handler(sig)
        await dbt(db.close)
        dbt.shutdown()


def run(config: Config, **kwargs: Any) -> int:
    logs.setup(config.log_format, config.log_level, secrets_of(config))
    clock = kwargs.get("clock")
    if clock is not None:
        warn_if_fixed(clock)  # HINDSIGHT_NOW: the one warning, now that logging is set up
    if out_of_descriptors(needed=3):  # the event loop's selector and socket pair, before asyncio half-builds one
        log.error("%s", catalog.t(config.language, "start_failed",
                                  reason=catalog.t(config.language, "db_cause_descriptors")))
        return 1
    try:
        with asyncio.Runner() as runner:
            runner.get_loop()  # the loop's own socket pair: fails first when descriptors are short
            return runner.run(serve(config, **kwargs))
    except KeyboardInterrupt:
        return 0
    except OSError as exc:  # no descriptor left for the event loop itself: one line, no traceback
        if exc.errno not in (errno.EMFILE, errno.ENFILE):
            raise
        log.error("%s", catalog.t(config.language, "start_failed",
                                  reason=catalog.t(config.language, "db_cause_" + failure_cause(exc))))
        return 1


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
