"""Builders for the payloads Slack sends to an app, plus a signed-request helper.

Every builder returns a plain dict shaped like the real thing (field names and
types as Slack sends them), so the same dict can be used two ways:

* Socket Mode: ``await fake.send_envelope("slash_commands", slash_command(...))``
  (``"interactive"`` for block_actions / view_submission, ``"events_api"`` for events).
* HTTP mode: encode it with :func:`form_body` (slash commands),
  :func:`interactive_body` (block_actions / view_submission) or
  ``json.dumps`` (events) and send it with :func:`post_signed`.

Defaults use one consistent workspace (``TEAM_ID``, ``APP_ID``...) that matches
:class:`tests.fakes.slack_server.FakeSlack`'s defaults.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.parse

import aiohttp
from slack_sdk.signature import SignatureVerifier

TEAM_ID = "T0HINDSGT"
TEAM_DOMAIN = "hindsight-hq"
APP_ID = "A0HINDSGT"
BOT_USER_ID = "U0HINDBOT"
BOT_ID = "B0HINDSGT"
VERIFICATION_TOKEN = "legacyVerificationTok3n"  # deprecated field Slack still sends
_ids = itertools.count(1)


def _now_ts() -> str:
    return f"{time.time():.6f}"


def _rand_id(prefix: str, width: int = 10) -> str:
    return f"{prefix}{next(_ids):0{width}d}"


def _trigger_id() -> str:
    return f"{int(time.time() * 1000)}.{next(_ids)}.{'a1b2c3d4e5f6' * 2}"


def _user(user_id: str, team_id: str) -> dict:
    name = user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": team_id}


# --------------------------------------------------------------------------- commands
def slash_command(text: str = "", user_id: str = "U0ALICE01", channel_id: str = "C0GENERAL",
                  team_id: str = TEAM_ID, response_url: str | None = None,
                  trigger_id: str | None = None, command: str = "/hindsight",
                  channel_name: str = "general", user_name: str | None = None) -> dict:
    """A slash-command payload (Socket Mode ``slash_commands`` payload; all values are strings).

    Pass ``response_url=fake.response_url("key")`` when the handler calls ``respond()``.
    For HTTP mode send ``form_body(slash_command(...))`` as
    ``application/x-www-form-urlencoded``.
    """
    return {
        "token": VERIFICATION_TOKEN, "team_id": team_id, "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id, "channel_name": channel_name, "user_id": user_id,
        "user_name": user_name or user_id.lower(), "command": command, "text": text,
        "api_app_id": APP_ID, "is_enterprise_install": "false",
        "response_url": response_url
        or f"https://hooks.slack.com/commands/{team_id}/{next(_ids)}/fakeResponseUrl",
        "trigger_id": trigger_id or _trigger_id(),
    }


def form_body(payload: dict) -> str:
    """Form-encode a flat payload (a slash command) the way Slack POSTs it."""
    return urllib.parse.urlencode(payload)


def interactive_body(payload: dict) -> str:
    """Encode an interactive payload as Slack POSTs it: one form field ``payload=<JSON>``."""
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


# --------------------------------------------------------------------------- interactivity
def block_actions(action_id: str, value: str = "", user_id: str = "U0ALICE01",
                  channel_id: str = "C0GENERAL", team_id: str = TEAM_ID,
                  message_ts: str | None = None, trigger_id: str | None = None,
                  response_url: str | None = None, block_id: str = "hindsight_actions",
                  message_text: str = "", state_values: dict | None = None) -> dict:
    """A ``block_actions`` payload for a button click on a message (``interactive`` envelope)."""
    message_ts = message_ts or _now_ts()
    return {
        "type": "block_actions",
        "user": _user(user_id, team_id),
        "api_app_id": APP_ID, "token": VERIFICATION_TOKEN,
        "container": {"type": "message", "message_ts": message_ts,
                      "channel_id": channel_id, "is_ephemeral": False},
        "trigger_id": trigger_id or _trigger_id(),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None, "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": "general"},
        "message": {"type": "message", "subtype": "bot_message", "text": message_text,
                    "ts": message_ts, "bot_id": BOT_ID, "blocks": []},
        "state": {"values": state_values or {}},
        "response_url": response_url
        or f"https://hooks.slack.com/actions/{team_id}/{next(_ids)}/fakeResponseUrl",
        "actions": [{
            "action_id": action_id, "block_id": block_id,
            "text": {"type": "plain_text", "text": action_id, "emoji": True},
            "value": value, "type": "button", "action_ts": _now_ts(),
        }],
    }


def block_actions_in_view(action_id: str, value: str = "", user_id: str = "U0ALICE01",
                          team_id: str = TEAM_ID, view_id: str | None = None, callback_id: str = "",
                          private_metadata: str = "", trigger_id: str | None = None,
                          block_id: str = "hindsight_actions") -> dict:
    """A ``block_actions`` payload for an element inside a modal: ``container`` is
    ``{"type": "view", "view_id": ...}``, and there is no ``channel``, no ``message`` and no
    ``response_url`` (as in bolt-python's own view scenario tests)."""
    view_id = view_id or _rand_id("V", 10)
    return {
        "type": "block_actions",
        "user": _user(user_id, team_id),
        "api_app_id": APP_ID, "token": VERIFICATION_TOKEN,
        "container": {"type": "view", "view_id": view_id},
        "trigger_id": trigger_id or _trigger_id(),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None, "is_enterprise_install": False,
        "view": {
            "id": view_id, "team_id": team_id, "type": "modal", "blocks": [],
            "private_metadata": private_metadata, "callback_id": callback_id,
            "state": {"values": {}}, "hash": f"{int(time.time())}.fakehash",
            "title": {"type": "plain_text", "text": "Hindsight", "emoji": True},
            "previous_view_id": None, "root_view_id": view_id, "app_id": APP_ID,
            "external_id": "", "app_installed_team_id": team_id, "bot_id": BOT_ID,
        },
        "actions": [{
            "action_id": action_id, "block_id": block_id,
            "text": {"type": "plain_text", "text": action_id, "emoji": True},
            "value": value, "type": "button", "action_ts": _now_ts(),
        }],
    }


def view_submission(callback_id: str, private_metadata: str = "",
                    values_state: dict | None = None, user_id: str = "U0ALICE01",
                    team_id: str = TEAM_ID, view_id: str | None = None) -> dict:
    """A ``view_submission`` payload (modal submitted).

    ``values_state`` is ``view.state.values``:
    ``{block_id: {action_id: {"type": "plain_text_input", "value": "..."}}}``.
    """
    view_id = view_id or _rand_id("V", 10)
    return {
        "type": "view_submission",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, team_id),
        "api_app_id": APP_ID, "token": VERIFICATION_TOKEN, "trigger_id": _trigger_id(),
        "view": {
            "id": view_id, "team_id": team_id, "type": "modal", "blocks": [],
            "private_metadata": private_metadata, "callback_id": callback_id,
            "state": {"values": values_state or {}}, "hash": f"{int(time.time())}.fakehash",
            "title": {"type": "plain_text", "text": "Hindsight", "emoji": True},
            "clear_on_close": False, "notify_on_close": False, "close": None,
            "submit": {"type": "plain_text", "text": "Submit", "emoji": True},
            "previous_view_id": None, "root_view_id": view_id, "app_id": APP_ID,
            "external_id": "", "app_installed_team_id": team_id, "bot_id": BOT_ID,
        },
        "response_urls": [], "is_enterprise_install": False, "enterprise": None,
    }


# --------------------------------------------------------------------------- events
def event_callback(event: dict, team_id: str = TEAM_ID, event_id: str | None = None,
                   authorized_user: str = BOT_USER_ID) -> dict:
    """Wrap an inner event the way the Events API does (``events_api`` envelope payload)."""
    return {
        "token": VERIFICATION_TOKEN, "team_id": team_id, "context_team_id": team_id,
        "context_enterprise_id": None, "api_app_id": APP_ID, "event": event,
        "type": "event_callback", "event_id": event_id or _rand_id("Ev", 9),
        "event_time": int(float(event.get("event_ts") or time.time())),
        "authorizations": [{"enterprise_id": None, "team_id": team_id,
                            "user_id": authorized_user, "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
        "event_context": f"4-{next(_ids):016x}",
    }


def app_home_opened_event(user: str, channel: str | None = None, tab: str = "home",
                          view: dict | None = None, event_ts: str | None = None) -> dict:
    """``app_home_opened`` as Slack's Events API page shows it: the user, the app's DM channel
    with them, the tab (``home`` or ``messages``) and, once a home was published, its ``view``."""
    event = {"type": "app_home_opened", "user": user, "channel": channel or "D" + user[1:],
             "tab": tab, "event_ts": event_ts or f"{time.time():.6f}"}
    if view is not None:
        event["view"] = view
    return event


def _channel_type(channel: str) -> str:
    return {"D": "im", "G": "group"}.get(channel[:1], "channel")


def _message(text: str, user: str, ts: str, team_id: str, thread_ts: str | None) -> dict:
    msg = {
        "client_msg_id": f"{next(_ids):08x}-0000-4000-8000-000000000000",
        "type": "message", "text": text, "user": user, "ts": ts,
        "blocks": [{"type": "rich_text", "block_id": "rt1", "elements": [
            {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}],
        "team": team_id,
    }
    if thread_ts:
        msg["thread_ts"] = thread_ts
        if thread_ts != ts:
            msg["parent_user_id"] = user
    return msg


def message_event(text: str, user: str = "U0ALICE01", channel: str = "C0GENERAL",
                  ts: str | None = None, thread_ts: str | None = None,
                  event_id: str | None = None, team_id: str = TEAM_ID) -> dict:
    """A plain ``message`` event wrapped in event_callback. A thread reply has
    ``thread_ts != ts`` and (as over the real Events API) no ``message_replied`` subtype."""
    ts = ts or _now_ts()
    event = _message(text, user, ts, team_id, thread_ts)
    event.update(channel=channel, event_ts=ts, channel_type=_channel_type(channel))
    return event_callback(event, team_id=team_id, event_id=event_id)


def message_changed_event(new_text: str, old_text: str, user: str = "U0ALICE01",
                          channel: str = "C0GENERAL", ts: str | None = None,
                          thread_ts: str | None = None, edit_ts: str | None = None,
                          event_id: str | None = None, team_id: str = TEAM_ID,
                          previous: bool = True, ts_in_message: bool = True) -> dict:
    """A ``message_changed`` event: ``message`` is the edited message (with ``edited``),
    ``previous_message`` the old one; the event's own ``ts`` is the edit time.

    ``previous=False`` leaves ``previous_message`` out, as the example on Slack's
    message_changed page does. ``ts_in_message=False`` leaves ``message.ts`` out, so the
    edited message's ts is only in ``previous_message`` (a shape the adapter must accept).
    """
    ts = ts or _now_ts()
    edit_ts = edit_ts or _now_ts()
    new = _message(new_text, user, ts, team_id, thread_ts)
    new["edited"] = {"user": user, "ts": edit_ts}
    if not ts_in_message:
        del new["ts"]
    event = {"type": "message", "subtype": "message_changed", "message": new,
             "channel": channel, "hidden": True,
             "ts": edit_ts, "event_ts": edit_ts, "channel_type": _channel_type(channel)}
    if previous:
        event["previous_message"] = _message(old_text, user, ts, team_id, thread_ts)
    return event_callback(event, team_id=team_id, event_id=event_id)


def message_deleted_event(deleted_ts: str, old_text: str = "", user: str = "U0ALICE01",
                          channel: str = "C0GENERAL", thread_ts: str | None = None,
                          event_id: str | None = None, team_id: str = TEAM_ID,
                          previous: bool = True) -> dict:
    """A ``message_deleted`` event for the message at ``deleted_ts``.

    ``previous=False`` gives the shape on Slack's message_deleted page: only ``deleted_ts``,
    no ``previous_message``, so nothing names the author.
    """
    now = _now_ts()
    event = {"type": "message", "subtype": "message_deleted", "hidden": True,
             "deleted_ts": deleted_ts, "channel": channel,
             "event_ts": now, "ts": now, "channel_type": _channel_type(channel)}
    if previous:
        event["previous_message"] = _message(old_text, user, deleted_ts, team_id, thread_ts)
    return event_callback(event, team_id=team_id, event_id=event_id)


def thread_broadcast_event(text: str, user: str, thread_ts: str, channel: str = "C0GENERAL",
                           ts: str | None = None, event_id: str | None = None,
                           team_id: str = TEAM_ID) -> dict:
    """A thread reply also sent to the channel ("Also send to #channel"): subtype
    ``thread_broadcast``, with the thread's ``root`` message."""
    ts = ts or _now_ts()
    event = _message(text, user, ts, team_id, thread_ts)
    event.update(subtype="thread_broadcast", channel=channel, event_ts=ts,
                 channel_type=_channel_type(channel),
                 root={"type": "message", "subtype": "bot_message", "text": "", "ts": thread_ts,
                       "bot_id": BOT_ID, "thread_ts": thread_ts, "reply_count": 1,
                       "reply_users": [user], "reply_users_count": 1, "latest_reply": ts})
    return event_callback(event, team_id=team_id, event_id=event_id)


def bot_message_event(text: str, thread_ts: str | None = None, channel: str = "C0GENERAL",
                      ts: str | None = None, bot_id: str = "B0OTHERAPP", event_id: str | None = None,
                      team_id: str = TEAM_ID) -> dict:
    """A message posted by an integration: subtype ``bot_message``, a ``bot_id``, a
    ``username`` and no ``user``."""
    ts = ts or _now_ts()
    event = {"type": "message", "subtype": "bot_message", "text": text, "ts": ts,
             "bot_id": bot_id, "username": "standup-bot", "icons": {"emoji": ":robot_face:"},
             "channel": channel, "event_ts": ts, "channel_type": _channel_type(channel)}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event_callback(event, team_id=team_id, event_id=event_id)


def subtype_message_event(subtype: str, text: str, user: str = "U0ALICE01", thread_ts: str | None = None,
                          channel: str = "C0GENERAL", ts: str | None = None, event_id: str | None = None,
                          team_id: str = TEAM_ID, **extra) -> dict:
    """A message with another ``subtype`` (``channel_join``, ``me_message``,
    ``channel_topic``...): it has a ``user`` but is not an answer."""
    ts = ts or _now_ts()
    event = {"type": "message", "subtype": subtype, "text": text, "user": user, "ts": ts,
             "channel": channel, "event_ts": ts, "channel_type": _channel_type(channel), **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event_callback(event, team_id=team_id, event_id=event_id)


def enterprise(payload: dict, enterprise_id: str = "E0GRIDORG", enterprise_name: str = "Grid Org") -> dict:
    """Add what an Enterprise Grid workspace adds to ``payload`` (in place; returned too).

    Slash commands get ``enterprise_id``/``enterprise_name``; interactive payloads an
    ``enterprise`` object and ``team.enterprise_id``; event_callbacks a top-level
    ``enterprise_id`` and ``authorizations[].enterprise_id``, and messages ``user_team``
    and ``source_team``. Grid user ids start with ``W``.
    """
    if payload.get("command"):
        payload.update(enterprise_id=enterprise_id, enterprise_name=enterprise_name)
    elif payload.get("type") == "event_callback":
        payload["enterprise_id"] = enterprise_id
        payload["context_enterprise_id"] = enterprise_id
        for auth in payload.get("authorizations") or []:
            auth["enterprise_id"] = enterprise_id
        event = payload.get("event") or {}
        for msg in (event, event.get("message"), event.get("previous_message")):
            if isinstance(msg, dict) and msg.get("user"):
                msg.update(user_team=payload["team_id"], source_team=payload["team_id"])
    else:
        payload["enterprise"] = {"id": enterprise_id, "name": enterprise_name}
        team = payload.get("team")
        if isinstance(team, dict):
            team.update(enterprise_id=enterprise_id, enterprise_name=enterprise_name)
    return payload


def url_verification(challenge: str = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P") -> dict:
    """The Events API URL-verification handshake body (HTTP mode only)."""
    return {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}


def app_rate_limited(minute_rate_limited: int = 1518467820, team_id: str = TEAM_ID) -> dict:
    """The Events API's notice that a workspace's events were rate limited (sent to HTTP mode
    without an ``event``): Slack's documented shape."""
    return {"token": VERIFICATION_TOKEN, "type": "app_rate_limited", "team_id": team_id,
            "minute_rate_limited": minute_rate_limited, "api_app_id": APP_ID}


# --------------------------------------------------------------------------- API objects
def user_object(user_id: str, team_id: str = TEAM_ID, overrides: dict | None = None) -> dict:
    """A ``users.info`` user. ``overrides`` are merged on top (``profile`` key by key)."""
    extra = dict(overrides or {})
    name = extra.get("name", user_id.lower())
    real = extra.get("real_name", f"User {user_id}")
    profile = {"display_name": name, "real_name": real, "display_name_normalized": name,
               "real_name_normalized": real, "email": f"{name}@example.com",
               "image_72": "https://example.com/avatar_72.png", "team": team_id}
    profile.update(extra.pop("profile", {}))
    user = {"id": user_id, "team_id": team_id, "name": name, "deleted": False,
            "real_name": real, "tz": "America/New_York", "tz_label": "Eastern Standard Time",
            "tz_offset": -18000, "is_admin": False, "is_owner": False,
            "is_primary_owner": False, "is_restricted": False, "is_ultra_restricted": False,
            "is_bot": False, "is_app_user": False, "updated": 1700000000, "profile": profile}
    user.update(extra)
    return user


def view_object(view: dict, view_id: str, team_id: str = TEAM_ID, app_id: str = APP_ID,
                bot_id: str = BOT_ID) -> dict:
    """The ``view`` Slack returns from views.open/push/update for the submitted ``view``."""
    return {
        "id": view_id, "team_id": team_id, "type": view.get("type", "modal"),
        "blocks": view.get("blocks", []), "private_metadata": view.get("private_metadata", ""),
        "callback_id": view.get("callback_id", ""), "state": {"values": {}},
        "hash": f"{int(time.time())}.{next(_ids):08x}", "title": view.get("title"),
        "clear_on_close": bool(view.get("clear_on_close")),
        "notify_on_close": bool(view.get("notify_on_close")), "close": view.get("close"),
        "submit": view.get("submit"), "previous_view_id": None, "root_view_id": view_id,
        "app_id": app_id, "external_id": view.get("external_id", ""),
        "app_installed_team_id": team_id, "bot_id": bot_id,
    }


# --------------------------------------------------------------------------- HTTP mode
async def post_signed(url: str, body: str | bytes, signing_secret: str,
                      content_type: str = "application/x-www-form-urlencoded",
                      timestamp: int | str | None = None, retry_num: int | None = None,
                      bad_signature: bool = False,
                      retry_reason: str = "http_timeout", signed: bool = True) -> tuple[int, str]:
    """POST ``body`` to ``url`` signed like Slack does; return ``(status, text)``.

    The signature is ``v0=hex(HMAC-SHA256(secret, "v0:{timestamp}:{body}"))``.
    ``timestamp`` defaults to now (pass an old one to test the 5-minute staleness check, or
    a string that is no number), ``bad_signature`` signs with a wrong secret, ``signed=False``
    sends no signature header, ``retry_num`` adds ``X-Slack-Retry-Num`` /
    ``X-Slack-Retry-Reason`` like a Slack redelivery. A ``bytes`` body is sent as is
    (it may be invalid UTF-8) and signed over its bytes.
    """
    ts = str(int(time.time()) if timestamp is None else timestamp)
    secret = signing_secret + "-wrong" if bad_signature else signing_secret
    raw = body if isinstance(body, bytes) else body.encode("utf-8")
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    }
    if signed:
        if isinstance(body, str):
            headers["X-Slack-Signature"] = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
        else:  # SignatureVerifier only signs text; Slack signs the bytes it sends
            mac = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + raw, hashlib.sha256)
            headers["X-Slack-Signature"] = "v0=" + mac.hexdigest()
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = retry_reason
    async with aiohttp.ClientSession() as session:
        async with session.post(url, data=raw, headers=headers) as resp:
            return resp.status, await resp.text()


__all__ = [
    "TEAM_ID", "TEAM_DOMAIN", "APP_ID", "BOT_USER_ID", "BOT_ID", "slash_command", "form_body", "interactive_body",
    "block_actions", "block_actions_in_view", "view_submission", "event_callback", "app_home_opened_event",
    "message_event",
    "message_changed_event", "message_deleted_event", "thread_broadcast_event", "bot_message_event",
    "subtype_message_event", "enterprise", "url_verification", "app_rate_limited", "post_signed",
    "user_object", "view_object",
]
