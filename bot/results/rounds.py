"""Results of rounds: a prompt card due, a reminder due."""
from __future__ import annotations

from dataclasses import dataclass

from bot.domain import ChannelRef, Group, MemberRef, Prompt, Round


@dataclass(frozen=True)
class PromptDue:
    """A round's prompt, claimed from the outbox for one bound channel: presentation makes the
    card (a PromptPost) in the group's language."""

    post_id: int
    channel: ChannelRef
    group: Group
    round: Round
    prompt: Prompt


@dataclass(frozen=True)
class ReminderDue:
    """A member who has neither answered nor skipped the open round, reminded once by DM.
    ``home`` is the group's channel on the member's platform: the buttons act there."""

    member: MemberRef
    group: Group
    round: Round
    prompt: Prompt | None
    home: ChannelRef | None
