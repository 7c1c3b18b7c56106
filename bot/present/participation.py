"""Words for ``stats`` and ``away``: weeks for people, rates as percents, days as dates (the
zone is named where the day depends on it), counts with their nouns."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog
from bot.actions import Action, Reply
from bot.participation import sparkline
from bot.present.format import Count, Date, Week, percent
from bot.results.participation import Away, AwayProblem, AwayRefused, AwayUsage, Back, Stats, StatsNone, StreakLine


def streak(lang: str, line: StreakLine) -> str:
    values: dict[str, object] = {"current": line.current, "best": line.best}
    if line.away_until is not None:
        values["until"] = Date(line.away_until, year=False)
    key = ("stats_own_line" if line.name is None else "stats_streak_line") + ("_away" if line.away_until else "")
    return catalog.t(lang, key, name=line.name or "", **values)


def stats(lang: str, result: Stats) -> list[Action]:
    lines = [catalog.t(lang, "stats_head", group=result.group),
             catalog.t(lang, "stats_rate_one" if result.first == result.last else "stats_rate",
                       count=Count(len(result.rates), "closed round", "closed rounds", "개"), first=Week(result.first),
                       last=Week(result.last), spark=sparkline(list(result.rates), 0.0, 1.0))]
    latest = result.rates[-1]
    if latest is None:
        lines.append(catalog.t(lang, "stats_latest_none", period=Week(result.last)))
    else:
        lines.append(catalog.t(lang, "stats_latest", percent=percent(latest), answered=result.latest_answered,
                               members=Count(result.latest_members, "member", "members", "명"),
                               period=Week(result.last)))
    lines.append(catalog.t(lang, "stats_streaks_head"))
    if result.anonymous:
        lines.append(catalog.t(lang, "stats_anonymous_note"))
    lines += [streak(lang, line) for line in result.streaks]
    lines.append(catalog.t(lang, "stats_rules"))
    if result.anonymous_rounds:
        lines.append(catalog.t(lang, "stats_anonymous_rounds"))
    return [Reply("\n".join(lines))]


def stats_none(lang: str, result: StatsNone) -> list[Action]:
    return [Reply(catalog.t(lang, "stats_none", group=result.group))]


def away_refused(lang: str, result: AwayRefused) -> list[Action]:
    values: dict[str, object] = {"date": result.typed, "timezone": result.timezone}
    if result.problem is AwayProblem.NOT_FUTURE and result.today:
        values["today"] = Date(result.today)
    if result.problem is AwayProblem.TOO_FAR and result.latest:
        values["latest"] = Date(result.latest)
    return [Reply(catalog.t(lang, result.problem.value, **values) + "\n" + catalog.t(lang, "away_usage"))]


def usage(lang: str, result: AwayUsage) -> list[Action]:
    return [Reply(catalog.t(lang, "away_usage"))]


def away(lang: str, result: Away) -> list[Action]:
    if result.until is None:
        return [Reply(catalog.t(lang, "away_status_none"))]
    key = "away_set" if result.changed else "away_status"
    return [Reply(catalog.t(lang, key, date=Date(result.until), timezone=result.timezone))]


def back(lang: str, result: Back) -> list[Action]:
    return [Reply(catalog.t(lang, "away_off" if result.was_away else "away_off_none"))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    Stats: stats,
    StatsNone: stats_none,
    AwayRefused: away_refused,
    AwayUsage: usage,
    Away: away,
    Back: back,
}
