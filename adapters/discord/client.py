"""The discord.py Client: intents, persistent buttons, the command tree and event routing."""
from __future__ import annotations

from typing import Any, Awaitable, Callable

import discord

from adapters.discord.commands import CatalogTranslator, build_tree
from adapters.discord.gateway import ParserGuard
from adapters.discord.inbound import Inbound
from adapters.discord.views import HindsightButton
from bot.health import ConnectionState


def hindsight_intents(message_content: bool = True) -> discord.Intents:
    """Guilds and guild messages; message content (privileged) to read thread replies."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.message_content = message_content
    return intents


class HindsightClient(discord.Client):
    """Routes every event to ``inbound`` (adapters.discord.inbound.Inbound), and the state of
    the gateway connection to ``on_state`` ("up" or "reconnecting")."""

    def __init__(self, inbound: Inbound, *, guild_id: int | None = None, message_content: bool = True,
                 on_state: Callable[[ConnectionState], Awaitable[None]] | None = None, **options: Any) -> None:
        options.setdefault("chunk_guilds_at_startup", False)
        super().__init__(intents=hindsight_intents(message_content), allowed_mentions=discord.AllowedMentions.none(),
                         **options)
        self.inbound = inbound
        self.on_state = on_state
        self.guild_scope = discord.Object(guild_id) if guild_id else None
        self.tree = build_tree(self, self._run_command, guild_id)
        self.guard = ParserGuard(self)  # one unreadable dispatch must not end the connection

    async def _state(self, state: ConnectionState) -> None:
        if self.on_state is not None and not self.is_closed():
            await self.on_state(state)

    async def on_ready(self) -> None:
        await self._state("up")

    async def on_resumed(self) -> None:
        await self._state("up")

    async def on_disconnect(self) -> None:
        await self._state("reconnecting")

    async def _run_command(self, interaction: discord.Interaction, text: str) -> None:
        await self.inbound.command(interaction, text)

    async def setup_hook(self) -> None:
        self.add_dynamic_items(HindsightButton)
        await self.tree.set_translator(CatalogTranslator())

    async def on_message(self, message: discord.Message) -> None:
        await self.inbound.message(message)

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        await self.inbound.edited(payload)

    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        await self.inbound.deleted(payload)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.modal_submit:
            await self.inbound.modal(interaction)
