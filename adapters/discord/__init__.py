"""The Discord adapter: discord.py in the same asyncio loop as the scheduler and other adapters.

``start`` logs in (a bad DISCORD_TOKEN is a StartupError), syncs ``/hindsight`` only when it
changed, connects in a background task and waits until the gateway is ready. If Discord
refuses the privileged Message Content intent, it says so once in the log and reconnects
without it: buttons, forms and commands still work, thread replies are not read.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp
import discord

from adapters.discord.client import HindsightClient
from adapters.discord.commands import sync_if_changed
from adapters.discord.inbound import Inbound
from adapters.discord.outbound import DiscordSendError, post_digest, post_prompt, send_direct
from bot.actions import ChannelPost, DirectMessage, PostResult, UnsupportedAction
from bot.app import StartupError

log = logging.getLogger("hindsight.discord")
PORTAL_HINT = "https://discord.com/developers/applications → your app → Bot"


class DiscordAdapter:
    platform = "discord"

    def __init__(self, token: str, guild_id: int | str | None = None, *, ready_timeout: float = 60.0,
                 client_options: dict | None = None) -> None:
        self._token = token
        self.guild_id = int(guild_id) if guild_id else None
        self.ready_timeout = ready_timeout
        self.client_options = dict(client_options or {})
        self.client: HindsightClient | None = None
        self.inbound: Inbound | None = None
        self.message_content = True  # False once Discord refused the privileged intent
        self.commands_synced: bool | None = None  # True: synced at start; False: unchanged
        self._gateway: asyncio.Task | None = None
        self._stopping = False

    @classmethod
    def from_config(cls, config) -> "DiscordAdapter":
        if not config.discord_token:
            raise StartupError("DISCORD_TOKEN is missing: set it to the bot token from the Discord developer portal")
        return cls(config.discord_token, config.discord_guild_id)

    def __repr__(self) -> str:  # never show the token
        return f"DiscordAdapter(guild_id={self.guild_id!r})"

    # lifecycle ----------------------------------------------------------------
    async def start(self, runtime) -> None:
        self.inbound = Inbound(runtime)
        self._stopping = False
        while True:
            client = HindsightClient(self.inbound, guild_id=self.guild_id, message_content=self.message_content,
                                     **self.client_options)
            self.client = self.inbound.client = client
            await self._login(client)
            if self.commands_synced is None:
                await self._sync(client)
            gateway = asyncio.create_task(client.connect(reconnect=True), name="discord-gateway")
            ready = asyncio.create_task(client.wait_until_ready(), name="discord-ready")
            done, _ = await asyncio.wait({gateway, ready}, timeout=self.ready_timeout,
                                         return_when=asyncio.FIRST_COMPLETED)
            if ready in done:
                self._gateway = gateway
                gateway.add_done_callback(self._gateway_ended)
                log.info("discord: connected as %s to %d guild(s)%s", client.user, len(client.guilds),
                         "" if self.message_content else " (without message content)")
                return
            ready.cancel()
            error = await self._abandon(client, gateway)
            if isinstance(error, discord.PrivilegedIntentsRequired) and self.message_content:
                log.warning("discord: Discord refused the Message Content intent. Reconnecting without it: buttons, "
                            "forms and /hindsight work, but replies in prompt threads are not read. Enable "
                            "'Message Content Intent' under %s → Privileged Gateway Intents.", PORTAL_HINT)
                self.message_content = False
                continue
            if isinstance(error, discord.LoginFailure):
                raise StartupError(f"DISCORD_TOKEN was rejected by Discord: reset the token under {PORTAL_HINT}")
            if error is None:
                raise StartupError(f"Discord did not get ready within {self.ready_timeout:g} s")
            raise StartupError(f"the Discord gateway connection failed: {type(error).__name__}: {error}"[:300])

    async def _login(self, client: HindsightClient) -> None:
        try:
            await client.login(self._token)
        except discord.LoginFailure:
            await client.close()
            raise StartupError(f"DISCORD_TOKEN was rejected by Discord (401 Unauthorized): copy the bot token "
                               f"again, or reset it, under {PORTAL_HINT}") from None
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            await client.close()
            raise StartupError(f"cannot log in to Discord with DISCORD_TOKEN: {type(exc).__name__}") from None

    async def _sync(self, client: HindsightClient) -> None:
        try:
            self.commands_synced = await sync_if_changed(client.tree, client.guild_scope)
        except discord.HTTPException as exc:
            log.error("discord: could not sync /hindsight (HTTP %s, code %s). Was the bot invited with the "
                      "applications.commands scope?", exc.status, exc.code)

    async def _abandon(self, client: HindsightClient, gateway: asyncio.Task) -> BaseException | None:
        """Close a client that did not get ready; return why its gateway task ended."""
        await client.close()
        try:
            await asyncio.wait_for(gateway, 5)
        except asyncio.TimeoutError:
            return None
        except asyncio.CancelledError:
            return None
        except BaseException as exc:  # noqa: BLE001 - the reason is reported by the caller
            return exc
        return None

    def _gateway_ended(self, task: asyncio.Task) -> None:
        if task.cancelled() or self._stopping:
            return
        exc = task.exception()
        if exc is not None:
            log.error("discord: the gateway connection ended: %s: %s", type(exc).__name__, exc)
        else:
            log.warning("discord: the gateway connection ended")

    async def stop(self) -> None:
        self._stopping = True
        if self.client is not None:
            await self.client.close()
        if self._gateway is not None:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(self._gateway, 5)
            self._gateway = None

    # outbound -----------------------------------------------------------------
    async def send(self, action: ChannelPost | DirectMessage) -> PostResult | None:
        client = self.client
        if client is None or client.is_closed():
            raise DiscordSendError("the Discord client is not connected")
        if isinstance(action, ChannelPost):
            if action.kind == "prompt" and action.card is not None:
                return await post_prompt(client, action)
            if action.kind == "digest" and action.digest is not None:
                return await post_digest(client, action)
            raise UnsupportedAction(f"ChannelPost of kind {action.kind!r}")
        if isinstance(action, DirectMessage):
            await send_direct(client, action)
            return None
        raise UnsupportedAction(type(action).__name__)


__all__ = ["DiscordAdapter", "DiscordSendError"]
