"""``stats`` and anonymous rounds: nothing a member sees about others (their streaks, the list of
members, the group's rate and M) depends on who took part in an anonymous round, whether they
answered, skipped or stayed silent. Your own figures may. Also: a member who never answered
is listed by name, not by row id."""
from __future__ import annotations

import pytest

from bot.participation import RoundPart, answer_rates, members_counted
from tests.core.helpers import digest_posts, only_reply, run_week

# Carol's view of the group after three weeks, the middle one anonymous. It is the same
# whoever answered (or skipped) the anonymous week: a literal, so every case is held to it.
CAROL_SEES = [
    "Participation in memory-c1",
    "Answer rate, last 3 closed rounds (week of Nov 30 to week of Dec 14): █▃▆",
    "Latest: 67% (2 of 3 members answered, week of Dec 14)",
    "Streaks of answered weeks (now · best):",
    "• Alice: 2 · 2",
    "• Bob: 2 · 2",
    "• Carol: 0 · 1",
]


async def three_weeks_one_anonymous(bot, runtime, clock, answers: dict[str, str], skips: tuple[str, ...] = ()):
    """W49 named: alice, bob and carol answer. W50 anonymous: ``answers`` and ``skips``.
    W51 named: alice and bob answer."""
    await run_week(bot, runtime, clock, answers={"alice": "a1", "bob": "b1", "carol": "c1"})
    await bot.command("admin", "settings anonymous=yes")
    await run_week(bot, runtime, clock, answers=answers, skips=skips)
    await bot.command("admin", "settings anonymous=no")
    await run_week(bot, runtime, clock, answers={"alice": "a3", "bob": "b3"})


def stats_lines(reply_text: str) -> list[str]:
    lines = reply_text.splitlines()
    return lines[: lines.index("Streaks of answered weeks (now · best):") + 1] + [ln for ln in lines if ln.startswith("• ")]


@pytest.mark.parametrize("answers, skips", [
    ({"alice": "only one answer"}, ()),  # alice answered, bob was silent
    ({"bob": "only one answer"}, ()),  # the other way round
    ({"bob": "only one answer"}, ("alice",)),  # alice skipped instead of staying silent
    ({"dave": "only one answer"}, ()),  # someone who never answers a named round
])
async def test_others_figures_do_not_depend_on_who_took_part_in_an_anonymous_round(
        group_bot, runtime, clock, answers, skips):
    bot = group_bot
    await three_weeks_one_anonymous(bot, runtime, clock, answers, skips)
    # the anonymous round's digest counts the same members whoever answered it
    assert [d.digest.summary.split(" members")[0] for d in digest_posts(bot)] == ["3 of 3", "1 of 3", "2 of 3"]
    carol = only_reply(await bot.command("carol", "stats"))
    assert not carol.public
    assert stats_lines(carol.text) == CAROL_SEES
    assert "dave" not in carol.text.lower()  # the list of members names no one from the anonymous round
    assert carol.text.endswith("Anonymous rounds count only in your own streak; "
                               "everyone else's is counted over the named rounds.")
    # alice and bob, who differ only in the anonymous round, see the same figures for each other
    assert "• Bob: 2 · 2" in only_reply(await bot.command("alice", "stats")).text.splitlines()
    assert "• Alice: 2 · 2" in only_reply(await bot.command("bob", "stats")).text.splitlines()


async def test_your_own_streak_counts_your_anonymous_rounds(group_bot, runtime, clock):
    bot = group_bot
    await three_weeks_one_anonymous(bot, runtime, clock, {"alice": "only one answer"})
    alice = only_reply(await bot.command("alice", "stats")).text.splitlines()
    assert "• Alice: 3 · 3" in alice  # her own line counts the anonymous week she answered
    await bot.command("admin", "settings language=ko")
    korean = only_reply(await bot.command("alice", "stats")).text.splitlines()
    assert "• Alice: 3 · 3" in korean and "• Bob: 2 · 2" in korean
    assert korean[-1] == "익명 라운드는 내 연속 기록에만 들어가요. 다른 사람의 기록은 이름이 공개된 라운드만으로 세요."
    await bot.command("admin", "settings language=en")
    assert "• Bob: 2 · 2" in alice
    # the App Home shows the member their own streak, anonymous rounds included
    (view,) = await bot.open_home("alice")
    assert view.member.user_id == "alice"
    assert dict(view.sections)["Your streak"] == ("Answered 3 weeks in a row now · best 3 weeks",)
    (view,) = await bot.open_home("bob")
    assert dict(view.sections)["Your streak"] == ("Answered 1 week in a row now · best 1 week",)


async def test_a_member_who_never_answered_is_listed_by_name(group_bot, runtime, clock):
    bot = group_bot
    await run_week(bot, runtime, clock, answers={"alice": "a1"})
    lines = only_reply(await bot.command("erin", "stats")).text.splitlines()
    assert [ln for ln in lines if ln.startswith("• ")] == ["• Alice: 1 · 1", "• Erin: 0 · 0"]


def test_m_counts_an_anonymous_round_by_head_count_only():
    def part(period, answered=(), skipped=(), away=(), anonymous=False):
        return RoundPart(period, frozenset(answered), frozenset(skipped), frozenset(away), anonymous)

    named = [part("W1", {1, 2}), part("W2", {1, 2})]
    # whoever answered the anonymous W3 (one of the roster, or someone new), M is the same
    for who in (1, 2, 3):
        rounds = named + [part("W3", {who}, anonymous=True), part("W4", {1})]
        assert members_counted(rounds) == [2, 2, 2, 2]
        assert answer_rates(rounds) == [1.0, 1.0, 0.5, 0.5]
    # an all-anonymous group still has an M: the largest head count of its recent rounds
    rounds = [part("W1", {1, 2, 3}, anonymous=True), part("W2", {4}, anonymous=True),
              part("W3", {5}, away={9}, anonymous=True)]
    assert members_counted(rounds) == [3, 3, 2]


async def test_a_name_known_only_from_an_anonymous_round_is_not_known(group_bot, runtime, clock):
    """Naming a member (history, ledger) answers the same for someone who only took part in an
    anonymous round as for a stranger: the list of members comes from named rounds."""
    bot = group_bot
    await run_week(bot, runtime, clock, answers={"alice": "a1"})
    await bot.command("admin", "settings anonymous=yes")
    await run_week(bot, runtime, clock, answers={"dave": "only one answer"}, skips=("erin",))
    await bot.command("admin", "settings anonymous=no")
    for name in ("dave", "erin", "zed"):
        assert only_reply(await bot.command("carol", f"history {name}")).text == \
            f"I don't know a member '{name}' in this group."
        assert only_reply(await bot.command("carol", f"ledger {name}")).text == \
            f"I don't know a member '{name}' in this group."
    assert only_reply(await bot.command("carol", "history alice")).text.startswith("Alice")


async def test_history_by_your_own_name_after_only_anonymous_rounds(group_bot, runtime, clock):
    bot = group_bot
    await bot.command("admin", "settings anonymous=yes")
    await run_week(bot, runtime, clock, answers={"dave": "only one answer"})
    assert "only one answer" in only_reply(await bot.command("dave", "history dave")).text
    # in an anonymous group, another member's history is refused alike for every name
    for name in ("alice", "zed"):
        assert only_reply(await bot.command("carol", f"history {name}")).text == \
            "This group is anonymous, so you can only see your own history."
    await bot.command("admin", "settings anonymous=no")
    assert "only one answer" in only_reply(await bot.command("dave", "history Dave")).text


async def test_the_m_of_one_round_equals_the_m_of_the_whole_history(group_bot, runtime, clock, store, service):
    """A digest counts M from the round, the 7 before it and two look-ups (members_of_round);
    ``stats`` walks the whole history (members_counted). Both give the same M for every round,
    through anonymous rounds, skips, newcomers and a member away."""
    from bot.usecases.participation import members_of_round, participation

    bot = group_bot
    said = "50% words"  # a probability too, for the prediction prompts in the rotation
    weeks = [({"alice": said, "bob": said}, ("carol",), False), ({"alice": said}, (), True),
             ({"carol": said, "dave": said}, ("alice",), False), ({"bob": said, "erin": said}, (), True),
             ({}, ("bob",), False)] * 3
    for i, (answers, skips, anonymous) in enumerate(weeks):
        await bot.command("admin", f"settings anonymous={'yes' if anonymous else 'no'}")
        if i == 6:
            await bot.command("carol", "away until 2027-12-31")
        await run_week(bot, runtime, clock, answers, skips)
    group = store.groups.all()[0]
    info = participation(service.deps, group)
    whole = members_counted(info.parts)
    assert len(whole) == len(weeks) and len(set(whole)) > 1  # the story moves M
    assert [members_of_round(service.deps, rnd) for rnd in info.rounds] == whole
