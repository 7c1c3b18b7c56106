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

from bot import catalog, ids
from bot.actions import Action, Button, DirectMessage, ForecastLine, RevisitCard
from bot.commands import GRADE_WORDS, OUTCOME_WORDS, Command, keyword
from bot.context import Deps, GroupCtx
from bot.domain import Group, Prompt, Round
from bot.present import BUTTON_KEYS, clip, grade_label, local_time, outcome_label, prompt_text, say
from bot.scores import Forecast, brier, fmt2, median
from bot.timing import last_fire, parse_period

log = logging.getLogger("hindsight.revisits")
NUDGE_AFTER = timedelta(days=7)  # admins are reminded of a revisit left unresolved this long
UNDO_WITHIN = timedelta(days=7)  # an outcome can be taken back this long after it was set
FOOTER_KEYS = {"prediction": "revisit_footer_prediction", "call": "revisit_footer_call"}


def run_due_revisits(deps: Deps, now: datetime) -> list[Action]:
    """Queue the revisits that are due and nudge admins; return the private messages to send."""
    out: list[Action] = []
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


def grade_requests(deps: Deps, group: Group, rnd: Round) -> list[Action]:
    """Each author of a call gets their own grade buttons, privately, with the revisit."""
    prompt = round_prompt(deps, rnd)
    if prompt.kind != "call":
        return []
    lang = group.language
    out: list[Action] = []
    for row in deps.store.ledger.forecasts_of_round(rnd.id):
        ref = deps.store.members.get(row["member_id"])
        if ref is None:
            continue
        text = catalog.t(lang, "grade_request", period=rnd.period, question=prompt_text(prompt, lang),
                         call=clip(row["text"] or "–", 300))
        home = next((c.ref for c in deps.store.channels.of_group(group.id)
                     if (c.ref.platform, c.ref.workspace) == (ref.platform, ref.workspace)), None)
        out.append(DirectMessage(ref, text, grade_buttons(lang, rnd), home))
    return out


def nudges(deps: Deps, group: Group, rnd: Round) -> list[Action]:
    """Each admin is reminded, privately, of a prediction whose revisit waits for an outcome."""
    prompt = round_prompt(deps, rnd)
    lang = group.language
    text = catalog.t(lang, "resolve_nudge", period=rnd.period, question=prompt_text(prompt, lang))
    channels = deps.store.channels.of_group(group.id)
    out: list[Action] = []
    for ref in deps.store.admins.of_group(group.id):
        home = next((c.ref for c in channels if (c.ref.platform, c.ref.workspace) == (ref.platform, ref.workspace)),
                    None)
        out.append(DirectMessage(ref, text, resolve_buttons(lang, rnd), home))
    return out


def resolve_buttons(lang: str, rnd: Round) -> tuple[Button, ...]:
    return tuple(Button(ids.encode(ids.ResolveButton(rnd.id, outcome)), catalog.t(lang, BUTTON_KEYS[outcome]),
                        "primary" if outcome == "yes" else "default") for outcome in ids.OUTCOMES)


def grade_buttons(lang: str, rnd: Round) -> tuple[Button, ...]:
    return tuple(Button(ids.encode(ids.GradeButton(rnd.id, grade)), catalog.t(lang, BUTTON_KEYS[grade]))
                 for grade in ids.GRADES)


# the revisit post -------------------------------------------------------------------------------
def revisit_card(deps: Deps, rnd: Round) -> RevisitCard:
    group = deps.store.groups.get(rnd.group_id)
    if group is None:
        raise LookupError(f"round {rnd.id} has no group")
    prompt = round_prompt(deps, rnd)
    lang = group.language
    rows = deps.store.ledger.forecasts_of_round(rnd.id)
    if rnd.anonymous:  # no author, and no order of answering that could point at someone
        rows = sorted(rows, key=lambda r: (r["probability"] if r["probability"] is not None else -1, r["text"]))
    entries = tuple(ForecastLine(None if rnd.anonymous else r["author"], r["text"] or "", r["probability"],
                                 r["grade"] if prompt.kind == "call" else None) for r in rows)
    if prompt.kind == "prediction":
        chances = [r["probability"] for r in rows if r["probability"] is not None]
        summary = catalog.tn(lang, "revisit_summary_prediction", len(chances), period=rnd.period,
                            median=f"{median(chances):g}" if chances else "–")
        buttons = resolve_buttons(lang, rnd)
    else:
        summary = catalog.tn(lang, "revisit_summary_call", len(rows), period=rnd.period)
        buttons = ()
    asked = rnd.opened_at
    return RevisitCard(
        round_id=rnd.id, period=rnd.period, kind=prompt.kind,
        title=catalog.t(lang, "revisit_title", period=rnd.period, group=group.name),
        question=prompt_text(prompt, lang),
        asked=catalog.t(lang, "revisit_asked", asked=local_time(group, asked), months=prompt.horizon_months or 0),
        entries=entries, summary=summary, footer=catalog.t(lang, FOOTER_KEYS[prompt.kind]),
        buttons=buttons, empty=catalog.t(lang, "revisit_empty"), language=lang,
    )


def resolution_text(deps: Deps, rnd: Round) -> str:
    """The follow-up in the revisit's thread: the outcome, each forecast's Brier, the median."""
    group = deps.store.groups.get(rnd.group_id)
    lang = group.language if group else deps.default_language
    outcome = rnd.outcome or "ambiguous"
    lines = [catalog.t(lang, "resolution_head", period=rnd.period, outcome=outcome_label(lang, outcome))]
    if outcome == "ambiguous":
        lines.append(catalog.t(lang, "resolution_ambiguous"))
        return "\n".join(lines)
    rows = [r for r in deps.store.ledger.forecasts_of_round(rnd.id) if r["probability"] is not None]
    if rnd.anonymous:
        rows = sorted(rows, key=lambda r: (r["probability"], r["text"]))
    scores = [brier(r["probability"] / 100, outcome == "yes") for r in rows]
    for r, score in zip(rows, scores):
        who = catalog.t(lang, "anonymous_author") if rnd.anonymous else r["author"]
        lines.append(catalog.t(lang, "resolution_line", who=who, probability=r["probability"], brier=fmt2(score)))
    if scores:
        lines.append(catalog.t(lang, "resolution_median", median=fmt2(median(scores))))
    return "\n".join(lines)


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


def cmd_resolve(ctx: GroupCtx, cmd: Command) -> list[Action]:
    words = [w.lower() for w in cmd.words]
    rnd, rest = pick_round(ctx, words, ctx.store.ledger.waiting(ctx.group.id, "prediction"))
    outcome = keyword(rest, OUTCOME_WORDS)  # yes, 예, 실현됨, 판정 불가, undo, 취소, ...
    if outcome is None:
        return say(ctx, "resolve_usage")
    if rnd is None:
        return say(ctx, "nothing_to_resolve")
    if outcome == "undo":
        return undo(ctx, rnd)
    return resolve(ctx, rnd, outcome)


def group_round(ctx: GroupCtx, round_id: int) -> Round | None:
    """The round a revisit's button names, if it is one of this group's."""
    rnd = ctx.store.rounds.get(round_id)
    return rnd if rnd is not None and rnd.group_id == ctx.group.id else None


def resolve_button(ctx: GroupCtx, button: ids.ResolveButton, event_id: str | None) -> list[Action]:
    rnd = group_round(ctx, button.round_id)
    return resolve(ctx, rnd, button.outcome) if rnd else say(ctx, "unknown_button")


def resolve(ctx: GroupCtx, rnd: Round, outcome: str) -> list[Action]:
    prompt = round_prompt(ctx.deps, rnd)
    if prompt.kind != "prediction" or rnd.revisited_at is None:
        return say(ctx, "not_a_due_prediction", period=rnd.period)
    if not ctx.store.ledger.resolve(rnd.id, outcome, ctx.now, ctx.member_id):
        current = ctx.store.rounds.get(rnd.id)
        shown = current.outcome if current and current.outcome else outcome
        return say(ctx, "already_resolved", period=rnd.period, outcome=outcome_label(ctx.lang, shown))
    log.info("round %s (%s) resolved %s by member %s", rnd.id, rnd.period, outcome, ctx.member_id)
    return say(ctx, "resolved", period=rnd.period, outcome=outcome_label(ctx.lang, outcome))


def undo(ctx: GroupCtx, rnd: Round) -> list[Action]:
    if rnd.outcome is None or rnd.resolved_at is None:
        return say(ctx, "not_resolved", period=rnd.period)
    if ctx.now - rnd.resolved_at > UNDO_WITHIN:
        return say(ctx, "undo_too_late", period=rnd.period)
    ctx.store.ledger.undo(rnd.id)
    return say(ctx, "resolve_undone", period=rnd.period)


def cmd_grade(ctx: GroupCtx, cmd: Command) -> list[Action]:
    words = [w.lower() for w in cmd.words]
    rnd, rest = pick_round(ctx, words, ctx.store.ledger.ungraded(ctx.group.id, ctx.member_id))
    value = keyword(rest, GRADE_WORDS)  # right, 맞음, 반쯤 (맞음), 틀림, ...
    if value is None:
        return say(ctx, "grade_usage")
    if rnd is None:
        return say(ctx, "nothing_to_grade")
    return grade(ctx, rnd, value)


def grade_button(ctx: GroupCtx, button: ids.GradeButton, event_id: str | None) -> list[Action]:
    rnd = group_round(ctx, button.round_id)
    return grade(ctx, rnd, button.grade) if rnd else say(ctx, "unknown_button")


def grade(ctx: GroupCtx, rnd: Round, value: str) -> list[Action]:
    """Only the author's own grade counts: it is stored on their own answer."""
    prompt = round_prompt(ctx.deps, rnd)
    if prompt.kind != "call" or rnd.revisited_at is None:
        return say(ctx, "not_a_due_call", period=rnd.period)
    if not ctx.store.ledger.grade(rnd.id, ctx.member_id, value, ctx.now):
        return say(ctx, "not_your_call", period=rnd.period)
    return say(ctx, "graded", period=rnd.period, grade=grade_label(ctx.lang, value))


def forecasts_for_scores(rows: list[dict]) -> list[Forecast]:
    """Ledger rows of predictions as bot.scores inputs (the question is the round)."""
    return [Forecast(r["round_id"], r["member_id"], r["probability"] / 100, r["outcome"])
            for r in rows if r["probability"] is not None]

