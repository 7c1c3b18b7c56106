"""The one thread that touches the database, so the event loop never waits on the disk.

A write that waits for another process's lock (up to the 10 s busy timeout), every fsync and
every query run here, one at a time and in the order they were asked for, the way Datasette
serialises its writes through one worker. The loop awaits the result: ``await db(fn, *args)``.

``DbThread`` is what ``hindsight run`` and the console use: the connection is opened on the
thread itself (``await db(connect, path)``), so SQLite's own same-thread check refuses any use
from elsewhere. ``SameThread`` runs the call at once on the caller's thread; it is for code that
drives the synchronous service from one thread anyway (most in-process tests).
"""
from __future__ import annotations

import asyncio
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class DbRunner(Protocol):
    async def __call__(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T: ...

    def shutdown(self) -> None: ...


class DbThread:
    """A single-worker executor: calls run one after another, in submission order."""

    def __init__(self, name: str = "hindsight-db") -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._thread: threading.Thread | None = None

    async def __call__(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, functools.partial(self._run, fn, *args, **kwargs))

    def _run(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        self._thread = threading.current_thread()
        return fn(*args, **kwargs)

    @property
    def thread(self) -> threading.Thread | None:
        """The worker thread, once it has run something (tests check where a call ran)."""
        return self._thread

    def shutdown(self) -> None:
        """Finish what was asked for, then end the thread."""
        self._pool.shutdown(wait=True)


class SameThread:
    """Runs each call at once, on the caller's thread."""

    async def __call__(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        return fn(*args, **kwargs)

    def shutdown(self) -> None:
        return None
