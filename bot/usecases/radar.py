"""The hype radar: ``radar [N]`` (private), the data of ``hindsight radar``, and the radar
section of the first digest closed in a new month (group setting ``radar=monthly|off``).

The last N closed rounds of the group are compared with all its earlier closed rounds
(bot/radar.py). Anonymous rounds count; the radar shows terms and counts only, never who used
them.
"""
from __future__ import annotations

from bot.commands import Command, parse_int
from bot.context import Deps, GroupCtx
from bot.domain import Group, Round
from bot.radar import radar
from bot.results import Outcome
from bot.results.radar import RadarShown, RadarTooFew, RadarUsage, RadarView
from bot.timing import zone
from storage.store import Store

DEFAULT_WEEKS = 8
MAX_WEEKS = 104
SHOWN_CLI = 10


def compute(store: Store, group_id: int, weeks: int = DEFAULT_WEEKS, up_to: str | None = None) -> RadarView | None:
    """The radar of the group's last ``weeks`` closed rounds (up to the period ``up_to``)
    against all its earlier closed rounds; None unless there are more than ``weeks``."""
    periods = store.trends.closed_periods(group_id, up_to)
    if len(periods) <= weeks:
        return None
    first_recent = periods[-weeks]
    recent: list[tuple[int, str]] = []
    earlier: list[tuple[int, str]] = []
    for r in store.trends.closed_answers(group_id, periods[0], periods[-1]):
        (recent if r["period"] >= first_recent else earlier).append((r["member_id"], r["text"] or ""))
    return RadarView(weeks, len(periods) - weeks, radar(recent, earlier))


def closed_count(store: Store, group_id: int) -> int:
    return len(store.trends.closed_periods(group_id))


def parse_weeks(words: tuple[str, ...]) -> int | None:
    """``radar`` or ``radar N`` with N strictly 1..104; None for anything else."""
    if not words:
        return DEFAULT_WEEKS
    if len(words) != 1:
        return None
    return parse_int(words[0], 1, MAX_WEEKS)


def cmd_radar(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    group = ctx.group
    weeks = parse_weeks(cmd.words)
    if weeks is None:
        return [RadarUsage(MAX_WEEKS, DEFAULT_WEEKS)]
    view = compute(ctx.store, group.id, weeks)
    if view is None:
        return [RadarTooFew(group.name, weeks, closed_count(ctx.store, group.id))]
    return [RadarShown(group.name, view)]


def as_json(group: Group, view: RadarView) -> dict[str, object]:
    """What ``hindsight radar --format json`` prints."""
    return {"group": group.name, "weeks": view.weeks, **view.radar.as_json()}


# the digest ------------------------------------------------------------------------------------
def radar_due(deps: Deps, group: Group, rnd: Round) -> bool:
    """The round is the first to close in a new month (in the group's timezone) and the
    group's radar is monthly."""
    if group.radar != "monthly" or rnd.closed_at is None:
        return False
    periods = deps.store.trends.closed_periods(group.id, rnd.period)
    if len(periods) < 2 or periods[-1] != rnd.period:
        return False
    before = deps.store.rounds.for_period(group.id, periods[-2])
    if before is None or before.closed_at is None:
        return False
    tz = zone(group.timezone)
    now, then = rnd.closed_at.astimezone(tz), before.closed_at.astimezone(tz)
    return (now.year, now.month) != (then.year, then.month)


def radar_section(deps: Deps, rnd: Round) -> RadarView | None:
    """The digest's radar for this round: None unless it is the first round closed in a new
    month, the group's radar is monthly, there are more than 8 closed rounds, and some term
    rose or fell. The radar is the one as of this round, so an old digest shown again shows
    the radar it had."""
    group = deps.store.groups.get(rnd.group_id)
    if group is None or not radar_due(deps, group, rnd):
        return None
    view = compute(deps.store, group.id, DEFAULT_WEEKS, up_to=rnd.period)
    if view is None or not (view.radar.rising or view.radar.falling):
        return None
    return view
