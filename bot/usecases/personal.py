"""Files and personal data: ``export`` (admins), ``my-data`` and ``forget-me``."""
from __future__ import annotations

import json

from bot import catalog, ids
from bot.actions import Action, Button, Upload
from bot.commands import Command
from bot.context import GroupCtx
from bot.export import export_csv, export_json, export_markdown_text, member_json, safe_name
from bot.present import say


def cmd_export(ctx: GroupCtx, cmd: Command) -> list[Action]:
    fmt = cmd.words[0].lower() if cmd.words else "json"
    name = ctx.group.name
    if fmt == "csv":
        data = export_csv(ctx.store, [name]).encode()
    elif fmt == "md":
        data = export_markdown_text(ctx.deps, ctx.group).encode()
    else:
        data = json.dumps(export_json(ctx.store, [name]), ensure_ascii=False, indent=2).encode()
    filename = f"hindsight-{safe_name(name)}.{fmt}"
    return [Upload(filename, data, catalog.t(ctx.lang, "export_ready", group=name),
                   failed=catalog.t(ctx.lang, "upload_failed", filename=filename))]


def cmd_my_data(ctx: GroupCtx, cmd: Command) -> list[Action]:
    data = json.dumps(member_json(ctx.store, ctx.member_id), ensure_ascii=False, indent=2).encode()
    return [Upload("hindsight-my-data.json", data, catalog.t(ctx.lang, "my_data_ready"),
                   failed=catalog.t(ctx.lang, "upload_failed", filename="hindsight-my-data.json"))]


def cmd_forget_me(ctx: GroupCtx, cmd: Command) -> list[Action]:
    if cmd.words and cmd.words[0].lower() in ("confirm", "yes", "확인"):
        return forget(ctx)
    button = Button(ids.encode(ids.ForgetButton(ctx.member_id)), catalog.t(ctx.lang, "btn_forget_confirm"), "danger")
    return say(ctx, "forget_confirm", buttons=(button,))


def forget_button(ctx: GroupCtx, button: ids.ForgetButton, event_id: str | None) -> list[Action]:
    """Only your own forget button works: a button forwarded to someone else does nothing."""
    if button.member_id != ctx.member_id:
        return say(ctx, "unknown_button")
    return forget(ctx)


def forget(ctx: GroupCtx) -> list[Action]:
    n = ctx.store.members.forget(ctx.member_id)
    return say(ctx, "forgotten_one" if n == 1 else "forgotten", count=n)
