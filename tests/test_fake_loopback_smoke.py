"""The loopback fake base (tests/fakes/loopback.py) on its own: a one-route server, real HTTP."""
from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web

from tests.fakes.loopback import LoopbackServer, json_response


class Echo(LoopbackServer):
    name = "Echo"

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/rooms/{room}/say", self._say)

    async def _say(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()

        async def answer() -> web.Response:
            return json_response({"ok": True, "said": body["text"]})

        return await self.serve("say", request, body, answer)


@pytest.fixture
async def echo():
    async with Echo() as server:
        yield server


async def say(server: Echo, room: str, text: str) -> tuple[int, dict, str]:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{server.url}/rooms/{room}/say", json={"text": text},
                                headers={"X-Test": "1"}) as resp:
            return resp.status, await resp.json(), resp.headers["Content-Type"]


async def test_records_and_filters_by_path_parameters(echo):
    assert echo.port and echo.url.startswith("http://127.0.0.1:")
    assert (await say(echo, "a", "hi")) == (200, {"ok": True, "said": "hi"}, "application/json")
    await say(echo, "b", "yo")
    assert echo.calls("say") == [{"text": "hi"}, {"text": "yo"}]
    assert echo.calls("say", room="b") == [{"text": "yo"}] and echo.last("say") == {"text": "yo"}
    [first] = echo.records("say", room="a")
    assert (first.method, first.path, first.params) == ("POST", "/rooms/a/say", {"room": "a"})
    assert first.headers["X-Test"] == "1"
    assert echo.last("never") is None
    echo.clear()
    assert echo.requests == [] and echo.calls("say") == []


async def test_wait_for_wakes_on_the_record_and_times_out_by_name(echo):
    waiter = asyncio.ensure_future(echo.wait_for("say", count=2, room="a"))
    await say(echo, "a", "one")
    await say(echo, "b", "other room")
    assert not waiter.done()
    await say(echo, "a", "two")
    assert await asyncio.wait_for(waiter, 5) == {"text": "two"}
    with pytest.raises(asyncio.TimeoutError, match=r"Echo: timed out after 0.05s waiting for 3 call\(s\) to say"):
        await echo.wait_for("say", count=3, room="a", timeout=0.05)
    assert await echo.wait_until(lambda: len(echo.requests), what="anything") == 3


async def test_fail_next_answers_the_fault_once_and_still_records(echo):
    echo.fail_next("say", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "7"}, room="a")
    echo.fail_next("say", 500, times=2)
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{echo.url}/rooms/a/say", json={"text": "x"}) as resp:
            assert resp.status == 429 and resp.headers["Retry-After"] == "7"
            assert await resp.json() == {"ok": False, "error": "ratelimited"}
    assert (await say(echo, "b", "y"))[:2] == (500, {"error": "500: injected failure"})
    assert (await say(echo, "a", "z"))[0] == 500
    assert (await say(echo, "a", "fine"))[:2] == (200, {"ok": True, "said": "fine"})
    assert [c["text"] for c in echo.calls("say")] == ["x", "y", "z", "fine"]


async def test_stop_is_idempotent():
    server = await Echo().start()
    await server.stop()
    await server.stop()
