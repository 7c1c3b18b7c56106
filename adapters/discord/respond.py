"""Render the core's answer to an interaction: a modal, or a deferral and then the messages.

The core has already run (it is fast and synchronous) when we get here, so we know whether
the first response must be a modal. Anything else is deferred at once, with the visibility
of the first message, and then sent as an edit of the deferred response and follow-ups.
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

import discord

from adapters.discord.render import digest_messages, split_text
from adapters.discord.views import FormModal, make_view
from bot.actions import Action, OpenForm, Reply, ShowDigest, UnsupportedAction, Upload

log = logging.getLogger("hindsight.discord")
NO_MENTIONS = discord.AllowedMentions.none()


@dataclass
class Outgoing:
    """One Discord message to send."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None
    files: list[tuple[str, bytes]] = field(default_factory=list)
    ephemeral: bool = True

    def file_objects(self) -> list[discord.File]:
        return [discord.File(io.BytesIO(data), filename=name) for name, data in self.files]


def text_messages(text: str, *, ephemeral: bool, view: discord.ui.View | None = None) -> list[Outgoing]:
    """A long text as several messages of at most 2000 characters; the view goes on the last."""
    chunks = [c for c in split_text(text) if c.strip()] or ["…"]
    out = [Outgoing(content=c, ephemeral=ephemeral) for c in chunks]
    out[-1].view = view
    return out


def outgoing(action: Action) -> list[Outgoing]:
    if isinstance(action, Reply):
        return text_messages(action.text, ephemeral=not action.public, view=make_view(action.buttons))
    if isinstance(action, ShowDigest):
        return [Outgoing(embeds=embeds, ephemeral=not action.public) for embeds in digest_messages(action.digest)]
    if isinstance(action, Upload):
        return [Outgoing(content=action.comment or None, files=[(action.filename, action.content)],
                         ephemeral=not action.public)]
    raise UnsupportedAction(type(action).__name__)


async def respond(interaction: discord.Interaction, actions: list[Action], guild_hint: str | None = None) -> None:
    """Answer an interaction with the core's actions, within Discord's 3 s. ``guild_hint`` is
    the guild of a button clicked in a DM; a form it opens carries it too."""
    if actions and isinstance(actions[0], OpenForm):
        await interaction.response.send_modal(FormModal(actions[0].form, guild_hint))
        if len(actions) > 1:
            log.warning("discord: %d action(s) after a form were not shown", len(actions) - 1)
        return
    messages = [m for action in actions for m in outgoing(action)]
    if not messages:
        await _acknowledge_silently(interaction)
        return
    first = messages[0]
    await interaction.response.defer(ephemeral=first.ephemeral, thinking=True)
    try:
        await interaction.edit_original_response(
            content=first.content, embeds=first.embeds, attachments=first.file_objects(),
            view=first.view, allowed_mentions=NO_MENTIONS)
        for m in messages[1:]:
            kwargs = dict(embeds=m.embeds, files=m.file_objects(), ephemeral=m.ephemeral,
                          allowed_mentions=NO_MENTIONS, wait=True)
            if m.content:
                kwargs["content"] = m.content
            if m.view is not None:
                kwargs["view"] = m.view
            await interaction.followup.send(**kwargs)
    except discord.HTTPException as exc:
        log.warning("discord: answering interaction %s failed: HTTP %s (code %s)", interaction.id, exc.status,
                    exc.code)


async def _acknowledge_silently(interaction: discord.Interaction) -> None:
    """Nothing to show (a duplicate, or the bot is stopping): acknowledge without a message."""
    if interaction.type is discord.InteractionType.component:
        await interaction.response.defer()
        return
    await interaction.response.defer(ephemeral=True, thinking=True)
    try:
        await interaction.delete_original_response()
    except discord.HTTPException:
        pass
