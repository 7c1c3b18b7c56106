"""Digests: the neutral document of a round, and the ``digest`` command."""
from __future__ import annotations

from bot import catalog, ids
from bot.actions import Action, Reply, ShowDigest
from bot.commands import Command, DigestQuery
from bot.context import Deps, GroupCtx
from bot.digest import Digest, DigestEntry
from bot.domain import Round
from bot.present import clip, labels, local_time, outcome_label, prompt_text, say
from bot.scores import median
from bot.timing import period_of, shift_period
from bot.usecases import charts, participation, radar, resurface


def build_digest(deps: Deps, rnd: Round, *, with_chart: bool = False) -> Digest:
    """The round's digest. ``with_chart`` draws the scale trend's PNG too (channel posts only:
    drawing imports the chart library, which the rest of the process never needs); with
    ``deps.draw_charts`` off it leaves the chart in ``Digest.chart`` for the runtime to draw."""
    store = deps.store
    group = store.groups.get(rnd.group_id)
    prompt = store.prompts.get(rnd.prompt_id)
    assert group is not None and prompt is not None, f"round {rnd.id} without its group or prompt"
    lang = group.language
    rows = store.answers.of_round(rnd.id)
    skipped = len(store.answers.skips_of_round(rnd.id))
    answered = len(rows)
    # Everyone who answered or skipped this round is a member, whatever the 8-round rule says;
    # an anonymous round counts by head count only (bot/participation.py).
    members = max(participation.members_of_round(deps, rnd), answered + skipped)
    notes = []
    if rnd.late and rnd.closed_at:
        notes.append(catalog.t(lang, "digest_late", closes=local_time(group, rnd.closes_at),
                               closed=local_time(group, rnd.closed_at)))
    if rnd.is_open:
        notes.append(catalog.t(lang, "digest_open"))
    scale_lines: tuple[str, ...] = ()
    names = labels(prompt, lang)
    if prompt.kind == "scale":
        scores = [r["score"] for r in rows if r["score"] is not None]
        lines = [f"{n} · {names[n - 1]}: {'█' * scores.count(n)} {scores.count(n)}" for n in range(5, 0, -1)]
        avg = f"{sum(scores) / len(scores):.2f}" if scores else "–"
        lines.append(catalog.tn(lang, "digest_average", len(scores), average=avg))
        scale_lines = tuple(lines)
    if rnd.anonymous:
        # Anonymity is the round's, fixed when it opened: a later "anonymous=no" shows no
        # author. The order of answering could point at someone too, so it is not kept.
        rows = sorted(rows, key=lambda r: (r["text"], r["score"] or 0))
    chances = [r["probability"] for r in rows if r.get("probability") is not None]
    if chances:
        notes.append(catalog.tn(lang, "digest_forecasts", len(chances), median=f"{median(chances):g}"))
    if rnd.outcome:
        notes.append(catalog.t(lang, "digest_outcome", outcome=outcome_label(lang, rnd.outcome)))
    entries = tuple(
        DigestEntry(None if rnd.anonymous else r["author"], forecast_text(r), r["score"],
                    names[r["score"] - 1] if r["score"] else None)
        for r in rows
    )
    trend, chart, chart_name = charts.digest_trend(deps, rnd, with_chart=with_chart)
    chart_png = None
    if chart is not None and deps.draw_charts:
        chart_png, chart = charts.render(chart), None
    return resurface.with_year_ago(deps, rnd, Digest(
        round_id=rnd.id, group=group.name, period=rnd.period,
        title=catalog.t(lang, "digest_title", period=rnd.period, group=group.name),
        prompt=prompt_text(prompt, lang),
        summary=catalog.t(lang, "digest_summary", answered=answered, members=members, skipped=skipped),
        notes=tuple(notes), scale_lines=scale_lines, entries=entries,
        empty=catalog.t(lang, "digest_empty"), anonymous=rnd.anonymous,
        trend=trend, chart_png=chart_png, chart_name=chart_name or "chart.png", chart=chart,
        radar=radar.radar_section(deps, rnd),
    ))


def forecast_text(row: dict) -> str:
    """An answer as a digest shows it: a forecast leads with its probability."""
    probability = row.get("probability")
    if probability is None:
        return str(row["text"])
    return f"{probability}% — {row['text']}" if row["text"] else f"{probability}%"


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


def cmd_digest(ctx: GroupCtx, cmd: Command) -> list[Action]:
    query = cmd.digest or DigestQuery("latest")
    if query.kind == "list":
        rounds = ctx.store.rounds.closed(ctx.group.id, limit=52)
        if not rounds:
            return say(ctx, "digest_none")
        lines = [catalog.t(ctx.lang, "digest_list_head", group=ctx.group.name)]
        for r in rounds:
            prompt = ctx.store.prompts.get(r.prompt_id)
            text = prompt_text(prompt, ctx.lang).splitlines()[0] if prompt else "?"
            lines.append(f"{r.period} · {clip(text, 80)}")
        return [Reply("\n".join(lines))]
    period, rnd = find_round(ctx, query)
    if rnd is None and (query.kind == "latest" or period is None):
        return say(ctx, "digest_none")
    if rnd is None:
        return say(ctx, "digest_not_found", period=period)
    if rnd.is_open:
        return say(ctx, "digest_sealed", period=period)
    if query.post and not ctx.is_admin:
        return say(ctx, "admins_only", command="digest … post")
    return [ShowDigest(build_digest(ctx.deps, rnd), public=query.post)]


def digest_button(ctx: GroupCtx, button: ids.DigestButton, event_id: str | None) -> list[Action]:
    """Show one closed round's digest privately (the "a year ago this week" button)."""
    rnd = ctx.store.rounds.get(button.round_id)
    if rnd is None or rnd.group_id != ctx.group.id:
        return say(ctx, "unknown_button")
    if rnd.is_open:
        return say(ctx, "digest_sealed", period=rnd.period)
    return [ShowDigest(build_digest(ctx.deps, rnd))]
