"""The one base of our loopback fakes (Slack, Discord): an aiohttp server on 127.0.0.1, port 0.

One vocabulary for every fake, after opsdroid's ``ExternalAPIMockServer``::

    async with FakeSlack() as fake:                      # start() / stop() also work
        ...
        post = await fake.wait_for("chat.postMessage")   # the 1st payload, no polling
        fake.calls("chat.postMessage")                   # every payload, oldest first
        fake.last("chat.postMessage")                    # the latest payload, or None
        fake.records("response_url", key="cmd1")         # whole Call records (headers, query...)
        fake.fail_next("chat.postMessage", 429, headers={"Retry-After": "7"})
        await fake.wait_until(lambda: ..., what="...")   # any other condition on the fake
        fake.clear()                                     # forget the recorded requests

A *route* is a name the subclass gives each HTTP endpoint: the Web API method for Slack
(``"chat.postMessage"``, ``"response_url"``), ``"METHOD /template"`` for Discord
(``"POST /channels/{cid}/messages"``). Path parameters are kept in ``Call.params`` and every
lookup can filter on them: ``fake.calls("POST /channels/{cid}/messages", cid=channel_id)``.

Subclasses add their routes in :meth:`add_routes`, read the body of a request their own way, and
answer through :meth:`serve`, which records the call, answers an injected fault if one is due,
else runs the handler, and then notifies every waiter (an ``asyncio.Condition``).
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

from aiohttp import web

__all__ = ["Call", "LoopbackServer", "json_response"]


@dataclass(frozen=True)
class Call:
    """One recorded HTTP request."""
    route: str                 #: the route name (see the module docstring)
    method: str                #: GET, POST, ...
    path: str                  #: the request path (for Discord: relative to /api/v10, no query)
    params: dict[str, str]     #: path parameters of the route
    query: dict[str, str]      #: the query string
    body: Any                  #: the parsed JSON or form body (None when there was none)
    headers: dict[str, str]    #: the request headers
    files: tuple = ()          #: multipart files as (filename, content_type, bytes)


@dataclass
class _Fault:
    status: int
    body: Any
    headers: dict[str, str]
    params: dict[str, str]
    times: int = 1
    left: int = field(init=False)

    def __post_init__(self) -> None:
        self.left = self.times


def json_response(payload: Any, status: int = 200, headers: dict | None = None) -> web.Response:
    """A JSON response whose Content-Type is exactly ``application/json`` (aiohttp's own
    ``json_response`` appends ``; charset=utf-8``, which discord.py then reads as text)."""
    return web.Response(status=status, body=json.dumps(payload).encode(),
                        headers={"Content-Type": "application/json", **(headers or {})})


class LoopbackServer:
    """Start/stop on a free loopback port, record every request, wait for calls, inject faults."""

    name = "LoopbackServer"  #: used in timeout messages

    def __init__(self) -> None:
        self.requests: list[Call] = []  #: every recorded request, oldest first
        self._faults: dict[str, deque[_Fault]] = {}
        self._cond = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port: int = 0

    # ------------------------------------------------------------------ lifecycle
    def add_routes(self, app: web.Application) -> None:
        """Add the subclass's routes to ``app``."""
        raise NotImplementedError

    async def start(self):
        """Bind 127.0.0.1 on a free port and serve; returns self."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        self.add_routes(app)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close_connections(self) -> None:
        """Close the subclass's websockets before the server stops (a hook)."""

    async def stop(self) -> None:
        """Close every websocket, then the server (idempotent)."""
        await self.close_connections()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self):
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        if not self.port:
            raise RuntimeError(f"{self.name} is not started")
        return f"http://127.0.0.1:{self.port}"

    # ------------------------------------------------------------------ recording
    async def serve(self, route: str, request: web.Request, body: Any,
                    handler: Callable[[], Awaitable[web.StreamResponse]], *,
                    params: dict[str, str] | None = None, path: str | None = None,
                    files: tuple = ()) -> web.StreamResponse:
        """Record the request as ``route``, then answer an injected fault or ``handler()``.
        Waiters are notified once the answer is ready, so they see the fake's new state."""
        params = dict(request.match_info if params is None else params)
        self.requests.append(Call(route, request.method, request.path if path is None else path, params,
                                  dict(request.query), body, dict(request.headers), tuple(files)))
        try:
            fault = self._take_fault(route, params)
            if fault is not None:
                return fault
            return await handler()
        finally:
            await self.notify()

    def records(self, route: str, **params: Any) -> list[Call]:
        """The recorded calls to ``route`` whose path parameters equal ``params``, oldest first."""
        want = {k: str(v) for k, v in params.items()}
        return [c for c in self.requests
                if c.route == route and all(c.params.get(k) == v for k, v in want.items())]

    def calls(self, route: str, **params: Any) -> list[Any]:
        """The payloads (parsed bodies) of the calls to ``route``, oldest first."""
        return [c.body for c in self.records(route, **params)]

    def last(self, route: str, **params: Any) -> Any:
        """The payload of the latest call to ``route`` (None if it was never called)."""
        found = self.records(route, **params)
        return found[-1].body if found else None

    def clear(self) -> None:
        """Forget every recorded request and every pending fault."""
        self.requests.clear()
        self._faults.clear()

    # ------------------------------------------------------------------ waiting
    async def notify(self) -> None:
        """Wake every waiter so it checks its condition again (after any change to the fake)."""
        async with self._cond:
            self._cond.notify_all()

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 5.0,
                         what: str = "a condition") -> Any:
        """Wait until ``predicate()`` is truthy (checked after every notify) and return its value.
        Raises ``asyncio.TimeoutError`` naming ``what`` after ``timeout`` seconds."""
        result = None

        def check() -> bool:
            nonlocal result
            result = predicate()
            return bool(result)

        try:
            async with self._cond:
                await asyncio.wait_for(self._cond.wait_for(check), timeout)
        except asyncio.TimeoutError:
            raise asyncio.TimeoutError(f"{self.name}: timed out after {timeout}s waiting for {what}") from None
        return result

    async def wait_for(self, route: str, count: int = 1, timeout: float = 5.0, **params: Any) -> Any:
        """Wait until ``route`` was called ``count`` times; return the payload of that call."""
        await self.wait_until(lambda: len(self.records(route, **params)) >= count, timeout,
                              f"{count} call(s) to {route}" + (f" {params}" if params else ""))
        return self.records(route, **params)[count - 1].body

    # ------------------------------------------------------------------ faults
    def fault_defaults(self, status: int) -> tuple[Any, dict[str, str]]:
        """The body and headers of an injected failure when the test gives none (per platform)."""
        return {"error": f"{status}: injected failure"}, {}

    def fail_next(self, route: str, status: int, body: Any = None, headers: dict | None = None, *,
                  times: int = 1, **params: Any) -> None:
        """Answer the next ``times`` calls to ``route`` (whose path parameters equal ``params``)
        with ``status`` and ``body`` instead of the normal answer. The calls are still recorded.
        ``body=None`` takes the platform's shape (see :meth:`fault_defaults`); ``headers`` are
        added to the platform's default headers (e.g. ``{"Retry-After": "7"}``)."""
        default_body, default_headers = self.fault_defaults(status)
        self._faults.setdefault(route, deque()).append(_Fault(
            status, default_body if body is None else body, {**default_headers, **(headers or {})},
            {k: str(v) for k, v in params.items()}, times))

    def _take_fault(self, route: str, params: dict[str, str]) -> web.Response | None:
        for fault in self._faults.get(route, ()):
            if all(params.get(k) == v for k, v in fault.params.items()):
                fault.left -= 1
                if fault.left <= 0:
                    self._faults[route].remove(fault)
                if isinstance(fault.body, str):
                    return web.Response(status=fault.status, text=fault.body, headers=fault.headers)
                if isinstance(fault.body, bytes):
                    return web.Response(status=fault.status, body=fault.body, headers=fault.headers)
                return json_response(fault.body, fault.status, fault.headers)
        return None
