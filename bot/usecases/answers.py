"""Answers: from forms, commands, thread replies, edits and deletes; skips; score buttons.

An acknowledged answer is on disk; a rejected one is handed back whole with the reason.
"""
from __future__ import annotations

import logging
import re
import sqlite3
import unicodedata
from datetime import datetime

from bot import ids
from bot.commands import Command
from bot.context import GroupCtx
from bot.domain import Round
from bot.events import AnswerSubmitted, MessageDeleted, MessageEdited, ThreadReply
from bot.results import (AnswerFormShown, AnswerRefused, AnswerStored, AnswerWithdrawn, NoOpenRound, Outcome,
                         Refusal, RoundClosed, SkipRefused, Skipped, UnknownButton)
from bot.usecases.forecasts import ForecastError, field_probability, forecast_of
from bot.usecases import resurface
from bot.usecases.rounds import current_round
from storage.answers import SaveOutcome
from storage.db import cause_of

log = logging.getLogger("hindsight.answers")
# A score as typed on a scale prompt: "4", "4: text", "4점", "4 점 text" (ASCII digits only).
_SCORE = re.compile(r"^([1-5])(?:\s*점)?(?:\s*[:.)-]\s*|\s+|$)(.*)$", re.DOTALL)


def normalize(text: str) -> str:
    """NFC, trimmed, without NUL; length is len() of this."""
    return unicodedata.normalize("NFC", text.replace("\x00", "")).strip()


def target_round(ctx: GroupCtx, round_id: int | None) -> Round | None:
    if round_id is None:
        return current_round(ctx.deps, ctx.group)
    rnd = ctx.store.rounds.get(round_id)
    return rnd if rnd and rnd.group_id == ctx.group.id else None


def check(ctx: GroupCtx, rnd: Round | None, text: str, *, allow_empty: bool = False) -> list[Outcome] | None:
    """Why an answer cannot be stored, handed back with its text; None if it can."""
    if rnd is None:
        return [AnswerRefused(Refusal.NO_OPEN_ROUND, text)]
    if not rnd.is_open:
        return [AnswerRefused(Refusal.ROUND_CLOSED, text, period=rnd.period)]
    if not text and not allow_empty:
        return [AnswerRefused(Refusal.EMPTY, text)]
    if len(text) > ctx.group.answer_limit:
        return [AnswerRefused(Refusal.TOO_LONG, text, length=len(text), limit=ctx.group.answer_limit)]
    return None


def store_answer(ctx: GroupCtx, rnd: Round, text: str, source: str, *, score: int | None = None,
                 event_id: str | None = None, message_ref: str | None = None,
                 at: datetime | None = None, probability: int | None = None) -> list[Outcome]:
    try:
        outcome = ctx.store.answers.save(
            group_id=ctx.group.id, round_id=rnd.id, member_id=ctx.member_id, text=text, score=score,
            source=source, now=ctx.now, platform=ctx.origin.member.platform, event_id=event_id,
            message_ref=message_ref, at=at, probability=probability,
        )
    except sqlite3.OperationalError as exc:  # busy, disk full, read-only...: not saved, and why
        cause = cause_of(exc, ctx.store.db)
        log.warning("answer of member %s in round %s not saved (%s): %s", ctx.member_id, rnd.id, cause, exc)
        return [AnswerRefused(Refusal.NOT_SAVED, text, cause=cause)]
    if outcome not in (SaveOutcome.SAVED, SaveOutcome.REPLACED):
        return []  # a duplicate or stale event: already handled
    then = resurface.then_and_now(ctx, rnd)  # after the answer is saved: it cannot anchor it
    return [AnswerStored(rnd.period, replaced=outcome is SaveOutcome.REPLACED, probability=probability, then=then)]


def prediction_parts(ctx: GroupCtx, rnd: Round | None, text: str,
                     given: int | None) -> tuple[int | None, str, list[Outcome] | None]:
    """For a prediction round: (probability, reason, None), or (None, text, the rejection with the
    text handed back). Other rounds pass through unchanged."""
    prompt = ctx.store.prompts.get(rnd.prompt_id) if rnd else None
    if prompt is None or prompt.kind != "prediction":
        return None, text, None
    try:
        probability, reason = forecast_of(text, given)
    except ForecastError as err:
        return None, text, [AnswerRefused(Refusal(err.key), text)]
    return probability, reason, None


def submit_answer(ctx: GroupCtx, event: AnswerSubmitted) -> list[Outcome]:
    text = normalize(event.text) if isinstance(event.text, str) else ""
    rnd = target_round(ctx, event.round_id)
    if rnd is not None and rnd.is_open:
        probability, reason, refused = prediction_parts(ctx, rnd, text, event.probability)
        if refused:
            return refused
        if probability is not None:  # a forecast may stand without a reason
            problem = check(ctx, rnd, reason, allow_empty=True)
            return problem or store_answer(ctx, rnd, reason, event.source, event_id=event.event_id, at=event.at,
                                           probability=probability)
    mine = ctx.store.answers.of(rnd.id, ctx.member_id) if rnd and not text else None
    scored = event.score is not None or bool(mine and mine.get("score"))
    problem = check(ctx, rnd, text, allow_empty=scored)  # a score may stand without words
    if problem or rnd is None:
        return problem or []
    return store_answer(ctx, rnd, text, event.source, score=event.score, event_id=event.event_id, at=event.at)


def thread_reply(ctx: GroupCtx, event: ThreadReply) -> list[Outcome]:
    rnd = ctx.store.rounds.by_post_ref(ctx.origin.member.platform, event.thread_ref)
    if rnd is None or rnd.group_id != ctx.group.id:
        return []  # not a prompt thread: ordinary conversation
    if ctx.store.answers.of(rnd.id, ctx.member_id):
        return []  # later replies are discussion
    text = normalize(event.text)
    if not text:
        return []
    probability, text, refused = prediction_parts(ctx, rnd, text, None)
    problem = refused or check(ctx, rnd, text, allow_empty=probability is not None)
    if problem:
        return [] if ctx.store.answers.mark_seen(ctx.origin.member.platform, event.event_id, ctx.now) else problem
    return store_answer(ctx, rnd, text, "thread", event_id=event.event_id, message_ref=event.message_ref,
                        at=event.at, probability=probability)


def message_edited(ctx: GroupCtx, event: MessageEdited) -> list[Outcome]:
    platform = ctx.origin.member.platform
    ans = ctx.store.answers.by_message(platform, event.message_ref)
    if ans is None or ans["member_id"] != ctx.member_id:
        return []
    rnd = ctx.store.rounds.get(ans["round_id"])
    text = normalize(event.text)
    probability, text, refused = prediction_parts(ctx, rnd, text, None)
    problem = refused or check(ctx, rnd, text, allow_empty=probability is not None)
    if problem or rnd is None:
        return [] if ctx.store.answers.mark_seen(platform, event.event_id, ctx.now) else (problem or [])
    return store_answer(ctx, rnd, text, "thread", event_id=event.event_id, message_ref=event.message_ref,
                        at=event.at, probability=probability)


def message_deleted(ctx: GroupCtx, event: MessageDeleted) -> list[Outcome]:
    platform = ctx.origin.member.platform
    ans = ctx.store.answers.by_message(platform, event.message_ref)
    if ans is None or ans["member_id"] != ctx.member_id or ans["closed_at"] is not None:
        return []
    if ctx.store.answers.mark_seen(platform, event.event_id, ctx.now):
        return []
    ctx.store.answers.withdraw(ans["id"])
    return [AnswerWithdrawn(ans["period"])]


def cmd_answer(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    rnd = current_round(ctx.deps, ctx.group)
    if not cmd.text:
        return answer_form(ctx, rnd.id) if rnd else [NoOpenRound()]
    prompt = ctx.store.prompts.get(rnd.prompt_id) if rnd else None
    m = _SCORE.match(cmd.text)
    if prompt and prompt.kind == "scale" and m:
        return submit_answer(ctx, AnswerSubmitted(ctx.origin, m.group(2), "command", score=int(m.group(1))))
    return submit_answer(ctx, AnswerSubmitted(ctx.origin, cmd.text, "command"))


def answer_form(ctx: GroupCtx, round_id: int) -> list[Outcome]:
    rnd = target_round(ctx, round_id)
    prompt = ctx.store.prompts.get(rnd.prompt_id) if rnd else None
    if rnd is None or prompt is None or not rnd.is_open:
        return [RoundClosed(rnd.period if rnd else "")]
    mine = ctx.store.answers.of(rnd.id, ctx.member_id)
    return [AnswerFormShown(rnd.id, rnd.period, prompt, ctx.group.answer_limit, text=mine["text"] if mine else "",
                            probability=mine.get("probability") if mine else None)]


def answer_button(ctx: GroupCtx, button: ids.AnswerButton, event_id: str | None) -> list[Outcome]:
    return answer_form(ctx, button.round_id)


def answer_form_submitted(ctx: GroupCtx, form: ids.AnswerForm, values: dict[str, str],
                          event_id: str | None) -> list[Outcome]:
    text = str(values.get("answer", ""))
    try:
        probability = field_probability(values.get("probability"))
    except ForecastError as err:
        return [AnswerRefused(Refusal(err.key), normalize(text))]
    return submit_answer(ctx, AnswerSubmitted(ctx.origin, text, "form", event_id, form.round_id,
                                              probability=probability))


def card_round(ctx: GroupCtx, round_id: int, kind: str) -> tuple[Round | None, list[Outcome]]:
    """The open round a one-click card button names, if its prompt is of ``kind``; else what to say."""
    rnd = target_round(ctx, round_id)
    prompt = ctx.store.prompts.get(rnd.prompt_id) if rnd else None
    if rnd is None or prompt is None or prompt.kind != kind:
        return None, [UnknownButton()]
    if not rnd.is_open:
        return None, [RoundClosed(rnd.period)]
    return rnd, []


def probability_button(ctx: GroupCtx, button: ids.ProbabilityButton, event_id: str | None) -> list[Outcome]:
    """A one-click forecast: the probability alone (a reason can follow through the form)."""
    rnd, problem = card_round(ctx, button.round_id, "prediction")
    if rnd is None:
        return problem
    return store_answer(ctx, rnd, "", "button", event_id=event_id, probability=button.percent)


def cmd_skip(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    rnd = current_round(ctx.deps, ctx.group)
    return skip(ctx, rnd.id) if rnd else [NoOpenRound()]


def skip_button(ctx: GroupCtx, button: ids.SkipButton, event_id: str | None) -> list[Outcome]:
    return skip(ctx, button.round_id)


def skip(ctx: GroupCtx, round_id: int) -> list[Outcome]:
    rnd = target_round(ctx, round_id)
    if rnd is None or not rnd.is_open:
        return [RoundClosed(rnd.period if rnd else "")]
    try:
        skipped = ctx.store.answers.skip(rnd.id, ctx.member_id, ctx.now)
    except sqlite3.OperationalError as exc:  # busy, disk full, read-only...: not saved, and why
        cause = cause_of(exc, ctx.store.db)
        log.warning("skip of member %s in round %s not saved (%s): %s", ctx.member_id, rnd.id, cause, exc)
        return [SkipRefused(answered=False, cause=cause)]
    if not skipped:
        return [SkipRefused(answered=True)]
    return [Skipped(rnd.period)]


def score_button(ctx: GroupCtx, button: ids.ScoreButton, event_id: str | None) -> list[Outcome]:
    rnd, problem = card_round(ctx, button.round_id, "scale")
    if rnd is None:
        return problem
    return store_answer(ctx, rnd, "", "button", score=button.score, event_id=event_id)
