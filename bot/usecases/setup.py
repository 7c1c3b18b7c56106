"""Binding channels to groups: ``setup`` (a new group, or an existing one with a link code) and ``link``."""
from __future__ import annotations

import re
import secrets
from datetime import timedelta

from bot import catalog, ids
from bot.actions import Action, Button, Reply
from bot.commands import Command
from bot.context import Ctx, GroupCtx
from bot.domain import Group
from bot.present import say
from bot.settings import default_settings, schedule_text

LINK_TTL = timedelta(hours=24)
CODE_RE = re.compile(r"^hs-[a-z0-9]{8}$")
_NAME_BAD = re.compile(r"[^a-z0-9._-]+")


def setup(ctx: Ctx, cmd: Command) -> list[Action]:
    if ctx.group is not None:
        return say(ctx, "already_setup", group=ctx.group.name)
    store, ref, now = ctx.store, ctx.origin.channel, ctx.now
    if cmd.words and CODE_RE.match(cmd.words[0].lower()):
        group_id = store.links.redeem(cmd.words[0].lower(), now)
        group = store.groups.get(group_id) if group_id is not None else None
        if group is None:
            return say(ctx, "bad_link_code")
        # A link code binds a channel; it makes nobody an admin (DESIGN.md, Domain).
        store.members.ensure(ctx.origin.member)  # they act in a bound channel now: their row is made
        store.channels.bind(group.id, ref, now)
        text = catalog.t(group.language, "linked", group=group.name) + "\n" + catalog.t(group.language, "linked_admins")
        return [Reply(text, public=True)]
    if not (ctx.origin.platform_admin or ref.platform == "console"):
        # A fresh group makes its creator an admin, so only platform admins may create one.
        return say(ctx, "setup_needs_admin")
    member_id = store.members.ensure(ctx.origin.member)  # the first admin: their row is made here
    base = _NAME_BAD.sub("-", (cmd.text or f"{ref.platform}-{ref.channel_id}").lower()).strip("-")[:40] or "group"
    name, n = base, 1
    while store.groups.by_name(name):
        n += 1
        name = f"{base}-{n}"
    group = store.groups.create(name, now, **default_settings(ctx.deps.default_language))
    store.channels.bind(group.id, ref, now)
    store.admins.add(group.id, member_id)
    ctx.deps.schedule_changed(group.id)
    return setup_done(group)


def setup_done(group: Group) -> list[Action]:
    lang = group.language
    text = catalog.t(lang, "setup_done", group=group.name, timezone=group.timezone,
                     schedule=schedule_text(group), limit=group.answer_limit)
    text += "\n" + catalog.t(lang, "setup_timezone", timezone=group.timezone)
    buttons: tuple[Button, ...] = (
        Button(ids.encode(ids.OpenButton(group.id)), catalog.t(lang, "btn_open_first"), "primary"),
        Button(ids.encode(ids.SettingsButton(group.id)), catalog.t(lang, "btn_settings")))
    if lang == "ko" and group.holidays == "off":  # offered, never turned on unasked
        text += "\n" + catalog.t(lang, "setup_holidays_offer")
        buttons += (Button(ids.encode(ids.HolidaysButton(group.id)), catalog.t(lang, "btn_holidays_kr")),)
    return [Reply(text, buttons=buttons, public=True)]


def cmd_link(ctx: GroupCtx, cmd: Command) -> list[Action]:
    code = "hs-" + "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(8))
    now = ctx.now
    ctx.store.links.create(code, ctx.group.id, ctx.member_id, now, now + LINK_TTL)
    return say(ctx, "link_code", code=code, group=ctx.group.name)
