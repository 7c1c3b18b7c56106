"""``ledger``: your forecasts and calls and how they scored; ``ledger @member``; ``ledger group``.

Scores come from bot/scores.py (pure). A forecast from an anonymous round counts in your own
ledger and in the group's figures, but never shows its author to anyone else.
"""
from __future__ import annotations

from datetime import datetime

from bot.commands import GROUP_WORDS, Command
from bot.context import GroupCtx
from bot.results import Outcome
from bot.results.ledger import (Bucket, GroupLedger, GroupQuestion, LedgerEmpty, MemberLedger, NoLedger, OpenForecast,
                                OwnLedger, Question, Ranked, ResolvedForecast)
from bot.scores import (ScoredForecast, calibration, hit_rate, leaderboard, member_summary, question_records,
                        score_forecasts)
from bot.usecases.members import resolve_member
from bot.usecases.revisits import forecasts_for_scores


def cmd_ledger(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    if cmd.words and cmd.words[0].lower() in GROUP_WORDS:
        return group_ledger(ctx)
    if cmd.words:
        found, problem = resolve_member(ctx, cmd.words[0])
        if found is None:
            return problem
        if found != ctx.member_id:
            return member_ledger(ctx, found)
    return own_ledger(ctx)


def _question(row: dict) -> Question:
    return Question(str(row["text_en"]).splitlines()[0], str(row["text_ko"]).splitlines()[0])


def _moment(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _resolved(row: dict, s: ScoredForecast | None) -> ResolvedForecast:
    return ResolvedForecast(row["period"], _question(row), row["probability"], row["outcome"],
                            s.brier if s else None, s.relative if s else None)


def own_ledger(ctx: GroupCtx) -> list[Outcome]:
    me = ctx.member_id
    rows = ctx.store.ledger.forecasts(ctx.group.id, "prediction")
    calls = [r for r in ctx.store.ledger.forecasts(ctx.group.id, "call") if r["member_id"] == me]
    mine = [r for r in rows if r["member_id"] == me]
    if not mine and not calls:
        return [LedgerEmpty(NoLedger.OWN)]
    scored = {(s.forecast.question, s.forecast.member): s for s in score_forecasts(forecasts_for_scores(rows))}
    open_rows = [r for r in mine if r["outcome"] is None] + [r for r in calls if r["grade"] is None]
    summary = member_summary(forecasts_for_scores(rows), me)
    buckets = tuple(Bucket(b.low, b.high, b.count, b.mean_forecast, b.observed)
                    for b in calibration(forecasts_for_scores(rows), me) if b.count) if summary.scored else ()
    graded = [r["grade"] for r in calls if r["grade"]]
    return [OwnLedger(
        group=ctx.group.name, timezone=ctx.group.timezone,
        open=tuple(OpenForecast(r["period"], _question(r), r["probability"] if r["kind"] == "prediction" else None,
                                "" if r["kind"] == "prediction" else (r["text"] or ""), _moment(r["due_at"]))
                   for r in open_rows),
        resolved=tuple(_resolved(r, scored.get((r["round_id"], me))) for r in mine if r["outcome"] is not None),
        scored=summary.scored, mean_brier=summary.mean_brier if summary.scored else None,
        mean_relative=summary.mean_relative if summary.scored else None, buckets=buckets,
        calls=len(calls), graded=len(graded), hit_rate=hit_rate(graded) if calls else None,
    )]


def member_ledger(ctx: GroupCtx, member_id: int) -> list[Outcome]:
    """Another member's resolved forecasts, from rounds that were not anonymous."""
    rows = ctx.store.ledger.forecasts(ctx.group.id, "prediction")
    scored = {(s.forecast.question, s.forecast.member): s for s in score_forecasts(forecasts_for_scores(rows))}
    theirs = [r for r in rows if r["member_id"] == member_id and r["outcome"] is not None and not r["anonymous"]]
    if not theirs:
        return [LedgerEmpty(NoLedger.MEMBER)]
    found = tuple(_resolved(r, scored.get((r["round_id"], member_id))) for r in theirs)
    briers = [f.brier for f in found if f.brier is not None]
    return [MemberLedger(theirs[0]["author"], found, sum(briers) / len(briers) if briers else None, len(briers))]


def group_ledger(ctx: GroupCtx) -> list[Outcome]:
    """The group's track record; ranked members only with the setting leaderboard=on."""
    rows = ctx.store.ledger.forecasts(ctx.group.id, "prediction")
    resolved = [q for q in question_records(forecasts_for_scores(rows)) if q.outcome]
    if not resolved:
        return [LedgerEmpty(NoLedger.GROUP)]
    by_round = {r["round_id"]: r for r in rows}
    questions = tuple(GroupQuestion(by_round[q.question]["period"], _question(by_round[q.question]),
                                    q.outcome or "ambiguous", q.median_forecast, q.forecasters, q.median_brier)
                      for q in resolved)
    if not ctx.group.leaderboard:
        return [GroupLedger(ctx.group.name, questions)]
    named = [r for r in rows if not r["anonymous"]]  # nobody is ranked on an anonymous round
    names = {r["member_id"]: r["author"] for r in named}
    board = tuple(Ranked(e.rank, names.get(e.member, "?"), e.mean_relative, e.count)
                  for e in leaderboard(forecasts_for_scores(named)))
    return [GroupLedger(ctx.group.name, questions, board)]
