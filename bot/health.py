"""Liveness: the state of each platform connection, and what counts as healthy.

Adapters report their connection's state to the runtime (``Runtime.connection_changed``).
The scheduler writes the states with every heartbeat; ``hindsight healthcheck`` reads them
back in another process and judges them with ``assess``. Pure functions, no I/O.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

ConnectionState = Literal["up", "reconnecting", "down"]
STATES: tuple[str, ...] = get_args(ConnectionState)

HEARTBEAT_FRESH = timedelta(seconds=90)  # a heartbeat older than this is stale
HEARTBEAT_FUTURE = timedelta(seconds=60)  # a heartbeat further ahead than this means a clock went wrong
RECONNECT_LIMIT = timedelta(minutes=2)  # a connection not up for longer than this is down for good


@dataclass(frozen=True)
class Connection:
    state: ConnectionState
    since: datetime  # wall-clock time of the last change, for people and for the healthcheck


@dataclass(frozen=True)
class Verdict:
    healthy: bool
    reason: str


def lost_connection(states: dict[str, tuple[str, timedelta]]) -> str | None:
    """The first platform whose connection is down, or has not been up for over 2 minutes.
    ``states`` maps a platform to its state and how long it has been in that state."""
    for platform, (state, age) in sorted(states.items()):
        if state == "down" or (state != "up" and age > RECONNECT_LIMIT):
            return platform
    return None


def assess(beat: datetime | None, connections: dict[str, Connection], configured: set[str],
           now: datetime) -> Verdict:
    """Healthy only while the heartbeat is fresh (and not from the future) and every configured
    platform is up, or reconnecting for less than 2 minutes."""
    if beat is None:
        return Verdict(False, "heartbeat missing")
    if beat - now > HEARTBEAT_FUTURE:
        return Verdict(False, f"heartbeat in the future: {beat.isoformat()} (check the clock)")
    if now - beat > HEARTBEAT_FRESH:
        return Verdict(False, f"heartbeat stale: {beat.isoformat()}")
    for platform in sorted(configured - set(connections)):
        return Verdict(False, f"{platform}: not connected")
    lost = lost_connection({p: (c.state, now - c.since) for p, c in connections.items()})
    if lost is not None:
        conn = connections[lost]
        return Verdict(False, f"{lost}: {conn.state} since {conn.since.isoformat()}")
    age = int((now - beat).total_seconds())
    states = ", ".join(f"{p} {c.state}" for p, c in sorted(connections.items()))
    return Verdict(True, f"heartbeat {age}s ago" + (f"; {states}" if states else ""))


def encode(connections: dict[str, Connection]) -> dict[str, dict[str, str]]:
    return {p: {"state": c.state, "since": c.since.isoformat()} for p, c in connections.items()}


def decode(raw: object) -> dict[str, Connection]:
    """Read what ``encode`` wrote; anything malformed is skipped, never raised."""
    out: dict[str, Connection] = {}
    if not isinstance(raw, dict):
        return out
    for platform, item in raw.items():
        if not isinstance(item, dict) or item.get("state") not in STATES:
            continue
        try:
            since = datetime.fromisoformat(str(item.get("since")))
        except ValueError:
            continue
        if since.tzinfo is None:
            continue
        out[str(platform)] = Connection(item["state"], since)
    return out
