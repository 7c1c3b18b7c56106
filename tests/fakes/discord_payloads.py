"""Builders for realistic Discord API v10 payloads (gateway events and REST objects).

Every builder returns a plain ``dict`` shaped like what Discord really sends, with every field
discord.py 2.x reads unconditionally.  Ids are decimal strings, as on the wire; builders accept
ints or strings for ids and normalise them.  Use them with :class:`tests.fakes.discord_server.FakeDiscord`::

    alice = user(1001, "alice")
    await fake.dispatch("MESSAGE_CREATE", message_create(channel_id, alice, "hi", guild_id=gid))
    await fake.dispatch("INTERACTION_CREATE",
                        slash_interaction(fake.app_id, gid, channel_id, alice, options=[...]))

Permissions are decimal strings (``str(MANAGE_GUILD)``).
"""

from __future__ import annotations

import copy
import itertools
import secrets
import threading
import time
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping

DISCORD_EPOCH_MS = 1420070400000

# Permission bits (https://discord.com/developers/docs/topics/permissions).
MANAGE_GUILD = 1 << 5
ADMINISTRATOR = 1 << 3
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
#: What an ordinary member may do in a text channel (the @everyone role default, roughly).
MEMBER_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY \
    | USE_APPLICATION_COMMANDS | CREATE_PUBLIC_THREADS | SEND_MESSAGES_IN_THREADS
#: The bot's permissions in a channel (``app_permissions`` of an interaction).
BOT_PERMISSIONS = MEMBER_PERMISSIONS

# Channel types.
GUILD_TEXT, DM, GUILD_VOICE, GUILD_CATEGORY, GUILD_NEWS = 0, 1, 2, 4, 5
PUBLIC_THREAD, PRIVATE_THREAD, GUILD_FORUM = 11, 12, 15
THREAD_TYPES = (10, PUBLIC_THREAD, PRIVATE_THREAD)

_lock = threading.Lock()
_last = 0


def snowflake() -> str:
    """Return a new, strictly increasing snowflake id (as a decimal string), shared process-wide."""
    global _last
    with _lock:
        now = ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22)
        _last = max(now, _last + 1)
        return str(_last)


def now_iso() -> str:
    """The current time in Discord's ISO-8601 format."""
    return datetime.now(timezone.utc).isoformat()


def _sid(value: Any) -> str | None:
    return None if value is None else str(value)


def _uid(u: Mapping[str, Any] | int | str) -> str:
    return str(u["id"]) if isinstance(u, Mapping) else str(u)


def user(id: int | str | None = None, name: str = "user", *, bot: bool = False, global_name: str | None = None) -> dict:
    """A user object (``id`` defaults to a fresh snowflake)."""
    return {"id": _sid(id) or snowflake(), "username": name, "discriminator": "0", "global_name": global_name or name,
            "avatar": None, "bot": bot, "system": False, "public_flags": 0, "flags": 0, "banner": None,
            "accent_color": None, "avatar_decoration_data": None, "primary_guild": None, "collectibles": None}


def member(u: Mapping[str, Any], *, roles: Iterable[int | str] = (), permissions: int | str | None = None,
           nick: str | None = None, joined_at: str | None = None, with_user: bool = True) -> dict:
    """A guild member object for user ``u``.

    ``permissions`` (total permissions in the channel) is only present in interaction payloads; leave it
    None for GUILD_CREATE members.  ``with_user=False`` gives the partial member of MESSAGE_CREATE.
    """
    out = {"roles": [str(r) for r in roles], "nick": nick, "avatar": None, "banner": None,
           "joined_at": joined_at or "2024-01-01T00:00:00.000000+00:00", "premium_since": None, "deaf": False,
           "mute": False, "flags": 0, "pending": False, "communication_disabled_until": None,
           "unusual_dm_activity_until": None}
    if with_user:
        out["user"] = dict(u)
    if permissions is not None:
        out["permissions"] = str(permissions)
    return out


def role(id: int | str, name: str, *, permissions: int | str = 0, position: int = 1, managed: bool = False) -> dict:
    """A role object.  The @everyone role has the guild's id and position 0."""
    return {"id": str(id), "name": name, "color": 0, "colors": {"primary_color": 0, "secondary_color": None,
            "tertiary_color": None}, "hoist": False, "icon": None, "unicode_emoji": None, "position": position,
            "permissions": str(permissions), "managed": managed, "mentionable": False, "flags": 0}


def channel(id: int | str | None = None, name: str = "general", *, type: int = GUILD_TEXT,
            guild_id: int | str | None = None, parent_id: int | str | None = None, position: int = 0) -> dict:
    """A guild channel object (text 0, voice 2, category 4, news 5, forum 15)."""
    out = {"id": _sid(id) or snowflake(), "type": type, "name": name, "position": position,
           "parent_id": _sid(parent_id), "permission_overwrites": [], "nsfw": False, "flags": 0,
           "topic": None, "last_message_id": None, "rate_limit_per_user": 0}
    if guild_id is not None:
        out["guild_id"] = str(guild_id)
    if type == GUILD_VOICE:
        out.update(bitrate=64000, user_limit=0, rtc_region=None)
    if type == GUILD_FORUM:
        out.update(available_tags=[], default_reaction_emoji=None, default_sort_order=None, default_forum_layout=0)
    return out


def thread(id: int | str | None, name: str, *, guild_id: int | str, parent_id: int | str, owner_id: int | str,
           type: int = PUBLIC_THREAD, auto_archive_duration: int = 1440) -> dict:
    """A thread channel object (type 11 public / 12 private)."""
    return {"id": _sid(id) or snowflake(), "type": type, "guild_id": str(guild_id), "parent_id": str(parent_id),
            "owner_id": str(owner_id), "name": name, "last_message_id": None, "message_count": 0,
            "member_count": 1, "total_message_sent": 0, "rate_limit_per_user": 0, "flags": 0,
            "thread_metadata": {"archived": False, "auto_archive_duration": auto_archive_duration,
                                "archive_timestamp": now_iso(), "locked": False, "create_timestamp": now_iso()},
            "applied_tags": []}


def dm_channel(id: int | str | None, recipient: Mapping[str, Any]) -> dict:
    """A DM channel object (type 1) with one recipient."""
    return {"id": _sid(id) or snowflake(), "type": DM, "last_message_id": None, "flags": 0,
            "recipients": [dict(recipient)]}


def message(channel_id: int | str, author: Mapping[str, Any], content: str = "", *, guild_id: int | str | None = None,
            message_id: int | str | None = None, embeds: list | None = None, components: list | None = None,
            flags: int = 0, attachments: list | None = None, member_data: Mapping[str, Any] | None = None,
            message_reference: Mapping[str, Any] | None = None, webhook_id: int | str | None = None,
            application_id: int | str | None = None, edited: bool = False) -> dict:
    """A message object as returned by REST and sent in MESSAGE_CREATE."""
    out = {"id": _sid(message_id) or snowflake(), "channel_id": str(channel_id), "type": 0 if not message_reference
           else 19, "content": content, "author": dict(author), "timestamp": now_iso(),
           "edited_timestamp": now_iso() if edited else None, "tts": False, "mention_everyone": False,
           "mentions": [], "mention_roles": [], "mention_channels": [], "attachments": attachments or [],
           "embeds": embeds or [], "components": components or [], "reactions": [], "pinned": False,
           "flags": flags, "nonce": None}
    if guild_id is not None:
        out["guild_id"] = str(guild_id)
        out["member"] = dict(member_data) if member_data else member(author, with_user=False)
    if message_reference:
        out["message_reference"] = dict(message_reference)
    if webhook_id is not None:
        out["webhook_id"] = str(webhook_id)
    if application_id is not None:
        out["application_id"] = str(application_id)
    return out


def message_create(channel_id: int | str, author: Mapping[str, Any], content: str, guild_id: int | str | None = None,
                   message_id: int | str | None = None, **kw: Any) -> dict:
    """The ``d`` of a MESSAGE_CREATE dispatch (a message plus guild_id/member for guild messages)."""
    return message(channel_id, author, content, guild_id=guild_id, message_id=message_id, **kw)


def message_update(channel_id: int | str, message_id: int | str, author: Mapping[str, Any], content: str,
                   guild_id: int | str | None = None, **kw: Any) -> dict:
    """The ``d`` of a MESSAGE_UPDATE dispatch (the full edited message, with ``edited_timestamp``)."""
    return message(channel_id, author, content, guild_id=guild_id, message_id=message_id, edited=True, **kw)


def message_delete(channel_id: int | str, message_id: int | str, guild_id: int | str | None = None) -> dict:
    """The ``d`` of a MESSAGE_DELETE dispatch."""
    out = {"id": str(message_id), "channel_id": str(channel_id)}
    if guild_id is not None:
        out["guild_id"] = str(guild_id)
    return out


def _interaction(type: int, app_id: int | str, guild_id: int | str | None, channel_id: int | str,
                 u: Mapping[str, Any], *, permissions: int | str, data: dict | None,
                 channel_obj: Mapping[str, Any] | None, roles: Iterable[int | str], locale: str,
                 message_obj: Mapping[str, Any] | None) -> dict:
    if channel_obj is None:
        channel_obj = dm_channel(channel_id, u) if guild_id is None else channel(channel_id, guild_id=guild_id)
    out: dict[str, Any] = {
        "id": snowflake(), "application_id": str(app_id), "type": type, "token": "itok-" + secrets.token_hex(16),
        "version": 1, "attachment_size_limit": 10 * 1024 * 1024, "channel_id": str(channel_id),
        "channel": dict(channel_obj), "app_permissions": str(BOT_PERMISSIONS), "locale": locale,
        "entitlements": [], "entitlement_sku_ids": [],
    }
    if data is not None:
        out["data"] = data
    if guild_id is not None:
        out.update(guild_id=str(guild_id), guild_locale="en-US", context=0,
                   guild={"id": str(guild_id), "locale": "en-US", "features": []},
                   member=member(u, roles=roles, permissions=permissions),
                   authorizing_integration_owners={"0": str(guild_id)})
    else:
        out.update(user=dict(u), context=1, authorizing_integration_owners={"0": "0"})
    if message_obj is not None:
        out["message"] = dict(message_obj)
    return out


def slash_interaction(app_id: int | str, guild_id: int | str | None, channel_id: int | str, user: Mapping[str, Any],
                      name: str = "hindsight", options: list | None = None, permissions: int | str = "0", *,
                      command_id: int | str | None = None, command_guild_id: int | str | None = None,
                      resolved: dict | None = None, roles: Iterable[int | str] = (), channel: Mapping | None = None,
                      locale: str = "en-US") -> dict:
    """An INTERACTION_CREATE for a chat-input (slash) command, type 2.

    ``options`` is Discord's raw option list, e.g. a subcommand:
    ``[{"name": "setup", "type": 1, "options": [{"name": "channel", "type": 7, "value": "123"}]}]``.
    ``permissions`` is the invoking member's total permissions (decimal string or int).
    For commands synced to one guild, pass ``command_guild_id`` (discord.py looks guild commands up
    by ``data.guild_id``).  ``guild_id=None`` builds a DM interaction (``user`` instead of ``member``).
    ``channel`` defaults to a text channel object; pass ``fake.channels[id]`` for a thread or DM.
    """
    data: dict[str, Any] = {"id": _sid(command_id) or snowflake(), "name": name, "type": 1,
                            "options": list(options or [])}
    if command_guild_id is not None:
        data["guild_id"] = str(command_guild_id)
    if resolved:
        data["resolved"] = resolved
    return _interaction(2, app_id, guild_id, channel_id, user, permissions=permissions, data=data,
                        channel_obj=channel, roles=roles, locale=locale, message_obj=None)


def component_interaction(custom_id: str, message: Mapping[str, Any], *, app_id: int | str,
                          guild_id: int | str | None, user: Mapping[str, Any], channel_id: int | str | None = None,
                          component_type: int = 2, values: list[str] | None = None, permissions: int | str = "0",
                          roles: Iterable[int | str] = (), channel: Mapping | None = None,
                          locale: str = "en-US") -> dict:
    """An INTERACTION_CREATE for a message component (button = 2, string select = 3), type 3.

    ``message`` is the message carrying the component (e.g. one from ``fake.messages``); its
    channel_id is used unless ``channel_id`` is given.
    """
    data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
    if values is not None:
        data["values"] = list(values)
    return _interaction(3, app_id, guild_id, channel_id or message["channel_id"], user, permissions=permissions,
                        data=data, channel_obj=channel, roles=roles, locale=locale, message_obj=message)


def text_inputs(values: Mapping[str, str]) -> list[dict]:
    """Modal-submit components for ``{custom_id: value}``: one action row (type 1) per text input (type 4)."""
    return [{"type": 1, "components": [{"type": 4, "custom_id": cid, "value": value}]} for cid, value in values.items()]


def modal_submit_interaction(custom_id: str, components: list | Mapping[str, str], *, app_id: int | str,
                             guild_id: int | str | None, channel_id: int | str, user: Mapping[str, Any],
                             message: Mapping[str, Any] | None = None, permissions: int | str = "0",
                             roles: Iterable[int | str] = (), channel: Mapping | None = None,
                             locale: str = "en-US") -> dict:
    """An INTERACTION_CREATE for a modal submission, type 5.

    ``components`` is either Discord's raw list
    (``[{"type": 1, "components": [{"type": 4, "custom_id": "answer", "value": "..."}]}]``) or a
    ``{custom_id: value}`` mapping turned into that by :func:`text_inputs`.  discord.py only routes
    the submit to a modal it sent earlier to the same user with the same ``custom_id``.
    """
    rows = text_inputs(components) if isinstance(components, Mapping) else list(components)
    return _interaction(5, app_id, guild_id, channel_id, user, permissions=permissions,
                        data={"custom_id": custom_id, "components": rows}, channel_obj=channel, roles=roles,
                        locale=locale, message_obj=message)


_counter = itertools.count(1)


def session_id() -> str:
    """A fresh gateway session id."""
    return f"fake-session-{next(_counter)}-{secrets.token_hex(4)}"


# ------------------------------------------------------------------ real shapes, optional fields left out
# Discord's documentation marks these fields optional, and its own examples leave them out; the
# builders above always fill them in. These shapes are what a bot must survive.

#: Message types (https://discord.com/developers/docs/resources/message#message-object-message-types).
DEFAULT_MESSAGE, CHANNEL_PINNED_MESSAGE, THREAD_CREATED_MESSAGE, REPLY_MESSAGE = 0, 6, 18, 19
THREAD_STARTER_MESSAGE = 21
HAS_THREAD = 1 << 5  # message flag: a thread was started from this message


def without(payload: Mapping[str, Any], *paths: str) -> dict:
    """A deep copy of ``payload`` with each dotted path removed (``"member.flags"``)."""
    out = copy.deepcopy(dict(payload))
    for path in paths:
        *parents, last = path.split(".")
        node: Any = out
        for key in parents:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(last, None)
    return out


def documented_interaction(interaction: Mapping[str, Any]) -> dict:
    """An interaction as in Discord's "Example Interaction": only the deprecated top-level
    ``channel_id`` (no ``channel`` object), no ``attachment_size_limit``, ``context``,
    ``guild``, ``entitlements`` or ``authorizing_integration_owners``, and members without
    ``flags`` (and the old ``is_pending`` beside ``pending``)."""
    out = without(interaction, "channel", "attachment_size_limit", "context", "guild", "entitlements",
                  "entitlement_sku_ids", "authorizing_integration_owners", "member.flags", "member.banner",
                  "member.unusual_dm_activity_until", "message.member.flags")
    if "member" in out:
        out["member"]["is_pending"] = out["member"].get("pending", False)
    return out


def label_components(values: Mapping[str, str]) -> list[dict]:
    """Modal-submit components as sent for modals built from Label components (type 18): each
    label wraps one text input (type 4), and every component carries its numeric ``id``."""
    out, ids = [], itertools.count(1)
    for cid, value in values.items():
        out.append({"type": 18, "id": next(ids), "component": {"type": 4, "id": next(ids), "custom_id": cid,
                                                               "value": value}})
    return out


def thread_member(thread_id: int | str, user_id: int | str) -> dict:
    """A thread member object (in THREAD_CREATE for the current user)."""
    return {"id": str(thread_id), "user_id": str(user_id), "join_timestamp": now_iso(), "flags": 0}


def thread_create(thread_obj: Mapping[str, Any], *, member_user_id: int | str | None = None,
                  newly_created: bool = True) -> dict:
    """The ``d`` of THREAD_CREATE: the thread, ``newly_created`` when it was just made, and the
    current user's thread ``member`` when it is in the thread."""
    out = dict(thread_obj)
    if newly_created:
        out["newly_created"] = True
    if member_user_id is not None:
        out["member"] = thread_member(out["id"], member_user_id)
    return out


def thread_starter_update(message_obj: Mapping[str, Any], thread_obj: Mapping[str, Any]) -> dict:
    """MESSAGE_UPDATE sent for a message when a thread is started from it: the whole message, not
    edited, with the HAS_THREAD flag and the ``thread``."""
    out = copy.deepcopy(dict(message_obj))
    out.update(flags=int(out.get("flags") or 0) | HAS_THREAD, thread=dict(thread_obj))
    return out


def pin_update(message_obj: Mapping[str, Any]) -> dict:
    """MESSAGE_UPDATE sent when a message is pinned: the whole message with ``pinned`` true;
    ``edited_timestamp`` is whatever it was (None unless the author edited it before)."""
    out = copy.deepcopy(dict(message_obj))
    out["pinned"] = True
    return out


def embed_update(message_obj: Mapping[str, Any], *, partial: bool = False) -> dict:
    """MESSAGE_UPDATE for a link preview (an embed added by Discord). Today: the whole message,
    not edited. ``partial``: the older gateway shape with only id, channel_id, guild_id and embeds
    (no ``type``, no ``content``, no ``author``)."""
    embed = {"type": "link", "url": "https://example.com/hype", "title": "Hype cycles", "description": "A preview"}
    if partial:
        out = {"id": message_obj["id"], "channel_id": message_obj["channel_id"], "embeds": [embed]}
        if "guild_id" in message_obj:
            out["guild_id"] = message_obj["guild_id"]
        return out
    out = copy.deepcopy(dict(message_obj))
    out["embeds"] = [embed]
    return out


def system_message(channel_id: int | str, author: Mapping[str, Any], type: int, *, guild_id: int | str | None = None,
                   content: str = "", message_reference: Mapping[str, Any] | None = None) -> dict:
    """A system message (a pin notice, "started a thread"...): its author is the member who
    caused it, its content is empty or a thread name."""
    out = message(channel_id, author, content, guild_id=guild_id)
    out["type"] = type
    if message_reference is not None:
        out["message_reference"] = dict(message_reference)
    return out


def webhook_message(channel_id: int | str, webhook_id: int | str, name: str, content: str, *,
                    guild_id: int | str | None = None) -> dict:
    """A message posted through a webhook: the author is the webhook (a user object with the
    webhook's id and name, ``bot`` true), ``webhook_id`` is set, and there is no ``member``."""
    author = user(webhook_id, name, bot=True)
    author["discriminator"] = "0000"
    out = message(channel_id, author, content, guild_id=guild_id, webhook_id=webhook_id)
    out.pop("member", None)
    return out
