"""Words for digests: a round's digest document (bot/digest.py) from its facts, the list of past
digests, and why there is none. Weeks for people (`week of Nov 30`, `12월 1주차 (11/30~12/6)`);
counts with their nouns; averages with one decimal; no clause about zero ("0 skipped")."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog
from bot.actions import Action, DigestPost, Reply, ShowDigest
from bot.digest import Digest, DigestEntry
from bot.present import charts, clip, labels, outcome_label, prompt_text, radar
from bot.present.format import Count, Week, When, one_decimal
from bot.results import (AdminsOnly, DigestDue, DigestFacts, DigestList, DigestMissing, DigestShown, Entry,
                         YearAgo)
from bot.context import Deps
from bot.domain import Round
from bot.scores import median
from bot.usecases.charts import filename
from bot.usecases.digests import build_digest


def members(n: int) -> Count:
    return Count(n, "member", "members", "명")


def summary(lang: str, answered: int, of: int, skipped: int) -> str:
    """`3 of 5 members answered, 1 skipped.` / `5명 중 3명 답변, 1명 건너뜀.`; nobody skipped: no clause."""
    if skipped:
        return catalog.t(lang, "digest_summary_skipped", answered=answered, members=members(of), skipped=skipped)
    return catalog.t(lang, "digest_summary", answered=answered, members=members(of))


def entry_text(entry: Entry) -> str:
    """An answer as a digest shows it: a forecast leads with its probability."""
    if entry.probability is None:
        return entry.text
    return f"{entry.probability}% — {entry.text}" if entry.text else f"{entry.probability}%"


def year_ago(lang: str, then: YearAgo) -> tuple[str, ...]:
    period = Week(then.period, year=True)
    if then.average is not None:
        figures = catalog.t(lang, "year_ago_figures_scale", answered=then.answered, members=members(then.members),
                            average=one_decimal(then.average))
    else:
        figures = catalog.t(lang, "year_ago_figures", answered=then.answered, members=members(then.members))
    return (catalog.t(lang, "year_ago_head", period=period), prompt_text(then.prompt, lang), figures)


def digest(lang: str, facts: DigestFacts) -> Digest:
    group, rnd, prompt = facts.group, facts.round, facts.prompt
    notes = []
    if rnd.late and rnd.closed_at:
        notes.append(catalog.t(lang, "digest_late", closes=When(rnd.closes_at, group.timezone),
                               closed=When(rnd.closed_at, group.timezone)))
    if rnd.is_open:
        notes.append(catalog.t(lang, "digest_open"))
    names = labels(prompt, lang)
    scale_lines: tuple[str, ...] = ()
    if prompt.kind == "scale":
        scores = facts.scores
        lines = [f"{n} · {names[n - 1]}: {'█' * scores.count(n)} {scores.count(n)}" for n in range(5, 0, -1)]
        if scores:  # no line about zero scores
            lines.append(catalog.t(lang, "digest_average", average=one_decimal(sum(scores) / len(scores)),
                                   count=Count(len(scores), "score", "scores", "개")))
        scale_lines = tuple(lines)
    if facts.forecasts:
        notes.append(catalog.t(lang, "digest_forecasts", median=f"{median(list(facts.forecasts)):g}",
                               count=Count(len(facts.forecasts), "forecast", "forecasts", "개")))
    if rnd.outcome:
        notes.append(catalog.t(lang, "digest_outcome", outcome=outcome_label(lang, rnd.outcome)))
    then = facts.year_ago
    png, undrawn = None, None
    if facts.trend is not None and facts.chart:
        if facts.draw_now:
            png = charts.draw(lang, facts.trend)
        else:
            undrawn = charts.spec(lang, facts.trend)  # the runtime draws it in a worker thread
    return Digest(
        round_id=rnd.id, group=group.name, period=rnd.period,
        title=catalog.t(lang, "digest_title", period=Week(rnd.period), group=group.name),
        prompt=prompt_text(prompt, lang),
        summary=summary(lang, facts.answered, facts.members, facts.skipped),
        notes=tuple(notes), scale_lines=scale_lines,
        entries=tuple(DigestEntry(e.author, entry_text(e), e.score, names[e.score - 1] if e.score else None)
                      for e in facts.entries),
        empty=catalog.t(lang, "digest_empty"), anonymous=rnd.anonymous,
        trend=charts.summary(lang, facts.trend) if facts.trend else "", chart_png=png, chart=undrawn,
        chart_name=filename(facts.trend.prompt) if facts.trend else "chart.png",
        radar=radar.digest_section(lang, facts.radar),
        year_ago=year_ago(lang, then) if then else (),
        year_ago_round_id=then.round_id if then else None,
        year_ago_button=catalog.t(lang, "btn_year_ago", period=Week(then.period, year=True)) if then else "",
    )


def shown(lang: str, result: DigestShown) -> list[Action]:
    return [ShowDigest(digest(lang, result.facts), public=result.public)]


def post(lang: str, result: DigestDue) -> list[Action]:
    return [DigestPost(result.post_id, result.channel, digest(lang, result.facts))]


def listed(lang: str, result: DigestList) -> list[Action]:
    """Newest first: the week for people, the prompt, and the command that shows it."""
    lines = [catalog.t(lang, "digest_list_head", group=result.group)]
    for period, prompt in result.rounds:
        text = prompt_text(prompt, lang).splitlines()[0] if prompt else "?"
        week = " / ".join(Week(period, year=True).localize(one) for one in (("en", "ko") if lang == "both" else (lang,)))
        lines.append(f"{week} · {clip(text, 80)} · `digest {period}`")
    return [Reply("\n".join(lines))]


def missing(lang: str, result: DigestMissing) -> list[Action]:
    # A period the member typed is echoed as typed (`digest 2026-W40`); any other reads as its week.
    period: object = result.period if result.typed else Week(result.period)
    return [Reply(catalog.t(lang, result.why.value, period=period))]


def admins_only(lang: str, result: AdminsOnly) -> list[Action]:
    return [Reply(catalog.t(lang, "admins_only", command=result.command))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    DigestShown: shown,
    DigestDue: post,
    DigestList: listed,
    DigestMissing: missing,
    AdminsOnly: admins_only,
}


def present_digest(deps: Deps, rnd: Round) -> Digest:
    """A closed round's digest in its group's language (the CLI, exports, benchmarks)."""
    facts = build_digest(deps, rnd)
    return digest(facts.group.language, facts)
