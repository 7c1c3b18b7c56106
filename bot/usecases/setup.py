"""Binding channels to groups: ``setup`` (a new group, or an existing one with a link code) and ``link``."""
from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import timedelta

from bot.commands import Command
from bot.context import Ctx, GroupCtx
from bot.results import Outcome
from bot.results.setup import (AlreadySetUp, BadLinkCode, GroupNameEmpty, GroupNameTaken, GroupNameTooLong, LinkCode,
                               Linked, SetupDone, SetupNeedsAdmin)
from bot.settings import default_settings

LINK_TTL = timedelta(hours=24)
CODE_RE = re.compile(r"^hs-[a-z0-9]{8}$")
_NAME_BAD = re.compile(r"[^a-z0-9._-]+")
MAX_NAME = 40  # characters of a group's name


def group_name(text: str) -> str:
    """A group's name as typed: NFC, without control or format characters, spaces collapsed.
    ``창업자 모임`` stays ``창업자 모임``; empty if nothing printable is left."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if c.isspace() else c for c in text if c.isspace() or unicodedata.category(c)[0] != "C")
    return " ".join(text.split())


def setup(ctx: Ctx, cmd: Command) -> list[Outcome]:
    if ctx.group is not None:
        return [AlreadySetUp(ctx.group.name)]
    store, ref, now = ctx.store, ctx.origin.channel, ctx.now
    if cmd.words and CODE_RE.match(cmd.words[0].lower()):
        group_id = store.links.redeem(cmd.words[0].lower(), now)
        group = store.groups.get(group_id) if group_id is not None else None
        if group is None:
            return [BadLinkCode()]
        # A link code binds a channel; it makes nobody an admin (ARCHITECTURE.md, Domain).
        store.members.ensure(ctx.origin.member)  # they act in a bound channel now: their row is made
        store.channels.bind(group.id, ref, now)
        return [Linked(group)]
    if not (ctx.origin.platform_admin or ref.platform == "console"):
        # A fresh group makes its creator an admin, so only platform admins may create one.
        return [SetupNeedsAdmin()]
    if cmd.text:  # the name as typed, in any script; a path derives its own safe form (export.safe_name)
        name = group_name(cmd.text)
        if not name:
            return [GroupNameEmpty()]
        if len(name) > MAX_NAME:
            return [GroupNameTooLong(len(name), MAX_NAME)]
        folded = name.casefold()  # one name, whatever its case or its Unicode form (a config file's NFD)
        if any(unicodedata.normalize("NFC", g.name).casefold() == folded for g in store.groups.all()):
            return [GroupNameTaken(name)]
    else:
        base = _NAME_BAD.sub("-", f"{ref.platform}-{ref.channel_id}".lower()).strip("-")[:MAX_NAME] or "group"
        name, n = base, 1
        while store.groups.by_name(name):
            n += 1
            name = f"{base}-{n}"
    member_id = store.members.ensure(ctx.origin.member)  # the first admin: their row is made here
    group = store.groups.create(name, now, **default_settings(ctx.deps.default_language))
    store.channels.bind(group.id, ref, now)
    store.admins.add(group.id, member_id)
    ctx.deps.schedule_changed(group.id)
    return [SetupDone(group)]


def cmd_link(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    code = "hs-" + "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(8))
    now = ctx.now
    ctx.store.links.create(code, ctx.group.id, ctx.member_id, now, now + LINK_TTL)
    return [LinkCode(code, ctx.group.name)]
