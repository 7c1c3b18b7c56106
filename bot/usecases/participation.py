"""``stats``: the group's answer rate per week as a sparkline and each member's streak of
answered weeks; ``away until YYYY-MM-DD`` / ``away off`` / ``away``.

The maths is pure (bot/participation.py); who is away for which round is one rule in
storage/participation.py. While away, a member gets no reminder DM, is not counted in M (the
digest's "N of M" and the rates here), and their away weeks neither break nor extend a streak.
In a group whose current setting is anonymous, ``stats`` shows only the asker's own streak.
Every reply is private.

Anonymous rounds leave no trace in what a member sees of others (bot/participation.py): other
members' streaks and the list of members come from named rounds only, and the rate and M
count an anonymous round's participants without knowing who they were. Only the asker's own
line counts the anonymous rounds they took part in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from bot.commands import AWAY_OFF_WORDS, AWAY_UNTIL_WORDS, Command
from bot.context import Deps, GroupCtx
from bot.domain import Group, Round
from bot.participation import (ROSTER_ROUNDS, RoundPart, Streak, answer_rates, member_count, member_streak,
                                members_counted, public_rounds)
from bot.results import Outcome
from bot.results.participation import (Away, AwayProblem, AwayRefused, AwayUsage, Back, Stats, StatsNone,
                                       StreakLine)
from bot.timing import shift_period, zone
from storage.participation import monday_of

RATE_ROUNDS = 26  # the sparkline covers this many closed rounds, the latest last
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


# what the rounds say ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Participation:
    """The group's rounds, oldest first, with who took part in each and who was away."""

    rounds: tuple[Round, ...]
    parts: tuple[RoundPart, ...]

    @property
    def closed(self) -> list[RoundPart]:
        return [p for r, p in zip(self.rounds, self.parts) if not r.is_open]


def participation(deps: Deps, group: Group) -> Participation:
    store = deps.store
    rounds = tuple(store.rounds.of_group(group.id))
    answered: dict[int, set[int]] = {}
    skipped: dict[int, set[int]] = {}
    for r in store.participation.taken_part(group.id):
        (answered if r["kind"] == "answer" else skipped).setdefault(r["round_id"], set()).add(r["member_id"])
    away = store.participation.away_by_round(group.id)
    parts = tuple(RoundPart(rnd.period, frozenset(answered.get(rnd.id, ())), frozenset(skipped.get(rnd.id, ())),
                            frozenset(away.get(rnd.id, ())), anonymous=rnd.anonymous) for rnd in rounds)
    return Participation(rounds, parts)


def streak_of(deps: Deps, group: Group, member_id: int) -> Streak:
    """A member's own current and best streak in the group, anonymous rounds included: only for
    that member's own eyes (``stats``, the App Home)."""
    return member_streak(participation(deps, group).closed, member_id)


def members_of_round(deps: Deps, rnd: Round) -> int:
    """M of a round's "N of M" (the digest, a year ago this week): the same count as ``stats``,
    from the round, the 7 before it, and two look-ups of who answered up to it (a digest never
    reads the group's whole history)."""
    store = deps.store
    rounds = store.rounds.up_to(rnd.group_id, rnd.period, ROSTER_ROUNDS)
    answered: dict[int, set[int]] = {}
    skipped: dict[int, set[int]] = {}
    for r in store.participation.taken_part_in([x.id for x in rounds]):
        (answered if r["kind"] == "answer" else skipped).setdefault(r["round_id"], set()).add(r["member_id"])
    away = store.participation.away_ids(rnd.group_id, rnd.period)
    recent = [RoundPart(x.period, frozenset(answered.get(x.id, ())), frozenset(skipped.get(x.id, ())),
                        frozenset(away) if x.id == rnd.id else frozenset(), anonymous=x.anonymous) for x in rounds]
    ever, ever_anonymous = store.participation.answered_up_to(rnd.group_id, rnd.period)
    return member_count(recent, ever, ever_anonymous) if recent else 0


def today(ctx: GroupCtx) -> date:
    return ctx.now.astimezone(zone(ctx.group.timezone)).date()


# stats -----------------------------------------------------------------------------------------
def cmd_stats(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    group, me = ctx.group, ctx.member_id
    info = participation(ctx.deps, group)
    closed_idx = [i for i, rnd in enumerate(info.rounds) if not rnd.is_open]
    if not closed_idx:
        return [StatsNone(group.name)]
    counted = members_counted(info.parts)
    rates = answer_rates(info.parts)
    shown = closed_idx[-RATE_ROUNDS:]
    last = shown[-1]
    closed = info.closed
    away_until = _away_now(ctx)
    if group.anonymous:
        s = member_streak(closed, me)  # your own: every round counts
        streaks: tuple[StreakLine, ...] = (StreakLine(None, s.current, s.best, away_until.get(me)),)
    else:
        # Others are seen through named rounds only; the asker's own line counts every round.
        named = public_rounds(closed)
        who = {m for p in named for m in p.answered | p.skipped} | {me}
        board = sorted(((member_streak(closed if m == me else named, m), _name(ctx, m), m) for m in who),
                       key=lambda x: (-x[0].current, -x[0].best, x[1].casefold(), x[2]))
        streaks = tuple(StreakLine(name, st.current, st.best, away_until.get(member)) for st, name, member in board)
    return [Stats(group.name, info.rounds[shown[0]].period, info.rounds[last].period, tuple(rates[i] for i in shown),
                  len(info.parts[last].answered), counted[last], streaks, anonymous=group.anonymous,
                  anonymous_rounds=not group.anonymous and any(p.anonymous for p in closed))]


def _name(ctx: GroupCtx, member_id: int) -> str:
    """A member's display name (their platform id if they have none)."""
    if member_id == ctx.member_id:
        ref = ctx.origin.member
    else:
        found = ctx.store.members.get(member_id)
        if found is None:
            return "?"
        ref = found
    return ref.display_name or ref.user_id


def _away_now(ctx: GroupCtx) -> dict[int, date]:
    """Members away today (their row lasts past today): member id -> the date they are back."""
    now, day = ctx.now, today(ctx).isoformat()
    return {int(a["member_id"]): date.fromisoformat(str(a["until"])) for a in ctx.store.participation.away_in(ctx.group.id)
            if str(a["until"]) > day and datetime.fromisoformat(str(a["created_at"])) <= now}


# away ------------------------------------------------------------------------------------------
def cmd_away(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    words = [w.lower() for w in cmd.words]
    if not words:
        return away_status(ctx)
    if len(words) == 1 and words[0] in AWAY_OFF_WORDS:  # off, 끝, 끄기, 복귀
        return away_off(ctx)
    if len(words) == 2 and words[0] in AWAY_UNTIL_WORDS:  # until DATE
        return away_until(ctx, cmd.words[1])
    if len(words) == 2 and words[1] in AWAY_UNTIL_WORDS:  # DATE 까지
        return away_until(ctx, cmd.words[0])
    if len(words) == 1 and words[0].endswith("까지"):  # DATE까지
        return away_until(ctx, cmd.words[0][: -len("까지")])
    if len(words) == 1 and _DATE.fullmatch(words[0]):
        return away_until(ctx, cmd.words[0])
    return [AwayUsage()]


def parse_until(text: str, today_: date, timezone: str) -> date | AwayRefused:
    """The date, or why not. Strict: ASCII YYYY-MM-DD only, a real day, after today, at most a
    year ahead."""
    shown = text[:40]
    if not _DATE.fullmatch(text):
        return AwayRefused(AwayProblem.BAD_DATE, shown, timezone)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return AwayRefused(AwayProblem.BAD_DATE, shown, timezone)
    if day <= today_:
        return AwayRefused(AwayProblem.NOT_FUTURE, shown, timezone, today=today_)
    try:
        latest = today_.replace(year=today_.year + 1)
    except ValueError:  # 29 February
        latest = today_.replace(year=today_.year + 1, day=28)
    if day > latest:
        return AwayRefused(AwayProblem.TOO_FAR, shown, timezone, latest=latest)
    return day


def away_until(ctx: GroupCtx, text: str) -> list[Outcome]:
    day = parse_until(text, today(ctx), ctx.group.timezone)
    if isinstance(day, AwayRefused):
        return [day]
    # Away already: the away time is moved, so the weeks already away stay away.
    keep = ctx.member_id in _away_now(ctx)
    ctx.store.participation.set_away(ctx.group.id, ctx.member_id, day.isoformat(), ctx.now, keep_start=keep)
    return [Away(day, ctx.group.timezone, changed=True)]


def away_status(ctx: GroupCtx) -> list[Outcome]:
    return [Away(_away_now(ctx).get(ctx.member_id), ctx.group.timezone)]


def away_off(ctx: GroupCtx) -> list[Outcome]:
    """Back now. The away time ends today, or on the Monday after the latest closed round if
    that is sooner: the closed weeks it covered stay away (no broken streak), and the week
    after them counts again (reminders, M, streak)."""
    group, store = ctx.group, ctx.store
    until = _away_now(ctx).get(ctx.member_id)
    if until is None:
        return [Back(was_away=False)]
    row = store.participation.away_of(group.id, ctx.member_id)
    assert row is not None
    latest = store.rounds.closed(group.id, limit=1)
    if latest and datetime.fromisoformat(str(row["created_at"])) < latest[0].closes_at:
        end: str | None = min(until.isoformat(), monday_of(shift_period(latest[0].period, 1)), today(ctx).isoformat())
    else:
        end = None  # it covered no closed round: nothing to keep
    store.participation.end_away(group.id, ctx.member_id, end)
    return [Back(was_away=True)]
