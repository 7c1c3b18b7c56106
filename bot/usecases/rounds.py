"""The weekly cycle: choose a prompt, open, remind, close, and catch up after downtime.

Everything here works from the rounds table, so it is exactly once through restarts,
repeated cron fires and two processes on one file (ARCHITECTURE.md, "Exactly once").
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot import holidays_rule
from bot.context import Deps
from bot.domain import Group, Prompt, Round
from bot.results import Outcome, ReminderDue
from bot.usecases.clock_guard import tick_allowed
from bot.usecases.revisits import run_due_revisits
from bot.timing import add_months, close_after, last_fire, period_of, shift_period
from storage.db import write

log = logging.getLogger("hindsight.rounds")
LATE_AFTER = timedelta(minutes=5)


def choose_prompt(deps: Deps, group: Group) -> Prompt:
    """The prompt an admin asked for with ``prompts next ID``, if any; else anchors first, then
    library order, then the group's own; no prompt repeats until every active prompt has been
    used (the least-used prompt wins, ties by order)."""
    if group.next_prompt_id is not None:  # only while it is in the rotation: a removed one is never asked
        chosen = deps.store.prompts.for_group(group.id, group.next_prompt_id)
        if chosen is not None:
            return chosen
    prompts = deps.store.prompts.active(group.id) or deps.store.prompts.active(None)
    used = deps.store.prompts.use_counts(group.id)
    return min(prompts, key=lambda p: used.get(p.id, 0))  # min is stable: first of the least used


def current_round(deps: Deps, group: Group) -> Round | None:
    """The open round that answers go to: the one of the current period, else an older one
    still open. A round for a future period (opened while the clock was wrong) is not it."""
    return deps.store.rounds.find_open(group.id, up_to=period_of(deps.clock.now(), group.timezone))


def open_round(deps: Deps, group: Group, scheduled: datetime | None = None, *,
               period: str | None = None) -> Round | None:
    """Open the round of the period of ``scheduled`` (or now), or of ``period`` when a public
    holiday moved the prompt time (bot/holidays_rule.py). None if it exists already."""
    now = deps.clock.now()
    when = scheduled or now
    period = period or period_of(when, group.timezone)
    if period > shift_period(period_of(now, group.timezone), 1):
        log.warning("not opening a round of group %s for %s: more than one period ahead of now (%s)",
                    group.name, period, now.isoformat())
        return None
    if deps.store.rounds.for_period(group.id, period):
        return None
    older = deps.store.rounds.find_open(group.id, up_to=period)
    if older and older.period < period:
        close_round(deps, older, late=False)
    prompt = choose_prompt(deps, group)
    with write(deps.store.db):  # the round, its posts and the used "prompts next": all or nothing
        rnd = deps.store.rounds.insert(
            group.id, period, prompt.id, now, close_after(group.schedule, group.timezone, when),
            anonymous=group.anonymous, due_at=due_after(when, prompt, group.timezone),
        )
        if rnd and group.next_prompt_id is not None:
            deps.store.groups.update(group.id, next_prompt_id=None)  # asked once, then rotation resumes
    if rnd:
        log.info("opened round %s of group %s (period %s)", rnd.id, group.name, period)
    return rnd


def due_after(asked: datetime, prompt: Prompt, timezone: str) -> datetime | None:
    """When a prediction or call round falls due: its prompt time plus the horizon, in calendar
    months in the group's timezone (the 31st becomes the month's last day)."""
    if prompt.kind not in ("prediction", "call") or not prompt.horizon_months:
        return None
    return add_months(asked, prompt.horizon_months, timezone)


def close_round(deps: Deps, rnd: Round, *, late: bool) -> bool:
    closed = deps.store.rounds.close(rnd.id, deps.clock.now(), late)
    if closed:
        log.info("closed round %s (period %s)%s", rnd.id, rnd.period, " late" if late else "")
    return closed


def run_due(deps: Deps) -> list[Outcome]:
    """Work out from the rounds table what is due now, and do it exactly once.

    Called at start (catch-up), on every scheduler tick and by the cron jobs. Returns the
    reminder DMs to send; prompt and digest posts go through the outbox.
    """
    now = deps.clock.now()
    if not tick_allowed(deps, now):  # one clock for every process on the file
        return []
    for rnd in deps.store.rounds.due_to_close(now):
        close_round(deps, rnd, late=now - rnd.closes_at > LATE_AFTER)
    out: list[Outcome] = []
    for group in deps.store.groups.all():
        if group.paused:
            continue
        s = group.schedule
        fired = last_fire(s.prompt_day, s.prompt_time, group.timezone, now)
        # On a public holiday the week's round opens later, or not at all (holidays=KR [skip]).
        opens: datetime | None = fired
        if holidays_rule.holiday_at(fired, group.timezone, group.holidays):
            opens = holidays_rule.prompt_time(fired, group.timezone, group.holidays,
                                              close_after(s, group.timezone, fired))
        period = period_of(fired, group.timezone)
        if (opens is not None and opens <= now and now - opens <= deps.grace
                and not deps.store.rounds.for_period(group.id, period)):
            open_round(deps, group, scheduled=opens, period=period)
        out += due_reminders(deps, group, now)
    out += run_due_revisits(deps, now)
    for group in deps.store.groups.all():
        # A group made anonymous outside a command (the config file at start) hides its open round too.
        open_now = current_round(deps, group) if group.anonymous else None
        if open_now is not None and not open_now.anonymous:
            deps.store.rounds.make_open_anonymous(group.id)
    return out


def due_reminders(deps: Deps, group: Group, now: datetime) -> list[ReminderDue]:
    s = group.schedule
    rnd = current_round(deps, group)
    if rnd is None or rnd.reminded_at or s.remind_day is None or not s.remind_time:
        return []
    fired = last_fire(s.remind_day, s.remind_time, group.timezone, now)
    # No DM on a public holiday: it waits for the next working day, if the round is still open then.
    sends = holidays_rule.remind_time(fired, group.timezone, group.holidays, rnd.closes_at)
    if sends is None or not (rnd.opened_at <= fired < rnd.closes_at and sends <= now and now - sends <= deps.grace):
        return []
    return remind(deps, group, rnd)


def remind(deps: Deps, group: Group, rnd: Round) -> list[ReminderDue]:
    """DM every member of the roster who has neither answered nor skipped. Once per round."""
    store = deps.store
    if not store.rounds.mark_reminded(rnd.id, deps.clock.now()):
        return []
    prompt = store.prompts.get(rnd.prompt_id)
    out: list[ReminderDue] = []
    channels = store.channels.of_group(group.id)
    members = set(store.answers.roster(group.id, rnd.period)) | {
        store.members.ensure(a) for a in store.admins.of_group(group.id)}
    for member_id in sorted(members - store.participation.away_ids(group.id, rnd.period)):  # away: no DM
        if store.answers.of(rnd.id, member_id) or store.answers.has_skipped(rnd.id, member_id):
            continue
        ref = store.members.get(member_id)
        if ref:
            home = next((c.ref for c in channels if (c.ref.platform, c.ref.workspace) == (ref.platform, ref.workspace)),
                        None)
            out.append(ReminderDue(ref, group, rnd, prompt, home))
    log.info("reminding %d member(s) in group %s", len(out), group.name)
    return out
