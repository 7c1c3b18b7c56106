"""The group's prompts: ``prompts list``, ``prompts add [kind] [horizon] English | 한국어``,
``prompts remove ID`` and ``prompts next ID``."""
from __future__ import annotations

import re

from bot import catalog
from bot.actions import Action, Reply
from bot.commands import KIND_WORDS, MAX_ID, Command, parse_int
from bot.context import GroupCtx
from bot.present import clip, prompt_text, say

KINDS = ("text", "scale", "prediction", "call")
DATED_KINDS = ("prediction", "call")  # these need a horizon: the round falls due that many months later
HORIZONS = (6, 12, 24)  # months
_HORIZON = re.compile(r"^([0-9]{1,3})(?:m|개월)$", re.IGNORECASE)  # [0-9]: ASCII digits only


def kind_label(kind: str, horizon_months: int | None) -> str:
    """``text``, ``scale``, ``prediction 12m``, ``call 6m``."""
    return f"{kind} {horizon_months}m" if kind in DATED_KINDS and horizon_months else kind


def parse_horizon(word: str) -> int | None:
    """``6m``, ``12m``, ``24m`` (or ``12개월``) in months; None for anything else."""
    m = _HORIZON.match(word)
    if not m:
        return None
    months = int(m.group(1))
    return months if months in HORIZONS else None


def cmd_prompts(ctx: GroupCtx, cmd: Command) -> list[Action]:
    op = cmd.words[0].lower() if cmd.words else "list"
    if op == "list":
        return list_prompts(ctx)
    if op == "remove":
        prompt_id = parse_int(cmd.words[1], 1, MAX_ID) if len(cmd.words) == 2 else None
        if prompt_id is None:
            return say(ctx, "prompts_usage")
        return remove_prompt(ctx, prompt_id)
    if op == "next":
        return next_prompt(ctx, cmd)
    return add_prompt(ctx, cmd)


def remove_prompt(ctx: GroupCtx, prompt_id: int) -> list[Action]:
    """``prompts remove ID``. If it was chosen with ``prompts next``, that choice is cancelled
    too (storage does both in one transaction), and the reply says so."""
    was_next = ctx.group.next_prompt_id == prompt_id
    if not ctx.store.prompts.remove(ctx.group.id, prompt_id):
        return say(ctx, "prompt_not_found", id=prompt_id)
    text = catalog.t(ctx.lang, "prompt_removed", id=prompt_id)
    if was_next:
        text += "\n" + catalog.t(ctx.lang, "prompt_next_cancelled")
    return [Reply(text)]


def next_prompt(ctx: GroupCtx, cmd: Command) -> list[Action]:
    """``prompts next ID``: the next round of this group asks that prompt (a numeric id or a
    built-in key), even one used before. Only a prompt in the group's rotation: a removed one,
    or another group's own, is not found."""
    if len(cmd.words) != 2:
        return say(ctx, "prompts_usage")
    ref = cmd.words[1]
    number = parse_int(ref, 1, MAX_ID)
    prompt = ctx.store.prompts.for_group(ctx.group.id, number if number is not None else ref.lower())
    if prompt is None:
        return say(ctx, "prompt_not_found", id=clip(ref, 40))
    ctx.store.groups.update(ctx.group.id, next_prompt_id=prompt.id)
    return say(ctx, "prompt_next_set", id=prompt.key or prompt.id,
               kind=kind_label(prompt.kind, prompt.horizon_months),
               prompt=clip(prompt_text(prompt, ctx.lang).splitlines()[0], 200))


def add_prompt(ctx: GroupCtx, cmd: Command) -> list[Action]:
    """``prompts add [text|scale|prediction Nm|call Nm] English | 한국어``. With no kind, text.
    A prediction or a call needs a horizon (6m, 12m or 24m); text and scale take none."""
    rest = cmd.text.split(None, 1)[1] if len(cmd.words) > 1 else ""
    kind, _, body = rest.partition(" ")
    kind = KIND_WORDS.get(kind, kind.lower())  # 서술형, 점수형, 예측, 전망 as well
    explicit = kind in KINDS
    if not explicit:
        kind, body = "text", rest
    horizon: int | None = None
    first, _, after = body.strip().partition(" ")
    if kind in DATED_KINDS:
        horizon = parse_horizon(first)
        if horizon is None:
            return say(ctx, "prompts_usage")
        body = after
    elif explicit and _HORIZON.match(first):
        return say(ctx, "prompts_usage")  # "prompts add text 6m ...": only predictions and calls have one
    en, _, ko = body.partition("|")
    en, ko = " ".join(en.split()), " ".join(ko.split()) or " ".join(en.split())
    if not en or len(en) > 300 or len(ko) > 300:
        return say(ctx, "prompts_usage")
    labels = tuple(catalog.t("en", f"scale_{i}") for i in range(1, 6)) if kind == "scale" else ()
    new_id = ctx.store.prompts.add(ctx.group.id, kind, en, ko, labels, ctx.now, horizon_months=horizon)
    return say(ctx, "prompt_added", id=new_id)


def list_prompts(ctx: GroupCtx) -> list[Action]:
    lines = [catalog.t(ctx.lang, "prompts_head", group=ctx.group.name)]
    used = ctx.store.prompts.use_counts(ctx.group.id)
    for p in ctx.store.prompts.active(ctx.group.id):
        own = "*" if p.group_id else " "
        text = prompt_text(p, ctx.lang).splitlines()[0]
        key = f"[{p.key}] " if p.key else ""
        lines.append(f"{p.id:>3}{own} {kind_label(p.kind, p.horizon_months):<15} ×{used.get(p.id, 0)}  {key}{text}")
    if ctx.group.next_prompt_id is not None:
        nxt = ctx.store.prompts.get(ctx.group.next_prompt_id)
        if nxt is not None:
            lines.append(catalog.t(ctx.lang, "prompts_next_line", id=nxt.key or nxt.id))
    return [Reply("\n".join(lines))]
