"""Parse ``/hindsight <sub> ...`` into a Command. Never raises anything but CommandError."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.timing import parse_period

SUBCOMMANDS = (
    "answer", "skip", "digest", "search", "history", "help", "setup", "link", "settings", "prompts",
    "open", "close", "pause", "resume", "export", "my-data", "forget-me",
)
ADMIN_SUBCOMMANDS = frozenset({"link", "settings", "prompts", "open", "close", "pause", "resume", "export"})
ALIASES = {"mydata": "my-data", "forgetme": "forget-me", "forget": "forget-me", "": "help", "?": "help"}
MAX_COMMAND_LENGTH = 4000
_MENTION = re.compile(r"^<@!?&?([A-Za-z0-9]+)(?:\|[^>]*)?>$")
_AGO = re.compile(r"^(\d{1,4})(?:\s*(?:weeks?|w|주)\s*(?:ago|전)?)?$", re.IGNORECASE)


class CommandError(ValueError):
    """A command that cannot be run, with a catalog key and its arguments."""

    def __init__(self, key: str, **kwargs) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


@dataclass(frozen=True)
class DigestQuery:
    kind: str  # latest | list | back | period
    weeks: int = 0
    period: str = ""
    post: bool = False  # "... post": an admin posts it to the channel instead of seeing it privately


@dataclass(frozen=True)
class Command:
    name: str
    text: str = ""  # the raw rest of the line
    words: tuple[str, ...] = field(default_factory=tuple)
    digest: DigestQuery | None = None

    @property
    def admin_only(self) -> bool:
        if self.name == "prompts" and (not self.words or self.words[0] == "list"):
            return False
        if self.name == "settings" and not self.words:
            return False  # anyone may see the settings; the form only opens for admins
        return self.name in ADMIN_SUBCOMMANDS


def strip_mention(token: str) -> str:
    m = _MENTION.match(token)
    if m:
        return m.group(1)
    return token.lstrip("@")


def parse_digest_arg(arg: str) -> DigestQuery:
    arg = " ".join(arg.split()).lower()
    for word in ("post", "게시"):
        if arg == word or arg.endswith(" " + word):
            query = parse_digest_arg(arg[: -len(word)])
            return DigestQuery(query.kind, query.weeks, query.period, post=True)
    if arg in ("", "latest", "last", "최근"):
        return DigestQuery("latest")
    if arg in ("list", "ls", "목록"):
        return DigestQuery("list")
    m = _AGO.match(arg)
    if m:
        return DigestQuery("back", weeks=int(m.group(1)))
    try:
        return DigestQuery("period", period=parse_period(arg))
    except ValueError:
        raise CommandError("bad_digest_arg", arg=arg[:80]) from None


def parse(text: str) -> Command:
    """``text`` is what follows ``/hindsight`` (a leading ``/hindsight`` is accepted too)."""
    if not isinstance(text, str):
        raise CommandError("unknown_command", name="?")
    text = text.replace("\x00", "").strip()
    if len(text) > MAX_COMMAND_LENGTH:
        raise CommandError("command_too_long", limit=MAX_COMMAND_LENGTH)
    if text.lower().startswith("/hindsight"):
        text = text[len("/hindsight"):].strip()
    head, _, rest = text.partition(" ")
    name = head.strip().lower()
    name = ALIASES.get(name, name)
    rest = rest.strip()
    if name not in SUBCOMMANDS:
        raise CommandError("unknown_command", name=head[:40])
    words = tuple(rest.split())
    if name == "digest":
        return Command(name, rest, words, digest=parse_digest_arg(rest))
    if name == "search" and not rest:
        raise CommandError("search_needs_words")
    if name == "prompts" and words and words[0].lower() not in ("list", "add", "remove"):
        raise CommandError("bad_prompts_arg")
    if name == "export" and words and words[0].lower() not in ("json", "csv", "md"):
        raise CommandError("bad_export_arg")
    return Command(name, rest, words)
