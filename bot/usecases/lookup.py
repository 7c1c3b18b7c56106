"""Looking back: ``search`` through what the group said, and ``history`` of one member."""
from __future__ import annotations

import unicodedata

from bot.commands import Command, member_token
from bot.context import GroupCtx
from bot.results import Found, History, LookupRefusal, LookupRefused, Outcome, SearchResults
from bot.usecases.members import resolve_member
from storage.sql import fold

MAX_RESULTS = 20


def anonymous_rounds(ctx: GroupCtx) -> set[int]:
    return {r.id for r in ctx.store.rounds.of_group(ctx.group.id) if r.anonymous}


def found_of(rows: list[dict], *, authors: bool, hidden: frozenset[int] | set[int] = frozenset()) -> tuple[Found, ...]:
    """Each answer; no author where ``authors`` is off or the round is in ``hidden``."""
    return tuple(Found(r["period"], str(r["text"]), r["author"] if authors and r["round_id"] not in hidden else None,
                       r["score"], open=not r["closed_at"]) for r in rows)


def cmd_search(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    # NFC at the edge: a query typed on macOS arrives decomposed (NFD), answers are stored NFC.
    query = unicodedata.normalize("NFC", cmd.text)
    terms = [t for t in (w.strip('"\'') for w in query.split()) if t][:8]
    if not terms:
        return [LookupRefused(LookupRefusal.NEEDS_WORDS)]
    long = [t for t in terms if len(t) >= 3]
    short = [t for t in terms if len(t) < 3]
    rows = ctx.store.answers.search(ctx.group.id, long, short, ctx.member_id, limit=MAX_RESULTS)
    # Each answer's author shows by its round's own anonymity, fixed when the round opened (as
    # in digests, history and exports), whatever the group's setting is today.
    return [SearchResults(query, found_of(rows, authors=True, hidden={r["round_id"] for r in rows if r["anonymous"]}))]


def names_me(ctx: GroupCtx, word: str) -> bool:
    """The word names the asker: their own mention, platform id or display name."""
    ref = member_token(word)
    me = ctx.origin.member
    if ref is None:
        return False
    if ref.mention:
        return ref.value == me.user_id
    return ref.value == me.user_id or bool(me.display_name) and fold(ref.value) == fold(me.display_name)


def cmd_history(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    member_id = ctx.member_id
    if cmd.words and not names_me(ctx, cmd.words[0]):
        if ctx.group.anonymous:
            # Refused before the name is looked up, so the answer is the same for every name.
            return [LookupRefused(LookupRefusal.ANONYMOUS)]
        found, problem = resolve_member(ctx, cmd.words[0])
        if found is None:
            return problem
        member_id = found
    rows = ctx.store.answers.history(ctx.group.id, member_id, ctx.member_id)
    if member_id != ctx.member_id:
        # Another member's answers from anonymous rounds are theirs alone, whatever the
        # group's setting is today.
        hidden = anonymous_rounds(ctx)
        rows = [r for r in rows if r["round_id"] not in hidden]
    if not rows:
        return [History("", ())]
    scores = [r["score"] for r in reversed(rows) if r["score"] is not None]
    return [History(rows[0]["author"], found_of(rows, authors=False), tuple(scores[-12:]))]
