"""Inbound translation: Slack payloads into the facts the core's events need.

These are pure functions (no I/O), so each rule is testable on a payload alone. The
adapter resolves the member (users.info) and builds the bot.events from these facts.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from adapters.slack.blocks import split_button_value
from bot.events import Event, MessageDeleted, MessageEdited, Origin, ThreadReply
from bot.ids import decode_button

_LINK = re.compile(r"<([@#!][^<>|\s]*|[A-Za-z][A-Za-z0-9+.-]*:[^<>|\s]*)(?:\|([^<>]*))?>")
_REPLY_SUBTYPES = (None, "thread_broadcast", "file_share")


def ts_time(ts: str | None) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(ts), tz=timezone.utc) if ts else None
    except (TypeError, ValueError):
        return None


_USER_ID = re.compile(r"[A-Z0-9]+", re.ASCII)
_LABEL_BAD = re.compile(r"[<>|\n]")


def plain_text(text: str, *, keep_members: bool = False) -> str:
    """Slack's message and command text as the person wrote it.

    Slack sends ``&``, ``<`` and ``>`` escaped and mentions as ``<@U123|name>``,
    ``<#C123|general>``, ``<!here>``. Mentions become ``@name`` / ``#general`` / ``@here``
    (plain text that the adapter escapes again on the way out), links their label.

    ``keep_members`` (command text): a user mention stays a reference by id, always with a
    label (``<@U123|name>``, ``<@U123|U123>`` when Slack sent none), so the core names the
    member by platform id, never by a display name two people may share.
    """
    def repl(m: re.Match[str]) -> str:
        target, label = m.group(1), m.group(2)
        if target.startswith("@"):
            if keep_members and _USER_ID.fullmatch(target[1:]):
                name = _LABEL_BAD.sub("", _unescape(label or "")).strip() or target[1:]
                return f"<@{target[1:]}|{name}>"
            return "@" + (label or target[1:])
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            name = target[1:].split("^", 1)[0]
            if name == "subteam" and label:
                return label if label.startswith("@") else "@" + label
            if name == "date" and label:
                return label
            return "@" + (label.lstrip("@") if label else name)
        if label and label != target:
            return f"{label} ({target})"
        return target

    return _unescape(_LINK.sub(repl, text or ""))


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _is_bot(msg: dict, bot_user_id: str | None) -> bool:
    return bool(msg.get("bot_id") or msg.get("subtype") == "bot_message"
                or (bot_user_id and msg.get("user") == bot_user_id))


@dataclass(frozen=True)
class MessageFacts:
    kind: str  # reply | edit | delete
    team: str
    channel: str
    user: str
    message_ts: str
    thread_ts: str | None
    text: str
    event_id: str
    at: datetime | None = None


def message_facts(body: dict, event: dict, bot_user_id: str | None = None) -> MessageFacts | None:
    """What a ``message`` event means for Hindsight, or None if it means nothing.

    A thread reply has ``thread_ts != ts`` (the Events API has no message_replied subtype).
    ``message_changed`` is an edit only if the text changed (unfurls and reply counts also
    send it). The edited message's ts is ``message.ts``, or ``previous_message.ts`` when the
    message leaves it out. ``message_deleted`` names the author in ``previous_message``; when
    that is missing (as in Slack's own example) the user is "" and the delete goes to the core
    with the author unknown (it finds who wrote the answer at ``deleted_ts``). Bot messages and every other subtype are ignored.
    """
    team = str(body.get("team_id") or event.get("team") or "")
    channel = str(event.get("channel") or "")
    event_id = str(body.get("event_id") or f"{channel}:{event.get('event_ts') or event.get('ts')}")
    subtype = event.get("subtype")
    if subtype == "message_changed":
        msg, prev = _dict(event.get("message")), _dict(event.get("previous_message"))
        message_ts = msg.get("ts") or prev.get("ts")
        if _is_bot(msg, bot_user_id) or not msg.get("user") or not message_ts:
            return None
        if (prev and prev.get("text") == msg.get("text")) or (not prev and not msg.get("edited")):
            return None
        at = ts_time(_dict(msg.get("edited")).get("ts") or event.get("event_ts") or event.get("ts"))
        return MessageFacts("edit", team, channel, str(msg["user"]), str(message_ts),
                            msg.get("thread_ts") or prev.get("thread_ts"), plain_text(msg.get("text") or ""),
                            event_id, at)
    if subtype == "message_deleted":
        prev = _dict(event.get("previous_message"))
        if _is_bot(prev, bot_user_id) or not event.get("deleted_ts"):
            return None
        return MessageFacts("delete", team, channel, str(prev.get("user") or ""), str(event["deleted_ts"]),
                            prev.get("thread_ts"), "", event_id)
    if subtype not in _REPLY_SUBTYPES or _is_bot(event, bot_user_id) or not event.get("user"):
        return None
    ts, thread_ts = event.get("ts"), event.get("thread_ts")
    if not ts or not thread_ts or thread_ts == ts:
        return None  # a top-level message is conversation, never an answer
    return MessageFacts("reply", team, channel, str(event["user"]), str(ts), str(thread_ts),
                        plain_text(event.get("text") or ""), event_id, ts_time(ts))


def message_event(facts: MessageFacts, origin: Origin) -> Event:
    if facts.kind == "reply":
        if facts.thread_ts is None:  # message_facts makes a reply only of a message in a thread
            raise ValueError("a thread reply without its thread")
        return ThreadReply(origin, facts.thread_ts, facts.message_ts, facts.text, facts.event_id, facts.at)
    if facts.kind == "edit":
        return MessageEdited(origin, facts.message_ts, facts.text, facts.event_id, facts.at)
    return MessageDeleted(origin, facts.message_ts, facts.event_id, author_known=bool(facts.user))


# --------------------------------------------------------------------------- interactivity
def button_target(action: dict) -> tuple[str, str | None]:
    """(the stable action id, the group channel carried by a DM's button, if any). A value
    that holds none of the core's button ids gives the action_id, for the core to refuse."""
    act, channel = split_button_value(str(action.get("value") or ""))
    if decode_button(act) is not None:
        return act, channel
    return str(action.get("action_id") or ""), None


def button_event_id(body: dict, action: dict) -> str:
    """A click has no event_id; its action_ts is unique per click and stable across retries."""
    user = (body.get("user") or {}).get("id", "")
    return f"act:{user}:{action.get('action_ts') or ''}:{action.get('action_id') or ''}"


def view_metadata(view: dict) -> dict:
    """The form id and the channel kept in a modal's private_metadata when it was opened."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    meta.setdefault("form", view.get("callback_id") or "")
    return meta


def view_values(view: dict) -> dict[str, str]:
    """``{block_id: value}`` from a submitted modal (text inputs and selects)."""
    out: dict[str, str] = {}
    for block_id, elements in ((view.get("state") or {}).get("values") or {}).items():
        for element in (elements or {}).values():
            if not isinstance(element, dict):
                continue
            if element.get("selected_option"):
                out[block_id] = str(element["selected_option"].get("value") or "")
            else:
                out[block_id] = str(element.get("value") or "")
    return out


def view_event_id(view: dict, values: dict[str, str]) -> str:
    """A retried submission has the same id; a changed resubmission gets a new one."""
    digest = hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return f"view:{view.get('id') or ''}:{digest}"


def first_block_id(view: dict) -> str | None:
    """Where to show a form error: the first input of the submitted view."""
    for block in view.get("blocks") or []:
        if block.get("type") == "input" and block.get("block_id"):
            return block["block_id"]
    values = (view.get("state") or {}).get("values") or {}
    return next(iter(values), None)
