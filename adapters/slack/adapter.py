"""The Slack adapter: slack-bolt's AsyncApp in the one asyncio loop of the process.

Inbound: ``/hindsight`` commands, button clicks, modal submissions, thread messages and
the App Home tab being opened (``app_home_opened``) become bot.events, handed to the inbox it is started with. Outbound: see :mod:`adapters.slack.outbound`. Socket Mode is the
default; HTTP mode serves /slack/events. Every listener acks first (Slack wants it within
3 s), except a modal submission, whose ack carries the form's errors; opening a modal is
done at once after the core answers, while the trigger_id (3 s) is still valid.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from adapters.progress import HandledCounter
import adapters.slack.events as ev
from adapters.slack.connection import (SocketConnection, Supervision, bolt_logger,
                                       check_app_token, check_bot_token, make_client, startup_error,
                                       with_rate_limit_retry)
from adapters.slack.http import HttpConnection
from adapters.slack.members import PLATFORM, Directory
from adapters.slack.outbound import Poster, Where
from bot.actions import Action, AnswerStatus, ChannelPost, DirectMessage, PostResult, Reply
from bot.domain import ChannelRef, MemberRef
from bot.config import Config
from bot.events import ButtonClicked, CommandInvoked, ConnectionChanged, Event, FormSubmitted, HomeOpened, Origin
from bot.health import ConnectionState
from bot.runtime import Inbox

log = logging.getLogger("hindsight.slack")
COMMAND = "/hindsight"


class SlackAdapter:
    platform = PLATFORM

    def __init__(self, bot_token: str | None = None, *, app_token: str | None = None,
                 signing_secret: str | None = None, mode: str | None = None, http_port: int = 3000,
                 http_host: str = "0.0.0.0", api_url: str | None = None, client: AsyncWebClient | None = None,
                 check_timeout: float = 15.0, command: str = COMMAND,
                 supervision: Supervision | None = None) -> None:
        if client is None and not bot_token:
            raise ValueError("SlackAdapter needs a bot token or a client")
        self.bot_token: str = bot_token or (client.token if client is not None else None) or ""
        self.app_token = app_token
        self.signing_secret = signing_secret
        self.mode = mode or ("socket" if app_token else "http")
        self.http_port = http_port
        self.http_host = http_host
        self.api_url = api_url
        self.check_timeout = check_timeout
        self.command = command
        self.supervision = supervision  # how Socket Mode is watched and reconnected (None: defaults)
        # The Web API client (no I/O until it is used): users.info and every outbound call share it.
        self.client: AsyncWebClient = (with_rate_limit_retry(client) if client is not None
                                       else make_client(self.bot_token, api_url))
        self.inbox: Inbox | None = None  # set by start()
        self.app: AsyncApp | None = None
        self.connection: SocketConnection | HttpConnection | None = None
        self.directory = Directory(self.client)
        self.poster = Poster(self.client)
        self.team_id = ""
        self.bot_user_id: str | None = None
        self.progress = HandledCounter()  # inbound requests fully handled (replies rendered)

    @classmethod
    def from_config(cls, config: Config) -> "SlackAdapter":
        return cls(config.slack_bot_token, app_token=config.slack_app_token,
                   signing_secret=config.slack_signing_secret, mode=config.effective_slack_mode,
                   http_port=config.slack_http_port, api_url=config.slack_api_url)

    @property
    def http_url(self) -> str | None:
        return self.connection.url if isinstance(self.connection, HttpConnection) else None

    # lifecycle ------------------------------------------------------------------
    async def start(self, inbox: Inbox) -> None:
        """Check both tokens, then connect. Raises StartupError naming a bad token."""
        self.inbox = inbox
        if self.mode not in ("socket", "http"):
            raise startup_error(f"SLACK_MODE={self.mode!r} is not valid: expected socket or http")
        if self.mode == "http":
            self._signing_secret()  # refused before anything reaches Slack
        client = self.client
        auth = await check_bot_token(client, self.check_timeout)
        self.team_id = str(auth.get("team_id") or "")
        self.bot_user_id = auth.get("user_id")
        if self.mode == "socket":
            await check_app_token(client, self.app_token or "", self.check_timeout)
        self.app = AsyncApp(client=client, signing_secret=self.signing_secret or "", logger=bolt_logger(),
                            process_before_response=False, raise_error_for_unhandled_request=False)
        self._register(self.app)
        if self.mode == "socket":
            self.connection = SocketConnection(self.app, self.app_token or "", report=self._report,
                                               supervision=self.supervision)
        else:
            self.connection = HttpConnection(self.app, self.http_port, self.http_host,
                                             signing_secret=self._signing_secret(), report=self._report)
        await self.connection.start()
        log.info("slack: connected to team %s (%s mode)", self.team_id, self.mode)

    def _signing_secret(self) -> str:
        if not self.signing_secret:
            # bolt would check signatures against an empty secret: refuse instead
            raise startup_error("SLACK_SIGNING_SECRET is missing: HTTP mode needs the app's signing secret")
        return self.signing_secret

    async def _report(self, state: ConnectionState) -> None:
        """Report how the connection is: up, reconnecting, or down (given up)."""
        if self.inbox is not None:
            await self.inbox(ConnectionChanged(PLATFORM, state))

    async def stop(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            await connection.stop()

    async def send(self, action: ChannelPost | DirectMessage) -> PostResult | None:
        return await self.poster.send(action)

    # inbound --------------------------------------------------------------------
    def _register(self, app: AsyncApp) -> None:
        app.command(self.command)(self.on_command)
        app.action(re.compile(r".+"))(self.on_action)  # every button is the core's; unknown ones say so
        app.view(re.compile(r".*"))(self.on_view)
        app.event("message")(self.on_message)
        app.event("app_home_opened")(self.on_home_opened)

    @property
    def handled(self) -> int:
        return self.progress.count

    async def wait_handled(self, count: int, timeout: float = 5.0) -> None:
        """Wait until ``count`` inbound requests have been fully handled (used by tests)."""
        await self.progress.wait(count, timeout)

    async def _handle(self, event: Event) -> list[Action]:
        if self.inbox is None:
            log.warning("slack: %s arrived before the adapter was started; not handled", type(event).__name__)
            return []
        try:
            return await self.inbox(event)
        except Exception:  # noqa: BLE001 - never leave a person without an answer because of one bug
            log.exception("slack: handling %s failed", type(event).__name__)
            return []

    async def on_command(self, ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        with self.progress.tracking():
            await ack()
            team = str(command.get("team_id") or self.team_id)
            where = Where(team, str(command.get("channel_id") or ""), str(command.get("user_id") or ""),
                          respond=respond, trigger_id=command.get("trigger_id"))
            origin = await self.directory.origin(team, where.user, where.channel)
            text = ev.plain_text(str(command.get("text") or ""), keep_members=True)  # mentions stay ids
            actions = await self._handle(CommandInvoked(origin, text))
            await self.poster.render(actions, where)

    async def on_action(self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                        respond: AsyncRespond) -> None:
        with self.progress.tracking():
            await ack()
            act, group_channel = ev.button_target(action)
            team = str((body.get("team") or {}).get("id") or body.get("team_id") or self.team_id)
            # A click inside a modal has no channel: the one the modal was opened for is in its metadata.
            view = body.get("view") if isinstance(body.get("view"), dict) else {}
            channel = str((body.get("channel") or {}).get("id")
                          or (body.get("container") or {}).get("channel_id")
                          or (ev.view_metadata(view).get("channel") if view else "") or "")
            user = str((body.get("user") or {}).get("id") or "")
            where = Where(team, group_channel or channel, user,
                          respond=respond if body.get("response_url") else None, trigger_id=body.get("trigger_id"))
            origin = await self.directory.origin(team, user, where.channel)
            actions = await self._handle(ButtonClicked(origin, act, ev.button_event_id(body, action)))
            await self.poster.render(actions, where)

    async def on_view(self, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        with self.progress.tracking():
            acked = False
            try:
                meta = ev.view_metadata(view)
                team = str(meta.get("team") or (body.get("team") or {}).get("id") or view.get("team_id")
                           or self.team_id)
                user = str((body.get("user") or {}).get("id") or "")
                where = Where(team, str(meta.get("channel") or ""), user)
                values = ev.view_values(view)
                origin = await self.directory.origin(team, user, where.channel)
                event = FormSubmitted(origin, str(meta["form"]), values, ev.view_event_id(view, values))
                actions = await self._handle(event)
                rejected = next((a for a in actions if isinstance(a, Reply) and a.status == AnswerStatus.REJECTED),
                                None)
                field = ev.first_block_id(view)
                if rejected is not None and field:
                    # The modal stays open with the text as typed, and the reason under the field.
                    await ack(response_action="errors", errors={field: rejected.reason or rejected.text})
                    acked = True
                    actions = [a for a in actions if a is not rejected]
                else:
                    await ack()
                    acked = True
                await self.poster.render(actions, where)
            finally:
                if not acked:
                    await ack()

    async def on_home_opened(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        """The member opened the Home tab: the core builds their home, published with views.publish
        (the Messages tab also sends this event; it is not the home, so nothing is published)."""
        with self.progress.tracking():
            if event.get("tab", "home") != "home" or not event.get("user"):
                return
            team = str(body.get("team_id") or event.get("team") or self.team_id)
            user = str(event["user"])
            where = Where(team, "", user)
            origin = await self.directory.origin(team, user, str(event.get("channel") or ""))
            actions = await self._handle(HomeOpened(origin))
            await self.poster.render(actions, where)

    async def on_message(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        with self.progress.tracking():
            facts = ev.message_facts(body, event, self.bot_user_id)
            if facts is None:
                return
            team = facts.team or self.team_id
            if facts.user:
                origin = await self.directory.origin(team, facts.user, facts.channel)
            else:
                # message_deleted without previous_message: the core finds who wrote the answer.
                origin = Origin(MemberRef(PLATFORM, team, "", ""), ChannelRef(PLATFORM, team, facts.channel))
            actions = await self._handle(ev.message_event(facts, origin))
            where = Where(team, facts.channel, facts.user, thread_ts=facts.thread_ts)
            await self.poster.render(actions, where)
