"""Digests: the facts of a round's digest, and the ``digest`` command."""
from __future__ import annotations

from bot import ids
from bot.commands import Command, DigestQuery
from bot.context import Deps, GroupCtx
from bot.domain import Round
from bot.results import (AdminsOnly, DigestFacts, DigestList, DigestMissing, DigestShown, Entry, NoDigest, Outcome,
                         UnknownButton)
from bot.timing import period_of, shift_period
from bot.usecases import charts, participation, radar, resurface


def build_digest(deps: Deps, rnd: Round, *, with_chart: bool = False) -> DigestFacts:
    """The round's digest. ``with_chart`` asks for the scale trend's PNG too (channel posts only:
    drawing imports the chart library, which the rest of the process never needs); with
    ``deps.draw_charts`` off the runtime draws it in a worker thread."""
    store = deps.store
    group = store.groups.get(rnd.group_id)
    prompt = store.prompts.get(rnd.prompt_id)
    assert group is not None and prompt is not None, f"round {rnd.id} without its group or prompt"
    rows = store.answers.of_round(rnd.id)
    skipped = len(store.answers.skips_of_round(rnd.id))
    answered = len(rows)
    # Everyone who answered or skipped this round is a member, whatever the 8-round rule says;
    # an anonymous round counts by head count only (bot/participation.py).
    members = max(participation.members_of_round(deps, rnd), answered + skipped)
    if rnd.anonymous:
        # Anonymity is the round's, fixed when it opened: a later "anonymous=no" shows no
        # author. The order of answering could point at someone too, so it is not kept.
        rows = sorted(rows, key=lambda r: (r["text"], r["score"] or 0))
    return DigestFacts(
        group=group, round=rnd, prompt=prompt, answered=answered, members=members, skipped=skipped,
        entries=tuple(Entry(None if rnd.anonymous else r["author"], str(r["text"]), r["score"], r.get("probability"))
                      for r in rows),
        scores=tuple(r["score"] for r in rows if r["score"] is not None) if prompt.kind == "scale" else (),
        forecasts=tuple(r["probability"] for r in rows if r.get("probability") is not None),
        trend=charts.digest_trend(deps, rnd), chart=with_chart, draw_now=not with_chart or deps.draw_charts,
        radar=radar.radar_section(deps, rnd), year_ago=resurface.year_ago(deps, rnd),
    )


def find_round(ctx: GroupCtx, query: DigestQuery) -> tuple[str | None, Round | None]:
    """The period a digest query names, and its round (open or closed) if there is one."""
    group = ctx.group
    if query.kind == "latest":
        closed = ctx.store.rounds.closed(group.id, limit=1)
        return (closed[0].period, closed[0]) if closed else (None, None)
    if query.kind == "back":
        try:
            period = shift_period(period_of(ctx.now, group.timezone), -query.weeks)
        except ValueError:
            return None, None
    else:
        period = query.period
    return period, ctx.store.rounds.for_period(group.id, period)


def cmd_digest(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    query = cmd.digest or DigestQuery("latest")
    if query.kind == "list":
        rounds = ctx.store.rounds.closed(ctx.group.id, limit=52)
        if not rounds:
            return [DigestMissing(NoDigest.NONE_YET)]
        return [DigestList(ctx.group.name, tuple((r.period, ctx.store.prompts.get(r.prompt_id)) for r in rounds))]
    period, rnd = find_round(ctx, query)
    if rnd is None and (query.kind == "latest" or period is None):
        return [DigestMissing(NoDigest.NONE_YET)]
    if rnd is None:
        return [DigestMissing(NoDigest.NOT_FOUND, period or "", typed=query.kind == "period")]
    if rnd.is_open:
        return [DigestMissing(NoDigest.SEALED, rnd.period)]
    if query.post and not ctx.is_admin:
        return [AdminsOnly("digest … post")]
    return [DigestShown(build_digest(ctx.deps, rnd), public=query.post)]


def digest_button(ctx: GroupCtx, button: ids.DigestButton, event_id: str | None) -> list[Outcome]:
    """Show one closed round's digest privately (the "a year ago this week" button)."""
    rnd = ctx.store.rounds.get(button.round_id)
    if rnd is None or rnd.group_id != ctx.group.id:
        return [UnknownButton()]
    if rnd.is_open:
        return [DigestMissing(NoDigest.SEALED, rnd.period)]
    return [DigestShown(build_digest(ctx.deps, rnd))]
