"""Periods keep a 4-digit year and take ASCII digits only; the discord.py pin matches the code
(issue 8, item 17)."""
from __future__ import annotations

import tomllib
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.timing import parse_hhmm, parse_period, period_of, shift_period
from tests.core.helpers import only_reply

ROOT = Path(__file__).resolve().parents[2]


def test_a_period_keeps_its_four_digit_year():
    assert parse_period("0001-W01") == "0001-W01"
    assert parse_period("0999-w10") == "0999-W10"
    assert shift_period("0001-W02", -1) == "0001-W01"
    assert period_of(datetime(999, 3, 10, tzinfo=timezone.utc), "UTC") == "0999-W10"


@pytest.mark.parametrize("text", ["0000-W01", "١٢٣٤-W01", "2026-W٠١", "2025-W53", "10000-W01", "2026-W00"])
def test_odd_periods_are_refused(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_shifting_past_the_calendar_is_a_value_error():
    with pytest.raises(ValueError):
        shift_period("0001-W01", -1)
    with pytest.raises(ValueError):
        shift_period("9999-W52", 1)


def test_times_of_day_take_ascii_digits_only():
    assert parse_hhmm("09:30") == (9, 30)
    for text in ("٠٩:٣٠", "０９:３０", "9:3", "24:00"):
        with pytest.raises(ValueError):
            parse_hhmm(text)


async def test_digest_of_year_one_names_it_with_four_digits(group_bot):
    assert only_reply(await group_bot.command("alice", "digest 0001-W01")).text == "There is no round for that week (0001-W01)."


def test_discord_py_pin_is_at_least_the_version_the_code_needs():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    (pin,) = [d for d in deps if d.startswith("discord.py")]
    assert pin.replace(" ", "") == "discord.py>=2.6,<3"  # discord.ui.Label arrived in 2.6
