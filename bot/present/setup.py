"""Words for binding a channel to a group: the setup reply (with its buttons), a channel linked,
a link code, and the refusals."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog, ids
from bot.actions import Action, Button, Reply
from bot.present.settings import ScheduleWords
from bot.results.setup import (AlreadySetUp, BadLinkCode, GroupNameEmpty, GroupNameTaken, GroupNameTooLong, LinkCode,
                               Linked, SetupDone, SetupNeedsAdmin)


def setup_done(lang: str, result: SetupDone) -> list[Action]:
    """In the new group's language, in the channel: the schedule in words, the zone named."""
    group = result.group
    lang = group.language
    text = catalog.t(lang, "setup_done", group=group.name, timezone=group.timezone,
                     schedule=ScheduleWords(group), limit=group.answer_limit)
    text += "\n" + catalog.t(lang, "setup_timezone", timezone=group.timezone)
    buttons: tuple[Button, ...] = (
        Button(ids.encode(ids.OpenButton(group.id)), catalog.t(lang, "btn_open_first"), "primary"),
        Button(ids.encode(ids.SettingsButton(group.id)), catalog.t(lang, "btn_settings")))
    if lang == "ko" and group.holidays == "off":  # offered, never turned on unasked
        text += "\n" + catalog.t(lang, "setup_holidays_offer")
        buttons += (Button(ids.encode(ids.HolidaysButton(group.id)), catalog.t(lang, "btn_holidays_kr")),)
    return [Reply(text, buttons=buttons, public=True)]


def linked(lang: str, result: Linked) -> list[Action]:
    lang = result.group.language
    text = catalog.t(lang, "linked", group=result.group.name) + "\n" + catalog.t(lang, "linked_admins")
    return [Reply(text, public=True)]


def already_set_up(lang: str, result: AlreadySetUp) -> list[Action]:
    return [Reply(catalog.t(lang, "already_setup", group=result.group))]


def bad_link_code(lang: str, result: BadLinkCode) -> list[Action]:
    return [Reply(catalog.t(lang, "bad_link_code"))]


def needs_admin(lang: str, result: SetupNeedsAdmin) -> list[Action]:
    return [Reply(catalog.t(lang, "setup_needs_admin"))]


def name_empty(lang: str, result: GroupNameEmpty) -> list[Action]:
    return [Reply(catalog.t(lang, "group_name_empty"))]


def name_too_long(lang: str, result: GroupNameTooLong) -> list[Action]:
    return [Reply(catalog.t(lang, "group_name_too_long", length=result.length, limit=result.limit))]


def name_taken(lang: str, result: GroupNameTaken) -> list[Action]:
    return [Reply(catalog.t(lang, "group_name_taken", group=result.group))]


def link_code(lang: str, result: LinkCode) -> list[Action]:
    return [Reply(catalog.t(lang, "link_code", code=result.code, group=result.group))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    SetupDone: setup_done,
    Linked: linked,
    AlreadySetUp: already_set_up,
    BadLinkCode: bad_link_code,
    SetupNeedsAdmin: needs_admin,
    GroupNameEmpty: name_empty,
    GroupNameTooLong: name_too_long,
    GroupNameTaken: name_taken,
    LinkCode: link_code,
}
