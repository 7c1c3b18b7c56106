"""The hype radar: the log-odds ratio on hand-worked counts (bot/radar.py), and ``radar [N]``,
the monthly digest section and the ``radar`` setting through the memory adapter."""
from __future__ import annotations

import math

import pytest

from bot import catalog
from bot.present.radar import digest_section
from bot.radar import Radar, Term, log_odds_z, radar
from bot.settings import SettingsError, parse_settings
from bot.usecases.radar import compute, parse_weeks, radar_section
from storage.sql import row
from tests.core.helpers import only_reply, run_week, the_group


# the log-odds ratio, by hand -------------------------------------------------------------------
def test_log_odds_z_by_hand():
    # "agents": recent y_i = 4 of n_i = 10 words, earlier y_j = 1 of n_j = 10; the corpus has
    # y_w = 5 of n = 20, and α0 = n = 20, so the prior is α_w = 20 · 5/20 = 5.
    # δ = log((4 + 5) / (10 + 20 − 4 − 5)) − log((1 + 5) / (10 + 20 − 1 − 5))
    #   = log(9/21) − log(6/24) = log(0.428571) − log(0.25) = log(1.714286) = 0.538997
    # σ² = 1/(4 + 5) + 1/(1 + 5) = 0.111111 + 0.166667 = 0.277778, σ = 0.527046
    # z = 0.538997 / 0.527046 = 1.0227
    delta = math.log(9 / 21) - math.log(6 / 24)
    assert delta == pytest.approx(0.538997, abs=1e-6)
    assert log_odds_z(4, 1, 10, 10, 5, 20, 20.0) == pytest.approx(delta / math.sqrt(1 / 9 + 1 / 6))
    assert log_odds_z(4, 1, 10, 10, 5, 20, 20.0) == pytest.approx(1.0227, abs=1e-4)
    # The other way round the sign flips and the size stays.
    assert log_odds_z(1, 4, 10, 10, 5, 20, 20.0) == pytest.approx(-1.0227, abs=1e-4)
    # Another α0: α_w = 10 · 5/20 = 2.5; δ = log(6.5/13.5) − log(3.5/16.5) = 0.819710;
    # σ² = 1/6.5 + 1/3.5 = 0.439560, σ = 0.662994; z = 0.819710 / 0.662994 = 1.2364.
    assert log_odds_z(4, 1, 10, 10, 5, 20, 10.0) == pytest.approx(1.2364, abs=1e-4)


def test_log_odds_without_a_contrast_is_none():
    assert log_odds_z(3, 0, 3, 0, 3, 3, 3.0) is None  # the word is the whole corpus
    assert log_odds_z(0, 0, 0, 0, 0, 0, 1.0) is None


def test_radar_on_hand_worked_counts():
    # recent: agents 4, robots 6 (n_i = 10); earlier: agents 1, crypto 9 (n_j = 10); α0 = n = 20.
    recent = [("alice", "agents agents robots robots robots"), ("bob", "Agents, agents! Robots robots robots.")]
    earlier = [("alice", "agents crypto crypto crypto crypto"), ("bob", "crypto crypto crypto crypto crypto")]
    got = radar(recent, earlier)
    # robots: α_w = 6; δ = log(12/18) − log(6/24) = 0.980829; σ² = 1/12 + 1/6 = 0.25; z = 1.961658
    # agents: z = 1.0227 (above); crypto: α_w = 9; δ = log(9/21) − log(18/12) = −1.252763;
    # σ² = 1/9 + 1/18 = 0.166667; z = −3.068603
    assert got == Radar(rising=(Term("robots", 6, 0, 1.96), Term("agents", 4, 1, 1.02)),
                        falling=(Term("crypto", 0, 9, -3.07),))
    assert got.as_json() == {
        "rising": [{"term": "robots", "now": 6, "before": 0, "z": 1.96}, {"term": "agents", "now": 4, "before": 1, "z": 1.02}],
        "falling": [{"term": "crypto", "now": 0, "before": 9, "z": -3.07}],
    }


def test_only_terms_of_two_members_and_three_uses_count():
    recent = [("alice", "blockchain blockchain blockchain blockchain agents"), ("bob", "agents robots")]
    earlier = [("alice", "metaverse robots"), ("bob", "metaverse metaverse")]
    got = radar(recent, earlier)
    terms = {t.term for t in got.rising + got.falling}
    assert "blockchain" not in terms  # used 4 times, but by alice alone
    assert "agents" not in terms  # two members, but only twice
    assert "robots" not in terms  # two members, twice
    assert "metaverse" in terms  # two members, three times
    assert radar([], []) == Radar((), ())


def test_ties_are_ordered_by_term():
    recent = [("a", "beta alpha"), ("b", "beta alpha"), ("c", "beta alpha")]
    earlier = [("a", "gamma"), ("b", "gamma"), ("c", "gamma")]
    got = radar(recent, earlier)
    assert [t.term for t in got.rising] == ["alpha", "beta"]


@pytest.mark.parametrize("words, weeks", [
    ((), 8), (("1",), 1), (("104",), 104), (("12",), 12),
    (("0",), None), (("105",), None), (("-3",), None), (("+3",), None), (("٣",), None), (("²",), None),
    (("eight",), None), (("3", "4"), None), (("3.5",), None),
])
def test_weeks_are_parsed_strictly(words, weeks):
    assert parse_weeks(words) == weeks


def test_the_radar_setting():
    assert parse_settings({"radar": "off"}) == {"radar": "off"}
    assert parse_settings({"radar": "Monthly"}) == {"radar": "monthly"}
    assert parse_settings({"radar": "매월"}) == {"radar": "monthly"}
    assert parse_settings({"radar": False}) == {"radar": "off"}  # a TOML boolean
    with pytest.raises(SettingsError) as err:
        parse_settings({"radar": "weekly"})
    assert err.value.problems == [("radar", "expect_radar")]


# through the memory adapter --------------------------------------------------------------------
OLD = {"alice": "The metaverse and NFTs will eat retail", "bob": "메타버스가 다음 하이프다, NFT도",
       "carol": "NFTs for tickets, in the metaverse"}
NEW = {"alice": "AI agents that book the meetings", "bob": "에이전트가 다음 하이프다",
       "carol": "Agents, and 에이전트를 위한 결제"}


async def text_only(bot, store) -> None:
    await bot.command("admin", "prompts add text What did you notice? | 무엇을 봤나요?")
    group = the_group(store)
    for p in store.prompts.active(group.id):
        if p.group_id is None:
            await bot.command("admin", f"prompts remove {p.id}")


async def weeks_of(bot, runtime, clock, n: int, answers: dict[str, str]) -> None:
    for _ in range(n):
        await run_week(bot, runtime, clock, answers)


async def test_radar_command_is_private_and_shows_terms_only(group_bot, store, runtime, clock):
    bot = group_bot
    await text_only(bot, store)
    await weeks_of(bot, runtime, clock, 3, OLD)
    await bot.command("admin", "settings anonymous=yes")  # anonymous rounds count too
    await weeks_of(bot, runtime, clock, 3, NEW)
    posts = len(bot.posts)

    reply = only_reply(await bot.command("dave", "radar 3"))
    assert reply.text.splitlines()[0] == catalog.t("en", "radar_head", group=the_group(store).name, weeks=3, earlier=3)
    rising = reply.text.splitlines()[1]
    falling = reply.text.splitlines()[2]
    assert rising.startswith("Rising: ") and "agents (6 lately, 0 before)" in rising and "에이전트 (6 lately, 0 before)" in rising
    assert falling.startswith("Falling: ") and "metaverse (6 lately, 0 before)" not in falling and "metaverse (0 lately, 6 before)" in falling
    assert "메타버스" not in reply.text  # only bob said it: one member's word is never shown
    for name in ("alice", "bob", "carol"):
        assert name not in reply.text.lower()
    assert len(bot.posts) == posts  # nothing posted in the channel


async def test_radar_needs_more_rounds_than_it_compares(group_bot, store, runtime, clock):
    bot = group_bot
    await text_only(bot, store)
    await weeks_of(bot, runtime, clock, 2, OLD)
    name = the_group(store).name
    assert only_reply(await bot.command("alice", "radar")).text == catalog.t(
        "en", "radar_too_few", group=name, weeks=8, need=9, count=2)
    assert only_reply(await bot.command("alice", "radar 2")).text == catalog.t(
        "en", "radar_too_few", group=name, weeks=2, need=3, count=2)
    quiet = only_reply(await bot.command("alice", "radar 1")).text
    assert catalog.t("en", "radar_quiet") in quiet  # the same words both weeks: nothing moved
    for bad in ("radar 0", "radar 105", "radar ３", "radar two", "radar 1 2"):
        assert only_reply(await bot.command("alice", bad)).text == catalog.t("en", "radar_usage", max=104, default=8)


async def test_korean_group_gets_korean_radar(group_bot, store, runtime, clock):
    bot = group_bot
    await text_only(bot, store)
    await weeks_of(bot, runtime, clock, 2, OLD)
    await weeks_of(bot, runtime, clock, 2, NEW)
    await bot.command("admin", "settings language=ko")
    text = only_reply(await bot.command("alice", "radar 2")).text
    assert text.splitlines()[0] == catalog.t("ko", "radar_head", group=the_group(store).name, weeks=2, earlier=2)
    assert "뜨는 말: " in text and "에이전트 (최근 4회, 이전 0회)" in text and "지는 말: " in text


async def test_the_first_digest_of_a_month_carries_the_radar(group_bot, store, service, runtime, clock):
    bot = group_bot
    await text_only(bot, store)
    # From 2026-W49 (closes Sun 6 Dec) the rounds close on Sundays: W53 closes Sun 3 Jan 2027,
    # the first of January, and the tenth round (2027-W05) closes Sun 7 Feb, the first of February.
    await weeks_of(bot, runtime, clock, 4, OLD)
    await weeks_of(bot, runtime, clock, 6, NEW)
    group = the_group(store)
    rounds = sorted(store.rounds.closed(group.id), key=lambda r: r.period)
    assert [r.period for r in rounds][-1] == "2027-W05" and len(rounds) == 10
    sections = {r.period: digest_section("en", radar_section(service.deps, r)) for r in rounds}
    assert {p for p, lines in sections.items() if lines} == {"2027-W05"}  # W53 was due, with 5 rounds only
    lines = sections["2027-W05"]
    assert lines[0] == catalog.t("en", "radar_digest_head", weeks=8, earlier=2)
    # The last 8 rounds hold 2 of metaverse and 6 of agents; the 2 before them, metaverse only.
    assert lines[1].startswith("Rising: ") and "agents (12 lately, 0 before)" in lines[1] and "에이전트 (12 lately, 0 before)" in lines[1]
    assert lines[2].startswith("Falling: ") and "metaverse (4 lately, 4 before)" in lines[2]
    # The radar is the one as of that round: the same later, whatever closes after it.
    assert digest_section("en", radar_section(service.deps, rounds[-1])) == lines
    assert compute(store, group.id, 8, up_to="2027-W05") == compute(store, group.id, 8)

    await bot.command("admin", "settings radar=off")
    assert store.groups.get(group.id).radar == "off"
    assert radar_section(service.deps, rounds[-1]) is None
    await bot.command("admin", "settings radar=monthly")
    assert digest_section("en", radar_section(service.deps, rounds[-1])) == lines


async def test_bad_radar_setting_changes_nothing(group_bot, store):
    text = only_reply(await group_bot.command("admin", "settings radar=weekly")).text
    assert catalog.t("en", "expect_radar") in text
    assert store.groups.get(the_group(store).id).radar == "monthly"
    found = row(store.db, "SELECT radar FROM groups WHERE id = ?", (the_group(store).id,))
    assert found == {"radar": "monthly"}  # the schema's default (migration 0005)
