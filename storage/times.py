"""How storage writes and reads times: ISO 8601 text with a UTC offset."""
from __future__ import annotations

from datetime import datetime, timezone


def iso(dt: datetime) -> str:
    """Store and export times as ISO 8601 with an offset (UTC)."""
    return dt.astimezone(timezone.utc).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)
