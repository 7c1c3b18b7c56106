"""TEMPORARY compatibility: the old flat Store method names, each delegating to its new home.

While the core is converted to ``store.<rows>.<method>`` (map: /work/notes/storage_map.txt),
``Store`` mixes this in so the old calls keep working. Nothing new may use these names. The lead
deletes this file, and ``LegacyNames`` from ``Store``'s bases, once the core no longer calls them.

Two old names clash with new attributes: ``store.groups()`` and ``store.admins(group_id)``. For
them the attributes are callable subclasses (``CallableGroupRows``, ``CallableAdminRows``),
which go away with this file.
"""
from __future__ import annotations

from typing import Any

from storage.answers import AnswerRows
from storage.groups import ChannelRows, GroupRows
from storage.members import AdminRows, LinkRows, MemberRows
from storage.posts import HeartbeatRows, PostRows
from storage.prompts import PromptRows
from storage.rounds import RoundRows
from storage.rows import Group, MemberRef


class CallableGroupRows(GroupRows):
    """TEMPORARY: ``store.groups()`` is the old name of ``store.groups.all()``."""

    def __call__(self) -> list[Group]:
        return self.all()


class CallableAdminRows(AdminRows):
    """TEMPORARY: ``store.admins(group_id)`` is the old name of ``store.admins.of_group(group_id)``."""

    def __call__(self, group_id: int) -> list[MemberRef]:
        return self.of_group(group_id)


class LegacyNames:
    """TEMPORARY. Old flat name -> new ``attribute.method``; untyped pass-throughs."""

    groups: GroupRows
    channels: ChannelRows
    members: MemberRows
    admins: AdminRows
    links: LinkRows
    prompts: PromptRows
    rounds: RoundRows
    posts: PostRows
    heartbeat: HeartbeatRows
    answers: AnswerRows

    def create_group(self, *args: Any, **kwargs: Any) -> Any:
        return self.groups.create(*args, **kwargs)

    def group(self, *args: Any, **kwargs: Any) -> Any:
        return self.groups.get(*args, **kwargs)

    def group_by_name(self, *args: Any, **kwargs: Any) -> Any:
        return self.groups.by_name(*args, **kwargs)

    def update_group(self, *args: Any, **kwargs: Any) -> Any:
        return self.groups.update(*args, **kwargs)

    def channel_by_ref(self, *args: Any, **kwargs: Any) -> Any:
        return self.channels.by_ref(*args, **kwargs)

    def bind_channel(self, *args: Any, **kwargs: Any) -> Any:
        return self.channels.bind(*args, **kwargs)

    def channels_of(self, *args: Any, **kwargs: Any) -> Any:
        return self.channels.of_group(*args, **kwargs)

    def channel(self, *args: Any, **kwargs: Any) -> Any:
        return self.channels.get(*args, **kwargs)

    def member_id(self, *args: Any, **kwargs: Any) -> Any:
        return self.members.ensure(*args, **kwargs)

    def member(self, *args: Any, **kwargs: Any) -> Any:
        return self.members.get(*args, **kwargs)

    def member_by_user_id(self, *args: Any, **kwargs: Any) -> Any:
        return self.members.by_user_id(*args, **kwargs)

    def group_members(self, *args: Any, **kwargs: Any) -> Any:
        return self.members.of_group(*args, **kwargs)

    def find_members(self, *args: Any, **kwargs: Any) -> Any:
        return self.members.find(*args, **kwargs)

    def forget_member(self, *args: Any, **kwargs: Any) -> Any:
        return self.members.forget(*args, **kwargs)

    def is_admin(self, *args: Any, **kwargs: Any) -> Any:
        return self.admins.is_admin(*args, **kwargs)

    def add_admin(self, *args: Any, **kwargs: Any) -> Any:
        return self.admins.add(*args, **kwargs)

    def remove_admin(self, *args: Any, **kwargs: Any) -> Any:
        return self.admins.remove(*args, **kwargs)

    def create_link(self, *args: Any, **kwargs: Any) -> Any:
        return self.links.create(*args, **kwargs)

    def use_link(self, *args: Any, **kwargs: Any) -> Any:
        return self.links.redeem(*args, **kwargs)

    def seed_builtins(self, *args: Any, **kwargs: Any) -> Any:
        return self.prompts.seed_builtins(*args, **kwargs)

    def prompt(self, *args: Any, **kwargs: Any) -> Any:
        return self.prompts.get(*args, **kwargs)

    def active_prompts(self, *args: Any, **kwargs: Any) -> Any:
        return self.prompts.active(*args, **kwargs)

    def add_prompt(self, *args: Any, **kwargs: Any) -> Any:
        return self.prompts.add(*args, **kwargs)

    def remove_prompt(self, *args: Any, **kwargs: Any) -> Any:
        return self.prompts.remove(*args, **kwargs)

    def prompt_use_counts(self, *args: Any, **kwargs: Any) -> Any:
        return self.prompts.use_counts(*args, **kwargs)

    def insert_round(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.insert(*args, **kwargs)

    def round(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.get(*args, **kwargs)

    def round_for_period(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.for_period(*args, **kwargs)

    def open_round(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.find_open(*args, **kwargs)

    def make_open_rounds_anonymous(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.make_open_anonymous(*args, **kwargs)

    def rounds_to_close(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.due_to_close(*args, **kwargs)

    def close_round(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.close(*args, **kwargs)

    def mark_reminded(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.mark_reminded(*args, **kwargs)

    def closed_rounds(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.closed(*args, **kwargs)

    def rounds_of(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.of_group(*args, **kwargs)

    def round_by_post_ref(self, *args: Any, **kwargs: Any) -> Any:
        return self.rounds.by_post_ref(*args, **kwargs)

    def claim_pending_posts(self, *args: Any, **kwargs: Any) -> Any:
        return self.posts.claim_pending(*args, **kwargs)

    def mark_posted(self, *args: Any, **kwargs: Any) -> Any:
        return self.posts.mark_posted(*args, **kwargs)

    def mark_post_failed(self, *args: Any, **kwargs: Any) -> Any:
        return self.posts.mark_failed(*args, **kwargs)

    def post(self, *args: Any, **kwargs: Any) -> Any:
        return self.posts.get(*args, **kwargs)

    def posts_of(self, *args: Any, **kwargs: Any) -> Any:
        return self.posts.of_round(*args, **kwargs)

    def beat(self, *args: Any, **kwargs: Any) -> Any:
        return self.heartbeat.beat(*args, **kwargs)

    def last_beat(self, *args: Any, **kwargs: Any) -> Any:
        return self.heartbeat.last(*args, **kwargs)

    def beat_connections(self, *args: Any, **kwargs: Any) -> Any:
        return self.heartbeat.connections(*args, **kwargs)

    def seen(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.mark_seen(*args, **kwargs)

    def save_answer(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.save(*args, **kwargs)

    def answer_of(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.of(*args, **kwargs)

    def answer_by_message(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.by_message(*args, **kwargs)

    def withdraw(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.withdraw(*args, **kwargs)

    def skip(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.skip(*args, **kwargs)

    def has_skipped(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.has_skipped(*args, **kwargs)

    def round_answers(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.of_round(*args, **kwargs)

    def round_skips(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.skips_of_round(*args, **kwargs)

    def roster(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.roster(*args, **kwargs)

    def ever_answered(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.ever_answered(*args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.search(*args, **kwargs)

    def history(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.history(*args, **kwargs)

    def member_answers(self, *args: Any, **kwargs: Any) -> Any:
        return self.answers.of_member(*args, **kwargs)
