"""Words for answers and skips: saved, replaced, refused (with the text handed back), withdrawn,
skipped; the answer form; then and now."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog, ids
from bot.actions import Action, AnswerStatus, Form, FormField, OpenForm, Reply
from bot.present import clip, prompt_text
from bot.present.format import Week
from bot.results import (AnswerFormShown, AnswerRefused, AnswerStored, AnswerWithdrawn, NoOpenRound, Refusal,
                         RoundClosed, SkipRefused, Skipped, ThenAndNow, UnknownButton)


def _languages(lang: str) -> tuple[str, ...]:
    """The languages a text is built in: "both" is English, then Korean."""
    return ("en", "ko") if lang == "both" else (lang,)


def ago(lang: str, months: int) -> str:
    if months < 1:
        return catalog.t(lang, "ago_recent")
    if months == 1:
        return catalog.t(lang, "ago_one_month")
    return catalog.t(lang, "ago_months", months=months)


THEN_CLIP = 200  # characters of the earlier answer shown
COMPARE_KEYS = {"scale": "then_score", "prediction": "then_forecast"}


def then_and_now(lang: str, then: ThenAndNow) -> str | None:
    """The lines after a saved answer: the member's earlier words, and the score or forecast then
    and now. None when there is neither words nor figures to compare."""
    languages = _languages(lang)
    key = COMPARE_KEYS.get(then.kind)
    compared = [catalog.t(one, key, then=then.then_value, now=then.now_value) for one in languages] \
        if key and then.then_value is not None and then.now_value is not None else []
    if not then.text and not compared:
        return None
    words = clip(then.text, THEN_CLIP)
    period = Week(then.period)
    if len(languages) > 1:
        # Both languages: the line of each language, then the member's own words once, quoted
        # (they are not translated), then the figures in each language.
        heads = [catalog.t(one, "then_said_head" if then.text else "then_scored", period=period,
                           ago=ago(one, then.months)) for one in languages]
        return "\n".join(heads + ([f"> {words}"] if words else []) + compared)
    when = {"period": period, "ago": ago(lang, then.months)}
    head = catalog.t(lang, "then_said", text=words, **when) if words else catalog.t(lang, "then_scored", **when)
    return "\n".join([head] + compared)


def stored(lang: str, result: AnswerStored) -> list[Action]:
    text = catalog.t(lang, "answer_replaced" if result.replaced else "answer_saved", period=Week(result.period))
    if result.probability is not None:
        text += " " + catalog.t(lang, "forecast_recorded", probability=result.probability)
    then = then_and_now(lang, result.then) if result.then else None
    status = AnswerStatus.REPLACED if result.replaced else AnswerStatus.SAVED
    return [Reply(f"{text}\n\n{then}" if then else text, status=status, note=then)]


def refused(lang: str, result: AnswerRefused) -> list[Action]:
    if result.reason is Refusal.NOT_SAVED:
        reason = catalog.t(lang, "not_saved_" + result.cause if result.cause else result.reason.value)
    else:
        reason = catalog.t(lang, result.reason.value, period=Week(result.period), length=result.length,
                           limit=result.limit)
    return [Reply(catalog.t(lang, "answer_rejected", reason=reason, text=result.text), handed_back=result.text,
                  status=AnswerStatus.REJECTED, reason=reason)]


def withdrawn(lang: str, result: AnswerWithdrawn) -> list[Action]:
    return [Reply(catalog.t(lang, "answer_withdrawn", period=Week(result.period)))]


def skipped(lang: str, result: Skipped) -> list[Action]:
    return [Reply(catalog.t(lang, "skipped", period=Week(result.period)), status=AnswerStatus.SKIPPED)]


def skip_refused(lang: str, result: SkipRefused) -> list[Action]:
    if result.answered:
        return [Reply(catalog.t(lang, "skip_after_answer"))]
    reason = catalog.t(lang, "write_not_saved", reason=catalog.t(lang, "not_saved_" + result.cause))
    return [Reply(reason, status=AnswerStatus.REJECTED, reason=reason)]


def no_open_round(lang: str, result: NoOpenRound) -> list[Action]:
    return [Reply(catalog.t(lang, "no_open_round"))]


def round_closed(lang: str, result: RoundClosed) -> list[Action]:
    if not result.period:
        return [Reply(catalog.t(lang, "round_gone"))]
    return [Reply(catalog.t(lang, "round_closed", period=Week(result.period)))]


def unknown_button(lang: str, result: UnknownButton) -> list[Action]:
    return [Reply(catalog.t(lang, "unknown_button"))]


def answer_form(lang: str, result: AnswerFormShown) -> list[Action]:
    prompt, limit = result.prompt, result.limit
    forecast = prompt.kind == "prediction"
    field = FormField(
        "answer", (catalog.t(lang, "field_reason") if forecast else prompt_text(prompt, lang))[:45],
        value=result.text, multiline=True, max_length=limit,
        required=prompt.kind not in ("scale", "prediction"),
        placeholder=catalog.t(lang, "answer_placeholder", limit=limit)[:100],
    )
    fields: tuple[FormField, ...] = (field,)
    if forecast:
        known = result.probability
        fields = (FormField("probability", catalog.t(lang, "field_probability")[:45],
                            "" if known is None else str(known), max_length=4, number_range=(0, 100),
                            placeholder=catalog.t(lang, "probability_placeholder")[:100]), field)
    title = catalog.t(lang, "answer_form_title", period=Week(result.period))
    return [OpenForm(Form(ids.encode(ids.AnswerForm(result.round_id)), title, catalog.t(lang, "btn_submit"), fields))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    AnswerStored: stored,
    AnswerRefused: refused,
    AnswerWithdrawn: withdrawn,
    Skipped: skipped,
    SkipRefused: skip_refused,
    NoOpenRound: no_open_round,
    RoundClosed: round_closed,
    UnknownButton: unknown_button,
    AnswerFormShown: answer_form,
}
