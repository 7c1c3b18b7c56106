"""``ledger``: your forecasts and calls and how they scored; ``ledger @member``; ``ledger group``.

Scores come from bot/scores.py (pure). A forecast from an anonymous round counts in your own
ledger and in the group's figures, but never shows its author to anyone else.
"""
from __future__ import annotations

from typing import Sequence

from bot import catalog
from bot.actions import Action, Reply
from bot.commands import Command
from bot.context import GroupCtx
from bot.present import clip, outcome_label, say
from bot.scores import (ScoredForecast, calibration, fmt2, hit_rate, leaderboard, member_summary,
                        question_records, score_forecasts)
from bot.results import Outcome
from bot.usecases.members import resolve_member
from bot.usecases.revisits import forecasts_for_scores

QUESTION_CHARS = 60


def cmd_ledger(ctx: GroupCtx, cmd: Command) -> Sequence[Outcome]:
    if cmd.words and cmd.words[0].lower() in ("group", "그룹"):
        return group_ledger(ctx)
    if cmd.words:
        found, problem = resolve_member(ctx, cmd.words[0])
        if found is None:
            return problem
        if found != ctx.member_id:
            return member_ledger(ctx, found)
    return own_ledger(ctx)


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def _question(row: dict, lang: str) -> str:
    return clip((row["text_ko"] if lang == "ko" else row["text_en"]).splitlines()[0], QUESTION_CHARS)


def _due(row: dict) -> str:
    return str(row["due_at"])[:10] if row["due_at"] else "–"


def own_ledger(ctx: GroupCtx) -> list[Action]:
    lang, me = ctx.lang, ctx.member_id
    rows = ctx.store.ledger.forecasts(ctx.group.id, "prediction")
    calls = [r for r in ctx.store.ledger.forecasts(ctx.group.id, "call") if r["member_id"] == me]
    mine = [r for r in rows if r["member_id"] == me]
    if not mine and not calls:
        return say(ctx, "ledger_none")
    scored = {(s.forecast.question, s.forecast.member): s for s in score_forecasts(forecasts_for_scores(rows))}
    lines = [catalog.t(lang, "ledger_head", group=ctx.group.name)]
    open_rows = [r for r in mine if r["outcome"] is None] + [r for r in calls if r["grade"] is None]
    if open_rows:
        lines.append(catalog.t(lang, "ledger_open_head"))
        for r in open_rows:
            what = f"{r['probability']}%" if r["kind"] == "prediction" else clip(r["text"] or "–", 40)
            lines.append(catalog.t(lang, "ledger_open_line", period=r["period"], what=what, due=_due(r),
                                   question=_question(r, lang)))
    done = [r for r in mine if r["outcome"] is not None]
    if done:
        lines.append(catalog.t(lang, "ledger_resolved_head"))
        for r in done:
            s: ScoredForecast | None = scored.get((r["round_id"], me))
            lines.append(catalog.t(lang, "ledger_resolved_line", period=r["period"], probability=r["probability"],
                                   outcome=outcome_label(lang, r['outcome']),
                                   brier=fmt2(s.brier if s else None),
                                   relative=fmt2(s.relative if s else None, signed=True),
                                   question=_question(r, lang)))
    summary = member_summary(forecasts_for_scores(rows), me)
    if summary.scored:
        lines.append(catalog.t(lang, "ledger_mean", mean=fmt2(summary.mean_brier), count=summary.scored,
                               relative=fmt2(summary.mean_relative, signed=True)))
        buckets = [b for b in calibration(forecasts_for_scores(rows), me) if b.count]
        if buckets:
            lines.append(catalog.t(lang, "ledger_calibration_head"))
            for b in buckets:
                lines.append(catalog.t(lang, "ledger_bucket", low=b.low, high=b.high, count=b.count,
                                       said=percent(b.mean_forecast), came=percent(b.observed)))
    graded = [r["grade"] for r in calls if r["grade"]]
    if calls:
        lines.append(catalog.t(lang, "ledger_calls", graded=len(graded), count=len(calls),
                               rate=fmt2(hit_rate(graded))))
    return [Reply("\n".join(lines))]


def member_ledger(ctx: GroupCtx, member_id: int) -> list[Action]:
    """Another member's resolved forecasts, from rounds that were not anonymous."""
    lang = ctx.lang
    rows = ctx.store.ledger.forecasts(ctx.group.id, "prediction")
    scored = {(s.forecast.question, s.forecast.member): s for s in score_forecasts(forecasts_for_scores(rows))}
    theirs = [r for r in rows if r["member_id"] == member_id and r["outcome"] is not None and not r["anonymous"]]
    if not theirs:
        return say(ctx, "ledger_member_none")
    lines = [catalog.t(lang, "ledger_member_head", name=theirs[0]["author"], count=len(theirs))]
    briers = []
    for r in theirs:
        s = scored.get((r["round_id"], member_id))
        if s is not None:
            briers.append(s.brier)
        lines.append(catalog.t(lang, "ledger_resolved_line", period=r["period"], probability=r["probability"],
                               outcome=outcome_label(lang, r['outcome']), brier=fmt2(s.brier if s else None),
                               relative=fmt2(s.relative if s else None, signed=True), question=_question(r, lang)))
    if briers:
        lines.append(catalog.t(lang, "ledger_member_mean", mean=fmt2(sum(briers) / len(briers)), count=len(briers)))
    return [Reply("\n".join(lines))]


def group_ledger(ctx: GroupCtx) -> list[Action]:
    """The group's track record; ranked members only with the setting leaderboard=on."""
    lang = ctx.lang
    rows = ctx.store.ledger.forecasts(ctx.group.id, "prediction")
    resolved = [q for q in question_records(forecasts_for_scores(rows)) if q.outcome]
    if not resolved:
        return say(ctx, "ledger_group_none")
    by_round = {r["round_id"]: r for r in rows}
    lines = [catalog.t(lang, "ledger_group_head", group=ctx.group.name, count=len(resolved))]
    for q in resolved:
        r = by_round[q.question]
        lines.append(catalog.t(lang, "ledger_group_line", period=r["period"],
                               outcome=outcome_label(lang, q.outcome or "ambiguous"),
                               median="–" if q.median_forecast is None else f"{q.median_forecast * 100:.0f}",
                               count=q.forecasters, brier=fmt2(q.median_brier), question=_question(r, lang)))
    if not ctx.group.leaderboard:
        lines.append(catalog.t(lang, "ledger_leaderboard_off"))
        return [Reply("\n".join(lines))]
    named = [r for r in rows if not r["anonymous"]]  # nobody is ranked on an anonymous round
    names = {r["member_id"]: r["author"] for r in named}
    board = leaderboard(forecasts_for_scores(named))
    lines.append(catalog.t(lang, "ledger_leaderboard_head"))
    if not board:
        lines.append(catalog.t(lang, "ledger_leaderboard_empty"))
    for entry in board:
        lines.append(catalog.t(lang, "ledger_leaderboard_line", rank=entry.rank, name=names.get(entry.member, "?"),
                               relative=fmt2(entry.mean_relative, signed=True), count=entry.count))
    return [Reply("\n".join(lines))]
