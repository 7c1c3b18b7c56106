"""Revisits: a prediction or call round that fell due comes back to the group, once.

A round falls due at its prompt time plus the prompt's horizon (``rounds.due_after``). At the
group's first prompt time on or after that, ``run_due_revisits`` queues one revisit post per
channel (exactly once: ``store.ledger.claim_revisit``) and sends each call's author their
grade buttons privately. A prediction is resolved by an admin (buttons or ``resolve``); the
outcome, each forecast's Brier score and the group's median follow in the revisit's thread.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot import ids
from bot.actions import ForecastLine
from bot.commands import GRADE_WORDS, OUTCOME_WORDS, Command, keyword
from bot.context import Deps, GroupCtx
from bot.domain import ChannelRef, Group, MemberRef, Prompt, Round
from bot.results import Outcome, UnknownButton
from bot.results.revisits import (GradeRequestDue, Graded, NudgeDue, ResolutionDue, Resolved, ResolveUndone,
                                  RevisitDue, RevisitRefusal, RevisitRefused, ScoredLine)
from bot.scores import Forecast, brier, median
from bot.timing import last_fire, parse_period

log = logging.getLogger("hindsight.revisits")
NUDGE_AFTER = timedelta(days=7)  # admins are reminded of a revisit left unresolved this long
UNDO_WITHIN = timedelta(days=7)  # an outcome can be taken back this long after it was set


def run_due_revisits(deps: Deps, now: datetime) -> list[Outcome]:
    """Queue the revisits that are due and nudge admins; return the private messages to send."""
    out: list[Outcome] = []
    store = deps.store
    for rnd in store.ledger.due(now):
        group = store.groups.get(rnd.group_id)
        if group is None or group.paused:
            continue
        s = group.schedule
        fired = last_fire(s.prompt_day, s.prompt_time, group.timezone, now)
        if rnd.due_at is None or fired < rnd.due_at:
            continue  # due, but the group's next prompt time has not come yet
        if store.ledger.claim_revisit(rnd.id, now):
            log.info("revisit of round %s (%s) of group %s queued", rnd.id, rnd.period, group.name)
            out += grade_requests(deps, group, rnd)
    for rnd in store.ledger.to_nudge(now - NUDGE_AFTER):
        group = store.groups.get(rnd.group_id)
        if group is not None and store.ledger.mark_nudged(rnd.id, now):
            out += nudges(deps, group, rnd)
    return out


def round_prompt(deps: Deps, rnd: Round) -> Prompt:
    prompt = deps.store.prompts.get(rnd.prompt_id)
    if prompt is None:  # the schema's foreign key makes this impossible
        raise LookupError(f"round {rnd.id} has no prompt")
    return prompt


def grade_requests(deps: Deps, group: Group, rnd: Round) -> list[Outcome]:
    """Each author of a call gets their own grade buttons, privately, with the revisit."""
    prompt = round_prompt(deps, rnd)
    if prompt.kind != "call":
        return []
    out: list[Outcome] = []
    for row in deps.store.ledger.forecasts_of_round(rnd.id):
        ref = deps.store.members.get(row["member_id"])
        if ref is not None:
            out.append(GradeRequestDue(ref, group, rnd, prompt, row["text"] or "", home_of(deps, group, ref)))
    return out


def home_of(deps: Deps, group: Group, ref: MemberRef) -> ChannelRef | None:
    """The group's channel on the member's platform: the buttons of a DM act there."""
    return next((c.ref for c in deps.store.channels.of_group(group.id)
                 if (c.ref.platform, c.ref.workspace) == (ref.platform, ref.workspace)), None)


def nudges(deps: Deps, group: Group, rnd: Round) -> list[Outcome]:
    """Each admin is reminded, privately, of a prediction whose revisit waits for an outcome."""
    prompt = round_prompt(deps, rnd)
    return [NudgeDue(ref, group, rnd, prompt, home_of(deps, group, ref)) for ref in deps.store.admins.of_group(group.id)]


# the revisit post -------------------------------------------------------------------------------
def revisit_due(deps: Deps, post_id: int, channel: ChannelRef, rnd: Round) -> RevisitDue:
    group = deps.store.groups.get(rnd.group_id)
    if group is None:
        raise LookupError(f"round {rnd.id} has no group")
    prompt = round_prompt(deps, rnd)
    rows = deps.store.ledger.forecasts_of_round(rnd.id)
    if rnd.anonymous:  # no author, and no order of answering that could point at someone
        rows = sorted(rows, key=lambda r: (r["probability"] if r["probability"] is not None else -1, r["text"]))
    entries = tuple(ForecastLine(None if rnd.anonymous else r["author"], r["text"] or "", r["probability"],
                                 r["grade"] if prompt.kind == "call" else None) for r in rows)
    return RevisitDue(post_id, channel, group, rnd, prompt, entries)


def resolution_due(deps: Deps, post_id: int, channel: ChannelRef, thread: str | None, rnd: Round) -> ResolutionDue:
    """The follow-up in the revisit's thread: the outcome, each forecast's Brier, the median."""
    group = deps.store.groups.get(rnd.group_id)
    if group is None:
        raise LookupError(f"round {rnd.id} has no group")
    outcome = rnd.outcome or "ambiguous"
    if outcome == "ambiguous":
        return ResolutionDue(post_id, channel, thread, group, rnd)
    rows = [r for r in deps.store.ledger.forecasts_of_round(rnd.id) if r["probability"] is not None]
    if rnd.anonymous:
        rows = sorted(rows, key=lambda r: (r["probability"], r["text"]))
    scored = tuple(ScoredLine(None if rnd.anonymous else r["author"], r["probability"],
                              brier(r["probability"] / 100, outcome == "yes")) for r in rows)
    return ResolutionDue(post_id, channel, thread, group, rnd, scored,
                         median([s.brier for s in scored]) if scored else None)


# resolving and grading --------------------------------------------------------------------------
def pick_round(ctx: GroupCtx, words: list[str], candidates: list[Round]) -> tuple[Round | None, list[str]]:
    """The round a command names by PERIOD (its first word), or the oldest candidate."""
    if words:
        try:
            period = parse_period(words[0])
        except ValueError:
            return (candidates[0] if candidates else None), words
        return ctx.store.rounds.for_period(ctx.group.id, period), words[1:]
    return (candidates[0] if candidates else None), words


def cmd_resolve(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    words = [w.lower() for w in cmd.words]
    rnd, rest = pick_round(ctx, words, ctx.store.ledger.waiting(ctx.group.id, "prediction"))
    outcome = keyword(rest, OUTCOME_WORDS)  # yes, 예, 실현됨, 판정 불가, undo, 취소, ...
    if outcome is None:
        return [RevisitRefused(RevisitRefusal.RESOLVE_USAGE)]
    if rnd is None:
        return [RevisitRefused(RevisitRefusal.NOTHING_TO_RESOLVE)]
    if outcome == "undo":
        return undo(ctx, rnd)
    return resolve(ctx, rnd, outcome)


def group_round(ctx: GroupCtx, round_id: int) -> Round | None:
    """The round a revisit's button names, if it is one of this group's."""
    rnd = ctx.store.rounds.get(round_id)
    return rnd if rnd is not None and rnd.group_id == ctx.group.id else None


def resolve_button(ctx: GroupCtx, button: ids.ResolveButton, event_id: str | None) -> list[Outcome]:
    rnd = group_round(ctx, button.round_id)
    return resolve(ctx, rnd, button.outcome) if rnd else [UnknownButton()]


def resolve(ctx: GroupCtx, rnd: Round, outcome: str) -> list[Outcome]:
    prompt = round_prompt(ctx.deps, rnd)
    if prompt.kind != "prediction" or rnd.revisited_at is None:
        return [RevisitRefused(RevisitRefusal.NOT_DUE_PREDICTION, rnd.period)]
    if not ctx.store.ledger.resolve(rnd.id, outcome, ctx.now, ctx.member_id):
        current = ctx.store.rounds.get(rnd.id)
        shown = current.outcome if current and current.outcome else outcome
        return [Resolved(rnd.period, shown, already=True)]
    log.info("round %s (%s) resolved %s by member %s", rnd.id, rnd.period, outcome, ctx.member_id)
    return [Resolved(rnd.period, outcome)]


def undo(ctx: GroupCtx, rnd: Round) -> list[Outcome]:
    if rnd.outcome is None or rnd.resolved_at is None:
        return [RevisitRefused(RevisitRefusal.NOT_RESOLVED, rnd.period)]
    if ctx.now - rnd.resolved_at > UNDO_WITHIN:
        return [RevisitRefused(RevisitRefusal.UNDO_TOO_LATE, rnd.period)]
    ctx.store.ledger.undo(rnd.id)
    return [ResolveUndone(rnd.period)]


def cmd_grade(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    words = [w.lower() for w in cmd.words]
    rnd, rest = pick_round(ctx, words, ctx.store.ledger.ungraded(ctx.group.id, ctx.member_id))
    value = keyword(rest, GRADE_WORDS)  # right, 맞음, 반쯤 (맞음), 틀림, ...
    if value is None:
        return [RevisitRefused(RevisitRefusal.GRADE_USAGE)]
    if rnd is None:
        return [RevisitRefused(RevisitRefusal.NOTHING_TO_GRADE)]
    return grade(ctx, rnd, value)


def grade_button(ctx: GroupCtx, button: ids.GradeButton, event_id: str | None) -> list[Outcome]:
    rnd = group_round(ctx, button.round_id)
    return grade(ctx, rnd, button.grade) if rnd else [UnknownButton()]


def grade(ctx: GroupCtx, rnd: Round, value: str) -> list[Outcome]:
    """Only the author's own grade counts: it is stored on their own answer."""
    prompt = round_prompt(ctx.deps, rnd)
    if prompt.kind != "call" or rnd.revisited_at is None:
        return [RevisitRefused(RevisitRefusal.NOT_DUE_CALL, rnd.period)]
    if not ctx.store.ledger.grade(rnd.id, ctx.member_id, value, ctx.now):
        return [RevisitRefused(RevisitRefusal.NOT_YOUR_CALL, rnd.period)]
    return [Graded(rnd.period, value)]


def forecasts_for_scores(rows: list[dict]) -> list[Forecast]:
    """Ledger rows of predictions as bot.scores inputs (the question is the round)."""
    return [Forecast(r["round_id"], r["member_id"], r["probability"] / 100, r["outcome"])
            for r in rows if r["probability"] is not None]

