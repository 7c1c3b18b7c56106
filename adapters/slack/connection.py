"""The connection to Slack: the Web API client, the token checks, Socket Mode and HTTP mode.

Tokens are checked before anything connects (a bad app token would make Socket Mode retry
for ever), and an error names the variable that is wrong, never its value.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging

from aiohttp import ClientError, web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import StartupError

log = logging.getLogger("hindsight.slack")
CHECK_TIMEOUT = 15.0
EVENTS_PATH = "/slack/events"


class _DropTokenSkipped(logging.Filter):
    """bolt warns that the env's SLACK_BOT_TOKEN is unused when a client is given: expected here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


def bolt_logger() -> logging.Logger:
    logger = logging.getLogger("hindsight.slack.bolt")
    if not any(isinstance(f, _DropTokenSkipped) for f in logger.filters):
        logger.addFilter(_DropTokenSkipped())
    return logger


def startup_error(message: str) -> StartupError:
    return StartupError(message)


def make_client(token: str, base_url: str | None = None, timeout: int = 30) -> AsyncWebClient:
    kwargs = {"base_url": base_url} if base_url else {}
    client = AsyncWebClient(token=token, timeout=timeout, **kwargs)
    return with_rate_limit_retry(client)


def with_rate_limit_retry(client: AsyncWebClient, retries: int = 3) -> AsyncWebClient:
    """slack_sdk does not honour 429 + Retry-After unless this handler is added."""
    if not any(isinstance(h, AsyncRateLimitErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=retries))
    return client


def _error_code(exc: SlackApiError) -> str:
    try:
        return str(exc.response.get("error") or exc.response.status_code)
    except Exception:  # noqa: BLE001 - a malformed response still gets a message
        return "unknown_error"


async def check_bot_token(client: AsyncWebClient, timeout: float = CHECK_TIMEOUT) -> dict:
    """auth.test with the bot token. Returns its answer (team_id, user_id, bot_id)."""
    try:
        resp = await asyncio.wait_for(client.auth_test(), timeout)
    except SlackApiError as exc:
        raise startup_error(f"SLACK_BOT_TOKEN was refused by Slack ({_error_code(exc)}): check the bot token "
                            "(xoxb-...) under OAuth & Permissions, and that the app is installed") from None
    except (asyncio.TimeoutError, ClientError, OSError) as exc:
        raise startup_error(f"could not reach Slack to check SLACK_BOT_TOKEN ({type(exc).__name__}); "
                            "check the network (or SLACK_API_URL)") from None
    return dict(resp.data) if isinstance(resp.data, dict) else {}


async def check_app_token(client: AsyncWebClient, app_token: str, timeout: float = CHECK_TIMEOUT) -> None:
    """apps.connections.open with the app-level token, as Socket Mode will do."""
    if not app_token.startswith("xapp-"):
        raise startup_error("SLACK_APP_TOKEN is not an app-level token: it must start with xapp- "
                            "(Basic Information > App-Level Tokens, scope connections:write)")
    try:
        await asyncio.wait_for(client.apps_connections_open(app_token=app_token), timeout)
    except SlackApiError as exc:
        raise startup_error(f"SLACK_APP_TOKEN was refused by Slack ({_error_code(exc)}): check the app-level "
                            "token (xapp-...) and its connections:write scope, and that Socket Mode is on") from None
    except (asyncio.TimeoutError, ClientError, OSError) as exc:
        raise startup_error(f"could not reach Slack to check SLACK_APP_TOKEN ({type(exc).__name__})") from None


class SocketConnection:
    """Socket Mode over aiohttp: no public URL needed."""

    def __init__(self, app: AsyncApp, app_token: str) -> None:
        self.app = app
        self.app_token = app_token
        self.handler: AsyncSocketModeHandler | None = None

    async def start(self) -> None:
        self.handler = AsyncSocketModeHandler(self.app, self.app_token)
        await self.handler.connect_async()

    async def stop(self) -> None:
        handler, self.handler = self.handler, None
        if handler is None:
            return
        with contextlib.suppress(Exception):
            await handler.close_async()
        # slack_sdk cancels its background tasks without awaiting them.
        c = handler.client
        tasks = [t for t in (c.message_processor, c.current_session_monitor, c.message_receiver) if t]
        await asyncio.gather(*tasks, return_exceptions=True)


class HttpConnection:
    """HTTP mode: the bolt app served on POST /slack/events (request signatures checked by bolt)."""

    def __init__(self, app: AsyncApp, port: int, host: str = "0.0.0.0") -> None:
        self.app = app
        self.port = port
        self.host = host
        self.runner: web.AppRunner | None = None
        self.bound_port: int | None = None

    async def _dispatch(self, request: web.Request) -> web.Response:
        return await to_aiohttp_response(await self.app.async_dispatch(await to_bolt_request(request)))

    async def start(self) -> None:
        web_app = web.Application()
        web_app.router.add_post(EVENTS_PATH, self._dispatch)
        self.runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=2.0)
        await self.runner.setup()
        try:
            await web.TCPSite(self.runner, self.host, self.port).start()
        except OSError as exc:
            await self.runner.cleanup()
            self.runner = None
            raise startup_error(f"SLACK_HTTP_PORT={self.port}: cannot listen ({exc.strerror or exc})") from None
        self.bound_port = self.runner.addresses[0][1]
        log.info("slack: HTTP mode, listening on port %s at %s", self.bound_port, EVENTS_PATH)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.bound_port}{EVENTS_PATH}"

    async def stop(self) -> None:
        runner, self.runner = self.runner, None
        if runner is not None:
            await runner.cleanup()
