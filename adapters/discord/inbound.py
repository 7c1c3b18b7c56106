"""Discord events in: interactions, and messages in prompt threads (create, edit, delete).

Everything becomes a neutral event for the core. Messages inside a thread are reported with
the thread's PARENT channel, the one bound to the group, so the core finds the group.

A thread reply cannot be answered privately, so the core's answer to it is rendered (by the
adapter's one table, with a ``ThreadAudience``) as:
  * saved / replaced: a reaction on the member's message (✅ saved, ✏️ replaced);
  * anything else (a rejection, a withdrawal): a DM with the full text; if the member's DMs
    are closed, a rejection gets a short reply in the thread (the reason only, mentioning
    nobody: the text is still in their own message).
A deleted message whose author Discord does not say (it was not in discord.py's cache) goes to
the core with the author unknown; the core finds who wrote the answer.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from typing import Any, Awaitable, Callable, Concatenate, Coroutine, ParamSpec

import discord
from discord.utils import MISSING

from adapters.discord.render import clip, split_text
from adapters.discord.rendering import render, respond
from adapters.discord.respond import NO_MENTIONS, Outgoing
from adapters.discord.views import form_id_of, make_view, submitted_values
from adapters.progress import HandledCounter
from bot import catalog
from bot.actions import Action, AnswerStatus, Button, Form, Reply
from bot.commands import CommandError, parse
from bot.domain import ChannelRef, MemberRef
from bot.events import ButtonClicked, CommandInvoked, Event, FormSubmitted, MessageDeleted, MessageEdited, Origin, \
    ThreadReply
from bot.runtime import Inbox

log = logging.getLogger("hindsight.discord")
PLATFORM = "discord"
DM_WORKSPACE = "@me"
SAVED_MARK, REPLACED_MARK = "✅", "✏️"
P = ParamSpec("P")


def member_ref(guild_id: int | str | None, user: discord.abc.User) -> MemberRef:
    workspace = str(guild_id) if guild_id else DM_WORKSPACE
    return MemberRef(PLATFORM, workspace, str(user.id), user.display_name)


def is_platform_admin(interaction: discord.Interaction) -> bool:
    """Manage Server (or Administrator) in a guild."""
    if interaction.guild_id is None:
        return False
    perms = interaction.permissions
    return bool(perms.manage_guild or perms.administrator)


def channel_key(channel: object, fallback_id: int | None) -> str | None:
    """The channel bound to a group: a thread's parent, else the channel itself; None if unknown."""
    if isinstance(channel, discord.Thread):
        return str(channel.parent_id)
    found = getattr(channel, "id", None) or fallback_id
    return str(found) if found else None


def interaction_channel(interaction: discord.Interaction) -> str | None:
    """The group's channel of an interaction. The ``channel`` object is optional on Discord, and
    without it discord.py knows no channel id, so the raw ``channel_id`` is used (a thread is
    resolved to its parent when it is cached)."""
    channel: object = interaction.channel
    channel_id = interaction.channel_id
    if channel is None:
        guard = getattr(interaction.client, "guard", None)
        channel_id = channel_id or (guard.channel_id(interaction.id) if guard is not None else None)
        channel = interaction.client.get_channel(channel_id) if channel_id else None
    return channel_key(channel, channel_id)


def locale_language(interaction: discord.Interaction) -> str:
    return "ko" if str(interaction.locale).startswith("ko") else "en"


MEMBER_MESSAGE_TYPES = (discord.MessageType.default, discord.MessageType.reply)


def is_member_message(message: discord.Message) -> bool:
    """Written by a person: not a bot, not a webhook, not a system message (a pin notice, a
    member joining the thread...), whose author is often the member who caused it."""
    return not (message.author.bot or message.webhook_id) and message.type in MEMBER_MESSAGE_TYPES


def _is_setup(text: str) -> bool:
    try:
        return parse(text).name == "setup"
    except CommandError:
        return False


def tracked(handler: Callable[Concatenate[Inbound, P], Awaitable[None]]
            ) -> Callable[Concatenate[Inbound, P], Coroutine[Any, Any, None]]:
    """Count a handler as done when it returns, however it returns (for ``wait_handled``)."""
    @functools.wraps(handler)
    async def wrapper(self: Inbound, /, *args: P.args, **kwargs: P.kwargs) -> None:
        with self.progress.tracking():
            await handler(self, *args, **kwargs)
    return wrapper


class Inbound:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox
        self.client: discord.Client | None = None
        self.progress = HandledCounter()  # events fully handled (answers rendered), for tests to wait on
        self._reaction_failed = False  # say once that reactions fail, not for every answer

    @property
    def handled(self) -> int:
        return self.progress.count

    async def wait_handled(self, count: int, timeout: float = 5.0) -> None:
        """Wait until ``count`` events have been fully handled."""
        await self.progress.wait(count, timeout)

    async def handle(self, event: Event) -> list[Action]:
        return await self.inbox(event)

    # interactions -----------------------------------------------------------
    def origin(self, interaction: discord.Interaction, guild_hint: str | None = None) -> Origin:
        guild_id = interaction.guild_id or guild_hint
        workspace = str(guild_id) if guild_id else DM_WORKSPACE
        return Origin(member_ref(guild_id, interaction.user),
                      ChannelRef(PLATFORM, workspace, interaction_channel(interaction) or ""),
                      platform_admin=is_platform_admin(interaction))

    @tracked
    async def command(self, interaction: discord.Interaction, text: str) -> None:
        if interaction_channel(interaction) is None and _is_setup(text):
            # Nothing to bind: never a group for a channel called "None" (or "").
            log.warning("discord: setup in interaction %s came without a channel; refused", interaction.id)
            await respond(interaction, [Reply(catalog.t(locale_language(interaction), "discord_no_channel"))])
            return
        await respond(interaction, await self.handle(CommandInvoked(self.origin(interaction), text)))

    @tracked
    async def button(self, interaction: discord.Interaction, action: str, guild_hint: str | None) -> None:
        event = ButtonClicked(self.origin(interaction, guild_hint), action, event_id=str(interaction.id))
        await respond(interaction, await self.handle(event), guild_hint if interaction.guild_id is None else None)

    @tracked
    async def modal(self, interaction: discord.Interaction) -> None:
        data: Mapping[str, Any] = interaction.data or {}
        form_id, guild_hint = form_id_of(str(data.get("custom_id", "")))
        if form_id is None:
            return
        event = FormSubmitted(self.origin(interaction, guild_hint), form_id, submitted_values(data),
                              event_id=str(interaction.id))
        await respond(interaction, await self.handle(event))

    # thread messages --------------------------------------------------------
    async def thread_parent(self, channel: object, channel_id: int) -> str | None:
        """The parent channel id when ``channel`` is a thread, else None."""
        if isinstance(channel, discord.Thread):
            return str(channel.parent_id)
        if isinstance(channel, discord.abc.GuildChannel) or isinstance(channel, discord.DMChannel):
            return None
        known = self.client.get_channel(channel_id) if self.client else None
        if isinstance(known, discord.Thread):
            return str(known.parent_id)
        if known is not None or self.client is None:
            return None
        try:
            fetched = await self.client.fetch_channel(channel_id)
        except discord.HTTPException:
            return None
        return str(fetched.parent_id) if isinstance(fetched, discord.Thread) else None

    @tracked
    async def message(self, message: discord.Message) -> None:
        if not is_member_message(message) or message.guild is None:
            return
        parent = await self.thread_parent(message.channel, message.channel.id)
        if parent is None:
            return  # not in a thread: ordinary conversation
        guild_id = str(message.guild.id)
        origin = Origin(member_ref(guild_id, message.author), ChannelRef(PLATFORM, guild_id, parent))
        event = ThreadReply(origin, str(message.channel.id), str(message.id), message.content, str(message.id),
                            at=message.created_at)
        await self.acknowledge(message, message.author, await self.handle(event))

    @tracked
    async def edited(self, payload: discord.RawMessageUpdateEvent) -> None:
        data = payload.data
        if payload.guild_id is None or "content" not in data or not data.get("edited_timestamp"):
            return  # not a member's edit (an embed was unfurled, a pin...)
        message = payload.message
        if not is_member_message(message):
            return
        parent = await self.thread_parent(message.channel, payload.channel_id)
        if parent is None:
            return
        guild_id = str(payload.guild_id)
        origin = Origin(member_ref(guild_id, message.author), ChannelRef(PLATFORM, guild_id, parent))
        event = MessageEdited(origin, str(message.id), message.content,
                              f"{message.id}:{data['edited_timestamp']}", at=message.edited_at)
        await self.acknowledge(message, message.author, await self.handle(event))

    @tracked
    async def deleted(self, payload: discord.RawMessageDeleteEvent) -> None:
        if payload.guild_id is None:
            return
        guild_id = str(payload.guild_id)
        cached = payload.cached_message
        if cached is not None and cached.author.bot:
            return
        parent = await self.thread_parent(cached.channel if cached else None, payload.channel_id)
        if parent is None:
            return
        channel = ChannelRef(PLATFORM, guild_id, parent)
        event_id = f"{payload.message_id}:deleted"
        if cached is not None:
            event = MessageDeleted(Origin(member_ref(guild_id, cached.author), channel), str(payload.message_id),
                                   event_id)
            await self.acknowledge(None, cached.author, await self.handle(event))
            return
        # Discord does not say who wrote it: the core finds the author of the answer, if any.
        unknown = MemberRef(PLATFORM, guild_id, "", "")
        event = MessageDeleted(Origin(unknown, channel), str(payload.message_id), event_id, author_known=False)
        await self.acknowledge(None, None, await self.handle(event))

    # answering a thread message ---------------------------------------------
    async def acknowledge(self, message: discord.Message | None, user: discord.abc.Snowflake | None,
                          actions: list[Action]) -> None:
        audience = ThreadAudience(self, message, user)
        for action in actions:
            await render(action, audience)

    def connected(self) -> discord.Client:
        """The client whose events are being handled (set before it connects)."""
        if self.client is None:
            raise RuntimeError("the Discord client is not set")
        return self.client

    async def direct(self, user: discord.abc.Snowflake, text: str, buttons: tuple[Button, ...] = ()) -> bool:
        """Tell a member privately by DM. False if their DMs are closed."""
        try:
            dm = await self.connected().create_dm(user)
            chunks = split_text(text)
            for i, chunk in enumerate(chunks):
                view = make_view(buttons) if i == len(chunks) - 1 else None
                await dm.send(chunk, view=view or MISSING, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.info("discord: DM to %s not sent (HTTP %s, code %s)", user.id, exc.status, exc.code)
            return False
        return True


class ThreadAudience:
    """The author of a message in a prompt's thread (or of a deleted one): a reply is a reaction
    or a DM; nothing else can be shown to them there."""

    def __init__(self, inbound: Inbound, message: discord.Message | None,
                 user: discord.abc.Snowflake | None) -> None:
        self.inbound = inbound
        self.client = inbound.connected()
        self.message = message
        self.user = user  # None: the author of a deleted message Discord did not name

    async def reply(self, action: Reply) -> None:
        message = self.message
        if action.status in (AnswerStatus.SAVED, AnswerStatus.REPLACED) and message is not None:
            mark = SAVED_MARK if action.status == AnswerStatus.SAVED else REPLACED_MARK
            try:
                await message.add_reaction(mark)
            except discord.HTTPException as exc:
                log.log(logging.DEBUG if self.inbound._reaction_failed else logging.WARNING,
                        "discord: could not react to message %s (HTTP %s, code %s); the answer is saved. "
                        "Does the bot have the Add Reactions permission?", message.id, exc.status, exc.code)
                self.inbound._reaction_failed = True
            return
        if self.user is None:
            log.info("discord: a reply about a deleted message has no one to go to; not shown")
            return
        if await self.inbound.direct(self.user, action.text, action.buttons):
            return
        if message is not None and action.status == AnswerStatus.REJECTED:
            try:
                await message.reply(clip(action.reason or action.text, 1900), allowed_mentions=NO_MENTIONS)
            except discord.HTTPException as exc:
                log.warning("discord: could not reply in thread %s (HTTP %s)", message.channel.id, exc.status)

    async def show(self, messages: list[Outgoing]) -> None:
        log.warning("discord: %d message(s) for a thread message not shown", len(messages))

    async def open_form(self, form: Form) -> None:
        log.warning("discord: form %s for a thread message not shown", form.id)
