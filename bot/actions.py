"""Outbound actions: what the core asks an adapter to do. Adapters render each type.

An adapter that meets a type it does not support must fail loudly (UnsupportedAction).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Union

from bot.digest import ChartSpec, Digest
from bot.domain import ChannelRef, MemberRef


class UnsupportedAction(TypeError):
    pass


class AnswerStatus(StrEnum):
    """What became of an answer or a skip; adapters show it (the console prints the value)."""

    SAVED = "saved"
    REPLACED = "replaced"
    REJECTED = "rejected"
    SKIPPED = "skipped"


ButtonStyle = Literal["default", "primary", "danger"]


@dataclass(frozen=True)
class Button:
    action: str  # a stable id made by bot.ids.encode, e.g. "hs:answer:12"; survives restarts
    label: str
    style: ButtonStyle = "default"


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    value: str = ""
    multiline: bool = False
    max_length: int = 200
    required: bool = True
    placeholder: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (value, label): a select instead of text
    number_range: tuple[int, int] | None = None  # a whole number in this range (Slack: number_input)


@dataclass(frozen=True)
class Form:
    id: str  # stable id; comes back in FormSubmitted.form_id
    title: str
    submit: str
    fields: tuple[FormField, ...]

    @property
    def text_limit(self) -> int:
        """The most characters of the form's text, for a platform that shows the form as one line
        to type (the console): its free-text field's limit, never a number field's (a
        prediction's probability comes first in its form); 0 for a form without text."""
        texts = [f for f in self.fields if f.number_range is None and not f.options]
        text = next((f for f in texts if f.multiline), texts[0] if texts else None)
        return text.max_length if text else 0


@dataclass(frozen=True)
class Reply:
    """Text for the person who acted. Private (ephemeral) unless ``public``."""

    text: str
    buttons: tuple[Button, ...] = ()
    public: bool = False
    handed_back: str | None = None  # a rejected answer, returned whole so nobody retypes it
    status: AnswerStatus | None = None  # for answers and skips
    reason: str | None = None  # why it was rejected, in the group's language
    note: str | None = None  # shown after the status where only the status is shown (then and now)


@dataclass(frozen=True)
class ShowDigest:
    """A digest for the person who asked (private) or for the channel (public)."""

    digest: Digest
    public: bool = False


@dataclass(frozen=True)
class OpenForm:
    form: Form


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes
    comment: str = ""
    public: bool = False
    failed: str = ""  # what the member is told privately, in their language, if the platform refuses the file
    chart: ChartSpec | None = None  # a chart still to be drawn into content (the runtime does it)


@dataclass(frozen=True)
class PromptCard:
    """The body of a prompt post: text per language, close time, buttons."""

    round_id: int
    period: str
    kind: str
    title: str
    text: str
    closes: str
    footer: str
    buttons: tuple[Button, ...]
    language: str = "en"


@dataclass(frozen=True)
class PromptPost:
    """A round's prompt for a bound channel, from the outbox. The adapter returns its message ids."""

    post_id: int
    channel: ChannelRef
    card: PromptCard


@dataclass(frozen=True)
class DigestPost:
    """A round's digest for a bound channel, from the outbox."""

    post_id: int
    channel: ChannelRef
    digest: Digest


@dataclass(frozen=True)
class ForecastLine:
    """One forecast or call on a revisit: author None in an anonymous round."""

    author: str | None
    text: str
    probability: int | None = None  # percent, for predictions
    grade: str | None = None  # right | partly | wrong, once the author graded a call


@dataclass(frozen=True)
class RevisitCard:
    """A prediction or call round that fell due, brought back to the group."""

    round_id: int
    period: str
    kind: str  # prediction | call
    title: str
    question: str
    asked: str  # when it was asked, in the group's language and timezone
    entries: tuple[ForecastLine, ...]
    summary: str  # e.g. the median forecast, or how to grade
    footer: str
    buttons: tuple[Button, ...]  # Resolve yes/no/ambiguous on predictions (admins); none on calls
    empty: str = ""  # shown when nobody forecast
    language: str = "en"


@dataclass(frozen=True)
class RevisitPost:
    """A revisit for a bound channel, from the outbox, once per due round."""

    post_id: int
    channel: ChannelRef
    card: RevisitCard


@dataclass(frozen=True)
class ResolutionPost:
    """The outcome of a resolved prediction, posted in the thread of its revisit post
    (``thread`` is that post's thread id, or its message id where threads hang off messages)."""

    post_id: int
    channel: ChannelRef
    thread: str | None
    text: str


ChannelPost = Union[PromptPost, DigestPost, RevisitPost, ResolutionPost]  # everything the outbox delivers


@dataclass(frozen=True)
class DirectMessage:
    member: MemberRef
    text: str
    buttons: tuple[Button, ...] = ()
    channel: ChannelRef | None = None  # the group's channel on the member's platform: buttons act there


@dataclass(frozen=True)
class HomeView:
    """A member's own home (Slack's App Home tab): sections of (heading, lines), then buttons.
    ``channel`` is the group's channel on the member's platform: the buttons act there."""

    member: MemberRef
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    buttons: tuple[Button, ...] = ()
    channel: ChannelRef | None = None


@dataclass(frozen=True)
class PostResult:
    message_id: str
    thread_id: str | None = None


Action = Union[Reply, ShowDigest, OpenForm, Upload, PromptPost, DigestPost, RevisitPost, ResolutionPost, DirectMessage,
               HomeView]
ACTION_TYPES: tuple[type, ...] = (Reply, ShowDigest, OpenForm, Upload, PromptPost, DigestPost, RevisitPost,
                                  ResolutionPost, DirectMessage, HomeView)
