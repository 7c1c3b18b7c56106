"""Charts of a scale prompt: the group's average score across every closed round that asked it.

``chart [PROMPT]`` answers privately with the PNG (an ``Upload``) and the text sparkline;
``scale_trend`` gives the digest of a scale round its sparkline line and PNG. Anonymous rounds
count: only averages are shown, never who gave which score. The drawing code (bot/chart.py,
and with it Pillow) is imported only when a chart is drawn.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot import catalog
from bot.actions import Action, Reply, Upload
from bot.commands import MAX_ID, Command, parse_int
from bot.context import Deps, GroupCtx
from bot.digest import ChartSpec
from bot.domain import Group, Prompt, Round
from bot.participation import sparkline
from bot.present import clip, prompt_text, say
from storage.store import Store

MIN_ROUNDS = 2  # a chart of one round is a dot
SCALE_RANGE = (1, 5)


@dataclass(frozen=True)
class Trend:
    """A scale prompt's group averages, oldest round first (None: nobody gave a score)."""

    prompt: Prompt
    points: tuple[tuple[str, float | None], ...]

    @property
    def scored(self) -> int:
        return sum(v is not None for _, v in self.points)

    @property
    def averages(self) -> list[float | None]:
        return [v for _, v in self.points]


def average(store: Store, rnd: Round) -> float | None:
    scores = [r["score"] for r in store.answers.of_round(rnd.id) if r["score"] is not None]
    return sum(scores) / len(scores) if scores else None


def trend(store: Store, group: Group, prompt: Prompt, up_to: Round | None = None) -> Trend:
    """Every closed round of ``group`` that asked ``prompt`` (up to ``up_to``'s period, which
    counts even while it is being closed), with the average score of each."""
    rounds = [r for r in store.rounds.of_group(group.id)
              if r.prompt_id == prompt.id and (r.closed_at is not None or (up_to is not None and r.id == up_to.id))
              and (up_to is None or r.period <= up_to.period)]
    return Trend(prompt, tuple((r.period, average(store, r)) for r in rounds))


def find_prompt(store: Store, group: Group, ref: str) -> Prompt | None:
    """A prompt by numeric id or built-in key, if the group can see it: a built-in (even one
    taken out of its rotation, whose rounds are still there) or the group's own."""
    number = parse_int(ref, 1, MAX_ID)
    if number is not None:
        prompt = store.prompts.get(number)
    else:
        key = ref.lower()
        found = [p for p in store.prompts.active(group.id) + store.prompts.active(None) if p.key == key]
        prompt = found[0] if found else None
    if prompt is None or (prompt.group_id is not None and prompt.group_id != group.id):
        return None
    return prompt


def latest_scale_prompt(store: Store, group: Group) -> Prompt | None:
    """The scale prompt of the group's most recent closed round that asked one."""
    for rnd in store.rounds.closed(group.id, limit=1000):
        prompt = store.prompts.get(rnd.prompt_id)
        if prompt is not None and prompt.kind == "scale":
            return prompt
    return None


def title(prompt: Prompt, lang: str) -> str:
    """The chart's title: the prompt in the group's language ("both": English, then Korean)."""
    return prompt_text(prompt, lang)


def summary(lang: str, t: Trend) -> str:
    """One line: the sparkline, the first and last averages and how many rounds."""
    known = [v for v in t.averages if v is not None]
    return catalog.t(lang, "chart_trend", spark=sparkline(t.averages, *SCALE_RANGE), count=t.scored,
                     first=f"{known[0]:.1f}" if known else "–", last=f"{known[-1]:.1f}" if known else "–")


def spec(lang: str, t: Trend) -> ChartSpec:
    """What the chart of ``t`` shows, to be drawn by ``render``."""
    return ChartSpec(title(t.prompt, lang), t.points, lang)


def render(chart: ChartSpec) -> bytes:
    """Draw a chart (about 30-60 ms): the runtime calls this in a worker thread."""
    from bot.chart import line_chart_png

    return line_chart_png(chart.title, list(chart.points), SCALE_RANGE, lang=chart.lang)


def draw(lang: str, t: Trend) -> bytes:
    return render(spec(lang, t))


def filename(prompt: Prompt) -> str:
    return f"chart-{prompt.key or prompt.id}.png"


def chart_for(store: Store, group: Group, ref: str | None, lang: str) -> tuple[Trend | None, str, dict[str, object]]:
    """(the trend to draw, or None with a catalog key and its arguments saying why not)."""
    if ref is None:
        prompt = latest_scale_prompt(store, group)
        if prompt is None:
            return None, "chart_no_scale", {}
    else:
        prompt = find_prompt(store, group, ref)
        if prompt is None:
            return None, "chart_unknown_prompt", {"id": clip(ref, 40)}
    name = prompt.key or str(prompt.id)
    if prompt.kind != "scale":
        return None, "chart_not_scale", {"id": name}
    t = trend(store, group, prompt)
    if t.scored < MIN_ROUNDS:
        return None, "chart_too_few_one" if t.scored == 1 else "chart_too_few", {"id": name, "count": t.scored, "needed": MIN_ROUNDS}
    return t, "", {}


def cmd_chart(ctx: GroupCtx, cmd: Command) -> list[Action]:
    """``chart [PROMPT]``: the PNG of a scale prompt's group average per round, privately."""
    if len(cmd.words) > 1:
        return say(ctx, "chart_usage")
    t, key, kw = chart_for(ctx.store, ctx.group, cmd.words[0] if cmd.words else None, ctx.lang)
    if t is None:
        return [Reply(catalog.t(ctx.lang, key, **kw))]
    comment = clip(title(t.prompt, ctx.lang).splitlines()[0], 120) + "\n" + summary(ctx.lang, t)
    name = filename(t.prompt)
    failed = catalog.t(ctx.lang, "upload_failed", filename=name)
    if not ctx.deps.draw_charts:  # the runtime draws it, off the database thread
        return [Upload(name, b"", comment, failed=failed, chart=spec(ctx.lang, t))]
    return [Upload(name, draw(ctx.lang, t), comment, failed=failed)]


def digest_trend(deps: Deps, rnd: Round, *, with_chart: bool) -> tuple[str, ChartSpec | None, str]:
    """A scale round's trend for its digest: (the sparkline line, the chart to draw only
    ``with_chart``, its file name); ("", None, "") for another kind or fewer than 2 scored rounds."""
    store = deps.store
    group = store.groups.get(rnd.group_id)
    prompt = store.prompts.get(rnd.prompt_id)
    if group is None or prompt is None or prompt.kind != "scale":
        return "", None, ""
    t = trend(store, group, prompt, up_to=rnd)
    if t.scored < MIN_ROUNDS:
        return "", None, ""
    return summary(group.language, t), spec(group.language, t) if with_chart else None, filename(prompt)
