"""The group's prompts: ``prompts list``, ``prompts add [kind] [horizon] English | 한국어``,
``prompts remove ID`` and ``prompts next ID``."""
from __future__ import annotations

import re

from bot.commands import KIND_WORDS, MAX_ID, Command, parse_int
from bot.context import GroupCtx
from bot.results import Outcome
from bot.results.prompts import (PromptAdded, PromptNextSet, PromptNotFound, PromptRemoved, PromptsListed,
                                 PromptsUsage)

KINDS = ("text", "scale", "prediction", "call")
DATED_KINDS = ("prediction", "call")  # these need a horizon: the round falls due that many months later
HORIZONS = (6, 12, 24)  # months
_HORIZON = re.compile(r"^([0-9]{1,3})(?:m|개월)$", re.IGNORECASE)  # [0-9]: ASCII digits only


def parse_horizon(word: str) -> int | None:
    """``6m``, ``12m``, ``24m`` (or ``12개월``) in months; None for anything else."""
    m = _HORIZON.match(word)
    if not m:
        return None
    months = int(m.group(1))
    return months if months in HORIZONS else None


def cmd_prompts(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    op = cmd.words[0].lower() if cmd.words else "list"
    if op == "list":
        return list_prompts(ctx)
    if op == "remove":
        prompt_id = parse_int(cmd.words[1], 1, MAX_ID) if len(cmd.words) == 2 else None
        if prompt_id is None:
            return [PromptsUsage()]
        return remove_prompt(ctx, prompt_id)
    if op == "next":
        return next_prompt(ctx, cmd)
    return add_prompt(ctx, cmd)


def remove_prompt(ctx: GroupCtx, prompt_id: int) -> list[Outcome]:
    """``prompts remove ID``. If it was chosen with ``prompts next``, that choice is cancelled
    too (storage does both in one transaction), and the reply says so."""
    was_next = ctx.group.next_prompt_id == prompt_id
    if not ctx.store.prompts.remove(ctx.group.id, prompt_id):
        return [PromptNotFound(str(prompt_id))]
    return [PromptRemoved(prompt_id, was_next=was_next)]


def next_prompt(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    """``prompts next ID``: the next round of this group asks that prompt (a numeric id or a
    built-in key), even one used before. Only a prompt in the group's rotation: a removed one,
    or another group's own, is not found."""
    if len(cmd.words) != 2:
        return [PromptsUsage()]
    ref = cmd.words[1]
    number = parse_int(ref, 1, MAX_ID)
    prompt = ctx.store.prompts.for_group(ctx.group.id, number if number is not None else ref.lower())
    if prompt is None:
        return [PromptNotFound(ref[:40])]
    ctx.store.groups.update(ctx.group.id, next_prompt_id=prompt.id)
    return [PromptNextSet(prompt)]


def add_prompt(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
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
            return [PromptsUsage()]
        body = after
    elif explicit and _HORIZON.match(first):
        return [PromptsUsage()]  # "prompts add text 6m ...": only predictions and calls have one
    en, _, ko = body.partition("|")
    en, ko = " ".join(en.split()), " ".join(ko.split()) or " ".join(en.split())
    if not en or len(en) > 300 or len(ko) > 300:
        return [PromptsUsage()]
    # A custom scale prompt has no labels of its own: its scores show as 1 to 5.
    new_id = ctx.store.prompts.add(ctx.group.id, kind, en, ko, (), ctx.now, horizon_months=horizon)
    return [PromptAdded(new_id)]


def list_prompts(ctx: GroupCtx) -> list[Outcome]:
    used = ctx.store.prompts.use_counts(ctx.group.id)
    nxt = ctx.store.prompts.get(ctx.group.next_prompt_id) if ctx.group.next_prompt_id is not None else None
    return [PromptsListed(ctx.group.name, tuple((p, used.get(p.id, 0)) for p in ctx.store.prompts.active(ctx.group.id)),
                          str(nxt.key or nxt.id) if nxt else None)]
