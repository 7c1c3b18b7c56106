"""Files and personal data: ``export`` (admins), ``my-data`` and ``forget-me``."""
from __future__ import annotations

import json

from bot import ids
from bot.commands import Command
from bot.context import GroupCtx
from bot.export import export_csv, export_json, export_markdown_text, member_json, safe_name
from bot.results import Outcome, UnknownButton
from bot.results.personal import FileReady, ForgetAsked, Forgotten


def cmd_export(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    fmt = cmd.words[0].lower() if cmd.words else "json"
    name = ctx.group.name
    if fmt == "csv":
        data = export_csv(ctx.store, [name]).encode()
    elif fmt == "md":
        data = export_markdown_text(ctx.deps, ctx.group).encode()
    else:
        data = json.dumps(export_json(ctx.store, [name]), ensure_ascii=False, indent=2).encode()
    filename = f"hindsight-{safe_name(name)}.{fmt}"
    return [FileReady(filename, data, group=name)]


def cmd_my_data(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    data = json.dumps(member_json(ctx.store, ctx.member_id), ensure_ascii=False, indent=2).encode()
    return [FileReady("hindsight-my-data.json", data)]


def cmd_forget_me(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    if cmd.words and cmd.words[0].lower() in ("confirm", "yes", "확인"):
        return forget(ctx)
    return [ForgetAsked(ctx.member_id)]


def forget_button(ctx: GroupCtx, button: ids.ForgetButton, event_id: str | None) -> list[Outcome]:
    """Only your own forget button works: a button forwarded to someone else does nothing."""
    if button.member_id != ctx.member_id:
        return [UnknownButton()]
    return forget(ctx)


def forget(ctx: GroupCtx) -> list[Outcome]:
    n = ctx.store.members.forget(ctx.member_id)
    return [Forgotten(n)]
