"""Posts from the core's outbox (prompts, digests, revisits, resolutions) and DMs.

Every message is sent with allowed_mentions=none. A failure raises DiscordSendError with the
channel and the HTTP status; the post stays pending in the outbox and is retried on the next tick.
"""
from __future__ import annotations

import io
import logging
from typing import Literal

import discord
from discord.utils import MISSING

from adapters.discord.render import (chart_filename, digest_buttons, digest_messages, prompt_embed, revisit_messages,
                                     split_text, thread_name)
from adapters.discord.respond import NO_MENTIONS
from adapters.discord.views import make_view
from bot.actions import DigestPost, DirectMessage, PostResult, PromptPost, ResolutionPost, RevisitPost

log = logging.getLogger("hindsight.discord")
ARCHIVE_AFTER_MINUTES: Literal[10080] = 10080  # a week, so a prompt's thread stays open while its round is


class DiscordSendError(RuntimeError):
    """A post or DM Discord refused; the message names the channel and the HTTP status."""


def _failure(what: str, exc: discord.HTTPException) -> DiscordSendError:
    return DiscordSendError(f"{what}: HTTP {exc.status} (code {exc.code}) {exc.text[:200]}".rstrip())


async def channel_of(client: discord.Client, channel_id: str) -> discord.abc.Messageable:
    """The channel (or thread) to post in; a channel no message can go to is a send error."""
    channel = client.get_channel(int(channel_id)) or await client.fetch_channel(int(channel_id))
    if not isinstance(channel, discord.abc.Messageable):
        raise DiscordSendError(f"discord channel {channel_id} is a {type(channel).__name__}: no message can go there")
    return channel


async def post_prompt(client: discord.Client, post: PromptPost) -> PostResult:
    """The prompt's embed and persistent buttons, then a public thread on it for replies."""
    where = f"discord channel {post.channel.channel_id}"
    try:
        channel = await channel_of(client, post.channel.channel_id)
        message = await channel.send(embed=prompt_embed(post.card), view=make_view(post.card.buttons) or MISSING,
                                     allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        raise _failure(f"posting the prompt to {where}", exc) from exc
    try:
        thread = await message.create_thread(name=thread_name(post.card.title),
                                             auto_archive_duration=ARCHIVE_AFTER_MINUTES)
    except discord.HTTPException as exc:
        # The post is out; retrying would post it twice. Answers still come by button and command.
        log.warning("discord: no thread on prompt %s in %s: HTTP %s (code %s)", message.id, where, exc.status,
                    exc.code)
        return PostResult(message_id=str(message.id))
    return PostResult(message_id=str(message.id), thread_id=str(thread.id))


async def post_digest(client: discord.Client, post: DigestPost) -> PostResult:
    """The digest's first message in the channel; the rest, if any, in a thread on it."""
    where = f"discord channel {post.channel.channel_id}"
    messages = digest_messages(post.digest)
    buttons = digest_buttons(post.digest)  # on the last message, after "a year ago this week"
    try:
        channel = await channel_of(client, post.channel.channel_id)
        first = await _send_first(channel, post, messages[0], buttons if len(messages) == 1 else ())
    except discord.HTTPException as exc:
        raise _failure(f"posting the digest to {where}", exc) from exc
    if len(messages) == 1:
        return PostResult(message_id=str(first.id))
    try:
        thread = await first.create_thread(name=thread_name(post.digest.title),
                                           auto_archive_duration=ARCHIVE_AFTER_MINUTES)
        for n, embeds in enumerate(messages[1:], start=2):
            await thread.send(embeds=embeds, allowed_mentions=NO_MENTIONS,
                              view=make_view(buttons if n == len(messages) else ()) or MISSING)
    except discord.HTTPException as exc:
        # The start is out; retrying would post it twice. /hindsight digest shows it all.
        log.warning("discord: digest %s in %s is incomplete: HTTP %s (code %s)", post.digest.period, where,
                    exc.status, exc.code)
        return PostResult(message_id=str(first.id))
    return PostResult(message_id=str(first.id), thread_id=str(thread.id))


async def _send_first(channel: discord.abc.Messageable, post: DigestPost, embeds: list[discord.Embed],
                      buttons: tuple) -> discord.Message:
    """The digest's first message; with its PNG chart (if any) attached and shown as the first
    embed's image. If Discord refuses the message with the file as too large or invalid (400,
    413), it goes once more without it: the chart is never the reason a digest is not posted."""
    if not post.digest.chart_png:
        return await channel.send(embeds=embeds, allowed_mentions=NO_MENTIONS, view=make_view(buttons) or MISSING)
    name = chart_filename(post.digest)
    with_image = [e.copy() for e in embeds]
    with_image[0].set_image(url=f"attachment://{name}")
    chart = discord.File(io.BytesIO(post.digest.chart_png), filename=name)
    try:
        return await channel.send(embeds=with_image, file=chart, allowed_mentions=NO_MENTIONS,
                                  view=make_view(buttons) or MISSING)
    except discord.HTTPException as exc:
        if exc.status not in (400, 413):
            raise  # not about the file: the whole post is retried later, chart and all
        log.warning("discord: digest %s in channel %s refused with its chart (HTTP %s, code %s); posting it without",
                    post.digest.period, post.channel.channel_id, exc.status, exc.code)
        return await channel.send(embeds=embeds, allowed_mentions=NO_MENTIONS, view=make_view(buttons) or MISSING)


async def post_revisit(client: discord.Client, post: RevisitPost) -> PostResult:
    """The revisit's embeds and its buttons (resolve, for admins), then a public thread on it,
    where a long revisit goes on and its resolution is posted."""
    where = f"discord channel {post.channel.channel_id}"
    messages = revisit_messages(post.card)
    try:
        channel = await channel_of(client, post.channel.channel_id)
        first = await channel.send(embeds=messages[0], view=make_view(post.card.buttons) or MISSING,
                                   allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        raise _failure(f"posting the revisit to {where}", exc) from exc
    try:
        thread = await first.create_thread(name=thread_name(post.card.title),
                                           auto_archive_duration=ARCHIVE_AFTER_MINUTES)
        for embeds in messages[1:]:
            await thread.send(embeds=embeds, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        # The post is out; retrying would post it twice. Its resolution then goes to the channel.
        log.warning("discord: revisit %s in %s has no thread or is incomplete: HTTP %s (code %s)",
                    post.card.period, where, exc.status, exc.code)
        return PostResult(message_id=str(first.id))
    return PostResult(message_id=str(first.id), thread_id=str(thread.id))


async def post_resolution(client: discord.Client, post: ResolutionPost) -> PostResult:
    """The outcome in the revisit's thread (``thread`` is that thread's channel id); in the
    channel when there is no thread, or when the thread is gone."""
    target = post.thread or post.channel.channel_id
    try:
        first = await _send_text(client.get_partial_messageable(int(target)), post.text)
    except discord.NotFound as exc:
        if target == post.channel.channel_id:
            raise _failure(f"posting the resolution to discord channel {target}", exc) from exc
        log.warning("discord: the thread %s of a revisit is gone; posting the resolution in channel %s",
                    target, post.channel.channel_id)
        target = post.channel.channel_id
        try:
            first = await _send_text(client.get_partial_messageable(int(target)), post.text)
        except discord.HTTPException as exc2:
            raise _failure(f"posting the resolution to discord channel {target}", exc2) from exc2
    except discord.HTTPException as exc:
        raise _failure(f"posting the resolution to discord channel {target}", exc) from exc
    return PostResult(message_id=str(first.id), thread_id=post.thread if target == post.thread else None)


async def _send_text(channel: discord.abc.Messageable, text: str) -> discord.Message:
    """``text`` in as many messages as it needs; the first one is returned."""
    first, *rest = split_text(text) or [""]
    message = await channel.send(first, allowed_mentions=NO_MENTIONS)
    for chunk in rest:
        await channel.send(chunk, allowed_mentions=NO_MENTIONS)
    return message


async def send_direct(client: discord.Client, dm: DirectMessage) -> None:
    """A reminder by DM. Closed DMs raise (the member is logged and skipped)."""
    guild = dm.member.workspace if dm.member.workspace.isdigit() else None
    try:
        channel = await client.create_dm(discord.Object(int(dm.member.user_id)))
        chunks = split_text(dm.text)
        for i, chunk in enumerate(chunks):
            view = make_view(dm.buttons, guild_id=guild) if i == len(chunks) - 1 else None
            await channel.send(chunk, view=view or MISSING, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        raise _failure(f"DM to discord user {dm.member.user_id}", exc) from exc
