"""End to end: ``hindsight run`` in Slack HTTP mode under a burst of signed slash commands.

Everything runs on this machine, over real sockets on 127.0.0.1:

* the loopback fake Slack (``tests.fakes.slack_server.FakeSlack``) answers the Web API calls
  the bot makes (auth.test, users.info, chat.postMessage...) and receives every response_url
  POST, stamped with its arrival time;
* ``hindsight run`` is a real subprocess (SLACK_MODE=http, SLACK_API_URL at the fake), with a
  temporary SQLite file; a workspace admin runs ``/hindsight setup`` and ``/hindsight open``;
* then ``members`` members each send ``/hindsight answer <text>`` once, form-encoded and signed
  like Slack signs it (v0 HMAC-SHA256), at ``rate`` requests a second, on a fixed schedule
  (open loop: a slow reply does not delay the next request).

Per request it measures the ack latency (the HTTP answer of POST /slack/events) and the reply
latency (from sending the request until the fake receives the response_url POST for it). The
same load then goes to a minimal slack-bolt app (below, run as its own process in the same HTTP
mode) that acks, does one INSERT into SQLite with Hindsight's pragmas and responds.

Start-up is the time from spawning the process until a signed request to /slack/events gets
HTTP 200, against spawning ``python -c "import slack_bolt, apscheduler, sqlite_utils"`` until
it exits. RSS is VmRSS of the hindsight process (from /proc) after the load.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

from bench.data import answer_text
from storage.db import file_uri
from tests.fakes.slack_server import FakeSlack, form_body, slash_command, url_verification

SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-bench"
ADMIN = "U0BENCHADM"
CHANNEL = "C0BENCH01"
REPLY_TARGET = 1.5  # reply p99 of hindsight within 1.5x the minimal app
RSS_TARGET_MIB = 80.0
IMPORTS = "import slack_bolt, apscheduler, sqlite_utils"

# The minimal app: bolt's own HTTP server, ack(), one durable INSERT, respond().
MINIMAL_APP = r'''
import os, sqlite3, time
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

conn = sqlite3.connect(os.environ["BENCH_DB"], timeout=10.0, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA synchronous=FULL")
conn.execute("PRAGMA busy_timeout=10000")
conn.execute("CREATE TABLE IF NOT EXISTS answers (id INTEGER PRIMARY KEY, team TEXT, channel TEXT,"
             " user TEXT, text TEXT, at REAL)")

client = AsyncWebClient(token=os.environ["BENCH_TOKEN"], base_url=os.environ["BENCH_API_URL"])
app = AsyncApp(client=client, signing_secret=os.environ["BENCH_SECRET"])


@app.command("/hindsight")
async def answer(ack, command, respond):
    await ack()
    conn.execute("INSERT INTO answers (team, channel, user, text, at) VALUES (?, ?, ?, ?, ?)",
                 (command["team_id"], command["channel_id"], command["user_id"], command["text"], time.time()))
    await respond(text="Saved.", response_type="ephemeral")


app.start(port=int(os.environ["BENCH_PORT"]), path="/slack/events", host="127.0.0.1")
'''


class TimedFake(FakeSlack):
    """The fake Slack, stamping each response_url POST with its arrival time (perf_counter)."""

    def __init__(self) -> None:
        super().__init__()
        self.arrivals: dict[str, float] = {}
        self.arrived: dict[str, asyncio.Event] = {}

    def expect(self, key: str) -> asyncio.Event:
        return self.arrived.setdefault(key, asyncio.Event())

    async def _response(self, request: web.Request) -> web.Response:
        key = request.match_info["key"]
        self.arrivals.setdefault(key, time.perf_counter())
        self.expect(key).set()
        return await super()._response(request)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile, in ms rounded to 0.1."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return round(ordered[rank - 1] * 1000, 1)


def _rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _hindsight_argv() -> list[str]:
    script = Path(sys.executable).with_name("hindsight")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_", "HINDSIGHT_"))}


class Target:
    """One app under test: a subprocess serving POST /slack/events on ``port``."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], port: int, log: Path) -> None:
        self.name, self.argv, self.env, self.port, self.log = name, argv, env, port, log
        self.url = f"http://127.0.0.1:{port}/slack/events"
        self.proc: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        if self.proc is None:
            raise RuntimeError(f"{self.name} is not running")
        return self.proc.pid

    async def start(self, session: aiohttp.ClientSession, timeout: float = 60.0) -> float:
        """Spawn; return seconds until a signed url_verification gets HTTP 200."""
        body = json.dumps(url_verification("bench-ready"))
        with open(self.log, "ab") as log:
            t0 = time.perf_counter()
            self.proc = subprocess.Popen(self.argv, env=self.env, stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT)
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} during start-up; "
                                   f"log:\n{self.log.read_text(errors='replace')[-3000:]}")
            try:
                status, _ = await post(session, self.url, body, "application/json")
                if status == 200:
                    return time.perf_counter() - t0
            except (aiohttp.ClientConnectionError, asyncio.TimeoutError):
                pass
            if time.perf_counter() - t0 > timeout:
                raise RuntimeError(f"{self.name} did not answer on {self.url} within {timeout}s")
            await asyncio.sleep(0.005)

    def stop(self) -> int | None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return proc.returncode if proc else None
        proc.send_signal(signal.SIGTERM)
        try:
            return proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait(5)


async def post(session: aiohttp.ClientSession, url: str, body: str,
               content_type: str = "application/x-www-form-urlencoded") -> tuple[int, str]:
    ts = str(int(time.time()))
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body) or ""}
    async with session.post(url, data=body.encode("utf-8"), headers=headers) as resp:
        return resp.status, await resp.text()


async def command(session: aiohttp.ClientSession, fake: TimedFake, target: Target, key: str, text: str,
                  user: str, timeout: float = 30.0, posted: bool = False) -> object:
    """A signed slash command; wait for its response_url POST (or, with ``posted``, for a new
    chat.postMessage: setup answers in the channel) and return the reply's JSON."""
    event = fake.expect(key)
    posts = len(fake.calls("chat.postMessage"))
    payload = slash_command(text, user_id=user, channel_id=CHANNEL, team_id=fake.team_id,
                            response_url=fake.response_url(key))
    status, body = await post(session, target.url, form_body(payload))
    if status != 200:
        raise RuntimeError(f"{target.name}: /hindsight {text.split()[0]} got HTTP {status}: {body[:200]}")
    if posted:
        return await fake.wait_for("chat.postMessage", posts + 1, timeout)
    await asyncio.wait_for(event.wait(), timeout)
    return fake.calls("response_url", key=key)[-1]


def _reply_text(body: object) -> str:
    return str(body.get("text", "")) if isinstance(body, dict) else str(body)


async def load(session: aiohttp.ClientSession, fake: TimedFake, target: Target, members: int,
               rate: float, prefix: str, seed: int = 8) -> dict:
    """``members`` answers at ``rate`` a second; per request ack and reply latency."""
    rng = random.Random(seed)
    texts = [answer_text(rng, 200) for _ in range(members)]
    acks: list[float] = []
    replies: list[float] = []
    errors: list[str] = []
    sent: dict[str, float] = {}

    async def one(i: int, at: float) -> None:
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        key = f"{prefix}{i}"
        fake.expect(key)
        payload = slash_command(f"answer {texts[i]}", user_id=f"U0{prefix.upper()}{i:05d}", channel_id=CHANNEL,
                                team_id=fake.team_id, response_url=fake.response_url(key))
        body = form_body(payload)
        t0 = time.perf_counter()
        sent[key] = t0
        try:
            status, text = await post(session, target.url, body)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            errors.append(f"{key}: {type(exc).__name__}")
            return
        acks.append(time.perf_counter() - t0)
        if status != 200:
            errors.append(f"{key}: HTTP {status}")

    calls_before = len(fake.requests)
    start = time.perf_counter() + 0.05
    await asyncio.gather(*(one(i, start + i / rate) for i in range(members)))
    deadline = time.perf_counter() + 30.0
    for key in sent:
        try:
            await asyncio.wait_for(fake.expect(key).wait(), max(0.01, deadline - time.perf_counter()))
        except asyncio.TimeoutError:
            errors.append(f"{key}: no response_url POST")
            continue
        replies.append(fake.arrivals[key] - sent[key])
    wall = time.perf_counter() - start
    api_calls: dict[str, int] = {}
    for method in (c.route for c in fake.requests[calls_before:] if c.route != "response_url"):
        api_calls[method] = api_calls.get(method, 0) + 1
    statuses: dict[str, int] = {}
    for key, body in ((c.params["key"], c.body) for c in fake.records("response_url")):
        if key.startswith(prefix) and key[len(prefix):].isdigit():
            word = _reply_text(body).split(".")[0][:40]
            statuses[word] = statuses.get(word, 0) + 1
    return {"ack_p50_ms": _pct(acks, 50), "ack_p99_ms": _pct(acks, 99), "ack_max_ms": _pct(acks, 100),
            "reply_p50_ms": _pct(replies, 50), "reply_p99_ms": _pct(replies, 99),
            "reply_max_ms": _pct(replies, 100), "requests": members, "replies": len(replies),
            "errors": len(errors), "error_sample": errors[:3], "reply_texts": statuses, "web_api_calls": api_calls,
            "load_seconds": round(wall, 2)}


async def _spawn_exit(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(*argv, env=env, stdin=asyncio.subprocess.DEVNULL)
    code = await proc.wait()
    if code != 0:
        raise RuntimeError(f"{argv} exited with {code}")
    return time.perf_counter() - t0


def _count(db: Path, sql: str) -> int | None:
    try:
        conn = sqlite3.connect(file_uri(str(db), mode="ro"), uri=True, timeout=10)
        try:
            return int(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


async def run(members: int = 200, rate: float = 20.0, startup_repeats: int = 3) -> dict:
    with tempfile.TemporaryDirectory(prefix="hindsight-e2e-") as tmp:
        work = Path(tmp)
        fake = TimedFake()
        fake.users[ADMIN] = {"is_admin": True}
        await fake.start()
        connector = aiohttp.TCPConnector(limit=0)
        session = aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30))
        targets: list[Target] = []
        try:
            base = _clean_env()
            imports = [await _spawn_exit([sys.executable, "-c", IMPORTS], base) for _ in range(startup_repeats)]

            # hindsight: start-up measured on fresh files; the last process takes the load.
            starts: list[float] = []
            hindsight: Target | None = None
            for n in range(startup_repeats):
                port = _free_port()
                db = work / f"hindsight-{n}.db"
                env = dict(base, HINDSIGHT_DB=str(db), SLACK_MODE="http", SLACK_BOT_TOKEN=BOT_TOKEN,
                           SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.base_url,
                           SLACK_HTTP_PORT=str(port), HINDSIGHT_LOG_LEVEL="warning")
                hindsight = Target("hindsight", [*_hindsight_argv(), "run"], env, port, work / "hindsight.log")
                targets.append(hindsight)
                starts.append(await hindsight.start(session))
                if n < startup_repeats - 1:
                    hindsight.stop()
            assert hindsight is not None
            setup = _reply_text(await command(session, fake, hindsight, "setup", "setup", ADMIN,
                                                posted=True))
            posts = len(fake.calls("chat.postMessage"))
            opened = _reply_text(await command(session, fake, hindsight, "open", "open", ADMIN))
            with contextlib.suppress(asyncio.TimeoutError):  # the prompt post, before the load starts
                await fake.wait_for("chat.postMessage", posts + 1, 10.0)
            if "Opened" not in opened:
                raise RuntimeError(f"hindsight did not open a round: setup said {setup[:200]!r}, "
                                   f"open said {opened[:200]!r}")
            rss_before = _rss_mib(hindsight.pid)
            hs = await load(session, fake, hindsight, members, rate, "h")
            hs["rss_mib_before_load"] = rss_before
            hs["rss_mib"] = _rss_mib(hindsight.pid)
            hs["answers_in_db"] = _count(Path(hindsight.env["HINDSIGHT_DB"]), "SELECT count(*) FROM answers")
            hs["startup_ms"] = round(statistics.median(starts) * 1000, 1)
            hs["exit_code"] = hindsight.stop()

            # the minimal bolt app, same load
            app_file = work / "minimal_app.py"
            app_file.write_text(MINIMAL_APP, encoding="utf-8")
            port = _free_port()
            mdb = work / "minimal.db"
            menv = dict(base, BENCH_DB=str(mdb), BENCH_TOKEN=BOT_TOKEN, BENCH_API_URL=fake.base_url,
                        BENCH_SECRET=SECRET, BENCH_PORT=str(port))
            minimal = Target("minimal", [sys.executable, str(app_file)], menv, port, work / "minimal.log")
            targets.append(minimal)
            m_start = await minimal.start(session)
            mn = await load(session, fake, minimal, members, rate, "m")
            mn["rss_mib"] = _rss_mib(minimal.pid)
            mn["answers_in_db"] = _count(mdb, "SELECT count(*) FROM answers")
            mn["startup_ms"] = round(m_start * 1000, 1)
            mn["exit_code"] = minimal.stop()
        finally:
            for t in targets:
                t.stop()
            await session.close()
            await fake.stop()

    ratio = (round(hs["reply_p99_ms"] / mn["reply_p99_ms"], 2)
             if hs["reply_p99_ms"] and mn["reply_p99_ms"] else None)
    import_ms = round(statistics.median(imports) * 1000, 1)
    return {
        "bench": "e2e", "members": members, "rate_per_s": rate,
        "hindsight": hs, "minimal": mn,
        "reply_p99_ratio": ratio,
        "startup_ms": {"hindsight": hs["startup_ms"], "imports_only": import_ms,
                       "minimal": mn["startup_ms"],
                       "hindsight_over_imports": round(hs["startup_ms"] / import_ms, 2)},
        "rss_mib": hs["rss_mib"],
        "targets": {"reply_p99_within_1_5x_minimal": ratio is not None and ratio <= REPLY_TARGET,
                    "rss_under_80_mib": hs["rss_mib"] is not None and hs["rss_mib"] < RSS_TARGET_MIB,
                    "all_answers_saved": hs["answers_in_db"] == members and hs["errors"] == 0},
    }


def main(members: int = 200, rate: float = 20.0, startup_repeats: int = 3) -> dict:
    return asyncio.run(run(members, rate, startup_repeats))
