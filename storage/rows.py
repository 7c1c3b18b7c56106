"""Storage's own row types: frozen dataclasses the queries return, with no behaviour that needs
I/O. The core re-exports them from bot.domain; storage imports nothing from bot/."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

ANSWER_LIMIT_DEFAULT = 500  # the schema's default too (groups.answer_limit)


@dataclass(frozen=True)
class Schedule:
    """Weekly times in the group's timezone. Days are 0 (Monday) to 6 (Sunday)."""

    prompt_day: int = 0
    prompt_time: str = "09:00"
    close_day: int = 6
    close_time: str = "18:00"
    remind_day: int | None = 4
    remind_time: str | None = "18:00"


@dataclass(frozen=True)
class Group:
    id: int
    name: str
    timezone: str = "UTC"
    language: str = "en"
    schedule: Schedule = field(default_factory=Schedule)
    answer_limit: int = ANSWER_LIMIT_DEFAULT
    anonymous: bool = False
    paused: bool = False
    resurface: bool = True  # "then and now" after an answer, "a year ago" in the digest
    leaderboard: bool = False  # "ledger group" ranks members by relative Brier
    next_prompt_id: int | None = None  # "prompts next ID": the next round asks this one
    radar: str = "monthly"  # monthly | off: the hype radar in the first digest of a month
    holidays: str = "off"  # off | a country code ("KR") | "KR skip": rounds around public holidays


@dataclass(frozen=True)
class ChannelRef:
    """Where a chat channel lives: (platform, workspace or guild, channel)."""

    platform: str
    workspace: str
    channel_id: str


@dataclass(frozen=True)
class Channel:
    id: int
    group_id: int
    ref: ChannelRef


@dataclass(frozen=True)
class MemberRef:
    platform: str
    workspace: str
    user_id: str
    display_name: str = ""


@dataclass(frozen=True)
class Prompt:
    id: int
    kind: str
    text_en: str
    text_ko: str
    labels_en: tuple[str, ...] = ()
    labels_ko: tuple[str, ...] = ()
    key: str | None = None
    group_id: int | None = None
    theme: str | None = None
    horizon_months: int | None = None  # prediction and call prompts fall due this long after asking


@dataclass(frozen=True)
class Round:
    id: int
    group_id: int
    period: str
    prompt_id: int
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None = None
    reminded_at: datetime | None = None
    late: bool = False
    anonymous: bool = False  # fixed when it opens; turning it on later also marks the open round
    due_at: datetime | None = None  # prediction and call rounds: prompt time + the horizon
    revisited_at: datetime | None = None  # when its revisit was queued (once)
    outcome: str | None = None  # yes | no | ambiguous, once an admin resolved a prediction
    resolved_at: datetime | None = None
    resolved_by: int | None = None
    nudged_at: datetime | None = None  # admins were reminded of an unresolved revisit

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
