"""Words for the member's own home (Slack's App Home): sections of (heading, lines), then
buttons. The home reads in its group's language; weeks for people, the day a forecast comes
back in the group's timezone."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog, ids
from bot.actions import Action, Button, HomeView
from bot.present import charts, clip
from bot.present.format import Count, Day, Week
from bot.present.ledger import question
from bot.results.home import HomeFacts, HomeNotSetUp, RecentAnswer

ANSWER_CHARS = 200


def weeks(n: int) -> Count:
    return Count(n, "week", "weeks", "주")


def _answer(row: RecentAnswer) -> str:
    """``[4] text``, ``70% text``, or the text alone; "–" for nothing at all."""
    tag = f"[{row.score}]" if row.score is not None else (f"{row.probability}%" if row.probability is not None else "")
    return " ".join(part for part in (tag, clip(row.text, ANSWER_CHARS)) if part) or "–"


def home(lang: str, result: HomeFacts) -> list[Action]:
    group = result.group
    lang = group.language  # the home of a group reads in its language, wherever it is opened
    forecasts = tuple(catalog.t(lang, "home_forecast_line", period=Week(f.period), probability=f.probability,
                                due=Day(f.due_at, group.timezone) if f.due_at else "–",
                                question=question(lang, f.question))
                      for f in result.forecasts) or (catalog.t(lang, "home_forecasts_none"),)
    current, best = result.streak
    answers = tuple(catalog.t(lang, "home_answer_line", period=Week(a.period),
                              mark=" " + catalog.t(lang, "open_mark") if a.open else "", what=_answer(a))
                    for a in result.answers) or (catalog.t(lang, "history_none"),)
    sections: tuple[tuple[str, tuple[str, ...]], ...] = (
        (catalog.t(lang, "home_title", group=group.name), ()),
        (catalog.t(lang, "home_forecasts_head"), forecasts),
        (catalog.t(lang, "home_streak_head"), (catalog.t(lang, "home_streak_line", current=weeks(current), best=weeks(best)),)),
        (catalog.t(lang, "home_answers_head"), answers),
        (catalog.t(lang, "home_trend_head"), (charts.summary(lang, result.trend) if result.trend else catalog.t(lang, "home_trend_none"),)),
    )
    buttons = (Button(ids.encode(ids.LatestDigestButton()), catalog.t(lang, "btn_latest_digest")),
               Button(ids.encode(ids.HistoryButton()), catalog.t(lang, "btn_history")),
               Button(ids.encode(ids.LedgerButton()), catalog.t(lang, "btn_ledger")))
    return [HomeView(result.member, sections, buttons, result.channel)]


def not_set_up(lang: str, result: HomeNotSetUp) -> list[Action]:
    return [HomeView(result.member, ((catalog.t(lang, "home_not_setup_title"), (catalog.t(lang, "home_not_setup"),)),))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    HomeFacts: home,
    HomeNotSetUp: not_set_up,
}
