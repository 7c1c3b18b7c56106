"""The member's home (Slack's App Home tab) in the core, through the memory adapter: their open
forecasts, streak, last 3 answers and the group's latest scale sparkline, with buttons that act in
the group's channel; only their own data; the group found from where they answered last."""
from __future__ import annotations

from bot.actions import HomeView
from bot.domain import ChannelRef, MemberRef
from bot.events import HomeOpened, Origin
from bot.ids import HistoryButton, LatestDigestButton, LedgerButton, encode
from tests.core.helpers import prompt_posts, text_of


async def scale_week(bot, runtime, clock, scores: dict[str, int], key: str = "bear-score") -> int:
    await bot.command("admin", f"prompts next {key}")
    await runtime.tick()
    rid = prompt_posts(bot)[-1].card.round_id
    for user, n in scores.items():
        await bot.click(user, f"hs:score:{rid}:{n}")
    clock.advance(days=6, hours=9)
    await runtime.tick()
    clock.advance(hours=15)
    return rid


def sections(view: HomeView) -> dict[str, tuple[str, ...]]:
    return dict(view.sections)


def whole(view: HomeView) -> str:
    return "\n".join(h + "\n" + "\n".join(lines) for h, lines in view.sections)


async def test_the_home_shows_only_the_members_own_data(group_bot, runtime, clock, store):
    bot = group_bot
    await scale_week(bot, runtime, clock, {"alice": 3, "bob": 4})
    await scale_week(bot, runtime, clock, {"alice": 2, "bob": 2})
    # a prediction week: alice and bob forecast; the round stays open
    await bot.command("admin", "prompts next cost-api-price-call")
    await runtime.tick()
    assert (await bot.say("alice", "70% cheaper every quarter"))[0].status == "saved"
    assert (await bot.say("bob", "20% bob's secret reason"))[0].status == "saved"
    bot.replies.clear()

    (view,) = await bot.open_home("alice")
    assert bot.replies == [view], "the memory adapter records the home"
    assert isinstance(view, HomeView) and view.member.user_id == "alice"
    shown = sections(view)
    assert view.sections[0] == ("Hindsight · memory-c1", ())
    (forecast,) = shown["Your open forecasts"]
    assert forecast.startswith("• week of Dec 14 · 70% · due Tue, Dec 14, 2027 · Within 12 months")
    assert shown["Your streak"] == ("Answered 2 weeks in a row now · best 2 weeks",)
    answers = shown["Your latest answers"]
    assert answers == ("• week of Dec 14 (open) · 70% cheaper every quarter", "• week of Dec 7 · [2]", "• week of Nov 30 · [3]")
    assert shown["The group's latest scale prompt"] == ("Group average over 2 rounds: ▆▃ (3.5 → 2.0)",)
    assert "20%" not in whole(view) and "bob" not in whole(view).lower()
    assert [b.action for b in view.buttons] == [encode(LatestDigestButton()), encode(HistoryButton()),
                                                encode(LedgerButton())]
    assert view.channel == ChannelRef("memory", "w1", "c1")
    # the buttons act in that channel, for this member only
    history = text_of(await bot.click("alice", encode(HistoryButton()), channel="c1"))
    assert "cheaper every quarter" in history and "secret" not in history


async def test_the_home_in_korean_and_of_a_member_with_nothing_yet(group_bot, store):
    bot = group_bot
    await bot.command("admin", "settings language=ko")
    (view,) = await bot.open_home("dana")
    shown = sections(view)
    assert shown["아직 결과가 나오지 않은 내 예측"] == ("열려 있는 예측이 없어요.",)
    assert shown["내 연속 기록"] == ("지금 0주 연속 답변 · 최고 0주",)  # the counter follows the number
    assert shown["그룹의 최근 점수형 질문"] == ("두 번 이상 마감된 점수형 질문이 아직 없어요.",)
    assert len(view.buttons) == 3


async def test_the_group_is_where_the_member_answered_last(group_bot, clock, store):
    bot = group_bot
    await bot.command("admin", "setup", channel="c2")
    await bot.command("admin", "open", channel="c2")
    (view,) = await bot.open_home("alice")
    assert view.channel == ChannelRef("memory", "w1", "c1"), "no answers: the first bound channel"
    await bot.command("alice", "answer in the second group", channel="c2")
    (view,) = await bot.open_home("alice")
    assert view.channel == ChannelRef("memory", "w1", "c2")
    assert view.sections[0][0] == "Hindsight · memory-c2"
    assert "in the second group" in whole(view)


async def test_a_workspace_with_no_bound_channel_gets_a_short_home(bot, store):
    (view,) = await bot.open_home("alice")
    assert view.buttons == () and view.channel is None
    assert "isn't set up in this workspace" in whole(view)
    assert store.members.by_user_id("memory", "alice", "w1") is None  # a look writes nothing
    # a bound channel of another workspace is not this member's
    await bot.command("admin", "setup")
    other = Origin(MemberRef("memory", "w2", "zed", "Zed"), ChannelRef("memory", "w2", "home"))
    (view,) = await bot.inbox(HomeOpened(other))
    assert "isn't set up in this workspace" in whole(view)


async def test_the_home_is_a_result_then_words(group_bot, service):
    from bot import router
    from bot.present.render import render
    from bot.results.home import HomeFacts
    from bot.usecases import home
    ctx = router.resolve(service.deps, group_bot.origin("dana"))
    (facts,) = home.home_opened(ctx, HomeOpened(group_bot.origin("dana")))
    assert isinstance(facts, HomeFacts) and facts.forecasts == () and facts.streak == (0, 0) and facts.trend is None
    (view,) = render("en", [facts])
    assert isinstance(view, HomeView) and dict(view.sections)["Your streak"] == ("Answered 0 weeks in a row now · best 0 weeks",)
