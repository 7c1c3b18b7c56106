"""The core service: every use case, platform-neutral. Adapters call ``handle``.

The service is synchronous (SQLite commits are short); the runtime calls it from the
one asyncio loop that owns the scheduler and the adapters.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Callable

from bot import catalog
from bot.actions import Action, Button, Reply
from bot.admin import AdminUseCases
from bot.answering import AnswerUseCases
from bot.clock import Clock
from bot.commands import MAX_ID, Command, CommandError, member_token, parse, parse_int
from bot.domain import Group, MemberRef, Round
from bot.events import (AnswerSubmitted, ButtonClicked, CommandInvoked, Event, FormSubmitted, MessageDeleted,
                        MessageEdited, Origin, ThreadReply)
from bot.prompt_library import BUILTIN_PROMPTS
from bot.reading import ReadingUseCases
from bot.rounds import RoundUseCases
from bot.timing import period_of
from storage.store import Store

log = logging.getLogger("hindsight.service")


@dataclass(frozen=True)
class Ctx:
    """The resolved context of an event: the group (if the channel is bound) and the member."""

    origin: Origin
    group: Group | None
    member_id: int
    lang: str
    is_admin: bool


class Hindsight(RoundUseCases, AnswerUseCases, ReadingUseCases, AdminUseCases):
    grace = timedelta(hours=12)

    def __init__(self, store: Store, clock: Clock, *, default_language: str = "en", seed: bool = True) -> None:
        self.store = store
        self.clock = clock
        self.default_language = default_language
        self.schedule_changed: Callable[[int], None] | None = None
        if seed:  # read-only commands pass seed=False: they never write (DESIGN.md, Trust rules)
            store.seed_builtins(BUILTIN_PROMPTS, clock.now())

    # helpers ------------------------------------------------------------
    def t(self, lang: str, key: str, **kw) -> str:
        return catalog.t(lang, key, **kw)

    def ctx(self, origin: Origin) -> Ctx:
        channel = self.store.channel_by_ref(origin.channel)
        group = self.store.group(channel.group_id) if channel else None
        member_id = self.store.member_id(origin.member)
        is_admin = origin.platform_admin or (group is not None and self.store.is_admin(group.id, member_id))
        lang = group.language if group else self.default_language
        return Ctx(origin, group, member_id, lang, is_admin)

    def ctx_for_round(self, ctx: Ctx, round_id: int) -> Ctx:
        """A click from a DM (a reminder's buttons) acts in the round's group, if the member
        belongs to it: they answered or skipped lately, or they are one of its admins."""
        rnd = self.store.round(round_id)
        group = self.store.group(rnd.group_id) if rnd else None
        if group is None:
            return ctx
        admin = self.store.is_admin(group.id, ctx.member_id)
        if not admin and ctx.member_id not in set(self.store.roster(group.id, rnd.period)):
            return ctx
        return Ctx(ctx.origin, group, ctx.member_id, group.language, admin)

    def current_round(self, group: Group) -> Round | None:
        """The open round that answers go to: the one of the current period, else an older one
        still open. A round for a future period (opened while the clock was wrong) is not it."""
        return self.store.open_round(group.id, up_to=period_of(self.clock.now(), group.timezone))

    def resolve_member(self, ctx: Ctx, word: str, *, create: bool = False) -> tuple[int | None, list[Action]]:
        """Who a command names: (member id, []) or (None, what to tell the asker).

        A mention names a platform id for certain (``create``: a member the database has not
        seen yet gets a row). A bare name or id counts only if it names exactly one member of
        the group; with several, the asker is shown them to pick one by mention."""
        ref = member_token(word)
        if ref is None or ctx.group is None:
            return None, self.say(ctx, "member_not_found", name=word[:40])
        me = ctx.origin.member
        if ref.mention:
            found = self.store.member_by_user_id(me.platform, ref.value, me.workspace)
            if found is None and create:
                found = self.store.member_id(MemberRef(me.platform, me.workspace, ref.value, ref.label or ref.value))
            if found is None:
                return None, self.say(ctx, "member_not_found", name=ref.value[:40])
            return found, []
        rows = self.store.find_members(ctx.group.id, me.platform, ref.value)
        if len(rows) == 1:
            return rows[0]["id"], []
        if not rows:
            return None, self.say(ctx, "member_not_found", name=ref.value[:40])
        choices = "\n".join(f"• {r['display_name'][:40]} ({r['platform']} {r['user_id']})" for r in rows[:10])
        return None, self.say(ctx, "member_ambiguous", name=ref.value[:40], choices=choices)

    def say(self, ctx: Ctx, key: str, *, buttons: tuple[Button, ...] = (), public: bool = False,
            handed_back: str | None = None, **kw) -> list[Action]:
        return [Reply(self.t(ctx.lang, key, **kw), buttons=buttons, public=public, handed_back=handed_back)]

    # dispatch -----------------------------------------------------------
    def handle(self, event: Event) -> list[Action]:
        """Handle one inbound event and return what to show its author.

        A write that still finds the database locked after the busy timeout (anywhere: a new
        member's row, a setting) is never acknowledged: the person is told nothing was saved,
        with their text handed back, and the process goes on."""
        try:
            return self._handle(event)
        except sqlite3.OperationalError as exc:
            log.warning("%s not handled, database busy: %s", type(event).__name__, exc)
            text = getattr(event, "text", None) if not isinstance(event, CommandInvoked) else None
            lang = self.default_language
            reason = self.t(lang, "busy_not_saved")
            if isinstance(text, str) and text.strip():
                return [Reply(self.t(lang, "answer_rejected", reason=reason, text=text), handed_back=text,
                              status="rejected", reason=reason)]
            return [Reply(reason, status="rejected", reason=reason)]

    def _handle(self, event: Event) -> list[Action]:
        if isinstance(event, MessageDeleted) and not event.author_known:
            author = self.author_of_message(event.origin.member.platform, event.message_ref)
            if author is None:
                return []  # not an answer's message: nothing to withdraw, no member row
            event = replace(event, origin=replace(event.origin, member=author), author_known=True)
        if not self.relevant(event):
            return []  # ordinary chat in a channel the bot can read: no rows, no reply
        ctx = self.ctx(event.origin)
        if isinstance(event, CommandInvoked):
            return self.run_command(ctx, event.text)
        if isinstance(event, AnswerSubmitted):
            return self.submit_answer(ctx, event)
        if isinstance(event, ThreadReply):
            return self.thread_reply(ctx, event)
        if isinstance(event, MessageEdited):
            return self.message_edited(ctx, event)
        if isinstance(event, MessageDeleted):
            return self.message_deleted(ctx, event)
        if isinstance(event, ButtonClicked):
            return self.button(ctx, event)
        if isinstance(event, FormSubmitted):
            return self.form_submitted(ctx, event)
        raise TypeError(f"unknown event {type(event).__name__}")

    def relevant(self, event: Event) -> bool:
        platform = event.origin.member.platform
        if isinstance(event, (ThreadReply, MessageEdited, MessageDeleted)) \
                and self.store.channel_by_ref(event.origin.channel) is None:
            return False  # chat in a channel bound to no group: no member row, nothing stored
        if isinstance(event, ThreadReply):
            return self.store.round_by_post_ref(platform, event.thread_ref) is not None
        if isinstance(event, (MessageEdited, MessageDeleted)):
            return self.store.answer_by_message(platform, event.message_ref) is not None
        return True

    def run_command(self, ctx: Ctx, text: str) -> list[Action]:
        try:
            cmd = parse(text)
        except CommandError as err:
            return self.say(ctx, err.key, **err.kwargs)
        if cmd.name == "help":
            return self.help(ctx)
        if cmd.name == "setup":
            return self.setup(ctx, cmd)
        if ctx.group is None:
            return self.say(ctx, "not_setup")
        if cmd.admin_only and not ctx.is_admin:
            return self.say(ctx, "admins_only", command=cmd.name)
        handler: Callable[[Ctx, Command], list[Action]] = getattr(self, "cmd_" + cmd.name.replace("-", "_"))
        return handler(ctx, cmd)

    def help(self, ctx: Ctx) -> list[Action]:
        text = self.t(ctx.lang, "help")
        if ctx.is_admin:
            text += "\n\n" + self.t(ctx.lang, "help_admin")
        buttons: tuple[Button, ...] = ()
        if ctx.group:
            rnd = self.current_round(ctx.group)
            if rnd:
                buttons = self.answer_buttons(ctx.lang, rnd, with_scores=False)
            buttons += (Button("hs:digest:latest", self.t(ctx.lang, "btn_latest_digest")),
                        Button("hs:history", self.t(ctx.lang, "btn_history")))
        return [Reply(text, buttons=buttons)]

    def button(self, ctx: Ctx, event: ButtonClicked) -> list[Action]:
        parts = event.action.split(":")
        if len(parts) < 2 or parts[0] != "hs":
            return self.say(ctx, "unknown_button")
        kind, args = parts[1], parts[2:]
        if kind == "digest":
            return self.run_command(ctx, "digest latest")
        if kind == "history":
            return self.run_command(ctx, "history")
        parsed = [parse_int(a, 0, MAX_ID) for a in args]
        if None in parsed:
            return self.say(ctx, "unknown_button")
        nums = [n for n in parsed if n is not None]

        if ctx.group is None and kind in ("answer", "skip", "score") and nums:
            ctx = self.ctx_for_round(ctx, nums[0])
        if ctx.group is None:
            return self.say(ctx, "not_setup")
        if kind == "answer" and len(nums) == 1:
            return self.answer_form(ctx, nums[0])
        if kind == "skip" and len(nums) == 1:
            return self.skip(ctx, nums[0])
        if kind == "score" and len(nums) == 2:
            return self.score(ctx, nums[0], nums[1], event.event_id)
        if kind in ("open", "settings", "forget") and not (kind == "forget" or ctx.is_admin):
            return self.say(ctx, "admins_only", command=kind)
        if kind == "open":
            return self.cmd_open(ctx, None)
        if kind == "settings":
            return self.settings_form(ctx)
        if kind == "forget" and nums == [ctx.member_id]:
            return self.forget(ctx)
        return self.say(ctx, "unknown_button")
