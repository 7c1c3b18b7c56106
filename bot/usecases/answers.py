"""Answers: from forms, commands, thread replies, edits and deletes; skips; score buttons.

An acknowledged answer is on disk; a rejected one is handed back whole with the reason.
"""
from __future__ import annotations

import logging
import re
import sqlite3
import unicodedata
from datetime import datetime

from bot import catalog, ids
from bot.actions import Action, AnswerStatus, Form, FormField, OpenForm, Reply
from bot.commands import Command
from bot.context import GroupCtx
from bot.domain import Round
from bot.events import AnswerSubmitted, MessageDeleted, MessageEdited, ThreadReply
from bot.present import prompt_text, reject, say
from bot.usecases.forecasts import ForecastError, field_probability, forecast_of
from bot.usecases import resurface
from bot.usecases.rounds import current_round
from storage.answers import SaveOutcome
from storage.db import cause_of

log = logging.getLogger("hindsight.answers")
# A score as typed on a scale prompt: "4", "4: text", "4점", "4 점 text" (ASCII digits only).
_SCORE = re.compile(r"^([1-5])(?:\s*점)?(?:\s*[:.)-]\s*|\s+|$)(.*)$", re.DOTALL)
_STATUS = {SaveOutcome.SAVED: AnswerStatus.SAVED, SaveOutcome.REPLACED: AnswerStatus.REPLACED}


def normalize(text: str) -> str:
    """NFC, trimmed, without NUL; length is len() of this."""
    return unicodedata.normalize("NFC", text.replace("\x00", "")).strip()


def target_round(ctx: GroupCtx, round_id: int | None) -> Round | None:
    if round_id is None:
        return current_round(ctx.deps, ctx.group)
    rnd = ctx.store.rounds.get(round_id)
    return rnd if rnd and rnd.group_id == ctx.group.id else None


def check(ctx: GroupCtx, rnd: Round | None, text: str, *, allow_empty: bool = False) -> list[Action] | None:
    """Why an answer cannot be stored, handed back with its text; None if it can."""
    if rnd is None:
        return reject(ctx, "no_open_round", text)
    if not rnd.is_open:
        return reject(ctx, "round_closed", text, period=rnd.period)
    if not text and not allow_empty:
        return reject(ctx, "answer_empty", text)
    if len(text) > ctx.group.answer_limit:
        return reject(ctx, "answer_too_long", text, length=len(text), limit=ctx.group.answer_limit)
    return None


def store_answer(ctx: GroupCtx, rnd: Round, text: str, source: str, *, score: int | None = None,
                 event_id: str | None = None, message_ref: str | None = None,
                 at: datetime | None = None, probability: int | None = None) -> list[Action]:
    try:
        outcome = ctx.store.answers.save(
            group_id=ctx.group.id, round_id=rnd.id, member_id=ctx.member_id, text=text, score=score,
            source=source, now=ctx.now, platform=ctx.origin.member.platform, event_id=event_id,
            message_ref=message_ref, at=at, probability=probability,
        )
    except sqlite3.OperationalError as exc:  # busy, disk full, read-only...: not saved, and why
        cause = cause_of(exc, ctx.store.db)
        log.warning("answer of member %s in round %s not saved (%s): %s", ctx.member_id, rnd.id, cause, exc)
        return reject(ctx, "not_saved_" + cause, text)
    status = _STATUS.get(outcome)
    if status is None:
        return []  # a duplicate or stale event: already handled
    key = "answer_saved" if status is AnswerStatus.SAVED else "answer_replaced"
    text_out = catalog.t(ctx.lang, key, period=rnd.period)
    if probability is not None:
        text_out += " " + catalog.t(ctx.lang, "forecast_recorded", probability=probability)
    then = resurface.then_and_now(ctx, rnd)  # after the answer is saved: it cannot anchor it
    return [Reply(f"{text_out}\n\n{then}" if then else text_out, status=status, note=then)]


def prediction_parts(ctx: GroupCtx, rnd: Round | None, text: str,
                     given: int | None) -> tuple[int | None, str, list[Action] | None]:
    """For a prediction round: (probability, reason, None), or (None, text, the rejection with the
    text handed back). Other rounds pass through unchanged."""
    prompt = ctx.store.prompts.get(rnd.prompt_id) if rnd else None
    if prompt is None or prompt.kind != "prediction":
        return None, text, None
    try:
        probability, reason = forecast_of(text, given)
    except ForecastError as err:
        return None, text, reject(ctx, err.key, text)
    return probability, reason, None


def submit_answer(ctx: GroupCtx, event: AnswerSubmitted) -> list[Action]:
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


def thread_reply(ctx: GroupCtx, event: ThreadReply) -> list[Action]:
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


def message_edited(ctx: GroupCtx, event: MessageEdited) -> list[Action]:
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


def message_deleted(ctx: GroupCtx, event: MessageDeleted) -> list[Action]:
    platform = ctx.origin.member.platform
    ans = ctx.store.answers.by_message(platform, event.message_ref)
    if ans is None or ans["member_id"] != ctx.member_id or ans["closed_at"] is not None:
        return []
    if ctx.store.answers.mark_seen(platform, event.event_id, ctx.now):
        return []
    ctx.store.answers.withdraw(ans["id"])
    return say(ctx, "answer_withdrawn", period=ans["period"])


def cmd_answer(ctx: GroupCtx, cmd: Command) -> list[Action]:
    rnd = current_round(ctx.deps, ctx.group)
    if not cmd.text:
        return answer_form(ctx, rnd.id) if rnd else say(ctx, "no_open_round")
    prompt = ctx.store.prompts.get(rnd.prompt_id) if rnd else None
    m = _SCORE.match(cmd.text)
    if prompt and prompt.kind == "scale" and m:
        return submit_answer(ctx, AnswerSubmitted(ctx.origin, m.group(2), "command", score=int(m.group(1))))
    return submit_answer(ctx, AnswerSubmitted(ctx.origin, cmd.text, "command"))


def answer_form(ctx: GroupCtx, round_id: int) -> list[Action]:
    rnd = target_round(ctx, round_id)
    prompt = ctx.store.prompts.get(rnd.prompt_id) if rnd else None
    if rnd is None or prompt is None or not rnd.is_open:
        return say(ctx, "round_closed", period=rnd.period if rnd else "?")
    mine = ctx.store.answers.of(rnd.id, ctx.member_id)
    limit = ctx.group.answer_limit
    forecast = prompt.kind == "prediction"
    field = FormField(
        "answer", (catalog.t(ctx.lang, "field_reason") if forecast else prompt_text(prompt, ctx.lang))[:45],
        value=mine["text"] if mine else "", multiline=True, max_length=limit,
        required=prompt.kind not in ("scale", "prediction"),
        placeholder=catalog.t(ctx.lang, "answer_placeholder", limit=limit)[:100],
    )
    fields: tuple[FormField, ...] = (field,)
    if forecast:
        known = mine.get("probability") if mine else None
        fields = (FormField("probability", catalog.t(ctx.lang, "field_probability")[:45],
                            "" if known is None else str(known), max_length=4, number_range=(0, 100),
                            placeholder=catalog.t(ctx.lang, "probability_placeholder")[:100]), field)
    title = catalog.t(ctx.lang, "answer_form_title", period=rnd.period)
    return [OpenForm(Form(ids.encode(ids.AnswerForm(rnd.id)), title, catalog.t(ctx.lang, "btn_submit"), fields))]


def answer_button(ctx: GroupCtx, button: ids.AnswerButton, event_id: str | None) -> list[Action]:
    return answer_form(ctx, button.round_id)


def answer_form_submitted(ctx: GroupCtx, form: ids.AnswerForm, values: dict[str, str],
                          event_id: str | None) -> list[Action]:
    text = str(values.get("answer", ""))
    try:
        probability = field_probability(values.get("probability"))
    except ForecastError as err:
        return reject(ctx, err.key, normalize(text))
    return submit_answer(ctx, AnswerSubmitted(ctx.origin, text, "form", event_id, form.round_id,
                                              probability=probability))


def card_round(ctx: GroupCtx, round_id: int, kind: str) -> tuple[Round | None, list[Action]]:
    """The open round a one-click card button names, if its prompt is of ``kind``; else what to say."""
    rnd = target_round(ctx, round_id)
    prompt = ctx.store.prompts.get(rnd.prompt_id) if rnd else None
    if rnd is None or prompt is None or prompt.kind != kind:
        return None, say(ctx, "unknown_button")
    if not rnd.is_open:
        return None, say(ctx, "round_closed", period=rnd.period)
    return rnd, []


def probability_button(ctx: GroupCtx, button: ids.ProbabilityButton, event_id: str | None) -> list[Action]:
    """A one-click forecast: the probability alone (a reason can follow through the form)."""
    rnd, problem = card_round(ctx, button.round_id, "prediction")
    if rnd is None:
        return problem
    return store_answer(ctx, rnd, "", "button", event_id=event_id, probability=button.percent)


def cmd_skip(ctx: GroupCtx, cmd: Command) -> list[Action]:
    rnd = current_round(ctx.deps, ctx.group)
    return skip(ctx, rnd.id) if rnd else say(ctx, "no_open_round")


def skip_button(ctx: GroupCtx, button: ids.SkipButton, event_id: str | None) -> list[Action]:
    return skip(ctx, button.round_id)


def skip(ctx: GroupCtx, round_id: int) -> list[Action]:
    rnd = target_round(ctx, round_id)
    if rnd is None or not rnd.is_open:
        return say(ctx, "round_closed", period=rnd.period if rnd else "?")
    try:
        skipped = ctx.store.answers.skip(rnd.id, ctx.member_id, ctx.now)
    except sqlite3.OperationalError as exc:  # busy, disk full, read-only...: not saved, and why
        cause = cause_of(exc, ctx.store.db)
        log.warning("skip of member %s in round %s not saved (%s): %s", ctx.member_id, rnd.id, cause, exc)
        reason = catalog.t(ctx.lang, "not_saved_" + cause)
        return [Reply(catalog.t(ctx.lang, "write_not_saved", reason=reason), status=AnswerStatus.REJECTED,
                      reason=reason)]
    if not skipped:
        return say(ctx, "skip_after_answer")
    return [Reply(catalog.t(ctx.lang, "skipped", period=rnd.period), status=AnswerStatus.SKIPPED)]


def score_button(ctx: GroupCtx, button: ids.ScoreButton, event_id: str | None) -> list[Action]:
    rnd, problem = card_round(ctx, button.round_id, "scale")
    if rnd is None:
        return problem
    return store_answer(ctx, rnd, "", "button", score=button.score, event_id=event_id)
