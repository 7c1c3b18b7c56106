"""``hindsight demo``: a year of a sample five-person founders' group, built in seconds.

Everything goes through the real use cases, as the console would send it: commands
(``prompts next``, ``answer 3 because…``, ``answer 70% because…``, ``skip``, ``away until``,
``settings anonymous=yes``, ``resolve``, ``grade``), plain answers, score-button clicks, and
the scheduler's ``run_due`` on a simulated clock that walks through every Monday prompt,
Friday reminder and Sunday close of the 52 weeks before now. Posts are marked delivered to the
console channel as they are made, so a console opened on the file later starts quietly with
this week's round open. The content is bot/demo_script.py.

The file is built under a temporary name next to the target and renamed into place at the
end (bot/safe_files.py ``staged``), so an interrupted or failed build leaves nothing half-made
at PATH and an earlier demo there as it was. An earlier file is replaced only when no process
has it open (``in_use``). While building, commits are
not fsynced one by one (the file is not anyone's until it is renamed); it is checkpointed and
closed before the rename.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bot import demo_script as script
from bot import safe_files
from bot import ids
from bot.actions import Action, AnswerStatus, PostResult, Reply
from bot.clock import FakeClock
from bot.domain import Group, MemberRef, Round
from bot.events import AnswerSubmitted, ButtonClicked, CommandInvoked, Event, Origin
from bot.service import Hindsight
from bot.usecases.console import CONSOLE_CHANNEL, ensure_console_group
from storage.db import DatabaseError, connect, file_uri
from storage.store import Store

DEFAULT_PATH = "hindsight-demo.db"
WEEK = timedelta(weeks=1)
# The console group's default schedule (UTC): prompt Monday 09:00, reminder Friday 18:00,
# close Sunday 18:00. The builder checks the new group has it.
PROMPT_AT = timedelta(hours=9)
REMIND_AT = timedelta(days=4, hours=18)
CLOSE_AT = timedelta(days=6, hours=18)
SUFFIXES = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class DemoSummary:
    path: Path
    group: str
    rounds: int  # closed
    answers: int
    members: int
    forecasts: int  # prediction answers with a probability
    resolved: int  # predictions resolved by the admin
    graded: int  # calls graded by their authors
    seconds: float


class DemoFailed(RuntimeError):
    """A use case refused what the script asked of it: the demo and the core disagree."""


def is_earlier_demo(path: Path) -> bool:
    """True for a file ``hindsight demo`` made (a Hindsight database whose console group has
    the demo's own predictions); False for anything else, including a file that is not SQLite.
    Opened through an escaped URI (``real#1.db`` is that file, never ``real``), read-only and
    immutable: the look creates no -shm and takes no lock (a demo file is checkpointed whole)."""
    conn = sqlite3.connect(file_uri(str(path), mode="ro", immutable="1"), uri=True)
    try:
        first_en = next(iter(script.OWN_PREDICTIONS.values()))[0]
        found = conn.execute(
            "SELECT 1 FROM prompts p JOIN groups g ON g.id = p.group_id WHERE g.name = 'console' AND p.text_en = ?",
            (first_en,)).fetchone()
        return found is not None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


class DemoInUse(RuntimeError):
    """Another process has the file open: replacing it would lose what that process saves."""


def in_use(path: Path) -> bool:
    """True when another connection has ``path`` open. Hindsight's connections are in WAL
    mode, and SQLite keeps a shared lock on a WAL database file for as long as a connection
    has it open, idle or not; so an exclusive lock (locking_mode=EXCLUSIVE, BEGIN EXCLUSIVE,
    no waiting) is refused exactly while some process has it open. Nothing is written."""
    if not path.exists():
        return False
    conn = sqlite3.connect(file_uri(str(path)), uri=True, timeout=0, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.Error as exc:
        return getattr(exc, "sqlite_errorcode", 0) & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
    finally:
        conn.close()


def _replace_if_free(tmp: Path, final: Path) -> None:
    """Just before the new file is renamed over ``final``: refuse if something opened the old
    one meanwhile, and remove the old file's companions (a -wal of the old file next to the
    new one would be read as the new one's)."""
    if in_use(final):
        raise DemoInUse(str(final))
    for suffix in SUFFIXES[1:]:
        Path(str(final) + suffix).unlink(missing_ok=True)


def remove_database(path: Path) -> None:
    """The file and its -wal, -shm and -journal companions, where they exist."""
    for suffix in SUFFIXES:
        Path(str(path) + suffix).unlink(missing_ok=True)


def week_start(at: datetime) -> datetime:
    """Monday 00:00 UTC of the ISO week of ``at``."""
    at = at.astimezone(timezone.utc)
    return datetime(at.year, at.month, at.day, tzinfo=timezone.utc) - timedelta(days=at.weekday())


def build(path: Path, now: datetime, *, language: str = "en") -> DemoSummary:
    """Build the demo year ending at ``now`` and put it at ``path``, replacing an earlier file
    there only if no process has it open (DemoInUse). Written through the safe writer: a
    failure (FileWriteFailed, DemoFailed...) leaves no new file and an earlier one as it was."""
    started = time.monotonic()
    with safe_files.staged(path, before_replace=_replace_if_free, diagnose=(DemoFailed, DatabaseError)) as tmp:
        store = Store(connect(tmp))
        try:
            store.db.execute("PRAGMA synchronous=OFF")  # a file nobody has yet: see the module docstring
            year = _Year(store, now, language)
            year.run()
            counts = count(store, year.group.id)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            store.close()
        if Path(str(tmp) + "-wal").exists():  # closing checkpoints and removes it; be sure
            raise DemoFailed("the write-ahead log was not checkpointed")
    return DemoSummary(path=path, group=year.group.name, seconds=time.monotonic() - started, **counts)


def saved(out: list[Action], what: str) -> None:
    """The reply says the answer, score or skip was saved; DemoFailed otherwise."""
    statuses = [a.status for a in out if isinstance(a, Reply)]
    if not any(s in (AnswerStatus.SAVED, AnswerStatus.REPLACED, AnswerStatus.SKIPPED) for s in statuses):
        texts = " / ".join(a.text for a in out if isinstance(a, Reply))
        raise DemoFailed(f"{what} was not saved: {texts or 'no reply'}")


def count(store: Store, gid: int) -> dict[str, int]:
    """What was built, for the summary line."""
    db = store.db

    def one(sql: str) -> int:
        return int(db.execute(sql, (gid,)).fetchone()[0])

    return dict(
        rounds=one("SELECT COUNT(*) FROM rounds WHERE group_id = ? AND closed_at IS NOT NULL"),
        answers=one("SELECT COUNT(*) FROM answers a JOIN rounds r ON r.id = a.round_id WHERE r.group_id = ?"),
        members=one("SELECT COUNT(DISTINCT a.member_id) FROM answers a JOIN rounds r ON r.id = a.round_id"
                    " WHERE r.group_id = ?"),
        forecasts=one("SELECT COUNT(*) FROM answers a JOIN rounds r ON r.id = a.round_id"
                      " WHERE r.group_id = ? AND a.probability IS NOT NULL"),
        resolved=one("SELECT COUNT(*) FROM rounds WHERE group_id = ? AND outcome IS NOT NULL"),
        graded=one("SELECT COUNT(*) FROM answers a JOIN rounds r ON r.id = a.round_id"
                   " WHERE r.group_id = ? AND a.grade IS NOT NULL"),
    )


class _Year:
    """The simulated year: a fake clock, the service, and the script played week by week."""

    def __init__(self, store: Store, now: datetime, language: str) -> None:
        this_monday = week_start(now)
        self.end = now.astimezone(timezone.utc).replace(microsecond=0)
        self.first_monday = this_monday - len(script.YEAR) * WEEK
        self.clock = FakeClock(self.first_monday - timedelta(days=2))
        self.service = Hindsight(store, self.clock, default_language=language)
        self.store = store
        group, _ = ensure_console_group(store, self.clock.now(), language)
        s = group.schedule
        if (group.timezone, s.prompt_day, s.prompt_time, s.close_day, s.close_time) != ("UTC", 0, "09:00", 6, "18:00"):
            raise DemoFailed(f"the console group's schedule is not the default one: {s}")
        self.group = group
        self.own_prompts: dict[str, int] = {}
        self.week_of_period: dict[str, script.Week] = {}
        self.handled_revisits: set[int] = set()
        self.seq = 0

    # driving the core ---------------------------------------------------------------------
    def origin(self, name: str) -> Origin:
        return Origin(MemberRef(CONSOLE_CHANNEL.platform, CONSOLE_CHANNEL.workspace, name, name), CONSOLE_CHANNEL,
                      platform_admin=name == script.ADMIN)

    def event_id(self) -> str:
        self.seq += 1
        return f"demo-{self.seq}"

    def send(self, event: Event) -> list[Action]:
        out = self.service.handle(event)
        self.deliver()
        return out

    def command(self, name: str, text: str) -> list[Action]:
        return self.send(CommandInvoked(self.origin(name), text))

    def tick(self, at: datetime) -> None:
        """What the scheduler does at ``at``: catch up, remind, queue revisits, deliver."""
        self.clock.set(at)
        self.service.run_due()  # reminders and grade requests are private messages: not kept
        self.deliver()

    def deliver(self) -> None:
        """The outbox, marked posted to the console channel (the console prints nothing of it later)."""
        for post in self.service.claim_posts({CONSOLE_CHANNEL.platform}):
            self.service.post_delivered(post.post_id, PostResult(message_id=f"demo-post-{post.post_id}"))

    def current(self) -> Round:
        for rnd in self.store.rounds.of_group(self.group.id):
            if rnd.is_open:
                return rnd
        raise DemoFailed(f"no open round at {self.clock.now().isoformat()}")

    # the script ---------------------------------------------------------------------------
    def run(self) -> None:
        self.setup()
        for k, week in enumerate(script.YEAR):
            self.play_week(k, week)
        self.open_week()

    def setup(self) -> None:
        """The Saturday before the first week: the group's own 6-month predictions."""
        self.clock.set(self.first_monday - timedelta(days=2) + timedelta(hours=11))
        for key, (en, ko) in script.OWN_PREDICTIONS.items():
            self.command(script.ADMIN, f"prompts add prediction 6m {en} | {ko}")
            found = [p.id for p in self.store.prompts.active(self.group.id) if p.text_en == en]
            if not found:
                raise DemoFailed(f"the prompt {key} was not added")
            self.own_prompts[key] = found[0]

    def prompt_ref(self, key: str) -> str:
        return str(self.own_prompts[key]) if key in self.own_prompts else key

    def before_week(self, monday: datetime, week: script.Week) -> None:
        """Sunday evening: the admin picks the next prompt (and turns anonymity on for it)."""
        self.clock.set(max(self.clock.now(), monday - timedelta(hours=14)))
        self.command(script.ADMIN, f"prompts next {self.prompt_ref(week.prompt)}")
        group = self.store.groups.get(self.group.id)
        if group is None or group.next_prompt_id is None:
            raise DemoFailed(f"prompts next {week.prompt} was refused")
        if week.anonymous:
            self.command(script.ADMIN, "settings anonymous=yes")

    def play_week(self, k: int, week: script.Week) -> None:
        monday = self.first_monday + k * WEEK
        self.before_week(monday, week)
        self.tick(monday + PROMPT_AT)
        rnd = self.current()
        self.week_of_period[rnd.period] = week
        if week.anonymous:
            self.clock.set(monday + timedelta(hours=10))
            self.command(script.ADMIN, "settings anonymous=no")  # from the next round on
            if not (self.store.rounds.get(rnd.id) or rnd).anonymous:
                raise DemoFailed(f"round {rnd.period} did not open anonymous")
        self.clock.set(monday + timedelta(hours=11))
        self.settle_revisits()
        for at, name, entry in self.timeline(k, monday, week):
            self.clock.set(at)
            self.act(name, entry, rnd)
            if name == script.AWAY_MEMBER and k == script.AWAY_FROM_WEEK:
                until = (monday + script.AWAY_WEEKS * WEEK).date()
                self.go_away(name, until)
        self.tick(monday + REMIND_AT)
        self.tick(monday + CLOSE_AT)

    def timeline(self, k: int, monday: datetime, week: script.Week) -> list[tuple[datetime, str, script.Entry]]:
        """When each member answers: spread from Monday noon to Friday afternoon, varying by week."""
        out = []
        for i, (name, entry) in enumerate(zip(script.MEMBERS, week.answers)):
            if entry is None and not (name == script.AWAY_MEMBER and k == script.AWAY_FROM_WEEK):
                continue
            minutes = (k * 389 + i * 1061) % (100 * 60)  # within 100 hours
            out.append((monday + timedelta(hours=12, minutes=minutes), name, entry))
        return sorted(out, key=lambda item: item[0])

    def act(self, name: str, entry: script.Entry, rnd: Round) -> None:
        if entry is None:
            return
        if isinstance(entry, script.Click):
            action = ids.encode(ids.ScoreButton(round_id=rnd.id, score=entry.score))
            saved(self.send(ButtonClicked(self.origin(name), action, self.event_id())), f"{name}'s score")
        elif entry == script.SKIP:
            saved(self.command(name, "skip"), f"{name}'s skip")
        elif self.kind_of(rnd) in ("scale", "prediction"):
            saved(self.command(name, f"answer {entry}"), f"{name}'s answer in {rnd.period}")
        else:  # a line typed in the console is an answer
            event = AnswerSubmitted(self.origin(name), entry, "console", self.event_id())
            saved(self.send(event), f"{name}'s answer in {rnd.period}")

    def kind_of(self, rnd: Round) -> str:
        prompt = self.store.prompts.get(rnd.prompt_id)
        return prompt.kind if prompt else "text"

    def go_away(self, name: str, until: date) -> None:
        self.command(name, f"away until {until.isoformat()}")
        member_id = self.store.members.ensure(self.origin(name).member)
        if member_id not in {int(a["member_id"]) for a in self.store.participation.away_in(self.group.id)}:
            raise DemoFailed(f"away until {until} was refused")

    def settle_revisits(self) -> None:
        """Monday late morning: the admin resolves the predictions that came back, and each
        author grades their own call."""
        for rnd in self.store.rounds.of_group(self.group.id):
            if rnd.revisited_at is None or rnd.id in self.handled_revisits:
                continue
            self.handled_revisits.add(rnd.id)
            week = self.week_of_period.get(rnd.period)
            if week is None:
                continue
            if week.outcome:
                self.command(script.ADMIN, f"resolve {rnd.period} {week.outcome}")
                if (self.store.rounds.get(rnd.id) or rnd).outcome != week.outcome:
                    raise DemoFailed(f"resolve {rnd.period} was refused")
            for name, grade in week.grades.items():
                self.clock.advance(minutes=17)
                self.command(name, f"grade {rnd.period} {grade}")

    def open_week(self) -> None:
        """This week: its round open (as the console's first start opens it) on the prompt the
        script wrote its answers for, two answers in. The last scripted week closed on Sunday
        18:00, after the usual Sunday-morning pick: the admin picks this week's prompt then.
        A demo that ends after this week's close keeps the round open: the clock stops there."""
        monday = week_start(self.end)
        self.before_week(monday, script.OPEN_WEEK)
        if monday + PROMPT_AT <= self.end:
            self.tick(monday + PROMPT_AT)
        self.tick(min(self.end, monday + CLOSE_AT - timedelta(minutes=1)))
        if not any(r.is_open for r in self.store.rounds.of_group(self.group.id)):
            group = self.store.groups.get(self.group.id)  # as it is now: with the prompt picked above
            self.service.open_round(group or self.group)
            self.deliver()
        rnd = self.current()
        asked = self.store.prompts.get(rnd.prompt_id)
        wanted = self.prompt_ref(script.OPEN_WEEK.prompt)
        if asked is None or wanted not in (asked.key, str(asked.id)):
            raise DemoFailed(f"the open round asks {asked.key if asked else None}, not {script.OPEN_WEEK.prompt}")
        for name, entry in zip(script.MEMBERS, script.OPEN_WEEK.answers):
            self.act(name, entry, rnd)
