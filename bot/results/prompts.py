"""Results of ``prompts``: the rotation listed, a prompt added, removed or chosen for next."""
from __future__ import annotations

from dataclasses import dataclass

from bot.domain import Prompt


@dataclass(frozen=True)
class PromptsListed:
    group: str
    prompts: tuple[tuple[Prompt, int], ...]  # each active prompt and how many times it was asked
    next_ref: str | None = None  # the key or id chosen with ``prompts next``


@dataclass(frozen=True)
class PromptAdded:
    id: int


@dataclass(frozen=True)
class PromptRemoved:
    id: int
    was_next: bool = False  # it was chosen with ``prompts next``: that choice is cancelled too


@dataclass(frozen=True)
class PromptNotFound:
    ref: str


@dataclass(frozen=True)
class PromptNextSet:
    prompt: Prompt


@dataclass(frozen=True)
class PromptsUsage:
    pass
