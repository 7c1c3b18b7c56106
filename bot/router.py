"""The one place where inbound events find their use case.

``handle(deps, event)`` resolves who and where (``Ctx``), then looks the event up in one of
four tables: EVENTS by event type, COMMANDS by subcommand name, BUTTONS and FORMS by the
type of their decoded id (bot/ids.py). Grep a handler's name to find its one caller here.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from typing import Any, Callable, Sequence

from bot import catalog, ids
from bot.actions import Action, AnswerStatus, Button, DirectMessage, Reply
from bot.commands import ADMIN_SUBCOMMANDS, SUBCOMMANDS, Command, CommandError, parse
from bot.context import Ctx, Deps, GroupCtx
from bot.events import (AnswerSubmitted, ButtonClicked, CommandInvoked, Event, FormSubmitted, HomeOpened,
                        MessageDeleted, MessageEdited, Origin, ThreadReply)
from bot.present import answer_buttons, say
from bot.present.render import render
from bot.results import AnswerRefused, Outcome, Refusal
from bot.usecases import (answers, control, digests, group_settings, ledger, lookup, personal, prompts, revisits,
                          setup)
from bot.usecases import radar
from bot.usecases import charts
from bot.usecases import participation
from bot.usecases import home
from bot.usecases.rounds import current_round
from storage.db import cause_of

log = logging.getLogger("hindsight.router")

CommandHandler = Callable[[GroupCtx, Command], Sequence[Outcome]]
ButtonHandler = Callable[[GroupCtx, Any, "str | None"], Sequence[Outcome]]
FormHandler = Callable[[GroupCtx, Any, dict[str, str], "str | None"], Sequence[Outcome]]


# context ---------------------------------------------------------------------------------------
NOBODY = 0  # the member id of a person the database has no row for: it matches no row


def resolve(deps: Deps, origin: Origin) -> Ctx:
    """The event's group (if its channel is bound) and member.

    Nothing is stored about a person until they act in a bound channel: there their row is
    made on first sight. Anywhere else (an unbound channel, a DM, the App Home) an existing
    row is looked up, and a stranger is ``NOBODY``; ``setup`` makes the row when it binds."""
    store = deps.store
    channel = store.channels.by_ref(origin.channel)
    group = store.groups.get(channel.group_id) if channel else None
    member_id = store.members.ensure(origin.member) if group is not None else known_member(deps, origin)
    is_admin = origin.platform_admin or (group is not None and store.admins.is_admin(group.id, member_id))
    lang = group.language if group else deps.default_language
    if group is not None:
        return GroupCtx(deps, origin, group, member_id, lang, is_admin)
    return Ctx(deps, origin, None, member_id, lang, is_admin)


def known_member(deps: Deps, origin: Origin) -> int:
    """The member's row id if the database has them (in this very workspace), else NOBODY."""
    ref = origin.member
    found = deps.store.members.by_user_id(ref.platform, ref.user_id, ref.workspace)
    member = deps.store.members.get(found) if found is not None else None
    return found if found is not None and member is not None and member.workspace == ref.workspace else NOBODY


def in_round_group(ctx: Ctx, round_id: int) -> Ctx:
    """A click or form from a DM (a reminder's buttons, a call's grade buttons) acts in the
    round's group, if the member belongs to it: they answered or skipped that round itself
    (away or not), or lately, or they are one of its admins."""
    store = ctx.store
    rnd = store.rounds.get(round_id)
    group = store.groups.get(rnd.group_id) if rnd else None
    if rnd is None or group is None:
        return ctx
    admin = store.admins.is_admin(group.id, ctx.member_id)
    took_part = (store.answers.of(rnd.id, ctx.member_id) is not None
                 or store.answers.has_skipped(rnd.id, ctx.member_id))
    if not (admin or took_part or ctx.member_id in set(store.answers.roster(group.id, rnd.period))):
        return ctx
    return GroupCtx(ctx.deps, ctx.origin, group, ctx.member_id, group.language, admin)


# events ----------------------------------------------------------------------------------------
def handle(deps: Deps, event: Event) -> list[Action]:
    """Handle one inbound event and return what to show its author.

    A write that fails (anywhere: a new member's row, the answer, a setting) is never
    acknowledged: the person is told nothing was saved and why (busy, disk full, read-only,
    file too large, too many open files, the file changed underneath), with their text
    handed back whatever step failed, and the operator gets one log line without a traceback.
    The process goes on, except when the file changed (storage/guard.py stops it)."""
    try:
        return _handle(deps, event)
    except sqlite3.DatabaseError as exc:  # OperationalError: the file, the disk, the lock
        return refused(deps, event, exc)


def refused(deps: Deps, event: Event, exc: sqlite3.DatabaseError) -> list[Action]:
    cause = cause_of(exc, deps.store.db)
    if isinstance(exc, sqlite3.OperationalError):
        log.warning("%s not saved (%s): %s", type(event).__name__, cause, exc)
    else:  # a constraint or a damaged file: a fault to look into, with its traceback
        log.error("%s not saved: %s", type(event).__name__, exc, exc_info=exc)
    lang = _language(deps, event)
    reason = catalog.t(lang, "not_saved_" + cause)
    text = handed_back(event)
    if text:
        return [Reply(catalog.t(lang, "answer_rejected", reason=reason, text=text),
                      handed_back=text, status=AnswerStatus.REJECTED, reason=reason)]
    return [Reply(catalog.t(lang, "write_not_saved", reason=reason), status=AnswerStatus.REJECTED, reason=reason)]


def handed_back(event: Event) -> str | None:
    """The text a person typed, to give back when it could not be stored."""
    text: object = None
    if isinstance(event, (AnswerSubmitted, ThreadReply, MessageEdited)):
        text = event.text
    elif isinstance(event, FormSubmitted):
        text = event.values.get("answer") or event.values.get("reason")
    elif isinstance(event, CommandInvoked):
        try:
            cmd = parse(event.text)
        except CommandError:
            return None
        text = cmd.text if cmd.name == "answer" else None
    return answers.normalize(text) if isinstance(text, str) and text.strip() else None


def _language(deps: Deps, event: Event) -> str:
    """The channel's group language if it can still be read, else the default."""
    try:
        channel = deps.store.channels.by_ref(event.origin.channel)
        group = deps.store.groups.get(channel.group_id) if channel else None
    except sqlite3.Error:
        return deps.default_language
    return group.language if group else deps.default_language


def _handle(deps: Deps, event: Event) -> list[Action]:
    if isinstance(event, MessageDeleted) and not event.author_known:
        known = with_author(deps, event)
        if known is None:
            return []  # not an answer's message: nothing to withdraw, no member row
        # The adapter does not know whom to tell, so what the author is told goes by DM.
        return [DirectMessage(known.origin.member, a.text, channel=known.origin.channel) if isinstance(a, Reply) else a
                for a in _handle(deps, known)]
    if isinstance(event, HomeOpened) and not home.bound_channels(deps, event.origin.member.platform,
                                                                  event.origin.member.workspace):
        return render(deps.default_language, [home.not_set_up(deps, event.origin.member)])  # no member row
    if not relevant(deps, event):
        return []  # ordinary chat in a channel the bot can read: no rows, no reply
    ctx = resolve(deps, event.origin)
    # The rendering step: what the use case decided, in words of the group's language (a
    # button or form from a DM already came back rendered in its round's group's language).
    return render(ctx.lang, EVENTS[type(event)](ctx, event))


def with_author(deps: Deps, event: MessageDeleted) -> MessageDeleted | None:
    """A delete from a platform that does not say who wrote the message: its author is the
    member whose answer came from that message, if any."""
    unknown = event.origin.member
    ans = deps.store.answers.by_message(unknown.platform, event.message_ref)
    author = deps.store.members.get(ans["member_id"]) if ans else None
    if author is None or author.workspace != unknown.workspace:
        return None  # a message id is unique per platform workspace at most
    return replace(event, origin=replace(event.origin, member=author), author_known=True)


def relevant(deps: Deps, event: Event) -> bool:
    """Thread messages, edits and deletes matter only in a bound channel, on a prompt thread
    or a stored answer; anything else leaves no rows."""
    store, platform = deps.store, event.origin.member.platform
    if isinstance(event, (ThreadReply, MessageEdited, MessageDeleted)) \
            and store.channels.by_ref(event.origin.channel) is None:
        return False
    if isinstance(event, ThreadReply):
        # A sticker, a forwarded message or a bare file has no text: nothing to answer with.
        return bool(answers.normalize(event.text)) and store.rounds.by_post_ref(platform, event.thread_ref) is not None
    if isinstance(event, (MessageEdited, MessageDeleted)):
        return store.answers.by_message(platform, event.message_ref) is not None
    return True


def answer_submitted(ctx: Ctx, event: AnswerSubmitted) -> Sequence[Outcome]:
    if not isinstance(ctx, GroupCtx):
        text = answers.normalize(event.text) if isinstance(event.text, str) else ""
        return [AnswerRefused(Refusal.NOT_SET_UP, text)]
    return answers.submit_answer(ctx, event)


def in_group(handler: Callable[[GroupCtx, Any], Sequence[Outcome]]) -> Callable[[Ctx, Any], Sequence[Outcome]]:
    """Thread replies, edits and deletes only reach the core from a bound channel (relevant)."""
    def run(ctx: Ctx, event: Any) -> Sequence[Outcome]:
        return handler(ctx, event) if isinstance(ctx, GroupCtx) else []
    return run


def command_invoked(ctx: Ctx, event: CommandInvoked) -> Sequence[Outcome]:
    return run_command(ctx, event.text)


# commands --------------------------------------------------------------------------------------
def run_command(ctx: Ctx, text: str) -> Sequence[Outcome]:
    try:
        cmd = parse(text)
    except CommandError as err:
        return [Reply(catalog.t(ctx.lang, err.key, **err.kwargs))]
    if cmd.name == "help":
        return help_(ctx)
    if cmd.name == "setup":
        return setup.setup(ctx, cmd)
    if not isinstance(ctx, GroupCtx):
        return say(ctx, "not_setup")
    if cmd.admin_only and not ctx.is_admin:
        return say(ctx, "admins_only", command=cmd.name)
    return COMMANDS[cmd.name](ctx, cmd)


def help_text(lang: str, admin: bool) -> str:
    """The help, one catalog line per command (``help_cmd_<name>``), in the order of
    SUBCOMMANDS; an admin also sees the admin commands, under their own heading."""
    member = [catalog.t(lang, f"help_cmd_{name}") for name in SUBCOMMANDS if name not in ADMIN_SUBCOMMANDS]
    lines = [catalog.t(lang, "help_intro"), *member, catalog.t(lang, "help_footer")]
    if admin:
        lines += ["", catalog.t(lang, "help_admin_head"),
                  *(catalog.t(lang, f"help_cmd_{name}") for name in SUBCOMMANDS if name in ADMIN_SUBCOMMANDS)]
    return "\n".join(lines)


def help_(ctx: Ctx) -> list[Action]:
    text = help_text(ctx.lang, ctx.is_admin)
    buttons: tuple[Button, ...] = ()
    if ctx.group is not None:
        rnd = current_round(ctx.deps, ctx.group)
        if rnd:
            buttons = answer_buttons(ctx.lang, rnd, ctx.store.prompts.get(rnd.prompt_id), with_scores=False)
        buttons += (Button(ids.encode(ids.LatestDigestButton()), catalog.t(ctx.lang, "btn_latest_digest")),
                    Button(ids.encode(ids.HistoryButton()), catalog.t(ctx.lang, "btn_history")))
    return [Reply(text, buttons=buttons)]


COMMANDS: dict[str, CommandHandler] = {
    "answer": answers.cmd_answer,
    "skip": answers.cmd_skip,
    "digest": digests.cmd_digest,
    "search": lookup.cmd_search,
    "history": lookup.cmd_history,
    "link": setup.cmd_link,
    "settings": group_settings.cmd_settings,
    "prompts": prompts.cmd_prompts,
    "open": control.cmd_open,
    "close": control.cmd_close,
    "pause": control.cmd_pause,
    "resume": control.cmd_resume,
    "export": personal.cmd_export,
    "my-data": personal.cmd_my_data,
    "forget-me": personal.cmd_forget_me,
    "resolve": revisits.cmd_resolve,
    "grade": revisits.cmd_grade,
    "ledger": ledger.cmd_ledger,
    "stats": participation.cmd_stats,
    "away": participation.cmd_away,
    "radar": radar.cmd_radar,
    "chart": charts.cmd_chart,
}


# buttons and forms -----------------------------------------------------------------------------
def latest_digest_button(ctx: GroupCtx, button: ids.LatestDigestButton, event_id: str | None) -> Sequence[Outcome]:
    return run_command(ctx, "digest latest")


def history_button(ctx: GroupCtx, button: ids.HistoryButton, event_id: str | None) -> Sequence[Outcome]:
    return run_command(ctx, "history")


def ledger_button(ctx: GroupCtx, button: ids.LedgerButton, event_id: str | None) -> Sequence[Outcome]:
    return run_command(ctx, "ledger")


BUTTONS: dict[type, ButtonHandler] = {
    ids.AnswerButton: answers.answer_button,
    ids.SkipButton: answers.skip_button,
    ids.ScoreButton: answers.score_button,
    ids.OpenButton: control.open_button,
    ids.SettingsButton: group_settings.settings_button,
    ids.HolidaysButton: group_settings.holidays_button,
    ids.ForgetButton: personal.forget_button,
    ids.LatestDigestButton: latest_digest_button,
    ids.HistoryButton: history_button,
    ids.LedgerButton: ledger_button,
    ids.ProbabilityButton: answers.probability_button,
    ids.ResolveButton: revisits.resolve_button,
    ids.GradeButton: revisits.grade_button,
    ids.DigestButton: digests.digest_button,
}
ADMIN_BUTTONS: dict[type, str] = {ids.OpenButton: "open", ids.SettingsButton: "settings", ids.HolidaysButton: "settings",
                                  ids.ResolveButton: "resolve"}
ROUND_BUTTONS = (ids.AnswerButton, ids.SkipButton, ids.ScoreButton, ids.ProbabilityButton, ids.ResolveButton,
                 ids.GradeButton)  # a click from a DM acts in the round's group

FORMS: dict[type, FormHandler] = {
    ids.AnswerForm: answers.answer_form_submitted,
    ids.SettingsForm: group_settings.settings_form_submitted,
}
ADMIN_FORMS: dict[type, str] = {ids.SettingsForm: "settings"}


def button_clicked(ctx: Ctx, event: ButtonClicked) -> list[Action]:
    button = ids.decode_button(event.action)
    if button is None:
        return say(ctx, "unknown_button")
    if ctx.group is None and isinstance(button, ROUND_BUTTONS):
        ctx = in_round_group(ctx, button.round_id)
        if not isinstance(ctx, GroupCtx) and isinstance(button, (ids.ResolveButton, ids.GradeButton)):
            return say(ctx, "unknown_button")  # a revisit's DM button, of a round this member had no part in
    if not isinstance(ctx, GroupCtx):
        return say(ctx, "not_setup")
    admin_only = ADMIN_BUTTONS.get(type(button))
    if admin_only and not ctx.is_admin:
        return say(ctx, "admins_only", command=admin_only)
    return render(ctx.lang, BUTTONS[type(button)](ctx, button, event.event_id))


def form_submitted(ctx: Ctx, event: FormSubmitted) -> list[Action]:
    form = ids.decode_form(event.form_id)
    if form is None:
        return say(ctx, "unknown_button")
    if ctx.group is None and isinstance(form, ids.AnswerForm):
        ctx = in_round_group(ctx, form.round_id)  # a form opened from a reminder DM
    if not isinstance(ctx, GroupCtx):
        return say(ctx, "not_setup")
    admin_only = ADMIN_FORMS.get(type(form))
    if admin_only and not ctx.is_admin:
        return say(ctx, "admins_only", command=admin_only)
    return render(ctx.lang, FORMS[type(form)](ctx, form, dict(event.values), event.event_id))


EVENTS: dict[type, Callable[[Ctx, Any], Sequence[Outcome]]] = {
    AnswerSubmitted: answer_submitted,
    ThreadReply: in_group(answers.thread_reply),
    MessageEdited: in_group(answers.message_edited),
    MessageDeleted: in_group(answers.message_deleted),
    CommandInvoked: command_invoked,
    ButtonClicked: button_clicked,
    FormSubmitted: form_submitted,
    HomeOpened: home.home_opened,
}
