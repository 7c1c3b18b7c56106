"""A group's settings: shown to anyone, changed by admins with ``settings key=value``, the
settings form, or ``settings admin add|remove @member``."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from bot import ids
from bot.commands import Command, parse_int
from bot.context import GroupCtx
from bot.domain import ANSWER_LIMIT_MAX, ANSWER_LIMIT_MIN
from bot.results import Outcome, UnknownButton
from bot.results.settings import SettingsFormShown, SettingsInvalid, SettingsShown, SettingsUsage
from bot.settings import EXPECT, SettingsError, form_values, parse_settings
from bot.usecases.members import resolve_member


def cmd_settings(ctx: GroupCtx, cmd: Command) -> Sequence[Outcome]:
    if not cmd.words:
        return settings_form(ctx) if ctx.is_admin else [shown(ctx)]
    if cmd.words[0].lower() in ("admin", "admins") and len(cmd.words) >= 2:
        return change_admins(ctx, list(cmd.words[1:]))
    values = {}
    for pair in re.split(r"\s+(?=\w+=)", cmd.text.strip()):
        key, eq, value = pair.partition("=")
        if not eq:
            return [SettingsUsage()]
        values[key.strip()] = value.strip().strip('"')
    return apply_settings(ctx, values)


def shown(ctx: GroupCtx, *, saved: bool = False) -> SettingsShown:
    """The group's settings as they stand, with its admins' names."""
    admins = tuple(a.display_name for a in ctx.store.admins.of_group(ctx.group.id))
    return SettingsShown(ctx.group, admins, saved=saved)


def settings_form(ctx: GroupCtx) -> list[Outcome]:
    return [SettingsFormShown(ctx.group)]


def settings_button(ctx: GroupCtx, button: ids.SettingsButton, event_id: str | None) -> list[Outcome]:
    return settings_form(ctx)


def holidays_button(ctx: GroupCtx, button: ids.HolidaysButton, event_id: str | None) -> list[Outcome]:
    """The setup offer: rounds move off Korean public holidays (``holidays=KR``)."""
    if button.group_id != ctx.group.id:
        return [UnknownButton()]
    return apply_settings(ctx, {"holidays": "KR"})


def settings_form_submitted(ctx: GroupCtx, form: ids.SettingsForm, values: dict[str, str],
                            event_id: str | None) -> list[Outcome]:
    if form.group_id != ctx.group.id:
        return [UnknownButton()]
    return apply_settings(ctx, {k: v for k, v in values.items() if k in form_values(ctx.group)})


def apply_settings(ctx: GroupCtx, values: dict[str, str]) -> list[Outcome]:
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
        return [SettingsInvalid(tuple(problems))]
    group = ctx.store.groups.update(ctx.group.id, **fields)
    if group.anonymous:
        ctx.store.rounds.make_open_anonymous(group.id)  # on: at once; off: from the next round
    ctx.deps.schedule_changed(group.id)
    return [shown(replace(ctx, group=group, lang=group.language), saved=True)]


def change_admins(ctx: GroupCtx, words: list[str]) -> Sequence[Outcome]:
    op, names = words[0].lower(), words[1:]
    if op not in ("add", "remove") or not names:
        return [SettingsUsage()]
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
    return [shown(ctx, saved=True)]
