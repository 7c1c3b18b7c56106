"""Presentation helpers shared by the use cases: catalog text, prompt text, labels, times, buttons.

Pure functions of their inputs: no storage, no clock.
"""
from __future__ import annotations

from datetime import datetime

from bot import catalog, ids
from bot.actions import Action, AnswerStatus, Button, Reply
from bot.context import Ctx
from bot.domain import Group, Prompt, Round
from bot.timing import zone

SNIPPET = 200
BUTTON_PERCENTS = (10, 30, 50, 70, 90)  # the one-click forecasts on a prediction's card


def say(ctx: Ctx, key: str, *, buttons: tuple[Button, ...] = (), public: bool = False, **kw: object) -> list[Action]:
    """One private reply (public: in the channel) of catalog text, in the context's language."""
    return [Reply(catalog.t(ctx.lang, key, **kw), buttons=buttons, public=public)]


def reject(ctx: Ctx, key: str, text: str, **kw: object) -> list[Action]:
    """An answer that was not stored, handed back whole with the reason."""
    reason = catalog.t(ctx.lang, key, **kw)
    return [Reply(catalog.t(ctx.lang, "answer_rejected", reason=reason, text=text), handed_back=text,
                  status=AnswerStatus.REJECTED, reason=reason)]


def prompt_text(prompt: Prompt, lang: str) -> str:
    if lang == "ko":
        return prompt.text_ko
    if lang == "both" and prompt.text_ko != prompt.text_en:
        return f"{prompt.text_en}\n{prompt.text_ko}"
    return prompt.text_en


def labels(prompt: Prompt, lang: str) -> tuple[str, ...]:
    """The five labels of a scale prompt, in the language: its own, else the catalog's (a custom
    scale prompt has none of its own); numbers for any other prompt."""
    names = prompt.labels_ko if lang == "ko" else prompt.labels_en
    if len(names) == 5 and lang != "both":
        return names
    if prompt.kind == "scale":
        if lang == "both" and len(prompt.labels_en) == 5 and len(prompt.labels_ko) == 5:
            return tuple(f"{en} / {ko}" if en != ko else en for en, ko in zip(prompt.labels_en, prompt.labels_ko))
        return tuple(catalog.t(lang, f"scale_{i}") for i in range(1, 6))
    return tuple(str(i) for i in range(1, 6))


def local_time(group: Group, when: datetime) -> str:
    return when.astimezone(zone(group.timezone)).strftime("%a %Y-%m-%d %H:%M") + f" ({group.timezone})"


def clip(text: str, n: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def answer_buttons(lang: str, rnd: Round, prompt: Prompt | None, *, with_scores: bool = True) -> tuple[Button, ...]:
    """Answer and Skip; for a scale prompt one button per score, for a prediction 10 to 90 %."""
    buttons = [Button(ids.encode(ids.AnswerButton(rnd.id)), catalog.t(lang, "btn_answer"), "primary"),
               Button(ids.encode(ids.SkipButton(rnd.id)), catalog.t(lang, "btn_skip"))]
    if with_scores and prompt is not None and prompt.kind == "scale":
        for n, label in enumerate(labels(prompt, lang), start=1):
            buttons.append(Button(ids.encode(ids.ScoreButton(rnd.id, n)), f"{n} · {label}"))
    if with_scores and prompt is not None and prompt.kind == "prediction":
        for percent in BUTTON_PERCENTS:
            buttons.append(Button(ids.encode(ids.ProbabilityButton(rnd.id, percent)), f"{percent}%"))
    return tuple(buttons)


OUTCOME_KEYS = {"yes": "outcome_yes", "no": "outcome_no", "ambiguous": "outcome_ambiguous"}
GRADE_KEYS = {"right": "grade_right", "partly": "grade_partly", "wrong": "grade_wrong"}
BUTTON_KEYS = {"yes": "btn_yes", "no": "btn_no", "ambiguous": "btn_ambiguous",
               "right": "btn_right", "partly": "btn_partly", "wrong": "btn_wrong"}


def outcome_label(lang: str, outcome: str) -> str:
    return catalog.t(lang, OUTCOME_KEYS[outcome])


def grade_label(lang: str, grade: str) -> str:
    return catalog.t(lang, GRADE_KEYS[grade])
