"""The Discord adapter: discord.py in the same asyncio loop as the scheduler and other adapters.

``start`` logs in (a bad DISCORD_TOKEN is a StartupError), syncs ``/hindsight`` only when it
changed, connects in a background task and waits until the gateway is ready. ``/hindsight`` is
registered in one scope only: the guild of DISCORD_GUILD_ID, else the global scope; once it is
synced, the other scopes (global, or the other guilds the bot is in) are cleared, so setting or
changing DISCORD_GUILD_ID leaves no stale copy (adapters/discord/commands.py). If Discord
refuses the privileged Message Content intent, it says so once in the log and reconnects
without it: buttons, forms and commands still work, thread replies are not read.

Liveness: the connection's state goes to the inbox as ``ConnectionChanged("discord", ...)``: up
once ready (or resumed), reconnecting while discord.py or our supervisor reconnects, down when
Discord rejects the token. A dispatch that discord.py cannot parse is dropped, not fatal
(adapters/discord/gateway.py); a gateway task that ends anyway is replaced by a new client,
with backoff.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp
import discord

from adapters.discord.client import HindsightClient
from adapters.discord.commands import clear_other_scopes, sync_if_changed
from adapters.discord.inbound import Inbound
from adapters.discord.outbound import DiscordSendError
from adapters.discord.rendering import Outbox, render
from bot.actions import ChannelPost, DirectMessage, PostResult
from bot.config import Config
from bot.errors import StartupError
from bot.events import ConnectionChanged
from bot.health import ConnectionState
from bot.runtime import Inbox

log = logging.getLogger("hindsight.discord")
PORTAL_HINT = "https://discord.com/developers/applications → your app → Bot"


class TokenRejected(StartupError):
    """Discord refused DISCORD_TOKEN: connecting again cannot help."""


class DiscordAdapter:
    platform = "discord"

    def __init__(self, token: str, guild_id: int | str | None = None, *, ready_timeout: float = 60.0,
                 client_options: dict | None = None, reconnect_delay: float = 1.0) -> None:
        self._token = token
        self.guild_id = int(guild_id) if guild_id else None
        self.ready_timeout = ready_timeout
        self.client_options = dict(client_options or {})
        self.client: HindsightClient | None = None
        self.inbound: Inbound | None = None
        self.message_content = True  # False once Discord refused the privileged intent
        self.commands_synced: bool | None = None  # True: synced at start; False: unchanged
        self.reconnect_delay = reconnect_delay  # the first wait before making a new connection
        self.reconnect_delay_max = 60.0
        self.inbox: Inbox | None = None  # set by start()
        self.state: str | None = None  # what was last reported: up, reconnecting or down
        self._gateway: asyncio.Task | None = None
        self._supervisor: asyncio.Task | None = None
        self._stopping = False

    @classmethod
    def from_config(cls, config: Config) -> "DiscordAdapter":
        if not config.discord_token:
            raise StartupError("DISCORD_TOKEN is missing: set it to the bot token from the Discord developer portal")
        return cls(config.discord_token, config.discord_guild_id)

    def __repr__(self) -> str:  # never show the token
        return f"DiscordAdapter(guild_id={self.guild_id!r})"

    # lifecycle ----------------------------------------------------------------
    async def start(self, inbox: Inbox) -> None:
        self.inbox = inbox
        self.inbound = Inbound(inbox)
        self._stopping = False
        await self._connect()
        await self._clear_other_scopes()
        await self._report("up")
        self._supervisor = asyncio.create_task(self._supervise(), name="discord-supervisor")

    async def _connect(self) -> None:
        """Log in and connect a new client, and wait until it is ready; StartupError if not."""
        assert self.inbound is not None, "start() sets inbound first"
        while True:
            client = HindsightClient(self.inbound, guild_id=self.guild_id, message_content=self.message_content,
                                     on_state=self._report, **self.client_options)
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
                raise TokenRejected(f"DISCORD_TOKEN was rejected by Discord: reset the token under {PORTAL_HINT}")
            if error is None:
                raise StartupError(f"Discord did not get ready within {self.ready_timeout:g} s")
            raise StartupError(f"the Discord gateway connection failed: {type(error).__name__}: {error}"[:300])

    async def _login(self, client: HindsightClient) -> None:
        try:
            await client.login(self._token)
        except discord.LoginFailure:
            await client.close()
            raise TokenRejected(f"DISCORD_TOKEN was rejected by Discord (401 Unauthorized): copy the bot token "
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

    async def _clear_other_scopes(self) -> None:
        """Once a start: /hindsight stays registered in the configured scope only."""
        client = self.client
        if client is not None and self.commands_synced is not None:
            await clear_other_scopes(client.tree, client.guild_scope, client.guilds)

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

    async def _report(self, state: ConnectionState) -> None:
        """Report how the connection is (the core judges liveness and health)."""
        if self._stopping or self.inbox is None or state == self.state:
            return
        self.state = state
        await self.inbox(ConnectionChanged(self.platform, state))

    async def _supervise(self) -> None:
        """Watch the gateway task. discord.py reconnects by itself after network errors and
        RECONNECT/INVALID_SESSION; when its task ends anyway (an error it does not handle, a close
        code it gives up on), make a new client, with backoff, until it is ready again. A token
        that Discord rejects is reported down at once; anything else is retried (the process is
        ended when the connection stays away for 2 minutes)."""
        while not self._stopping:
            gateway = self._gateway
            if gateway is None:
                return
            try:
                await asyncio.shield(gateway)
                reason = "it ended"
            except asyncio.CancelledError:
                if self._stopping or not gateway.cancelled():
                    raise
                reason = "it was cancelled"
            except Exception as exc:  # noqa: BLE001 - whatever ended it, the connection is made again
                reason = f"{type(exc).__name__}: {exc}"
            if self._stopping:
                return
            log.error("discord: the gateway connection ended (%s); reconnecting", reason[:300])
            await self._report("reconnecting")
            self._gateway = None
            old = self.client
            if old is not None:
                with contextlib.suppress(Exception):
                    await old.close()
            delay = self.reconnect_delay
            while not self._stopping:
                await asyncio.sleep(delay)
                if self._stopping:
                    return
                try:
                    await self._connect()
                except TokenRejected as exc:
                    log.error("discord: cannot reconnect: %s", exc)
                    await self._report("down")
                    return
                except StartupError as exc:
                    delay = min(delay * 2, self.reconnect_delay_max)
                    log.warning("discord: reconnecting failed (%s); next try in %.1f s", exc, delay)
                    continue
                if self._stopping:
                    await self._close_client()
                    return
                log.info("discord: reconnected")
                await self._report("up")
                break

    async def _close_client(self) -> None:
        if self.client is not None:
            await self.client.close()
        if self._gateway is not None:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(self._gateway, 5)
            self._gateway = None

    async def stop(self) -> None:
        self._stopping = True
        supervisor, self._supervisor = self._supervisor, None
        if supervisor is not None and not supervisor.done():
            supervisor.cancel()
            with contextlib.suppress(BaseException):
                await supervisor
        await self._close_client()

    # outbound -----------------------------------------------------------------
    async def send(self, action: ChannelPost | DirectMessage) -> PostResult | None:
        client = self.client
        if client is None or client.is_closed():
            raise DiscordSendError("the Discord client is not connected")
        return await render(action, Outbox(client))


__all__ = ["DiscordAdapter", "DiscordSendError"]
