"""Answer an interaction with the core's actions: a modal, or a deferral and then the messages.

The core has already run (it is fast and synchronous) when we get here, so we know whether
the first response must be a modal. Anything else is deferred at once, with the visibility
of the first message, and then sent as an edit of the deferred response and follow-ups.
A message Discord refuses for its file (an export, my-data, a chart) is sent again without it,
and the member is told privately which file is missing; the rest of the reply stands.
The actions are routed here by the adapter's one table (adapters/discord/rendering.py).
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field, replace

import discord
from discord.utils import MISSING

from adapters.discord.render import split_text
from adapters.discord.views import FormModal, make_view
from bot import catalog
from bot.actions import Action, Form, Reply

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
    failed: str = ""  # what the member is told privately if Discord refuses the files (Upload.failed)

    def file_objects(self) -> list[discord.File]:
        return [discord.File(io.BytesIO(data), filename=name) for name, data in self.files]


def text_messages(text: str, *, ephemeral: bool, view: discord.ui.View | None = None) -> list[Outgoing]:
    """A long text as several messages of at most 2000 characters; the view goes on the last."""
    chunks = [c for c in split_text(text) if c.strip()] or ["…"]
    out = [Outgoing(content=c, ephemeral=ephemeral) for c in chunks]
    out[-1].view = view
    return out


class InteractionAudience:
    """The person who used a command, a button or a form: the first message answers the
    interaction (a modal, or a deferral edited into the message), the rest are follow-ups."""

    def __init__(self, client: discord.Client, interaction: discord.Interaction,
                 guild_hint: str | None = None) -> None:
        self.client = client
        self.interaction = interaction
        self.guild_hint = guild_hint  # the guild of a button clicked in a DM; a form it opens carries it
        self.modal_sent = False
        self.sent = 0  # messages tried
        self.deferred = False  # the interaction was answered with a deferral...
        self.public = False  # ... visible to everyone
        self.original_shown = False  # the deferral became the first message (or was deleted)
        self.failed = False

    async def reply(self, action: Reply) -> None:
        await self.show(text_messages(action.text, ephemeral=not action.public, view=make_view(action.buttons)))

    async def open_form(self, form: Form) -> None:
        if self.modal_sent or self.sent:
            log.warning("discord: form %s not opened: interaction %s was already answered", form.id,
                        self.interaction.id)
            return
        await self.interaction.response.send_modal(FormModal(form, self.guild_hint))
        self.modal_sent = True

    async def show(self, messages: list[Outgoing]) -> None:
        if self.modal_sent:
            log.warning("discord: %d message(s) after a form were not shown", len(messages))
            return
        for m in messages:
            if self.failed:
                return
            try:
                await self._send(m)
            except discord.HTTPException as exc:
                if m.files and self.deferred:
                    await self._upload_failed(m, exc)
                    continue
                self.failed = True
                log.warning("discord: answering interaction %s failed: HTTP %s (code %s)", self.interaction.id,
                            exc.status, exc.code)

    async def _send(self, m: Outgoing) -> None:
        self.sent += 1
        if not self.deferred:
            await self.interaction.response.defer(ephemeral=m.ephemeral, thinking=True)
            self.deferred, self.public = True, not m.ephemeral
        if not self.original_shown:
            await self.interaction.edit_original_response(
                content=m.content, embeds=m.embeds, attachments=m.file_objects(), view=m.view,
                allowed_mentions=NO_MENTIONS)
            self.original_shown = True
            return
        await self.interaction.followup.send(m.content or MISSING, embeds=m.embeds, files=m.file_objects(),
                                             ephemeral=m.ephemeral, allowed_mentions=NO_MENTIONS,
                                             view=m.view or MISSING, wait=True)

    async def _upload_failed(self, m: Outgoing, exc: discord.HTTPException) -> None:
        """Discord refused a message for its file(s): the rest of the message goes without them,
        and the member is told privately which file is missing."""
        names = ", ".join(name for name, _ in m.files)
        log.warning("discord: the file %s for interaction %s was refused (HTTP %s, code %s); the reply goes "
                    "without it", names, self.interaction.id, exc.status, exc.code)
        lang = "ko" if str(self.interaction.locale).startswith("ko") else "en"
        notice = Outgoing(content=m.failed or catalog.t(lang, "upload_failed", filename=names), ephemeral=True)
        rest = replace(m, files=[])
        try:
            if rest.content or rest.embeds:
                await self._send(rest)
            elif not self.original_shown and self.public:
                await self.interaction.delete_original_response()  # the notice must not be public
                self.original_shown = True
            await self._send(notice)
        except discord.HTTPException as again:
            self.failed = True
            log.warning("discord: answering interaction %s failed: HTTP %s (code %s)", self.interaction.id,
                        again.status, again.code)

    async def finish(self) -> None:
        """Nothing was shown (a duplicate, or the bot is stopping): acknowledge without a message."""
        if self.modal_sent or self.sent:
            return
        interaction = self.interaction
        if interaction.type is discord.InteractionType.component:
            await interaction.response.defer()
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            await interaction.delete_original_response()
        except discord.HTTPException:
            pass
