"""The group's prompts: ``prompts list``, ``prompts add [kind] English | 한국어``, ``prompts remove ID``."""
from __future__ import annotations

from bot import catalog
from bot.actions import Action, Reply
from bot.commands import MAX_ID, Command, parse_int
from bot.context import GroupCtx
from bot.domain import PROMPT_KINDS
from bot.present import prompt_text, say


def cmd_prompts(ctx: GroupCtx, cmd: Command) -> list[Action]:
    op = cmd.words[0].lower() if cmd.words else "list"
    if op == "list":
        return list_prompts(ctx)
    if op == "remove":
        prompt_id = parse_int(cmd.words[1], 1, MAX_ID) if len(cmd.words) == 2 else None
        if prompt_id is None:
            return say(ctx, "prompts_usage")
        ok = ctx.store.prompts.remove(ctx.group.id, prompt_id)
        return say(ctx, "prompt_removed" if ok else "prompt_not_found", id=prompt_id)
    rest = cmd.text.split(None, 1)[1] if len(cmd.words) > 1 else ""
    kind, _, body = rest.partition(" ")
    if kind.lower() not in PROMPT_KINDS:
        kind, body = "text", rest
    en, _, ko = body.partition("|")
    en, ko = " ".join(en.split()), " ".join(ko.split()) or " ".join(en.split())
    if not en or len(en) > 300 or len(ko) > 300:
        return say(ctx, "prompts_usage")
    labels = tuple(catalog.t("en", f"scale_{i}") for i in range(1, 6)) if kind.lower() == "scale" else ()
    new_id = ctx.store.prompts.add(ctx.group.id, kind.lower(), en, ko, labels, ctx.now)
    return say(ctx, "prompt_added", id=new_id)


def list_prompts(ctx: GroupCtx) -> list[Action]:
    lines = [catalog.t(ctx.lang, "prompts_head", group=ctx.group.name)]
    used = ctx.store.prompts.use_counts(ctx.group.id)
    for p in ctx.store.prompts.active(ctx.group.id):
        own = "*" if p.group_id else " "
        text = prompt_text(p, ctx.lang).splitlines()[0]
        lines.append(f"{p.id:>3}{own} {p.kind:<10} ×{used.get(p.id, 0)}  {text}")
    return [Reply("\n".join(lines))]
