"""Words for revisits: the revisit post, the grade request and the nudge by DM, the outcome in
the revisit's thread, and the replies to resolve and grade. A round's week reads with its year
(`the week of Jun 1, 2026`); an ISO week appears only in the command to type."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog, ids
from bot.actions import Action, Button, DirectMessage, Reply, ResolutionPost, RevisitCard, RevisitPost
from bot.present import BUTTON_KEYS, clip, grade_label, outcome_label, prompt_text
from bot.present.format import Count, Day, Week
from bot.results.revisits import (GradeRequestDue, Graded, NudgeDue, ResolutionDue, Resolved, ResolveUndone,
                                  RevisitDue, RevisitRefused)
from bot.scores import fmt2, median

FOOTER_KEYS = {"prediction": "revisit_footer_prediction", "call": "revisit_footer_call"}


def week(period: str) -> Week:
    return Week(period, year=True)


def resolve_buttons(lang: str, round_id: int) -> tuple[Button, ...]:
    return tuple(Button(ids.encode(ids.ResolveButton(round_id, outcome)), catalog.t(lang, BUTTON_KEYS[outcome]),
                        "primary" if outcome == "yes" else "default") for outcome in ids.OUTCOMES)


def grade_buttons(lang: str, round_id: int) -> tuple[Button, ...]:
    return tuple(Button(ids.encode(ids.GradeButton(round_id, grade)), catalog.t(lang, BUTTON_KEYS[grade]))
                 for grade in ids.GRADES)


def grade_request(lang: str, result: GradeRequestDue) -> list[Action]:
    text = catalog.t(lang, "grade_request", period=week(result.round.period),
                     question=prompt_text(result.prompt, lang), call=clip(result.call or "–", 300))
    return [DirectMessage(result.member, text, grade_buttons(lang, result.round.id), result.home)]


def nudge(lang: str, result: NudgeDue) -> list[Action]:
    text = catalog.t(lang, "resolve_nudge", period=week(result.round.period), question=prompt_text(result.prompt, lang))
    return [DirectMessage(result.member, text, resolve_buttons(lang, result.round.id), result.home)]


def revisit(lang: str, result: RevisitDue) -> list[Action]:
    group, rnd, prompt = result.group, result.round, result.prompt
    if prompt.kind == "prediction":
        chances = [e.probability for e in result.entries if e.probability is not None]
        summary = catalog.t(lang, "revisit_summary_prediction", period=rnd.period,
                            count=Count(len(chances), "forecast", "forecasts", "개"),
                            median=f"{median(chances):g}" if chances else "–")
        buttons = resolve_buttons(lang, rnd.id)
    else:
        summary = catalog.t(lang, "revisit_summary_call", period=rnd.period,
                            count=Count(len(result.entries), "call", "calls", "개"))
        buttons = ()
    months = prompt.horizon_months or 0
    card = RevisitCard(
        round_id=rnd.id, period=rnd.period, kind=prompt.kind,
        title=catalog.t(lang, "revisit_title", period=week(rnd.period), group=group.name),
        question=prompt_text(prompt, lang),
        asked=catalog.t(lang, "revisit_asked", asked=Day(rnd.opened_at, group.timezone),
                        months=Count(months, "month", "months", "개월")),
        entries=result.entries, summary=summary, footer=catalog.t(lang, FOOTER_KEYS[prompt.kind]),
        buttons=buttons, empty=catalog.t(lang, "revisit_empty"), language=lang,
    )
    return [RevisitPost(result.post_id, result.channel, card)]


def resolution(lang: str, result: ResolutionDue) -> list[Action]:
    rnd = result.round
    outcome = rnd.outcome or "ambiguous"
    lines = [catalog.t(lang, "resolution_head", period=week(rnd.period), outcome=outcome_label(lang, outcome))]
    if outcome == "ambiguous":
        lines.append(catalog.t(lang, "resolution_ambiguous"))
    for s in result.scored:
        who = s.author or catalog.t(lang, "anonymous_author")
        lines.append(catalog.t(lang, "resolution_line", who=who, probability=s.probability, brier=fmt2(s.brier)))
    if result.median_brier is not None:
        lines.append(catalog.t(lang, "resolution_median", median=fmt2(result.median_brier)))
    return [ResolutionPost(result.post_id, result.channel, result.thread, "\n".join(lines))]


def refused(lang: str, result: RevisitRefused) -> list[Action]:
    return [Reply(catalog.t(lang, result.why.value, period=week(result.period)))]


def resolved(lang: str, result: Resolved) -> list[Action]:
    if result.already:
        return [Reply(catalog.t(lang, "already_resolved", week=week(result.period), period=result.period,
                                outcome=outcome_label(lang, result.outcome)))]
    return [Reply(catalog.t(lang, "resolved", period=week(result.period), outcome=outcome_label(lang, result.outcome)))]


def undone(lang: str, result: ResolveUndone) -> list[Action]:
    return [Reply(catalog.t(lang, "resolve_undone", period=week(result.period)))]


def graded(lang: str, result: Graded) -> list[Action]:
    return [Reply(catalog.t(lang, "graded", period=week(result.period), grade=grade_label(lang, result.grade)))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    GradeRequestDue: grade_request,
    NudgeDue: nudge,
    RevisitDue: revisit,
    ResolutionDue: resolution,
    RevisitRefused: refused,
    Resolved: resolved,
    ResolveUndone: undone,
    Graded: graded,
}
