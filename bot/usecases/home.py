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

from bot import catalog, ids
from bot.actions import Action, Button, HomeView
from bot.context import Ctx, Deps
from bot.domain import ChannelRef, Group, MemberRef
from bot.events import HomeOpened
from bot.present import clip
from bot.usecases.charts import digest_trend
from bot.usecases.participation import streak_of

RECENT_ANSWERS = 3
QUESTION_CHARS = 60
ANSWER_CHARS = 200


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
def _question(row: dict, lang: str) -> str:
    return clip((row["text_ko"] if lang == "ko" else row["text_en"]).splitlines()[0], QUESTION_CHARS)


def open_forecasts(deps: Deps, group: Group, member_id: int) -> tuple[str, ...]:
    lang = group.language
    rows = [r for r in deps.store.ledger.forecasts(group.id, "prediction")
            if r["member_id"] == member_id and r["outcome"] is None]
    if not rows:
        return (catalog.t(lang, "home_forecasts_none"),)
    return tuple(catalog.t(lang, "home_forecast_line", period=r["period"], probability=r["probability"],
                      due=str(r["due_at"])[:10] if r["due_at"] else "–", question=_question(r, lang))
                 for r in rows)


def streak_lines(deps: Deps, group: Group, member_id: int) -> tuple[str, ...]:
    s = streak_of(deps, group, member_id)
    return (catalog.tn(group.language, "home_streak_line", s.current, current=s.current, best=s.best),)


def latest_answers(deps: Deps, group: Group, member_id: int) -> tuple[str, ...]:
    lang = group.language
    rows = deps.store.answers.history(group.id, member_id, member_id, limit=RECENT_ANSWERS)
    if not rows:
        return (catalog.t(lang, "history_none"),)
    return tuple(catalog.t(lang, "home_answer_line", period=r["period"],
                      mark="" if r["closed_at"] else " " + catalog.t(lang, "open_mark"), what=_answer(r))
                 for r in rows)


def _answer(row: dict) -> str:
    """``[4] text``, ``70% text``, or the text alone; "–" for nothing at all."""
    tag = f"[{row['score']}]" if row["score"] is not None else (
        f"{row['probability']}%" if row["probability"] is not None else "")
    return " ".join(part for part in (tag, clip(row["text"] or "", ANSWER_CHARS)) if part) or "–"


def latest_trend(deps: Deps, group: Group) -> tuple[str, ...]:
    """The sparkline of the latest closed scale round's digest (an average: no one's score)."""
    for rnd in deps.store.rounds.closed(group.id, limit=1000):
        prompt = deps.store.prompts.get(rnd.prompt_id)
        if prompt is not None and prompt.kind == "scale":
            line = digest_trend(deps, rnd, with_chart=False)[0]
            if line:
                return (line,)
            break
    return (catalog.t(group.language, "home_trend_none"),)


def not_set_up(deps: Deps, member: MemberRef) -> HomeView:
    """The home of a workspace where no channel is bound to a group yet."""
    lang = deps.default_language
    return HomeView(member, ((catalog.t(lang, "home_not_setup_title"), (catalog.t(lang, "home_not_setup"),)),))


def home_view(deps: Deps, member: MemberRef, member_id: int) -> HomeView:
    found = home_group(deps, member, member_id)
    if found is None:
        return not_set_up(deps, member)
    group, channel = found
    lang = group.language
    sections: tuple[tuple[str, tuple[str, ...]], ...] = (
        (catalog.t(lang, "home_title", group=group.name), ()),
        (catalog.t(lang, "home_forecasts_head"), open_forecasts(deps, group, member_id)),
        (catalog.t(lang, "home_streak_head"), streak_lines(deps, group, member_id)),
        (catalog.t(lang, "home_answers_head"), latest_answers(deps, group, member_id)),
        (catalog.t(lang, "home_trend_head"), latest_trend(deps, group)),
    )
    buttons = (Button(ids.encode(ids.LatestDigestButton()), catalog.t(lang, "btn_latest_digest")),
               Button(ids.encode(ids.HistoryButton()), catalog.t(lang, "btn_history")),
               Button(ids.encode(ids.LedgerButton()), catalog.t(lang, "btn_ledger")))
    return HomeView(member, sections, buttons, channel)


def home_opened(ctx: Ctx, event: HomeOpened) -> list[Action]:
    """The member opened their home: publish it, with their own data only."""
    return [home_view(ctx.deps, event.origin.member, ctx.member_id)]
