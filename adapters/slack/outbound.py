"""Outbound rendering: the core's actions as Slack Web API calls.

Channel posts (prompts, digests, revisits and their resolutions) and DMs raise on failure, with the Slack error code in the
message, so the post stays pending in the outbox and is retried. Replies to someone who acted
are best effort: a failure is logged with its channel and error code.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.dispatch import handler_for
import adapters.slack.blocks as bk
import adapters.slack.views as views
from adapters.slack.files import upload
from bot.actions import (Action, ChannelPost, DigestPost, DirectMessage, HomeView, OpenForm, PostResult, PromptPost,
                         Reply, ResolutionPost, RevisitPost, ShowDigest, UnsupportedAction, Upload)
from bot.digest import Digest

log = logging.getLogger("hindsight.slack")


class SlackSendError(RuntimeError):
    """A Web API call failed; the message names the method, the channel and Slack's error code."""

    def __init__(self, method: str, channel: str, code: str) -> None:
        super().__init__(f"{method} to {channel} failed: {code}")
        self.method, self.channel, self.code = method, channel, code


def error_code(exc: SlackApiError) -> str:
    try:
        return str(exc.response.get("error") or exc.response.status_code)
    except Exception:  # noqa: BLE001
        return "unknown_error"


@dataclass
class Where:
    """Where an inbound event happened, so its replies go back to the right place."""

    team: str
    channel: str
    user: str
    respond: Callable[..., Awaitable] | None = None  # bolt's respond(): the response_url
    trigger_id: str | None = None
    thread_ts: str | None = None


def _person(action: Action, where: Where | None) -> Where:
    """Where the person who acted is; a reply sent without one has no one to go to."""
    if where is None:
        raise UnsupportedAction(f"slack: {type(action).__name__} needs the person who acted; the outbox has none")
    return where


class Poster:
    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self._progress: dict[tuple[str, int], tuple[str, int]] = {}  # (kind, post id) -> (first ts, parts sent)
        # every action type: the outbox's posts and reminders, and what the person who acted is shown
        self.renderers: dict[type, Callable[[Any, Where | None], Awaitable[PostResult | None]]] = {
            PromptPost: self._prompt, DigestPost: self._digest, RevisitPost: self._revisit,
            ResolutionPost: self._resolution, DirectMessage: self._direct, Reply: self._reply,
            ShowDigest: self._show_digest, OpenForm: self._form, Upload: self._upload, HomeView: self._home}

    # channel messages ---------------------------------------------------------
    async def post(self, channel: str, text: str, blocks: list[dict], thread_ts: str | None = None) -> str:
        """chat.postMessage; joins a public channel once if the bot is not in it. Returns ts."""
        async def post() -> AsyncSlackResponse:  # slack_sdk leaves out a thread_ts of None
            return await self.client.chat_postMessage(channel=channel, text=text, blocks=blocks, unfurl_links=False,
                                                      unfurl_media=False, thread_ts=thread_ts or None)

        try:
            try:
                resp = await post()
            except SlackApiError as exc:
                if error_code(exc) != "not_in_channel":
                    raise
                await self.client.conversations_join(channel=channel)
                resp = await post()
        except SlackApiError as exc:
            raise SlackSendError("chat.postMessage", channel, error_code(exc)) from exc
        return str(resp["ts"])

    async def send(self, action: ChannelPost | DirectMessage) -> PostResult | None:
        """An outbox post or a reminder: raises on failure, so the post stays pending."""
        return await self.dispatch(action, None)

    async def dispatch(self, action: Action, where: Where | None) -> PostResult | None:
        """Render any action through the one table. ``where`` is whoever acted; None for the outbox."""
        return await handler_for(self.renderers, action, "slack")(action, where)

    async def _prompt(self, action: PromptPost, where: Where | None) -> PostResult:
        ts = await self.post(action.channel.channel_id, bk.prompt_fallback(action.card), bk.prompt_blocks(action.card))
        return PostResult(message_id=ts, thread_id=ts)

    async def _digest(self, action: DigestPost, where: Where | None) -> PostResult:
        result = await self.post_digest(action.channel.channel_id, action.digest, action.post_id)
        if action.digest.chart_png:
            await self.upload_chart(action.channel.channel_id, action.digest, result.message_id)
        return result

    async def upload_chart(self, channel: str, digest: Digest, thread_ts: str) -> bool:
        """The digest's PNG chart in its thread (files_upload_v2), after the digest is out. The
        digest is delivered already, so a failure is logged and neither fails nor repeats it."""
        try:
            await self.client.files_upload_v2(channel=channel, thread_ts=thread_ts, file=digest.chart_png,
                                              filename=digest.chart_name or "chart.png",
                                              title=bk.clip(bk.first_line(digest.title), 250))
        except Exception as exc:  # noqa: BLE001 - any failure: the digest stands without its chart
            code = error_code(exc) if isinstance(exc, SlackApiError) else type(exc).__name__
            log.warning("slack: the chart of digest %s in channel %s was not uploaded: %s", digest.period,
                        channel, code)
            return False
        return True

    async def _direct(self, action: DirectMessage, where: Where | None) -> None:
        channel_id = action.channel.channel_id if action.channel is not None else None  # the group's, for buttons
        for message in bk.text_messages(action.text, action.buttons, channel_id):
            await self.post(action.member.user_id, bk.text_fallback(action.text), message)

    async def _revisit(self, action: RevisitPost, where: Where | None) -> PostResult:
        """The revisit in the channel (the rest in its thread if it is long); its ts is the
        thread where its resolution goes."""
        messages = bk.revisit_messages(action.card)
        fallbacks = [bk.revisit_fallback(action.card, n + 1, len(messages)) for n in range(len(messages))]
        first = await self.post_parts(action.channel.channel_id, messages, fallbacks, ("revisit", action.post_id))
        return PostResult(message_id=first, thread_id=first)

    async def _resolution(self, action: ResolutionPost, where: Where | None) -> PostResult:
        """The outcome in the revisit's thread (``thread`` is the revisit's ts), or in the channel."""
        messages = bk.text_messages(action.text)
        fallback = bk.text_fallback(action.text)
        first = await self.post_parts(action.channel.channel_id, messages, [fallback] * len(messages),
                                      ("resolution", action.post_id), thread_ts=action.thread)
        return PostResult(message_id=first, thread_id=action.thread or first)

    async def post_digest(self, channel: str, digest: Digest, post_id: int | None = None) -> PostResult:
        """The first part in the channel, the rest in its thread."""
        messages = bk.digest_messages(digest)
        fallbacks = [bk.digest_fallback(digest, n + 1, len(messages)) for n in range(len(messages))]
        key = ("digest", post_id) if post_id is not None else None
        first = await self.post_parts(channel, messages, fallbacks, key)
        return PostResult(message_id=first, thread_id=first if len(messages) > 1 else None)

    async def post_parts(self, channel: str, messages: list[list[dict]], fallbacks: list[str],
                         key: tuple[str, int] | None, thread_ts: str | None = None) -> str:
        """Post the messages in order: the first in the channel (or in ``thread_ts``), the rest in
        the first one's thread. A retry after a failure in the middle goes on from the part that
        failed instead of posting the start again. Returns the first message's ts."""
        first, done = self._progress.get(key, (None, 0)) if key is not None else (None, 0)
        for n, message in enumerate(messages):
            if n < done:
                continue
            ts = await self.post(channel, fallbacks[n], message, thread_ts=thread_ts or first)
            first = first or ts
            if key is not None:
                self._progress[key] = (first, n + 1)
        if key is not None:
            self._progress.pop(key, None)
        return first or ""

    # replies to whoever acted -------------------------------------------------
    async def render(self, actions: list[Action], where: Where) -> None:
        for action in actions:
            try:
                await self.dispatch(action, where)
            except SlackApiError as exc:
                log.warning("slack: %s for %s in channel %s failed: %s", type(action).__name__, where.user,
                            where.channel, error_code(exc))
            except SlackSendError as exc:
                log.warning("slack: %s for %s failed: %s", type(action).__name__, where.user, exc)
            except UnsupportedAction:
                raise
            except Exception as exc:  # noqa: BLE001 - a response_url or network failure: log, go on
                log.warning("slack: %s for %s in channel %s failed: %s", type(action).__name__, where.user,
                            where.channel, type(exc).__name__)

    async def _reply(self, action: Reply, where: Where | None) -> None:
        where = _person(action, where)
        messages = bk.text_messages(action.text, action.buttons)
        fallback = bk.text_fallback(action.text)
        if action.public and await self.public(where, fallback, messages):
            return
        await self.ephemeral(where, fallback, messages)

    async def _show_digest(self, action: ShowDigest, where: Where | None) -> None:
        where = _person(action, where)
        if action.public:
            await self.post_digest(where.channel, action.digest)
            return
        messages = bk.digest_messages(action.digest)
        for n, message in enumerate(messages):
            await self.ephemeral(where, bk.digest_fallback(action.digest, n + 1, len(messages)), [message])

    async def _form(self, action: OpenForm, where: Where | None) -> None:
        await self.open_form(action, _person(action, where))

    async def _home(self, action: HomeView, where: Where | None) -> None:
        """The member's App Home tab (views.publish); it names its member, so the outbox can send it too."""
        try:
            await self.client.views_publish(user_id=action.member.user_id, view=views.home_view(action))
        except SlackApiError as exc:
            raise SlackSendError("views.publish", action.member.user_id, error_code(exc)) from exc

    async def _upload(self, action: Upload, where: Where | None) -> None:
        """The file; if Slack refuses it (files.getUploadURLExternal, the upload itself or its
        completion), the member is told privately, and the rest of the reply stands."""
        where = _person(action, where)
        try:
            await upload(self.client, action, channel_id=where.channel, user_id=where.user)
        except Exception as exc:  # noqa: BLE001 - any refusal or network failure: say so, go on
            code = error_code(exc) if isinstance(exc, SlackApiError) else type(exc).__name__
            log.warning("slack: the file %s for %s was not uploaded: %s", action.filename, where.user, code)
            if action.failed:
                await self.ephemeral(where, bk.text_fallback(action.failed), bk.text_messages(action.failed))

    async def public(self, where: Where, fallback: str, messages: list[list[dict]]) -> bool:
        try:
            for message in messages:
                await self.post(where.channel, fallback, message)
        except SlackSendError as exc:
            log.warning("slack: public reply in channel %s failed (%s); sending it privately", where.channel,
                        exc.code)
            return False
        return True

    async def ephemeral(self, where: Where, fallback: str, messages: list[list[dict]]) -> None:
        """Only the person who acted sees it: the response_url if there is one, else chat.postEphemeral."""
        if where.respond is None and not where.channel:
            # A click inside a modal opened without a channel: there is nowhere to answer in.
            log.info("slack: no channel to answer %s in; reply not shown", where.user)
            return
        for message in messages:
            if where.respond is not None:
                await where.respond(text=fallback, blocks=message, response_type="ephemeral",
                                    replace_original=False)
                continue
            await self.client.chat_postEphemeral(channel=where.channel, user=where.user, text=fallback, blocks=message,
                                                 thread_ts=where.thread_ts or None)

    async def open_form(self, action: OpenForm, where: Where) -> None:
        if not where.trigger_id:
            log.warning("slack: cannot open form %s for %s without a trigger_id", action.form.id, where.user)
            return
        metadata = json.dumps({"form": action.form.id, "channel": where.channel, "team": where.team})
        await self.client.views_open(trigger_id=where.trigger_id, view=views.form_view(action.form, metadata))
