"""Platform adapters. Each translates platform events into bot.events and renders bot.actions.

``build_platform_adapters`` is the composition root for real platforms; it imports the
platform libraries only when their tokens are configured.
"""
from __future__ import annotations


def build_platform_adapters(config) -> list:
    adapters = []
    if config.slack_enabled:
        from adapters.slack import SlackAdapter

        adapters.append(SlackAdapter.from_config(config))
    if config.discord_token:
        from adapters.discord import DiscordAdapter

        adapters.append(DiscordAdapter.from_config(config))
    return adapters
