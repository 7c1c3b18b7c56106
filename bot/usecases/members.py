"""Who a command names: a member by mention or platform id, a bare name only when unique."""
from __future__ import annotations

from bot.commands import member_token
from bot.context import GroupCtx
from bot.domain import MemberRef
from bot.results import MemberAmbiguous, MemberUnknown, Outcome


def resolve_member(ctx: GroupCtx, word: str, *, create: bool = False) -> tuple[int | None, list[Outcome]]:
    """(member id, []) or (None, what to tell the asker).

    A mention names a platform id for certain (``create``: a member the database has not
    seen yet gets a row). A bare name or id counts only if it names exactly one member of
    the group; with several, the asker is shown them to pick one by mention."""
    ref = member_token(word)
    if ref is None:
        return None, [MemberUnknown(word)]
    me = ctx.origin.member
    if ref.mention:
        found = ctx.store.members.by_user_id(me.platform, ref.value, me.workspace)
        if found is None and create:
            found = ctx.store.members.ensure(MemberRef(me.platform, me.workspace, ref.value, ref.label or ref.value))
        if found is None:
            return None, [MemberUnknown(ref.value)]
        return found, []
    rows = ctx.store.members.find(ctx.group.id, me.platform, ref.value)
    if len(rows) == 1:
        return rows[0]["id"], []
    if not rows:
        return None, [MemberUnknown(ref.value)]
    return None, [MemberAmbiguous(ref.value, tuple((r["display_name"], r["platform"], r["user_id"]) for r in rows))]
