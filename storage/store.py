"""The one storage facade the core talks to."""
from __future__ import annotations

import sqlite_utils

from storage.answers import AnswerQueries
from storage.groups import GroupQueries
from storage.rounds import RoundQueries


class Store(GroupQueries, RoundQueries, AnswerQueries):
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def close(self) -> None:
        self.db.close()
