"""Every round of ``hindsight demo`` asks the prompt its scripted answers were written for
(issue 15, item 7): the 52 closed weeks and the week left open, whatever day the demo ends on.

bot/demo_script.py declares, for each week, the prompt its answers belong to (``Week.prompt``:
a built-in key, or one of the group's own predictions). The built file is read back through
the store and the export, and each round's prompt is compared with that declaration.
"""
from __future__ import annotations

from datetime import datetime

import pytest

from bot import demo
from bot import demo_script as script
from bot.export import export_json, round_answers
from bot.prompt_library import BUILTIN_PROMPTS
from storage.db import connect
from storage.store import Store

BUILTIN_TEXT = {p.key: p.text_en for p in BUILTIN_PROMPTS}

# A Wednesday afternoon, a Monday before the prompt time, and a Sunday after the close.
ENDS = ("2026-03-11T15:00:00+00:00", "2026-03-09T05:00:00+00:00", "2026-03-15T20:00:00+00:00")


def expected_text(week: script.Week) -> str:
    if week.prompt in script.OWN_PREDICTIONS:
        return script.OWN_PREDICTIONS[week.prompt][0]
    return BUILTIN_TEXT[week.prompt]


def typed(week: script.Week) -> int:
    """How many answers the script has the members give (a skip or a silence is none)."""
    return sum(1 for e in week.answers if e is not None and e != script.SKIP)


@pytest.mark.parametrize("end", ENDS)
def test_each_round_asks_the_prompt_its_answers_were_written_for(tmp_path, end):
    path = tmp_path / "demo.db"
    demo.build(path, datetime.fromisoformat(end))
    store = Store(connect(path))
    try:
        [group] = [g for g in store.groups.all() if g.name == "console"]
        rounds = sorted(store.rounds.of_group(group.id), key=lambda r: r.period)
        weeks = (*script.YEAR, script.OPEN_WEEK)
        assert len(rounds) == len(weeks)
        assert [r.is_open for r in rounds] == [False] * len(script.YEAR) + [True]
        for rnd, week in zip(rounds, weeks):
            prompt = store.prompts.get(rnd.prompt_id)
            assert prompt is not None
            if week.prompt in script.OWN_PREDICTIONS:
                assert prompt.key is None or prompt.key not in BUILTIN_TEXT, (rnd.period, prompt.key)
            else:
                assert prompt.key == week.prompt, (rnd.period, prompt.key, week.prompt)
            assert prompt.text_en == expected_text(week), rnd.period
            answered = [a for a in round_answers(store, rnd) if a["text"] or a["score"] is not None
                        or a["probability"] is not None]
            assert len(answered) == typed(week), (rnd.period, week.prompt)
        open_texts = {a["text"] for a in round_answers(store, rounds[-1])}
        for entry in script.OPEN_WEEK.answers:
            if isinstance(entry, str) and entry != script.SKIP:
                assert entry in open_texts
        # The export (closed rounds) carries the same prompts, in the same order.
        [exported] = export_json(store)["groups"]
        closed = sorted((r for r in exported["rounds"] if r["closed_at"]), key=lambda r: r["period"])
        assert [r["prompt"]["text_en"] for r in closed] == [expected_text(w) for w in script.YEAR]
    finally:
        store.close()


def _typed_lines() -> list[str]:
    weeks = (*script.YEAR, script.OPEN_WEEK)
    own = [text for pair in script.OWN_PREDICTIONS.values() for text in pair]
    return own + [e for w in weeks for e in w.answers if isinstance(e, str) and e != script.SKIP]


def test_the_demo_script_reads_as_its_writers_would():
    # The review's findings (그들 is translated Korean; the English tense), and the glossary.
    for line in _typed_lines():
        for phrase in ("그들", "We're building it since", "척도", "아니오", "프로덕션에서 서비스"):
            assert phrase not in line, (phrase, line)


def test_the_fading_call_weeks_are_answered_with_what_fades():
    # hype-six-month-call asks what nobody will pitch any more, not (again) what comes next.
    fading = [w for w in script.YEAR if w.prompt == "hype-six-month-call"]
    assert len(fading) == 2
    next_hype = {e for w in script.YEAR if w.prompt == "next-hype" for e in w.answers}
    for week in fading:
        assert not next_hype & set(week.answers)
        for line in (e for e in week.answers if isinstance(e, str) and e != script.SKIP):
            assert not any(word in line.lower() for word in ("next", "will be calling", "뜰 거예요")), line
