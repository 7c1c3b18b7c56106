"""Charts of a scale prompt: the group's average score across every closed round that asked it.

``chart [PROMPT]`` answers privately with the PNG (an ``Upload``) and the text sparkline;
``scale_trend`` gives the digest of a scale round its sparkline line and PNG. Anonymous rounds
count: only averages are shown, never who gave which score. The drawing code (bot/chart.py,
and with it Pillow) is imported only when a chart is drawn.
"""
from __future__ import annotations

from bot.commands import MAX_ID, Command, parse_int
from bot.context import Deps, GroupCtx
from bot.domain import Group, Prompt, Round
from bot.results import Outcome
from bot.results.charts import ChartProblem, ChartRefused, ChartShown, Trend
from storage.store import Store

__all__ = ["Trend", "chart_for", "cmd_chart", "digest_trend", "filename", "trend"]

MIN_ROUNDS = 2  # a chart of one round is a dot
SCALE_RANGE = (1, 5)


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


def filename(prompt: Prompt) -> str:
    return f"chart-{prompt.key or prompt.id}.png"


def chart_for(store: Store, group: Group, ref: str | None) -> Trend | ChartRefused:
    """The trend to draw, or why not."""
    if ref is None:
        prompt = latest_scale_prompt(store, group)
        if prompt is None:
            return ChartRefused(ChartProblem.NO_SCALE)
    else:
        prompt = find_prompt(store, group, ref)
        if prompt is None:
            return ChartRefused(ChartProblem.UNKNOWN_PROMPT, ref[:40])
    name = prompt.key or str(prompt.id)
    if prompt.kind != "scale":
        return ChartRefused(ChartProblem.NOT_SCALE, name)
    t = trend(store, group, prompt)
    if t.scored < MIN_ROUNDS:
        return ChartRefused(ChartProblem.TOO_FEW, name, t.scored, MIN_ROUNDS)
    return t


def cmd_chart(ctx: GroupCtx, cmd: Command) -> list[Outcome]:
    """``chart [PROMPT]``: the PNG of a scale prompt's group average per round, privately."""
    if len(cmd.words) > 1:
        return [ChartRefused(ChartProblem.USAGE)]
    found = chart_for(ctx.store, ctx.group, cmd.words[0] if cmd.words else None)
    if isinstance(found, ChartRefused):
        return [found]
    return [ChartShown(found, filename(found.prompt), draw_now=ctx.deps.draw_charts)]


def digest_trend(deps: Deps, rnd: Round) -> Trend | None:
    """A scale round's trend for its digest; None for another kind or fewer than 2 scored rounds."""
    store = deps.store
    group = store.groups.get(rnd.group_id)
    prompt = store.prompts.get(rnd.prompt_id)
    if group is None or prompt is None or prompt.kind != "scale":
        return None
    t = trend(store, group, prompt, up_to=rnd)
    return t if t.scored >= MIN_ROUNDS else None
