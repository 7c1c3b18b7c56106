"""The member's own home (Slack's App Home tab), published when they open it.

A HomeView is (heading, lines) sections: the first is the title alone, one with an empty
heading is lines alone.

It shows only that member's data: their open forecasts (period, probability, due date), their
streak of answered weeks, their last 3 answers, and the group's latest scale sparkline (a group
average, never a person's score), with buttons for the latest digest and history, and a hint for
the ledger (it has no button id yet).

The member's group: the group of a bound channel in their workspace where they answered most
recently, else the first bound channel of that workspace; with none, a short "not set up" home.
"""
from __future__ import annotations

from datetime import datetime

from bot.context import Ctx, Deps
from bot.domain import ChannelRef, Group, MemberRef
from bot.events import HomeOpened
from bot.results import Outcome
from bot.results.home import HomeFacts, HomeNotSetUp, RecentAnswer
from bot.results.charts import Trend
from bot.results.ledger import OpenForecast, Question
from bot.usecases.charts import digest_trend
from bot.usecases.participation import streak_of

RECENT_ANSWERS = 3


# where the member belongs ----------------------------------------------------------------------
def bound_channels(deps: Deps, platform: str, workspace: str) -> list[tuple[Group, ChannelRef]]:
    """Every bound channel of this platform workspace with its group, in binding order."""
    store = deps.store
    found = []
    for group in store.groups.all():
        for channel in store.channels.of_group(group.id):
            if channel.ref.platform == platform and channel.ref.workspace == workspace:
                found.append((channel.id, group, channel.ref))
    return [(g, ref) for _, g, ref in sorted(found, key=lambda x: x[0])]


def home_group(deps: Deps, member: MemberRef, member_id: int) -> tuple[Group, ChannelRef] | None:
    """The group of the workspace's bound channel the member answered in most recently, else the
    first bound channel's group; None when the workspace has none."""
    bound = bound_channels(deps, member.platform, member.workspace)
    if not bound:
        return None
    by_name = {g.name: (g, ref) for g, ref in reversed(bound)}  # the first channel of each group
    latest: dict[str, str] = {}
    for row in deps.store.answers.of_member(member_id):
        name = row["group_name"]
        when = str(row["updated_at"] or row["created_at"] or "")
        if name in by_name and when > latest.get(name, ""):
            latest[name] = when
    if latest:
        return by_name[max(latest, key=lambda n: latest[n])]
    return bound[0]


# the sections ----------------------------------------------------------------------------------
def open_forecasts(deps: Deps, group: Group, member_id: int) -> tuple[OpenForecast, ...]:
    rows = [r for r in deps.store.ledger.forecasts(group.id, "prediction")
            if r["member_id"] == member_id and r["outcome"] is None]
    return tuple(OpenForecast(r["period"], Question(str(r["text_en"]).splitlines()[0], str(r["text_ko"]).splitlines()[0]),
                              r["probability"], due_at=datetime.fromisoformat(r["due_at"]) if r["due_at"] else None)
                 for r in rows)


def latest_answers(deps: Deps, group: Group, member_id: int) -> tuple[RecentAnswer, ...]:
    rows = deps.store.answers.history(group.id, member_id, member_id, limit=RECENT_ANSWERS)
    return tuple(RecentAnswer(r["period"], r["text"] or "", r["score"], r["probability"], open=not r["closed_at"])
                 for r in rows)


def latest_trend(deps: Deps, group: Group) -> Trend | None:
    """The trend of the latest closed scale round's digest (an average: no one's score)."""
    for rnd in deps.store.rounds.closed(group.id, limit=1000):
        prompt = deps.store.prompts.get(rnd.prompt_id)
        if prompt is not None and prompt.kind == "scale":
            return digest_trend(deps, rnd)
    return None


def not_set_up(deps: Deps, member: MemberRef) -> HomeNotSetUp:
    """The home of a workspace where no channel is bound to a group yet."""
    return HomeNotSetUp(member)


def home_view(deps: Deps, member: MemberRef, member_id: int) -> HomeFacts | HomeNotSetUp:
    found = home_group(deps, member, member_id)
    if found is None:
        return not_set_up(deps, member)
    group, channel = found
    s = streak_of(deps, group, member_id)
    return HomeFacts(member, group, channel, open_forecasts(deps, group, member_id), (s.current, s.best),
                     latest_answers(deps, group, member_id), latest_trend(deps, group))


def home_opened(ctx: Ctx, event: HomeOpened) -> list[Outcome]:
    """The member opened their home: publish it, with their own data only."""
    return [home_view(ctx.deps, event.origin.member, ctx.member_id)]
