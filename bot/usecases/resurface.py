"""Earlier answers come back: "then and now" after a member answers a prompt they answered
before, and "a year ago this week" in the digest. Both only while the group's ``resurface``
setting is on (the default).

Then and now is shown only to the member, and only after their answer is saved, so it never
anchors what they write. An earlier answer from an anonymous round is still their own, so they
see it; no one sees anyone else's.
"""
from __future__ import annotations

from datetime import date

from bot.context import Deps, GroupCtx
from bot.domain import Group, Prompt, Round
from bot.results import ThenAndNow, YearAgo
from bot.timing import PERIOD_RE, shift_period
from bot.usecases.participation import members_of_round


YEAR = 52  # weeks back for "a year ago this week"
SLACK = 1  # ... within a week either side


def monday(period: str) -> date:
    m = PERIOD_RE.match(period)
    if m is None:
        raise ValueError(f"not a period: {period!r}")
    return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)


def months_between(earlier: str, later: str) -> int:
    """Whole calendar months from the Monday of ``earlier`` to the Monday of ``later``."""
    a, b = monday(earlier), monday(later)
    months = (b.year - a.year) * 12 + (b.month - a.month) - (1 if b.day < a.day else 0)
    return max(months, 0)


def then_and_now(ctx: GroupCtx, rnd: Round, prompt: Prompt | None = None) -> ThenAndNow | None:
    """What to show a member after their answer in ``rnd`` is saved: their latest earlier answer
    to the same prompt in this group, and for a scale prompt the score (for a prediction the
    probability) then and now. None when resurface is off, they never answered this prompt
    before, or there are neither words nor figures to compare."""
    if not ctx.group.resurface:
        return None
    prompt = prompt or ctx.store.prompts.get(rnd.prompt_id)
    if prompt is None:
        return None
    then = ctx.store.answers.earlier_answer(ctx.group.id, ctx.member_id, prompt.id, rnd.period)
    if then is None:
        return None
    now = ctx.store.answers.of(rnd.id, ctx.member_id)
    column = COMPARED.get(prompt.kind)  # the number to compare: a score, or a forecast
    then_value = then[column] if column else None
    now_value = now[column] if column and now else None
    if then_value is None or now_value is None:
        then_value = now_value = None
    text = " ".join((then["text"] or "").split())  # presentation clips it
    if not text and then_value is None:
        return None  # neither words nor a score to compare: nothing worth saying
    return ThenAndNow(then["period"], months_between(then["period"], rnd.period), text, prompt.kind,
                      then_value, now_value)


COMPARED = {"scale": "score", "prediction": "probability"}


def year_ago_round(deps: Deps, group: Group, rnd: Round) -> Round | None:
    """The group's closed round from 52 weeks before ``rnd`` (51 to 53 weeks, nearest first)."""
    for weeks in (YEAR, YEAR - SLACK, YEAR + SLACK):
        try:
            period = shift_period(rnd.period, -weeks)
        except ValueError:
            continue
        found = deps.store.rounds.for_period(group.id, period)
        if found is not None and not found.is_open:
            return found
    return None


def year_ago(deps: Deps, rnd: Round) -> YearAgo | None:
    """"A year ago this week" for ``rnd``'s digest: the closed round of a year before, if the
    group's resurface is on."""
    store = deps.store
    group = store.groups.get(rnd.group_id)
    if group is None or not group.resurface:
        return None
    then = year_ago_round(deps, group, rnd)
    prompt = store.prompts.get(then.prompt_id) if then else None
    if then is None or prompt is None:
        return None
    rows = store.answers.of_round(then.id)
    answered = len(rows)
    skipped = len(store.answers.skips_of_round(then.id))
    # The same count of members as that round's own digest.
    members = max(members_of_round(deps, then), answered + skipped)
    scores = [r["score"] for r in rows if r["score"] is not None]
    average = sum(scores) / len(scores) if prompt.kind == "scale" and scores else None
    return YearAgo(then.id, then.period, prompt, answered, members, average)
