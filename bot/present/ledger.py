"""Words for the ledger: weeks for people, the day a forecast comes back, Briers with two
decimals, rates as percents, counts with their nouns."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog
from bot.actions import Action, Reply
from bot.present import clip, outcome_label
from bot.present.format import Count, Day, Week, percent
from bot.results.ledger import GroupLedger, LedgerEmpty, MemberLedger, OwnLedger, Question, ResolvedForecast
from bot.scores import fmt2

QUESTION_CHARS = 60


def question(lang: str, q: Question) -> str:
    if lang == "both" and q.ko != q.en:
        return f"{clip(q.en, QUESTION_CHARS)} / {clip(q.ko, QUESTION_CHARS)}"
    return clip(q.ko if lang == "ko" else q.en, QUESTION_CHARS)


def share(fraction: float | None) -> str:
    return "–" if fraction is None else percent(fraction)


def resolved_line(lang: str, f: ResolvedForecast) -> str:
    return catalog.t(lang, "ledger_resolved_line", period=Week(f.period), probability=f.probability,
                     outcome=outcome_label(lang, f.outcome), brier=fmt2(f.brier),
                     relative=fmt2(f.relative, signed=True), question=question(lang, f.question))


def own(lang: str, result: OwnLedger) -> list[Action]:
    lines = [catalog.t(lang, "ledger_head", group=result.group)]
    if result.open:
        lines.append(catalog.t(lang, "ledger_open_head"))
        for f in result.open:
            what = f"{f.probability}%" if f.probability is not None else clip(f.text or "–", 40)
            due: object = Day(f.due_at, result.timezone) if f.due_at else "–"
            lines.append(catalog.t(lang, "ledger_open_line", period=Week(f.period), what=what, due=due,
                                   question=question(lang, f.question)))
    if result.resolved:
        lines.append(catalog.t(lang, "ledger_resolved_head"))
        lines += [resolved_line(lang, f) for f in result.resolved]
    if result.scored:
        lines.append(catalog.t(lang, "ledger_mean", mean=fmt2(result.mean_brier), count=result.scored,
                               relative=fmt2(result.mean_relative, signed=True)))
        if result.buckets:
            lines.append(catalog.t(lang, "ledger_calibration_head"))
            for b in result.buckets:
                lines.append(catalog.t(lang, "ledger_bucket", low=b.low, high=b.high,
                                       count=Count(b.count, "forecast", "forecasts", "개"),
                                       said=share(b.said), came=share(b.came)))
    if result.calls:
        lines.append(catalog.t(lang, "ledger_calls", graded=result.graded, count=result.calls,
                               rate=share(result.hit_rate)))
    return [Reply("\n".join(lines))]


def member(lang: str, result: MemberLedger) -> list[Action]:
    lines = [catalog.t(lang, "ledger_member_head", name=result.name,
                       count=Count(len(result.resolved), "resolved forecast", "resolved forecasts", "개"))]
    lines += [resolved_line(lang, f) for f in result.resolved]
    if result.scored:
        lines.append(catalog.t(lang, "ledger_member_mean", mean=fmt2(result.mean_brier), count=result.scored))
    return [Reply("\n".join(lines))]


def group(lang: str, result: GroupLedger) -> list[Action]:
    lines = [catalog.t(lang, "ledger_group_head", group=result.group,
                       count=Count(len(result.questions), "resolved prediction", "resolved predictions", "개"))]
    for q in result.questions:
        lines.append(catalog.t(lang, "ledger_group_line", period=Week(q.period), outcome=outcome_label(lang, q.outcome),
                               median=share(q.median_forecast), count=Count(q.forecasters, "forecast", "forecasts", "개"),
                               brier=fmt2(q.median_brier), question=question(lang, q.question)))
    if result.leaderboard is None:
        lines.append(catalog.t(lang, "ledger_leaderboard_off"))
        return [Reply("\n".join(lines))]
    lines.append(catalog.t(lang, "ledger_leaderboard_head"))
    if not result.leaderboard:
        lines.append(catalog.t(lang, "ledger_leaderboard_empty"))
    for r in result.leaderboard:
        lines.append(catalog.t(lang, "ledger_leaderboard_line", rank=r.rank, name=r.name,
                               relative=fmt2(r.mean_relative, signed=True), count=r.count))
    return [Reply("\n".join(lines))]


def empty(lang: str, result: LedgerEmpty) -> list[Action]:
    return [Reply(catalog.t(lang, result.why.value))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    OwnLedger: own,
    MemberLedger: member,
    GroupLedger: group,
    LedgerEmpty: empty,
}
