"""Inbound events: what an adapter tells the core happened. One frozen type per kind."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.domain import ChannelRef, MemberRef
from bot.health import ConnectionState


@dataclass(frozen=True)
class Origin:
    """Who did something, and where."""

    member: MemberRef
    channel: ChannelRef
    platform_admin: bool = False  # Slack admin/owner, Discord Manage Server, console user


@dataclass(frozen=True)
class AnswerSubmitted:
    """An answer from a form, a command or the console."""

    origin: Origin
    text: str
    source: str
    event_id: str | None = None
    round_id: int | None = None  # from a form or button; None means the channel's open round
    score: int | None = None
    at: datetime | None = None
    probability: int | None = None  # percent, for a prediction (a button, or the form's field)


@dataclass(frozen=True)
class ThreadReply:
    """A message in the thread of a prompt post. The first one of a member is their answer."""

    origin: Origin
    thread_ref: str  # the platform id of the thread (Slack thread_ts, Discord thread channel id)
    message_ref: str
    text: str
    event_id: str
    at: datetime | None = None


@dataclass(frozen=True)
class MessageEdited:
    origin: Origin
    message_ref: str
    text: str
    event_id: str
    at: datetime | None = None


@dataclass(frozen=True)
class MessageDeleted:
    """A message was deleted. Platforms that do not say who wrote it (Discord, Slack's bare
    ``message_deleted``) send ``author_known=False``: the core finds the author of the answer
    that came from that message, if any."""

    origin: Origin
    message_ref: str
    event_id: str
    author_known: bool = True


@dataclass(frozen=True)
class CommandInvoked:
    """``/hindsight <text>``; ``text`` is everything after the command name."""

    origin: Origin
    text: str


@dataclass(frozen=True)
class ButtonClicked:
    """A click on a button the core rendered. ``action`` is the button's stable id."""

    origin: Origin
    action: str
    event_id: str | None = None


@dataclass(frozen=True)
class FormSubmitted:
    origin: Origin
    form_id: str
    values: dict[str, str] = field(default_factory=dict)
    event_id: str | None = None


@dataclass(frozen=True)
class HomeOpened:
    """A member opened the app's home (Slack's App Home tab). ``origin.channel`` is where the
    platform says it happened (not a bound channel): the core finds the member's group."""

    origin: Origin


@dataclass(frozen=True)
class ConnectionChanged:
    """An adapter's platform connection changed: up, reconnecting (retrying) or down (gave up).
    It goes to the runtime (liveness), not to the core."""

    platform: str
    state: ConnectionState


Event = (
    AnswerSubmitted | ThreadReply | MessageEdited | MessageDeleted | CommandInvoked | ButtonClicked
    | FormSubmitted | HomeOpened
)
