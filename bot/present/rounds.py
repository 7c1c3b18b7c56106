"""Words for rounds: the prompt card of a round claimed from the outbox, and the reminder DM.

Times read in the group's timezone (`Closes Sun, Dec 6, 6:00 PM`, `마감 12월 6일(일) 오후 6:00`),
without the zone's name; weeks for people (`week of Nov 30`, `12월 1주차 (11/30~12/6)`)."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog
from bot.actions import Action, DirectMessage, PromptCard, PromptPost
from bot.present import answer_buttons, prompt_text
from bot.present.format import Week, When
from bot.results import PromptDue, ReminderDue


def prompt_card(lang: str, result: PromptDue) -> PromptCard:
    group, rnd, prompt = result.group, result.round, result.prompt
    return PromptCard(
        round_id=rnd.id, period=rnd.period, kind=prompt.kind,
        title=catalog.t(lang, "prompt_title", period=Week(rnd.period)),
        text=prompt_text(prompt, lang),
        closes=catalog.t(lang, "prompt_closes", closes=When(rnd.closes_at, group.timezone)),
        footer=catalog.t(lang, "prompt_footer_" + prompt.kind, limit=group.answer_limit,
                         horizon=prompt.horizon_months or 0),
        buttons=answer_buttons(lang, rnd, prompt), language=lang,
    )


def prompt_post(lang: str, result: PromptDue) -> list[Action]:
    return [PromptPost(result.post_id, result.channel, prompt_card(lang, result))]


def reminder_text(lang: str, result: ReminderDue) -> str:
    """The line of each language (English, then Korean with ``language=both``), then the prompt
    quoted once per language ("> " on each line; once when the two are the same)."""
    group, rnd = result.group, result.round
    head = catalog.t(lang, "reminder_head", group=group.name, closes=When(rnd.closes_at, group.timezone))
    asked = prompt_text(result.prompt, lang) if result.prompt else ""
    return "\n".join([head] + [f"> {line}" for line in asked.splitlines()])


def reminder(lang: str, result: ReminderDue) -> list[Action]:
    buttons = answer_buttons(lang, result.round, result.prompt, with_scores=False)
    return [DirectMessage(result.member, reminder_text(lang, result), buttons, result.home)]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    PromptDue: prompt_post,
    ReminderDue: reminder,
}
