"""Words and pictures for charts: a scale prompt's trend as a sparkline line and a PNG (its
title in the group's language), and why there is no chart."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog
from bot.actions import Action, Reply, Upload
from bot.digest import ChartSpec
from bot.participation import sparkline
from bot.present import clip, prompt_text
from bot.present.format import Count, one_decimal
from bot.results.charts import ChartProblem, ChartRefused, ChartShown, Trend

SCALE_RANGE = (1, 5)


def summary(lang: str, t: Trend) -> str:
    """One line: the sparkline, the first and last averages and how many rounds."""
    known = [v for v in t.averages if v is not None]
    return catalog.t(lang, "chart_trend", spark=sparkline(t.averages, *SCALE_RANGE),
                     count=Count(t.scored, "round", "rounds", "개"),
                     first=one_decimal(known[0]) if known else "–", last=one_decimal(known[-1]) if known else "–")


def spec(lang: str, t: Trend) -> ChartSpec:
    """What the chart of ``t`` shows, to be drawn by ``render``: titled with the prompt in the
    group's language ("both": English, then Korean)."""
    return ChartSpec(prompt_text(t.prompt, lang), t.points, lang)


def render(chart: ChartSpec) -> bytes:
    """Draw a chart (about 30-60 ms): the runtime calls this in a worker thread."""
    from bot.chart import line_chart_png

    return line_chart_png(chart.title, list(chart.points), SCALE_RANGE, lang=chart.lang)


def draw(lang: str, t: Trend) -> bytes:
    return render(spec(lang, t))


def refusal(lang: str, result: ChartRefused) -> str:
    if result.problem is ChartProblem.TOO_FEW:
        return catalog.t(lang, result.problem.value, id=result.id,
                         count=Count(result.count, "closed round", "closed rounds", "개"), needed=result.needed)
    return catalog.t(lang, result.problem.value, id=result.id)


def shown(lang: str, result: ChartShown) -> list[Action]:
    t = result.trend
    comment = clip(prompt_text(t.prompt, lang).splitlines()[0], 120) + "\n" + summary(lang, t)
    failed = catalog.t(lang, "upload_failed", filename=result.filename)
    if not result.draw_now:  # the runtime draws it, off the database thread
        return [Upload(result.filename, b"", comment, failed=failed, chart=spec(lang, t))]
    return [Upload(result.filename, draw(lang, t), comment, failed=failed)]


def refused(lang: str, result: ChartRefused) -> list[Action]:
    return [Reply(refusal(lang, result))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    ChartShown: shown,
    ChartRefused: refused,
}
