"""The one storage facade the core talks to: a composition of small row classes over one
sqlite_utils Database, e.g. ``store.rounds.find_open(group_id)``, ``store.members.ensure(ref)``."""
from __future__ import annotations

import sqlite_utils

from storage.answers import AnswerRows
from storage.groups import ChannelRows, GroupRows
from storage.ledger import LedgerRows
from storage.members import AdminRows, LinkRows, MemberRows
from storage.participation import ParticipationRows
from storage.posts import HeartbeatRows, PostRows
from storage.prompts import PromptRows
from storage.rounds import RoundRows
from storage.trends import TrendRows


class Store:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.groups = GroupRows(db)
        self.channels = ChannelRows(db)
        self.members = MemberRows(db)
        self.admins = AdminRows(db)
        self.links = LinkRows(db)
        self.prompts = PromptRows(db)
        self.rounds = RoundRows(db)
        self.posts = PostRows(db)
        self.heartbeat = HeartbeatRows(db)
        self.answers = AnswerRows(db)
        self.ledger = LedgerRows(db)
        self.participation = ParticipationRows(db)
        self.trends = TrendRows(db)

    def close(self) -> None:
        self.db.close()
