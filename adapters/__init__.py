"""Platform adapters. Each translates platform events into bot.events and renders bot.actions.

``build_platform_adapters`` is the composition root for real platforms; it imports the
platform libraries only when their tokens are configured.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from adapters.discord import DiscordAdapter
    from adapters.slack import SlackAdapter
    from bot.config import Config

    PlatformAdapter = Union[SlackAdapter, DiscordAdapter]


def build_platform_adapters(config: Config) -> list[PlatformAdapter]:
    adapters: list[PlatformAdapter] = []
    if config.slack_enabled:
        from adapters.slack import SlackAdapter

        adapters.append(SlackAdapter.from_config(config))
    if config.discord_token:
        from adapters.discord import DiscordAdapter

        adapters.append(DiscordAdapter.from_config(config))
    return adapters
