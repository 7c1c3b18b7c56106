"""Schema, through sqlite-utils Migrations. Each migration runs in its own transaction.

Never edit a shipped migration: add a new one.
"""
from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("hindsight")


@migrations(name="0001_initial")
def initial(db: sqlite_utils.Database) -> None:
    for sql in _INITIAL:
        db.execute(sql)


_INITIAL = [
    """CREATE TABLE groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        timezone TEXT NOT NULL DEFAULT 'UTC',
        language TEXT NOT NULL DEFAULT 'en',
        prompt_day INTEGER NOT NULL DEFAULT 0,
        prompt_time TEXT NOT NULL DEFAULT '09:00',
        close_day INTEGER NOT NULL DEFAULT 6,
        close_time TEXT NOT NULL DEFAULT '18:00',
        remind_day INTEGER DEFAULT 4,
        remind_time TEXT DEFAULT '18:00',
        answer_limit INTEGER NOT NULL DEFAULT 500,
        anonymous INTEGER NOT NULL DEFAULT 0,
        paused INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE channels (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (platform, workspace, channel_id)
    )""",
    "CREATE INDEX idx_channels_group ON channels(group_id)",
    """CREATE TABLE members (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        user_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        UNIQUE (platform, workspace, user_id)
    )""",
    """CREATE TABLE group_admins (
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, member_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE link_codes (
        code TEXT PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
    )""",
    """CREATE TABLE prompts (
        id INTEGER PRIMARY KEY,
        group_id INTEGER REFERENCES groups(id) ON DELETE CASCADE,
        key TEXT UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('text', 'scale', 'prediction')),
        theme TEXT,
        text_en TEXT NOT NULL,
        text_ko TEXT NOT NULL,
        labels_en TEXT NOT NULL DEFAULT '[]',
        labels_ko TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0,
        removed INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE prompts_off (
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, prompt_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE rounds (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        prompt_id INTEGER NOT NULL REFERENCES prompts(id),
        opened_at TEXT NOT NULL,
        closes_at TEXT NOT NULL,
        closed_at TEXT,
        reminded_at TEXT,
        late INTEGER NOT NULL DEFAULT 0,
        UNIQUE (group_id, period)
    )""",
    "CREATE INDEX idx_rounds_open ON rounds(closed_at, closes_at)",
    """CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        score INTEGER,
        original_text TEXT NOT NULL,
        original_score INTEGER,
        source TEXT NOT NULL,
        message_ref TEXT,
        event_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (round_id, member_id)
    )""",
    "CREATE INDEX idx_answers_group ON answers(group_id, member_id)",
    "CREATE INDEX idx_answers_message ON answers(message_ref) WHERE message_ref IS NOT NULL",
    """CREATE TABLE skips (
        round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (round_id, member_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE seen_events (
        platform TEXT NOT NULL,
        event_id TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (platform, event_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE posts (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
        channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('prompt', 'digest')),
        status TEXT NOT NULL DEFAULT 'pending',
        message_id TEXT,
        thread_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        claimed_at TEXT,
        created_at TEXT NOT NULL,
        posted_at TEXT,
        UNIQUE (round_id, channel_id, kind)
    )""",
    "CREATE INDEX idx_posts_pending ON posts(status) WHERE status = 'pending'",
    "CREATE INDEX idx_posts_message ON posts(message_id)",
    "CREATE INDEX idx_posts_thread ON posts(thread_id)",
    """CREATE TABLE heartbeat (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at TEXT NOT NULL,
        pid INTEGER NOT NULL
    )""",
    """CREATE VIRTUAL TABLE answers_fts USING fts5(
        text, content='answers', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER answers_ai AFTER INSERT ON answers BEGIN
        INSERT INTO answers_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER answers_ad AFTER DELETE ON answers BEGIN
        INSERT INTO answers_fts(answers_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER answers_au AFTER UPDATE OF text ON answers BEGIN
        INSERT INTO answers_fts(answers_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO answers_fts(rowid, text) VALUES (new.id, new.text);
    END""",
]


@migrations(name="0002_heartbeat_connections")
def heartbeat_connections(db: sqlite_utils.Database) -> None:
    """Each platform connection's state, written with the heartbeat, read by ``healthcheck``:
    JSON {"slack": {"state": "up|reconnecting|down", "since": ISO}, ...}."""
    db.execute("ALTER TABLE heartbeat ADD COLUMN connections TEXT NOT NULL DEFAULT '{}'")


@migrations(name="0003_round_anonymity")
def round_anonymity(db: sqlite_utils.Database) -> None:
    """Anonymity is fixed per round when it opens (set from the group's setting then).
    Rounds from before this column take their group's setting of today: nothing older
    records what it was, and hiding an author is the safe way to be wrong."""
    db.execute("ALTER TABLE rounds ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE rounds SET anonymous = (SELECT g.anonymous FROM groups g WHERE g.id = rounds.group_id)")


def _widen_check(db: sqlite_utils.Database, table: str, old: str, new: str) -> None:
    """Change a CHECK constraint in place: SQLite cannot ALTER one, and a CHECK does not change
    how rows are stored, so the table's recorded SQL is edited (SQLite's documented
    writable_schema procedure) and the schema version bumped so every connection re-reads it.
    Only ever to allow more values: existing rows satisfy the wider check."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    if old not in sql:
        raise RuntimeError(f"migration: the {table} table has no {old!r}")
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql.replace(old, new), table))
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


@migrations(name="0004_prediction_ledger")
def prediction_ledger(db: sqlite_utils.Database) -> None:
    """The prediction ledger (ARCHITECTURE.md, "Hindsight over time"): prompts of kind ``call`` and a
    horizon in months; an answer's probability (percent) and its author's grade; a round's
    due time, revisit, outcome and nudge; revisit and resolution posts; the group settings
    ``resurface`` and ``leaderboard``; and the prompt an admin asked for next."""
    _widen_check(db, "prompts", "kind IN ('text', 'scale', 'prediction')",
                 "kind IN ('text', 'scale', 'prediction', 'call')")
    _widen_check(db, "posts", "kind IN ('prompt', 'digest')", "kind IN ('prompt', 'digest', 'revisit', 'resolution')")
    for sql in (
        "ALTER TABLE prompts ADD COLUMN horizon_months INTEGER",
        "ALTER TABLE groups ADD COLUMN resurface INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE groups ADD COLUMN leaderboard INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE groups ADD COLUMN next_prompt_id INTEGER REFERENCES prompts(id) ON DELETE SET NULL",
        "ALTER TABLE answers ADD COLUMN probability INTEGER CHECK (probability BETWEEN 0 AND 100)",
        "ALTER TABLE answers ADD COLUMN original_probability INTEGER",
        "ALTER TABLE answers ADD COLUMN grade TEXT CHECK (grade IN ('right', 'partly', 'wrong'))",
        "ALTER TABLE answers ADD COLUMN graded_at TEXT",
        "ALTER TABLE rounds ADD COLUMN due_at TEXT",
        "ALTER TABLE rounds ADD COLUMN revisited_at TEXT",
        "ALTER TABLE rounds ADD COLUMN outcome TEXT CHECK (outcome IN ('yes', 'no', 'ambiguous'))",
        "ALTER TABLE rounds ADD COLUMN resolved_at TEXT",
        "ALTER TABLE rounds ADD COLUMN resolved_by INTEGER REFERENCES members(id) ON DELETE SET NULL",
        "ALTER TABLE rounds ADD COLUMN nudged_at TEXT",
        "CREATE INDEX idx_rounds_due ON rounds(due_at) WHERE due_at IS NOT NULL AND revisited_at IS NULL",
    ):
        db.execute(sql)


@migrations(name="0005_radar_setting")
def radar_setting(db: sqlite_utils.Database) -> None:
    """The hype radar's group setting (ARCHITECTURE.md, "Trends"): ``monthly`` puts a radar section
    in the digest of the first round that closes in a new month, ``off`` leaves it out."""
    db.execute("ALTER TABLE groups ADD COLUMN radar TEXT NOT NULL DEFAULT 'monthly'"
               " CHECK (radar IN ('monthly', 'off'))")


@migrations(name="0006_away")
def away(db: sqlite_utils.Database) -> None:
    """``away until YYYY-MM-DD`` (ARCHITECTURE.md, "Participation"): per member per group, the date
    they are back (in the group's calendar) and when they said so. Away members get no
    reminders, are not counted in M and keep their streak (storage/participation.py)."""
    db.execute("""CREATE TABLE away (
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        until TEXT NOT NULL CHECK (until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        created_at TEXT NOT NULL,
        PRIMARY KEY (group_id, member_id)
    )""")


@migrations(name="0007_clock_and_heartbeats")
def clock_and_heartbeats(db: sqlite_utils.Database) -> None:
    """One heartbeat per process role (``run``, ``console``, ...), so a short console on the
    bot's file leaves the bot's heartbeat alone; the one row of before is carried over as
    ``run``. A heartbeat also carries its writer's boot id and monotonic clock, so another
    process on the same machine judges its age by real elapsed time, whatever either wall
    clock says, and a random id of the writing process (pids repeat across containers). ``clock_mark`` is the high-water mark of the time a scheduler last acted
    (bot/usecases/clock_guard.py): it starts empty, as the old row may come from any clock."""
    db.execute("""CREATE TABLE heartbeat_by_role (
        role TEXT PRIMARY KEY CHECK (role <> ''),
        at TEXT NOT NULL,
        pid INTEGER NOT NULL,
        connections TEXT NOT NULL DEFAULT '{}',
        boot TEXT NOT NULL DEFAULT '',
        mono REAL,
        instance TEXT NOT NULL DEFAULT ''
    )""")
    db.execute("INSERT INTO heartbeat_by_role (role, at, pid, connections)"
               " SELECT 'run', at, pid, connections FROM heartbeat")
    db.execute("DROP TABLE heartbeat")
    db.execute("ALTER TABLE heartbeat_by_role RENAME TO heartbeat")
    db.execute("""CREATE TABLE clock_mark (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at TEXT NOT NULL
    )""")


@migrations(name="0008_holidays")
def holidays(db: sqlite_utils.Database) -> None:
    """The group setting ``holidays`` (bot/holidays_rule.py): ``off``, a country code such as
    ``KR`` (a prompt on a public holiday moves to the next working day) or ``KR skip`` (that
    week has no round). The code is checked against the holidays package when it is set."""
    db.execute("ALTER TABLE groups ADD COLUMN holidays TEXT NOT NULL DEFAULT 'off'"
               " CHECK (holidays = 'off' OR holidays GLOB '[A-Z][A-Z]*')")
