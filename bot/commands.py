"""Parse ``/hindsight <sub> ...`` into a Command. Never raises anything but CommandError."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.timing import parse_period

SUBCOMMANDS = (
    "answer", "skip", "digest", "search", "history", "help", "setup", "link", "settings", "prompts",
    "open", "close", "pause", "resume", "export", "my-data", "forget-me", "resolve", "grade", "ledger",
    "stats",
    "away",
    "chart",
    "radar",
)
ADMIN_SUBCOMMANDS = frozenset({"link", "settings", "prompts", "open", "close", "pause", "resume", "export", "resolve"})
ALIASES = {"mydata": "my-data", "forgetme": "forget-me", "forget": "forget-me", "": "help", "?": "help"}
MAX_COMMAND_LENGTH = 4000
MAX_ID = 2**63 - 1  # SQLite's INTEGER: a bigger id would raise OverflowError in the driver
MAX_WEEKS_BACK = 1040  # "digest N weeks ago": 20 years back at most
# A user mention: Slack <@U123> or <@U123|name>, Discord <@123> or <@!123>. A role <@&1> is not a member.
_MENTION = re.compile(r"^<@!?([A-Za-z0-9]+)(?:\|([^>]*))?>$", re.ASCII)
# The same, anywhere in a line: a command's word, or a labelled one inside free text.
_MENTION_WORD = re.compile(r"<@!?[A-Za-z0-9]+(?:\|[^<>|]*)?>|\S+")
_LABELLED = re.compile(r"<@!?[A-Za-z0-9]+\|([^<>|]*)>", re.ASCII)
# Commands whose words name members: their mentions stay references by id. Elsewhere the text is
# free (an answer, a search, a prompt), and a labelled mention reads as the name it shows.
NAMING_SUBCOMMANDS = frozenset({"history", "ledger", "settings"})
_AGO = re.compile(r"^([0-9]+)(?:\s*(?:weeks?|w|주)\s*(?:ago|전)?)?$", re.IGNORECASE | re.ASCII)
_INT = re.compile(r"-?[0-9]{1,19}", re.ASCII)


def parse_int(text: object, lo: int, hi: int) -> int | None:
    """A number from a person or a platform, strictly: ASCII digits (an optional leading
    minus), within [lo, hi]. None for anything else: '²' and '١٢٣' (which str.isdigit or
    int() accept), spaces, signs like '+', or a value too big for SQLite."""
    if not isinstance(text, str) or not _INT.fullmatch(text):
        return None
    value = int(text)
    return value if lo <= value <= hi else None


# Keyword arguments, in either language: a word as typed (lower case, spaces removed) -> its
# English value. Korean forms are the glossary's words, plus what people commonly type.
OUTCOME_WORDS = {
    "yes": "yes", "y": "yes", "예": "yes", "네": "yes", "실현됨": "yes", "실현": "yes",
    "no": "no", "n": "no", "아니요": "no", "아니오": "no", "아니": "no", "실현안됨": "no",
    "ambiguous": "ambiguous", "판정불가": "ambiguous", "불가": "ambiguous",
    "undo": "undo", "취소": "undo", "되돌리기": "undo",
}
GRADE_WORDS = {
    "right": "right", "맞음": "right", "맞았음": "right",
    "partly": "partly", "half": "partly", "반쯤": "partly", "반쯤맞음": "partly", "절반": "partly",
    "wrong": "wrong", "틀림": "wrong", "틀렸음": "wrong",
}
AWAY_OFF_WORDS = frozenset({"off", "끝", "끄기", "복귀"})
AWAY_UNTIL_WORDS = frozenset({"until", "까지"})
GROUP_WORDS = frozenset({"group", "그룹"})
# The first words of a command's arguments in Korean, read as the English keyword they stand for.
SUBWORDS: dict[str, dict[str, str]] = {
    "prompts": {"목록": "list", "추가": "add", "삭제": "remove", "빼기": "remove", "다음": "next"},
    "settings": {"관리자": "admin"},
    "export": {"마크다운": "md"},
}
KIND_WORDS = {"서술형": "text", "점수형": "scale", "예측": "prediction", "전망": "call"}  # prompts add 점수형 ...
ADMIN_OPS = {"추가": "add", "삭제": "remove", "빼기": "remove"}  # settings admin 추가|삭제 @멤버
_WEEKS = re.compile(r"^([0-9]+)\s*주$", re.ASCII)  # radar 8주


def keyword(words: tuple[str, ...] | list[str], table: dict[str, str]) -> str | None:
    """The value ``words`` name in ``table`` (``실현 안 됨`` and ``실현안됨`` alike); None if none."""
    return table.get("".join(w.lower() for w in words))


class CommandError(ValueError):
    """A command that cannot be run, with a catalog key and its arguments."""

    def __init__(self, key: str, **kwargs: object) -> None:
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


@dataclass(frozen=True)
class MemberToken:
    """How a command names a member: by platform id (a mention), or by a bare name or id."""

    value: str
    mention: bool  # True: a platform mention, so ``value`` is a user id for certain
    label: str = ""  # the name a Slack mention carries (<@U123|name>), if any


def member_token(token: str) -> MemberToken | None:
    """Read a member reference; None for a role mention (<@&1>) or an empty name."""
    m = _MENTION.match(token)
    if m:
        return MemberToken(m.group(1), True, (m.group(2) or "").strip())
    if token.startswith("<@"):
        return None
    name = token.lstrip("@").strip()
    return MemberToken(name, False) if name else None


def plain_mentions(text: str) -> str:
    """Free text as it reads: a labelled mention (``<@U123|dave>``) becomes ``@dave``."""
    return _LABELLED.sub(lambda m: "@" + (m.group(1).strip() or "?"), text)


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
        weeks = parse_int(m.group(1), 0, MAX_WEEKS_BACK)
        if weeks is None:
            raise CommandError("bad_digest_arg", arg=arg[:80])
        return DigestQuery("back", weeks=weeks)
    try:
        return DigestQuery("period", period=parse_period(arg))
    except ValueError:
        raise CommandError("bad_digest_arg", arg=arg[:80]) from None


def english_keywords(name: str, words: tuple[str, ...]) -> tuple[str, ...]:
    """``prompts 다음 7`` reads as ``prompts next 7``, ``settings 관리자 추가 @a`` as ``settings
    admin add @a``, ``radar 8주`` as ``radar 8``. Only keywords change; free text never does."""
    if not words:
        return words
    first = SUBWORDS.get(name, {}).get(words[0], words[0])
    out = [first, *words[1:]]
    if name == "settings" and first == "admin" and len(out) > 1:
        out[1] = ADMIN_OPS.get(out[1], out[1])
    if name == "radar" and len(out) == 1:
        m = _WEEKS.match(out[0])
        out[0] = m.group(1) if m else out[0]
    return tuple(out)


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
    if name not in NAMING_SUBCOMMANDS:
        rest = plain_mentions(rest)
    words = tuple(_MENTION_WORD.findall(rest))
    words = english_keywords(name, words)
    if name == "digest":
        return Command(name, rest, words, digest=parse_digest_arg(rest))
    if name == "search" and not rest:
        raise CommandError("search_needs_words")
    if name == "prompts" and words and words[0].lower() not in ("list", "add", "remove", "next"):
        raise CommandError("bad_prompts_arg")
    if name == "export" and words and words[0].lower() not in ("json", "csv", "md"):
        raise CommandError("bad_export_arg")
    return Command(name, rest, words)
