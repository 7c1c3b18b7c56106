"""The Discord adapter's one table of renderers: every outbound action type and its handler.

A handler gets the action and its audience: the outbox (posts and reminders, sent with the
client), the person who used an interaction (adapters/discord/respond.py), or the author of a
thread message (adapters/discord/inbound.py). What cannot be shown to an audience is said:
the outbox has no person to reply to, so a reply sent there is an UnsupportedAction.
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable, Protocol

import discord

from adapters.discord.outbound import post_digest, post_prompt, post_resolution, post_revisit, send_direct
from adapters.discord.render import digest_buttons, digest_messages
from adapters.discord.views import make_view
from adapters.discord.respond import InteractionAudience, Outgoing
from adapters.dispatch import handler_for
from bot.actions import (Action, DigestPost, DirectMessage, Form, HomeView, OpenForm, PostResult, PromptPost, Reply,
                         ResolutionPost, RevisitPost, ShowDigest, UnsupportedAction, Upload)


class Audience(Protocol):
    """Whom an action is shown to."""

    client: discord.Client

    async def reply(self, action: Reply) -> None: ...

    async def show(self, messages: list[Outgoing]) -> None: ...

    async def open_form(self, form: Form) -> None: ...


class NobodyToShow(UnsupportedAction):
    """What is shown to the person who acted cannot go through the outbox, which has none."""


class Outbox:
    """The outbox's audience: channels and DMs through the client; nobody to reply to."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def reply(self, action: Reply) -> None:
        raise NobodyToShow()

    async def show(self, messages: list[Outgoing]) -> None:
        raise NobodyToShow()

    async def open_form(self, form: Form) -> None:
        raise NobodyToShow()


async def _prompt(action: PromptPost, to: Audience) -> PostResult:
    return await post_prompt(to.client, action)


async def _digest(action: DigestPost, to: Audience) -> PostResult:
    return await post_digest(to.client, action)


async def _revisit(action: RevisitPost, to: Audience) -> PostResult:
    return await post_revisit(to.client, action)


async def _resolution(action: ResolutionPost, to: Audience) -> PostResult:
    return await post_resolution(to.client, action)


async def _direct(action: DirectMessage, to: Audience) -> None:
    await send_direct(to.client, action)


async def _reply(action: Reply, to: Audience) -> None:
    await to.reply(action)


async def _show_digest(action: ShowDigest, to: Audience) -> None:
    messages = [Outgoing(embeds=embeds, ephemeral=not action.public) for embeds in digest_messages(action.digest)]
    messages[-1].view = make_view(digest_buttons(action.digest))  # after "a year ago this week"
    await to.show(messages)


async def _upload(action: Upload, to: Audience) -> None:
    await to.show([Outgoing(content=action.comment or None, files=[(action.filename, action.content)],
                            ephemeral=not action.public, failed=action.failed)])


async def _form(action: OpenForm, to: Audience) -> None:
    await to.open_form(action.form)


async def _home(action: HomeView, to: Audience) -> None:
    raise UnsupportedAction("discord: HomeView has nowhere to go (Discord has no app home tab)")


RENDERERS: dict[type, Callable[[Any, Audience], Awaitable[PostResult | None]]] = {
    PromptPost: _prompt, DigestPost: _digest, RevisitPost: _revisit, ResolutionPost: _resolution,
    DirectMessage: _direct, Reply: _reply, ShowDigest: _show_digest, Upload: _upload, OpenForm: _form,
    HomeView: _home}


async def render(action: Action, to: Audience) -> PostResult | None:
    """Render one action for ``to``; UnsupportedAction for a type without a handler, or for
    one that needs the person who acted when there is none."""
    handler = handler_for(RENDERERS, action, "discord")
    try:
        return await handler(action, to)
    except NobodyToShow:
        raise NobodyToShow(f"discord: {type(action).__name__} needs the person who acted; the outbox has none") \
            from None


async def respond(interaction: discord.Interaction, actions: list[Action], guild_hint: str | None = None) -> None:
    """Answer an interaction with the core's actions, within Discord's 3 s. ``guild_hint`` is
    the guild of a button clicked in a DM; a form it opens carries it too."""
    audience = InteractionAudience(interaction.client, interaction, guild_hint)
    for action in actions:
        await render(action, audience)
    await audience.finish()
