"""Platform-neutral domain types and constants. The row dataclasses live in storage.rows (storage
imports nothing from bot/) and are re-exported here, so `from bot.domain import Round` works."""
from __future__ import annotations

from storage.rows import ANSWER_LIMIT_DEFAULT as ANSWER_LIMIT_DEFAULT
from storage.rows import Channel as Channel
from storage.rows import ChannelRef as ChannelRef
from storage.rows import Group as Group
from storage.rows import MemberRef as MemberRef
from storage.rows import Prompt as Prompt
from storage.rows import Round as Round
from storage.rows import Schedule as Schedule

LANGUAGES = ("en", "ko", "both")
PROMPT_KINDS = ("text", "scale", "prediction", "call")
ANSWER_LIMIT_MIN = 100
ANSWER_LIMIT_MAX = 2000
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
