"""One clock for every process on a file: when a process may act on rounds (open, close,
remind, revisit).

The database keeps a clock mark: the latest time at which a scheduler acted, by its own clock
(written with the heartbeat, bot/scheduler.py). Then:

- a process whose clock reads more than one period (a week) behind the mark never acts on
  rounds, so a clock set back cannot open an old week's round;
- a tick whose clock reads more than a week ahead of the mark (or of this process's own last
  tick) is held back; a second tick at least a minute later by real elapsed time, still that
  far ahead and not earlier than the held-back reading, confirms the jump and catch-up runs.
  This holds for the first tick of a fresh process too (a VM restored with a wrong clock);
  a file with no mark yet has nothing to compare with, and its first tick is trusted;
- a process whose clock ``HINDSIGHT_NOW`` fixes acts on no round while a live process serves
  the file: a ``run`` heartbeat under 90 s old, judged by real elapsed time (the system's
  monotonic clock, shared by processes of one boot), never by either process's wall clock when
  they can be compared that way. A live scheduler acts on every group of the file, so it
  serves them all. A fixed clock never moves the mark (its time is made up) and needs no
  confirmation of a jump it was told to make.

Commands that open or close a round ask ``refusal`` first; ``tick_allowed`` is the check of
each scheduler tick (``rounds.run_due``).
"""
from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone

from bot.clock import INSTANCE_ID, FixedClock, SystemClock, boot_id, iso, monotonic_of
from bot.context import Deps
from bot.health import HEARTBEAT_FRESH, HEARTBEAT_FUTURE
from storage.posts import Heartbeat

log = logging.getLogger("hindsight.rounds")
PERIOD = timedelta(days=7)  # behind the mark by more than this: never act
CLOCK_JUMP = timedelta(days=7)  # ahead of the mark or the last tick by more than this: wait for confirmation
CONFIRM_AFTER = 60.0  # seconds of real elapsed time before a second tick may confirm a jump
LIVE_ROLE = "run"  # the process role whose fresh heartbeat means the file is served


def live_server(deps: Deps) -> Heartbeat | None:
    """The heartbeat of another process serving the file (a fresh ``run`` heartbeat), or None."""
    beat = deps.store.heartbeat.get(LIVE_ROLE)
    if beat is None or beat.instance == INSTANCE_ID:
        return None  # none, or this process's own
    return beat if is_fresh(beat) else None


def is_fresh(beat: Heartbeat) -> bool:
    """Under 90 s old by real elapsed time: the monotonic clock when the writer ran on this
    boot, else the system's wall clock (never a clock HINDSIGHT_NOW fixes)."""
    if beat.mono is not None and beat.boot and beat.boot == boot_id():
        age = time.monotonic() - beat.mono
        return -1.0 <= age <= HEARTBEAT_FRESH.total_seconds()
    age_td = SystemClock().now() - beat.at
    return -HEARTBEAT_FUTURE <= age_td <= HEARTBEAT_FRESH


def refusal(deps: Deps) -> tuple[str, dict[str, str]] | None:
    """Why this process may not open, close or revisit a round now: a catalog key and its
    values; None when it may."""
    now = deps.clock.now()
    mark = deps.store.heartbeat.mark()
    found = _behind_or_served(deps, now, mark)
    if found is not None:
        return found
    ref = _reference(deps, mark)
    if not isinstance(deps.clock, FixedClock) and ref is not None and now - ref > CLOCK_JUMP:
        return "clock_ahead_unconfirmed", {"now": _show(now), "mark": _show(ref)}
    return None


def tick_allowed(deps: Deps, now: datetime) -> bool:
    """The clock check of a scheduler tick (``run_due``). False: this tick acts on no round."""
    ticks = deps.ticks
    mark = deps.store.heartbeat.mark()
    found = _behind_or_served(deps, now, mark)
    if found is not None:
        key, values = found
        if ticks.refused != key:
            ticks.refused = key
            log.warning("%s", _LOG[key].format(**values))
        return False
    ref = _reference(deps, mark)
    if not isinstance(deps.clock, FixedClock) and ref is not None and now - ref > CLOCK_JUMP:
        mono = monotonic_of(deps.clock)
        if ticks.held is None or not timedelta(0) <= now - ticks.held <= CLOCK_JUMP:
            ticks.held, ticks.held_mono, ticks.refused = now, mono, "clock_ahead_unconfirmed"
            log.warning("clock reads %s, more than a week past %s (when a scheduler last acted on this file): "
                        "this tick closes and opens nothing until a tick a minute later confirms the new time",
                        iso(now), iso(ref))
            return False
        if mono - ticks.held_mono < CONFIRM_AFTER:
            return False  # too soon to confirm; already said so
        log.warning("clock jump to %s confirmed: catching up", iso(now))
    if ticks.refused is not None:
        log.info("the clock check passes again at %s: acting on rounds", iso(now))
    ticks.last, ticks.held, ticks.refused = now, None, None
    return True


def _behind_or_served(deps: Deps, now: datetime, mark: datetime | None) -> tuple[str, dict[str, str]] | None:
    if mark is not None and mark - now > PERIOD:
        return "clock_behind_mark", {"now": _show(now), "mark": _show(mark)}
    if isinstance(deps.clock, FixedClock):
        live = live_server(deps)
        if live is not None:
            return "clock_fixed_served", {"now": _show(now), "pid": str(live.pid)}
    return None


def _reference(deps: Deps, mark: datetime | None) -> datetime | None:
    """What a jump is measured from: the later of the mark and this process's last tick."""
    known = [t for t in (mark, deps.ticks.last) if t is not None]
    return max(known) if known else None


def _show(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


_LOG = {
    "clock_behind_mark": "clock reads {now}, more than a week behind {mark} (when a scheduler last acted on this "
                         "file): this process acts on no round until its clock is right",
    "clock_fixed_served": "clock fixed by HINDSIGHT_NOW at {now}, and a live process (pid {pid}) serves this file: "
                          "this process acts on no round",
}
