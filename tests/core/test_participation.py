"""Participation: the sparkline, streak maths on hand-made weeks, the answer rate (M as in the
digest's "N of M"), and ``stats`` through the memory adapter (private; only your own streak
in an anonymous group)."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.actions import Reply
from bot.participation import (BARS, GAP, RoundPart, Streak, Week, answer_rates, member_streak, members_counted,
                               percent, sparkline, streak, week_status)
from tests.core.helpers import digest_posts, only_reply, run_week


# sparkline ---------------------------------------------------------------------------------------
def test_sparkline_cuts_the_range_into_eight_equal_bands():
    assert sparkline([i / 8 for i in range(9)], 0, 1) == "▁▂▃▄▅▆▇██"
    assert sparkline([0.124, 0.125, 0.999], 0, 1) == "▁▂█"


def test_sparkline_defaults_to_the_values_own_range():
    assert sparkline([1, 2, 3, 4, 5]) == "▁▃▅▇█"
    assert sparkline([10, 20]) == "▁█"
    assert sparkline([-3.5, 0.0]) == "▁█"


def test_sparkline_for_scale_averages_on_a_fixed_range():
    assert sparkline([1.0, 2.0, 3.0, 4.0, 5.0], 1, 5) == "▁▃▅▇█"
    assert sparkline([3.2, 3.25], 1, 5) == "▅▅"


def test_sparkline_gaps_keep_their_place():
    assert sparkline([None, 0.0, None, 1.0], 0, 1) == f"{GAP}▁{GAP}█"
    assert sparkline([0.0, math.nan, 1.0]) == f"▁{GAP}█"
    assert sparkline([None, None]) == GAP * 2
    assert sparkline([]) == ""


def test_a_flat_series_is_drawn_with_middle_bars():
    assert sparkline([3, 3, 3]) == "▅▅▅"
    assert sparkline([7]) == "▅"
    assert sparkline([2, None, 2]) == f"▅{GAP}▅"
    assert sparkline([4, 9], 5, 5) == "▅▅"  # an explicit flat range too


def test_values_outside_an_explicit_range_are_drawn_at_its_ends():
    assert sparkline([-1, 2, 0.5], 0, 1) == "▁█▅"


def test_a_range_upside_down_is_refused():
    with pytest.raises(ValueError):
        sparkline([1], 2, 1)


@given(st.lists(st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)), max_size=40))
def test_sparkline_one_character_per_value_and_order_kept(values):
    line = sparkline(values)
    assert len(line) == len(values)
    assert all(c in BARS or c == GAP for c in line)
    assert [c == GAP for c in line] == [v is None for v in values]
    drawn = sorted((v, BARS.index(c)) for v, c in zip(values, line) if v is not None)
    assert all(a[1] <= b[1] for a, b in zip(drawn, drawn[1:]))  # a higher value never gets a lower bar
    present = [v for v in values if v is not None]
    if present and min(present) < max(present):
        assert BARS[0] in line and BARS[-1] in line


# streaks -----------------------------------------------------------------------------------------
CODES = {"A": Week.ANSWERED, "S": Week.SKIPPED, "W": Week.AWAY, "-": Week.MISSING}


def weeks(text: str) -> list[Week]:
    """Hand-made weeks, oldest first: A answered, S skipped, W away, - missing."""
    return [CODES[c] for c in text]


@pytest.mark.parametrize("text, current, best", [
    ("", 0, 0),
    ("A", 1, 1),
    ("AAA", 3, 3),
    ("AASAA", 2, 2),  # a skip breaks it
    ("AA-A", 1, 2),  # so does a missed week
    ("AAWAA", 4, 4),  # an away week neither breaks it nor counts
    ("AWWWA", 2, 2),
    ("WWW", 0, 0),
    ("AW", 1, 1),  # away at the end: the streak is still current
    ("AAAS", 0, 3),
    ("AAA-AAAAS", 0, 4),
    ("SAWWA-AA", 2, 2),
    ("-W-", 0, 0),
    ("AAW-A", 1, 2),  # away does not bridge a missed week
])
def test_streaks_on_hand_made_weeks(text, current, best):
    assert streak(weeks(text)) == Streak(current, best)


def test_a_weeks_status_answered_first_then_away_then_skipped():
    rnd = RoundPart("2026-W01", answered=frozenset({1}), skipped=frozenset({2, 3}), away=frozenset({1, 3, 4}))
    assert week_status(rnd, 1) is Week.ANSWERED  # answered while away still counts
    assert week_status(rnd, 2) is Week.SKIPPED
    assert week_status(rnd, 3) is Week.AWAY  # away: a skip asks nothing more of them
    assert week_status(rnd, 4) is Week.AWAY
    assert week_status(rnd, 5) is Week.MISSING


def part(period: str, answered=(), skipped=(), away=()) -> RoundPart:
    return RoundPart(period, frozenset(answered), frozenset(skipped), frozenset(away))


def test_member_streak_over_rounds():
    rounds = [part("W1", {1, 2}), part("W2", {1}, away={2}), part("W3", {1, 2}), part("W4", {2}, skipped={1})]
    assert member_streak(rounds, 1) == Streak(0, 3)
    assert member_streak(rounds, 2) == Streak(3, 3)
    assert member_streak(rounds, 9) == Streak(0, 0)


# the answer rate -------------------------------------------------------------------------------
def test_m_is_the_digests_n_of_m_without_away_members():
    rounds = [
        part("W1", {1, 2}, skipped={3}),  # roster 3, ever 2, took part 3 -> M 3
        part("W2", {1}, away={2}),  # roster {1, 3} (2 away) 2, ever {1} 1 -> M 1
        part("W3", {1, 2}),  # roster 3, ever 2 -> M 2
        part("W4", ()),  # roster 3, ever 2 -> M 2, nobody answered
    ]
    assert members_counted(rounds) == [3, 1, 2, 2]
    assert answer_rates(rounds) == [pytest.approx(2 / 3), 1.0, 1.0, 0.0]


def test_m_looks_back_eight_rounds_only():
    rounds = [part("W1", {1, 2, 3})] + [part(f"W{i}", {1, 2}) for i in range(2, 11)]
    counted = members_counted(rounds)
    assert counted[7] == 3  # W8: W1 is still among the last 8 rounds
    assert counted[8] == 2  # W9: member 3 has dropped out
    assert answer_rates(rounds)[-1] == 1.0


def test_no_one_to_count_is_a_gap_not_zero():
    assert answer_rates([part("W1"), part("W2", {1})]) == [None, 1.0]
    assert answer_rates([part("W1", away={1})]) == [None]


def test_percent_rounds_half_up():
    assert [percent(x) for x in (0, 1 / 3, 2 / 3, 0.005, 1)] == [0, 33, 67, 1, 100]


# stats through the memory adapter ----------------------------------------------------------------
async def three_weeks(bot, runtime, clock):
    await run_week(bot, runtime, clock, answers={"alice": "a1", "bob": "b1", "carol": "c1"})
    await run_week(bot, runtime, clock, answers={"alice": "a2"}, skips=("bob",))
    await run_week(bot, runtime, clock, answers={"alice": "a3", "bob": "b3"})


async def test_stats_shows_the_rate_sparkline_and_every_streak(group_bot, runtime, clock):
    bot = group_bot
    await three_weeks(bot, runtime, clock)
    # the digests said 3 of 3, 1 of 3, 2 of 3: the rates are the same figures
    assert [d.digest.summary.split(" members")[0] for d in digest_posts(bot)] == ["3 of 3", "1 of 3", "2 of 3"]
    reply = only_reply(await bot.command("bob", "stats"))
    assert not reply.public
    lines = reply.text.splitlines()
    assert "Answer rate, last 3 closed rounds (week of Nov 30 to week of Dec 14): █▃▆" in lines
    assert "Latest: 67% (2 of 3 members answered, week of Dec 14)" in lines
    streaks = [ln for ln in lines if ln.startswith("• ")]
    assert streaks == ["• Alice: 3 · 3", "• Bob: 1 · 1", "• Carol: 0 · 1"]


async def test_stats_in_an_anonymous_group_shows_only_your_own_streak(group_bot, runtime, clock):
    bot = group_bot
    await three_weeks(bot, runtime, clock)
    await bot.command("admin", "settings anonymous=yes")
    reply = only_reply(await bot.command("carol", "stats"))
    assert not reply.public
    assert "• You: 0 · 1" in reply.text.splitlines()
    assert "only your own streak" in reply.text
    assert "alice" not in reply.text.lower() and "bob" not in reply.text.lower()
    assert "█▃▆" in reply.text  # the group's rate names nobody
    # turned back off, everyone's streak shows again
    await bot.command("admin", "settings anonymous=no")
    assert "• Alice: 3 · 3" in only_reply(await bot.command("carol", "stats")).text


async def test_stats_before_any_round_closed(open_bot):
    reply = only_reply(await open_bot.command("alice", "stats"))
    assert isinstance(reply, Reply) and not reply.public
    assert "No round has closed yet" in reply.text


async def test_stats_in_korean(group_bot, runtime, clock):
    bot = group_bot
    await bot.command("admin", "settings language=ko")
    await run_week(bot, runtime, clock, answers={"alice": "a1", "bob": "b1"})
    text = only_reply(await bot.command("alice", "stats")).text
    assert "응답률" in text and "█" in text and "• Alice: 1 · 1" in text
