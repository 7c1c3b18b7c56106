"""A group's settings: shown to anyone, changed by admins with ``settings key=value``, the
settings form, or ``settings admin add|remove @member``."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from bot import catalog, holidays_rule, ids
from bot.actions import Action, Form, FormField, OpenForm, Reply
from bot.commands import Command, parse_int
from bot.context import GroupCtx
from bot.domain import ANSWER_LIMIT_MAX, ANSWER_LIMIT_MIN
from bot.present import say
from bot.settings import EXPECT, SettingsError, form_values, parse_settings, schedule_text
from bot.results import Outcome
from bot.usecases.members import resolve_member


def cmd_settings(ctx: GroupCtx, cmd: Command) -> Sequence[Outcome]:
    if not cmd.words:
        return settings_form(ctx) if ctx.is_admin else [Reply(catalog.t(ctx.lang, "settings_show", **summary(ctx)))]
    if cmd.words[0].lower() in ("admin", "admins") and len(cmd.words) >= 2:
        return change_admins(ctx, list(cmd.words[1:]))
    values = {}
    for pair in re.split(r"\s+(?=\w+=)", cmd.text.strip()):
        key, eq, value = pair.partition("=")
        if not eq:
            return say(ctx, "settings_usage")
        values[key.strip()] = value.strip().strip('"')
    return apply_settings(ctx, values)


def summary(ctx: GroupCtx) -> dict[str, object]:
    g = ctx.group
    admins = ", ".join(a.display_name for a in ctx.store.admins.of_group(g.id)) or "–"
    return dict(group=g.name, timezone=g.timezone, schedule=schedule_text(g), language=g.language,
                limit=g.answer_limit, anonymous=catalog.t(ctx.lang, "yes" if g.anonymous else "no"),
                paused=catalog.t(ctx.lang, "yes" if g.paused else "no"), admins=admins,
                resurface=catalog.t(ctx.lang, "yes" if g.resurface else "no"),
                leaderboard=catalog.t(ctx.lang, "yes" if g.leaderboard else "no"), radar=g.radar,
                holidays=holidays_words(ctx.lang, g.holidays))


def holidays_words(lang: str, setting: str) -> str:
    """``off``, ``KR`` or ``KR skip`` as the settings summary says it."""
    country = holidays_rule.country_of(setting)
    if country is None:
        return catalog.t(lang, "holidays_off")
    return catalog.t(lang, "holidays_skip" if holidays_rule.skips(setting) else "holidays_shift", country=country)


def settings_form(ctx: GroupCtx) -> list[Action]:
    v, lang = form_values(ctx.group), ctx.lang
    fields = (  # modal labels are short everywhere: 45 characters
        FormField("timezone", catalog.t(lang, "field_timezone")[:45], v["timezone"], max_length=64),
        FormField("schedule", catalog.t(lang, "field_schedule")[:45], v["schedule"], max_length=120),
        FormField("language", catalog.t(lang, "field_language")[:45], v["language"], max_length=4),
        FormField("limit", catalog.t(lang, "field_limit")[:45], v["limit"], max_length=4),
        FormField("anonymous", catalog.t(lang, "field_anonymous")[:45], v["anonymous"], max_length=5),
    )
    return [OpenForm(Form(ids.encode(ids.SettingsForm(ctx.group.id)), catalog.t(ctx.lang, "settings_title")[:24],
                          catalog.t(ctx.lang, "btn_save"), fields))]


def settings_button(ctx: GroupCtx, button: ids.SettingsButton, event_id: str | None) -> list[Action]:
    return settings_form(ctx)


def holidays_button(ctx: GroupCtx, button: ids.HolidaysButton, event_id: str | None) -> list[Action]:
    """The setup offer: rounds move off Korean public holidays (``holidays=KR``)."""
    if button.group_id != ctx.group.id:
        return say(ctx, "unknown_button")
    return apply_settings(ctx, {"holidays": "KR"})


def settings_form_submitted(ctx: GroupCtx, form: ids.SettingsForm, values: dict[str, str],
                            event_id: str | None) -> list[Action]:
    if form.group_id != ctx.group.id:
        return say(ctx, "unknown_button")
    return apply_settings(ctx, {k: v for k, v in values.items() if k in form_values(ctx.group)})


def apply_settings(ctx: GroupCtx, values: dict[str, str]) -> list[Action]:
    # Numbers strictly: int() alone would take "١٢٣" (Arabic-Indic digits) as 123.
    problems = [(str(k).strip().lower(), EXPECT["limit"]) for k, v in values.items()
                if str(k).strip().lower() == "limit"
                and parse_int(str(v).strip(), ANSWER_LIMIT_MIN, ANSWER_LIMIT_MAX) is None]
    fields: dict[str, object] = {}
    try:
        fields = parse_settings(dict(values))
    except SettingsError as err:
        problems = err.problems + [p for p in problems if p not in err.problems]
    if problems:
        lines = [f"• {k}: {catalog.t(ctx.lang, expect)}" for k, expect in problems]
        return say(ctx, "settings_invalid", problems="\n".join(lines))
    group = ctx.store.groups.update(ctx.group.id, **fields)
    if group.anonymous:
        ctx.store.rounds.make_open_anonymous(group.id)  # on: at once; off: from the next round
    ctx.deps.schedule_changed(group.id)
    ctx = replace(ctx, group=group, lang=group.language)
    return [Reply(catalog.t(ctx.lang, "settings_saved", **summary(ctx)))]


def change_admins(ctx: GroupCtx, words: list[str]) -> Sequence[Outcome]:
    op, names = words[0].lower(), words[1:]
    if op not in ("add", "remove") or not names:
        return say(ctx, "settings_usage")
    found = []
    for token in names:  # all named members are found before anything changes
        # Only a mention may name someone the database has not seen; a bare name never
        # makes a member out of a name.
        member_id, problem = resolve_member(ctx, token, create=op == "add")
        if member_id is None:
            return problem
        found.append(member_id)
    for member_id in found:
        if op == "add":
            ctx.store.admins.add(ctx.group.id, member_id)
        else:
            ctx.store.admins.remove(ctx.group.id, member_id)
    return [Reply(catalog.t(ctx.lang, "settings_saved", **summary(ctx)))]
