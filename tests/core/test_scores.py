"""The ledger's scores (bot/scores.py) from hand-worked examples, plus a few properties."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.scores import (
    CalibrationBucket,
    Forecast,
    brier,
    bucket_index,
    calibration,
    fmt2,
    hit_rate,
    leaderboard,
    median,
    member_summary,
    question_records,
    score_forecasts,
)

# The acceptance figures: one question resolved yes.
ACCEPTANCE = [
    Forecast("2026-W02", "alice", 0.70, "yes"),
    Forecast("2026-W02", "bob", 0.20, "yes"),
    Forecast("2026-W02", "carol", 0.50, "yes"),
]


# --- Brier ----------------------------------------------------------------------------------

def test_brier_by_hand():
    # yes: (0.7 - 1)^2 = 0.09, (0.2 - 1)^2 = 0.64, (0.5 - 1)^2 = 0.25
    assert brier(0.7, True) == pytest.approx(0.09)
    assert brier(0.2, True) == pytest.approx(0.64)
    assert brier(0.5, True) == pytest.approx(0.25)
    # no: (0.7 - 0)^2 = 0.49; the extremes are 0 and 1
    assert brier(0.7, False) == pytest.approx(0.49)
    assert brier(1.0, True) == 0.0
    assert brier(0.0, True) == 1.0
    assert brier(0.0, False) == 0.0
    assert brier(1, False) == 1.0


@pytest.mark.parametrize("p", [-0.01, 1.01, math.nan, math.inf, True, "0.5"])
def test_brier_refuses_a_probability_outside_0_1(p):
    with pytest.raises(ValueError):
        brier(p, True)


def test_forecast_checks_its_fields():
    with pytest.raises(ValueError):
        Forecast("q", "a", 70, "yes")  # a percentage, not a probability
    with pytest.raises(ValueError):
        Forecast("q", "a", 0.7, "maybe")  # type: ignore[arg-type]
    assert Forecast("q", "a", 1).probability == 1.0
    assert isinstance(Forecast("q", "a", 1).probability, float)


# --- Median ---------------------------------------------------------------------------------

def test_median_rule():
    assert median([0.64, 0.09, 0.25]) == 0.25  # sorted 0.09, 0.25, 0.64: the middle one
    assert median([0.4, 0.1, 0.3, 0.2]) == pytest.approx(0.25)  # (0.2 + 0.3) / 2
    assert median([0.3]) == 0.3
    assert median([0.1, 0.5]) == pytest.approx(0.3)  # (0.1 + 0.5) / 2
    with pytest.raises(ValueError):
        median([])


# --- Relative Brier -------------------------------------------------------------------------

def test_acceptance_figures():
    scored = {s.forecast.member: s for s in score_forecasts(ACCEPTANCE)}
    # Briers 0.09, 0.64, 0.25; sorted 0.09 < 0.25 < 0.64, so the median Brier is 0.25.
    assert {m: fmt2(s.brier) for m, s in scored.items()} == {
        "alice": "0.09", "bob": "0.64", "carol": "0.25"}
    assert all(s.median_brier == pytest.approx(0.25) for s in scored.values())
    assert all(s.forecasters == 3 for s in scored.values())
    # relative: 0.09 - 0.25 = -0.16, 0.64 - 0.25 = +0.39, 0.25 - 0.25 = 0.00
    assert scored["alice"].relative == pytest.approx(-0.16)
    assert scored["bob"].relative == pytest.approx(0.39)
    assert scored["carol"].relative == 0.0
    assert [fmt2(scored[m].relative, signed=True) for m in ("alice", "bob", "carol")] == [
        "-0.16", "+0.39", "0.00"]


def test_a_single_forecaster_has_no_relative_brier():
    (only,) = score_forecasts([Forecast("q", "alice", 0.7, "yes")])
    assert only.brier == pytest.approx(0.09)
    assert only.median_brier is None and only.relative is None and only.forecasters == 1


def test_two_forecasters_are_compared_with_their_mean():
    # no: Briers 0.3^2 = 0.09 and 0.9^2 = 0.81; median (0.09 + 0.81) / 2 = 0.45
    # relatives 0.09 - 0.45 = -0.36 and 0.81 - 0.45 = +0.36
    a, b = score_forecasts([Forecast(1, "a", 0.3, "no"), Forecast(1, "b", 0.9, "no")])
    assert a.median_brier == pytest.approx(0.45)
    assert (a.relative, b.relative) == (pytest.approx(-0.36), pytest.approx(0.36))


def test_ambiguous_and_open_questions_are_not_scored():
    forecasts = [
        Forecast("amb", "alice", 0.9, "ambiguous"), Forecast("amb", "bob", 0.1, "ambiguous"),
        Forecast("open", "alice", 0.6), Forecast("open", "bob", 0.4),
    ]
    assert score_forecasts(forecasts) == []
    s = member_summary(forecasts, "alice")
    assert (s.scored, s.ambiguous, s.open, s.resolved) == (0, 1, 1, 1)
    assert s.mean_brier is None and s.mean_relative is None and s.relative_count == 0
    assert all(b.count == 0 for b in calibration(forecasts))


def test_ambiguous_forecasts_do_not_count_in_another_questions_median():
    # On "q" only alice and bob forecast (carol's forecast is on an ambiguous question):
    # Briers (0.8 - 1)^2 = 0.04 and (0.4 - 1)^2 = 0.36, median 0.20, alice -0.16.
    forecasts = [Forecast("q", "alice", 0.8, "yes"), Forecast("q", "bob", 0.4, "yes"),
                 Forecast("x", "carol", 0.5, "ambiguous")]
    alice = next(s for s in score_forecasts(forecasts) if s.forecast.member == "alice")
    assert alice.median_brier == pytest.approx(0.20)
    assert alice.relative == pytest.approx(-0.16)


def test_inputs_that_make_no_sense_are_refused():
    with pytest.raises(ValueError, match="twice"):
        score_forecasts([Forecast("q", "a", 0.1, "yes"), Forecast("q", "a", 0.2, "yes")])
    with pytest.raises(ValueError, match="two outcomes"):
        score_forecasts([Forecast("q", "a", 0.1, "yes"), Forecast("q", "b", 0.2, "no")])


# --- Member summary -------------------------------------------------------------------------

def test_member_summary_by_hand():
    forecasts = ACCEPTANCE + [
        # q2 resolved no, alice 0.4 and bob 0.2: Briers 0.16 and 0.04, median 0.10,
        # alice +0.06
        Forecast("q2", "alice", 0.4, "no"), Forecast("q2", "bob", 0.2, "no"),
        # q3 resolved no, alice alone: Brier 0.1^2 = 0.01, no relative
        Forecast("q3", "alice", 0.1, "no"),
        Forecast("q4", "alice", 0.5, "ambiguous"),
        Forecast("q5", "alice", 0.5),
    ]
    s = member_summary(forecasts, "alice")
    assert (s.scored, s.ambiguous, s.open, s.resolved) == (3, 1, 1, 4)
    # mean Brier (0.09 + 0.16 + 0.01) / 3 = 0.26 / 3 = 0.0866... -> 0.09
    assert s.mean_brier == pytest.approx(0.26 / 3)
    assert fmt2(s.mean_brier) == "0.09"
    # mean relative over the 2 that have one: (-0.16 + 0.06) / 2 = -0.05
    assert s.relative_count == 2
    assert s.mean_relative == pytest.approx(-0.05)
    nobody = member_summary(forecasts, "dave")
    assert (nobody.scored, nobody.open, nobody.mean_brier, nobody.mean_relative) == (0, 0, None, None)


# --- Calibration ----------------------------------------------------------------------------

@pytest.mark.parametrize("p, index", [
    (0.0, 0), (0.0999, 0), (0.1, 1), (0.3, 3), (0.7, 7), (0.8999, 8), (0.9, 9), (1.0, 9),
    (10 / 100, 1), (30 / 100, 3), (70 / 100, 7), (90 / 100, 9),  # whole percentages
])
def test_bucket_edges(p, index):
    assert bucket_index(p) == index


def test_every_whole_percentage_lands_in_its_bucket():
    for pct in range(101):
        assert bucket_index(pct / 100) == min(pct // 10, 9), pct


def test_calibration_by_hand():
    forecasts = [
        Forecast(1, "a", 0.0, "no"), Forecast(2, "a", 0.0999, "yes"),  # bucket 0
        Forecast(3, "a", 0.1, "no"),  # bucket 1
        Forecast(4, "a", 0.9, "yes"), Forecast(5, "a", 1.0, "yes"),
        Forecast(6, "a", 0.95, "no"),  # bucket 9
        Forecast(7, "a", 0.5, "ambiguous"), Forecast(8, "a", 0.5),  # not scored
        Forecast(1, "b", 0.5, "no"),  # someone else's
    ]
    buckets = calibration(forecasts, member="a")
    assert [(b.low, b.high) for b in buckets] == [(i * 10, i * 10 + 10) for i in range(10)]
    assert [b.count for b in buckets] == [2, 1, 0, 0, 0, 0, 0, 0, 0, 3]
    # bucket 0: mean (0 + 0.0999) / 2 = 0.04995, 1 of 2 came true
    assert buckets[0].mean_forecast == pytest.approx(0.04995)
    assert (buckets[0].hits, buckets[0].observed) == (1, 0.5)
    assert (buckets[1].mean_forecast, buckets[1].observed) == (0.1, 0.0)
    # bucket 9: mean (0.9 + 1.0 + 0.95) / 3 = 0.95, 2 of 3 came true
    assert buckets[9].mean_forecast == pytest.approx(0.95)
    assert buckets[9].observed == pytest.approx(2 / 3)
    assert buckets[9].includes_high and not buckets[8].includes_high
    assert buckets[5] == CalibrationBucket(low=50, high=60, count=0, hits=0,
                                           mean_forecast=None, observed=None)
    # without a member, everyone's: b's 50 % forecast appears in bucket 5
    assert calibration(forecasts)[5].count == 1


# --- Calls ----------------------------------------------------------------------------------

def test_hit_rate():
    assert hit_rate(["right", "partly", "wrong"]) == 0.5  # (1 + 0.5 + 0) / 3
    assert hit_rate(["right", "partly"]) == 0.75  # (1 + 0.5) / 2
    assert hit_rate(["wrong"]) == 0.0
    assert hit_rate([]) is None
    with pytest.raises(ValueError):
        hit_rate(["maybe"])


# --- Group track record ---------------------------------------------------------------------

def test_question_records():
    forecasts = ACCEPTANCE + [Forecast("open", "alice", 0.6), Forecast("open", "bob", 0.3),
                              Forecast("amb", "bob", 0.8, "ambiguous")]
    w02, open_q, amb = question_records(forecasts)
    assert (w02.question, w02.outcome, w02.forecasters) == ("2026-W02", "yes", 3)
    assert w02.median_forecast == 0.5  # sorted 0.2, 0.5, 0.7
    assert w02.median_brier == pytest.approx(0.25)
    assert [(m, fmt2(b)) for m, b in w02.briers] == [
        ("alice", "0.09"), ("bob", "0.64"), ("carol", "0.25")]
    # open: median forecast (0.3 + 0.6) / 2 = 0.45, nothing scored
    assert open_q.median_forecast == pytest.approx(0.45)
    assert (open_q.median_brier, open_q.briers) == (None, ())
    assert (amb.outcome, amb.forecasters, amb.median_brier, amb.briers) == (
        "ambiguous", 1, None, ())


def _question(q, outcome, **probs):
    return [Forecast(q, m, p, outcome) for m, p in probs.items()]


def test_leaderboard_by_hand():
    # Each question resolved yes, forecasters a, b, c (and d on some).
    forecasts = (
        # Briers a 0.01, b 0.25, c 0.49: median 0.25; relatives a -0.24, b 0, c +0.24
        _question(1, "yes", a=0.9, b=0.5, c=0.3)
        + _question(2, "yes", a=0.9, b=0.5, c=0.3)
        + _question(3, "yes", a=0.9, b=0.5, c=0.3)
        # d forecasts twice with a: Briers a 0.01, d 0.81, median 0.41; d +0.40 each time
        + _question(4, "yes", a=0.9, d=0.1)
        + _question(5, "yes", a=0.9, d=0.1)
        # d alone: scored but no relative Brier, so it does not count towards the 3
        + _question(6, "yes", d=0.1)
        + _question(7, "ambiguous", d=0.1)
    )
    board = leaderboard(forecasts)
    # a: relatives -0.24 x 3 and -0.40 x 2: mean (-0.72 - 0.80) / 5 = -0.304
    # b: 0 x 3 = 0; c: +0.24 x 3 = +0.24; d has only 2 relative Briers: left out
    assert [(e.rank, e.member, e.count) for e in board] == [
        (1, "a", 5), (2, "b", 3), (3, "c", 3)]
    assert board[0].mean_relative == pytest.approx(-0.304)
    assert board[0].mean_brier == pytest.approx(0.01)
    assert [fmt2(e.mean_relative, signed=True) for e in board] == ["-0.30", "0.00", "+0.24"]
    # with a threshold of 2, d (mean +0.40) comes in last
    assert [e.member for e in leaderboard(forecasts, min_forecasts=2)] == ["a", "b", "c", "d"]
    assert leaderboard(forecasts, min_forecasts=6) == []


def test_leaderboard_ties_are_broken_by_the_printed_figure_then_count_then_name():
    # Question 1..3: x and y each 0.5 on a yes question, with z: all tied at relative 0.
    forecasts = []
    for q in range(1, 4):
        forecasts += _question(q, "yes", x=0.5, y=0.5, z=0.5)
    # A 4th question for y and z only, also tied: y and z have 4, x has 3.
    forecasts += _question(4, "yes", y=0.5, z=0.5)
    board = leaderboard(forecasts)
    # All mean 0.00: more forecasts first (y, z with 4), then by name.
    assert [(e.rank, e.member, e.count) for e in board] == [(1, "y", 4), (2, "z", 4), (3, "x", 3)]
    # Input order does not matter.
    assert leaderboard(list(reversed(forecasts))) == board


def test_leaderboard_mixed_member_key_types_sort_deterministically():
    forecasts = []
    for q in range(3):
        forecasts += _question(q, "no", **{"7": 0.5, "b": 0.5})
    forecasts += [Forecast(q, 7, 0.5, "no") for q in range(3)]
    board = leaderboard(forecasts)
    # all tied at 0, 3 each: str() is "7", "7", "b"; then repr "'7'" < "7"
    assert [e.member for e in board] == ["7", 7, "b"]


# --- Printing -------------------------------------------------------------------------------

@pytest.mark.parametrize("x, text", [
    (None, "–"), (0.0, "0.00"), (-0.0, "0.00"), (-0.001, "0.00"), (-0.004999, "0.00"),
    (0.09000000000000002, "0.09"), (0.25, "0.25"), (-0.16, "-0.16"), (0.39, "0.39"),
    (0.125, "0.13"), (-0.125, "-0.13"), (2.675, "2.68"), (1.0, "1.00"), (0.005, "0.01"),
])
def test_fmt2(x, text):
    assert fmt2(x) == text


def test_fmt2_signed():
    assert [fmt2(x, signed=True) for x in (0.39, -0.16, 0.0, -0.0001, 0.001, None)] == [
        "+0.39", "-0.16", "0.00", "0.00", "0.00", "–"]
    with pytest.raises(ValueError):
        fmt2(math.nan)


def test_fmt2_on_the_computed_acceptance_values_is_exact():
    # 0.7 - 1 is -0.30000000000000004 in floats; the printed figures are still the hand ones.
    assert fmt2(brier(0.7, True) - brier(0.5, True), signed=True) == "-0.16"


# --- Properties -----------------------------------------------------------------------------

probabilities = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(probabilities, st.booleans())
def test_brier_is_between_0_and_1(p, outcome):
    b = brier(p, outcome)
    assert 0.0 <= b <= 1.0
    assert b == pytest.approx(brier(1.0 - p, not outcome))  # symmetric


@given(st.lists(probabilities, min_size=2, max_size=9), st.sampled_from(["yes", "no"]))
def test_relative_briers_around_the_median(probs, outcome):
    forecasts = [Forecast("q", i, p, outcome) for i, p in enumerate(probs)]
    relatives = [s.relative for s in score_forecasts(forecasts)]
    assert all(r is not None for r in relatives)
    n = len(probs)
    # at most half are strictly worse, and at most half strictly better, than the median
    assert sum(1 for r in relatives if r > 0) <= n // 2
    assert sum(1 for r in relatives if r < 0) <= n // 2
    if n % 2:
        # an odd count: the median forecaster's relative Brier is exactly 0
        assert 0.0 in relatives
    if n == 2:
        # two: they are compared with their mean, so the relatives are opposite
        assert relatives[0] == pytest.approx(-relatives[1], abs=1e-12)


@given(st.lists(probabilities, max_size=30))
def test_calibration_puts_every_scored_forecast_in_exactly_one_bucket(probs):
    forecasts = [Forecast(i, "a", p, "yes" if i % 2 else "no") for i, p in enumerate(probs)]
    buckets = calibration(forecasts)
    assert sum(b.count for b in buckets) == len(probs)
    for b in buckets:
        if b.count:
            assert b.mean_forecast is not None and b.observed is not None
            assert b.low / 100 <= b.mean_forecast + 1e-12
            assert b.mean_forecast <= b.high / 100 + 1e-12
            assert 0.0 <= b.observed <= 1.0
