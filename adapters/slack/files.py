"""File uploads (export, my-data) with files_upload_v2: to the channel, or privately to a DM."""
from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import clip, escape
from bot.actions import Upload


async def dm_channel(client: AsyncWebClient, user_id: str) -> str:
    """The bot's DM channel with a user (conversations.open needs im:write)."""
    resp = await client.conversations_open(users=user_id)
    return resp["channel"]["id"]


async def upload(client: AsyncWebClient, action: Upload, *, channel_id: str, user_id: str) -> str:
    """Upload ``action``'s file. Public files go to the channel; private ones to the
    person's DM with the bot, so nobody else sees them. Returns the channel used."""
    target = channel_id if action.public else await dm_channel(client, user_id)
    comment = escape(clip(action.comment, 3000)) if action.comment else None  # slack_sdk leaves out a None
    await client.files_upload_v2(channel=target, content=action.content, filename=action.filename,
                                 title=action.filename, initial_comment=comment)
    return target
