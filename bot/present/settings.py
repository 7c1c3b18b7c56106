"""Words for a group's settings: the summary (schedule, language, radar, holidays and switches
in words, the timezone named), the settings form, a change refused, the usage."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from bot import catalog, holidays_rule, ids
from bot.actions import Action, Form, FormField, OpenForm, Reply
from bot.catalog import Localized
from bot.domain import Group
from bot.present.format import EN_DAYS, KO_DAYS, clock_time
from bot.results.settings import SettingsFormShown, SettingsInvalid, SettingsShown, SettingsUsage
from bot.settings import form_values


def _at(lang: str, day: int, hhmm: str) -> str:
    """ko `월 09:00`, en `Mon 9:00 AM`."""
    if lang == "ko":
        return f"{KO_DAYS[day]} {hhmm}"
    hour, minute = (int(part) for part in hhmm.split(":"))
    return f"{EN_DAYS[day]} {clock_time(lang, hour, minute)}"


def schedule_words(lang: str, group: Group) -> str:
    """ko `매주 월 09:00 질문 · 금 18:00 리마인더 · 일 18:00 마감`,
    en `Prompt Mon 9:00 AM · reminder Fri 6:00 PM · close Sun 6:00 PM`. The raw ``mon 09:00``
    syntax stays only in the settings form's editable value and in usage text."""
    lang = "ko" if lang == "ko" else "en"
    s = group.schedule
    if s.remind_day is not None and s.remind_time is not None:
        remind = catalog.t(lang, "schedule_remind", at=_at(lang, s.remind_day, s.remind_time))
    else:
        remind = catalog.t(lang, "schedule_no_remind")
    return catalog.t(lang, "schedule_words", prompt=_at(lang, s.prompt_day, s.prompt_time), remind=remind,
                     close=_at(lang, s.close_day, s.close_time))


@dataclass(frozen=True)
class ScheduleWords(Localized):
    group: Group

    def localize(self, lang: str) -> str:
        return schedule_words(lang, self.group)


@dataclass(frozen=True)
class Phrase(Localized):
    """A catalog text without values, said in each language: yes/no, a language's name, a radar setting."""

    key: str

    def localize(self, lang: str) -> str:
        return catalog.t(lang, self.key)


LANGUAGE_KEYS = {"en": "language_en", "ko": "language_ko", "both": "language_both"}
RADAR_KEYS = {"monthly": "radar_monthly", "off": "radar_off"}


def yes_no(on: object) -> Phrase:
    return Phrase("yes" if on else "no")


@dataclass(frozen=True)
class HolidaysWords(Localized):
    """``off``, ``KR`` or ``KR skip`` as the settings summary says it."""

    setting: str

    def localize(self, lang: str) -> str:
        country = holidays_rule.country_of(self.setting)
        if country is None:
            return catalog.t(lang, "holidays_off")
        key = "holidays_skip" if holidays_rule.skips(self.setting) else "holidays_shift"
        return catalog.t(lang, key, country=country)


def summary(group: Group, admins: tuple[str, ...]) -> dict[str, object]:
    """The values of the settings texts (settings_show, settings_saved), in words."""
    return dict(group=group.name, timezone=group.timezone, schedule=ScheduleWords(group),
                language=Phrase(LANGUAGE_KEYS.get(group.language, "language_en")), limit=group.answer_limit, anonymous=yes_no(group.anonymous),
                paused=yes_no(group.paused), admins=", ".join(admins) or "–", resurface=yes_no(group.resurface),
                leaderboard=yes_no(group.leaderboard),
                radar=Phrase(RADAR_KEYS.get(group.radar, "radar_off")),
                holidays=HolidaysWords(group.holidays))


def settings_shown(lang: str, result: SettingsShown) -> list[Action]:
    if result.saved:  # said in the group's language as it is now
        return [Reply(catalog.t(result.group.language, "settings_saved", **summary(result.group, result.admins)))]
    return [Reply(catalog.t(lang, "settings_show", **summary(result.group, result.admins)))]


def settings_form(lang: str, result: SettingsFormShown) -> list[Action]:
    v = form_values(result.group)  # the editable values keep their syntax (mon 09:00, yes)
    fields = (  # modal labels are short everywhere: 45 characters
        FormField("timezone", catalog.t(lang, "field_timezone")[:45], v["timezone"], max_length=64),
        FormField("schedule", catalog.t(lang, "field_schedule")[:45], v["schedule"], max_length=120),
        FormField("language", catalog.t(lang, "field_language")[:45], v["language"], max_length=4),
        FormField("limit", catalog.t(lang, "field_limit")[:45], v["limit"], max_length=4),
        FormField("anonymous", catalog.t(lang, "field_anonymous")[:45], v["anonymous"], max_length=5),
    )
    return [OpenForm(Form(ids.encode(ids.SettingsForm(result.group.id)), catalog.t(lang, "settings_title")[:24],
                          catalog.t(lang, "btn_save"), fields))]


def settings_invalid(lang: str, result: SettingsInvalid) -> list[Action]:
    lines = [f"• {k}: {catalog.t(lang, expect)}" for k, expect in result.problems]
    return [Reply(catalog.t(lang, "settings_invalid", problems="\n".join(lines)))]


def settings_usage(lang: str, result: SettingsUsage) -> list[Action]:
    return [Reply(catalog.t(lang, "settings_usage"))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    SettingsShown: settings_shown,
    SettingsFormShown: settings_form,
    SettingsInvalid: settings_invalid,
    SettingsUsage: settings_usage,
}
