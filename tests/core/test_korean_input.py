"""Korean input works wherever the English form does (issue 15, item 4): ``4점`` on a scale
prompt, ``70프로``/``70퍼센트`` on a prediction, ``resolve 예|아니요|판정 불가|취소``,
``grade 맞음|반쯤 맞음|틀림``, ``away 끝``/``away DATE까지``, and group names in Hangul."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, strategies as st

from bot import catalog, commands
from bot.usecases import setup
from bot.usecases.forecasts import ForecastError, field_probability, split_forecast
from tests.core.helpers import all_answers, answer_row, only_reply, text_of
from tests.core.test_ledger_flow import ASKED, prediction  # noqa: F401  (a fixture)
from tests.core.test_scale_and_predictions import keep_only


# parsers --------------------------------------------------------------------------------------
def test_a_probability_in_korean_words_is_read_as_strictly_as_the_sign():
    assert split_forecast("70프로") == (70, "")
    assert split_forecast("70퍼센트 한국 시장이 먼저 움직여요") == (70, "한국 시장이 먼저 움직여요")
    assert split_forecast("35 프로: 아직 일러요") == (35, "아직 일러요")
    assert split_forecast("70 % because") == (70, "because")
    assert split_forecast("70프로젝트가 잘 될 거예요") == (None, "70프로젝트가 잘 될 거예요")
    assert split_forecast("٧٠프로") == (None, "٧٠프로"), "ASCII digits only"
    for bad in ("150프로", "101퍼센트"):
        with pytest.raises(ForecastError):
            split_forecast(bad)
    assert field_probability("70프로") == 70 and field_probability(" 45 퍼센트 ") == 45
    assert field_probability("100％") == 100
    for bad in ("칠십프로", "101프로", "70프로프로"):
        with pytest.raises(ForecastError):
            field_probability(bad)


def test_outcome_and_grade_words_in_both_languages():
    for words, value in ((["예"], "yes"), (["실현됨"], "yes"), (["아니요"], "no"), (["실현", "안", "됨"], "no"),
                         (["실현안됨"], "no"), (["판정", "불가"], "ambiguous"), (["취소"], "undo"),
                         (["YES"], "yes"), (["ambiguous"], "ambiguous"), (["undo"], "undo")):
        assert commands.keyword(words, commands.OUTCOME_WORDS) == value, words
    for words, value in ((["맞음"], "right"), (["반쯤"], "partly"), (["반쯤", "맞음"], "partly"), (["틀림"], "wrong"),
                         (["Right"], "right"), (["partly"], "partly")):
        assert commands.keyword(words, commands.GRADE_WORDS) == value, words
    for words in ([], ["maybe"], ["예", "아니요"], ["yes", "no"]):
        assert commands.keyword(words, commands.OUTCOME_WORDS) is None


@given(st.sampled_from(["판정 불가", "실현 안 됨", "반쯤 맞음"]), st.lists(st.integers(0, 3), min_size=8, max_size=8))
def test_a_multi_word_keyword_reads_the_same_however_it_is_spaced(phrase, cuts):
    letters = phrase.replace(" ", "")
    words, current = [], ""
    for i, ch in enumerate(letters):
        current += ch
        if cuts[i % len(cuts)] == 0 or i == len(letters) - 1:
            words.append(current)
            current = ""
    table = commands.GRADE_WORDS if "맞음" in phrase else commands.OUTCOME_WORDS
    assert commands.keyword(words, table) == commands.keyword(phrase.split(), table) is not None


def test_group_names_are_kept_as_typed_in_any_script():
    assert setup.group_name("창업자 모임") == "창업자 모임"
    assert setup.group_name("  창업자\t  모임 ") == "창업자 모임"
    assert setup.group_name("\u1107\u1161\u11ab") == "반", "NFC: what a Mac keyboard types is the same name"
    assert setup.group_name("a\u200bb\x07") == "ab"
    assert setup.group_name("\u200b\x00") == ""


# through the memory adapter -------------------------------------------------------------------
async def test_a_score_typed_with_jeom_is_a_score(group_bot, store, runtime):
    bot = group_bot
    await keep_only(bot, store, "bear-score")
    await runtime.tick()
    assert only_reply(await bot.command("alice", "answer 4점")).status == "saved"
    assert (answer_row(store, "alice")["score"], answer_row(store, "alice")["text"]) == (4, "")
    assert only_reply(await bot.command("bob", "answer 2 점 반복 매출이 거의 없어요")).status == "saved"
    assert (answer_row(store, "bob")["score"], answer_row(store, "bob")["text"]) == (2, "반복 매출이 거의 없어요")
    assert only_reply(await bot.command("carol", "answer 5점: 흑자예요")).status == "saved"
    assert (answer_row(store, "carol")["score"], answer_row(store, "carol")["text"]) == (5, "흑자예요")
    # Not a score: 6 is out of the scale, and 점수 is a word; the text is kept as typed.
    only_reply(await bot.command("dave", "answer 6점"))
    assert (answer_row(store, "dave")["score"], answer_row(store, "dave")["text"]) == (None, "6점")
    only_reply(await bot.command("erin", "answer 3 점수가 애매해요"))
    assert (answer_row(store, "erin")["score"], answer_row(store, "erin")["text"]) == (3, "점수가 애매해요")


async def test_a_probability_in_korean_words_is_saved(prediction, bot, store):  # noqa: F811
    only_reply(await bot.command("admin", "settings language=ko"))
    assert only_reply(await bot.say("alice", "70프로 한국 모델이 싸져요")).status == "saved"
    assert only_reply(await bot.command("bob", "answer 20퍼센트")).status == "saved"
    refused = only_reply(await bot.say("carol", "150프로 확실해요"))
    assert refused.status == "rejected" and refused.handed_back == "150프로 확실해요"
    assert refused.reason == catalog.t("ko", "probability_range")
    assert sorted((a["user_id"], a["probability"], a["text"]) for a in all_answers(store)) == [
        ("alice", 70, "한국 모델이 싸져요"), ("bob", 20, "")]


async def due_prediction(bot, runtime, clock) -> None:
    only_reply(await bot.say("alice", "70%"))
    only_reply(await bot.command("admin", "close"))
    clock.set(datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc))
    await runtime.tick()


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_resolve_in_korean_words(prediction, bot, runtime, clock, store, lang):  # noqa: F811
    only_reply(await bot.command("admin", f"settings language={lang}"))
    await due_prediction(bot, runtime, clock)
    usage = catalog.t(lang, "resolve_usage")
    rid = prediction.round_id
    assert only_reply(await bot.command("admin", "resolve 2026-W02 예")).text != usage
    assert store.rounds.get(rid).outcome == "yes"
    assert only_reply(await bot.command("admin", "resolve 2026-W02 취소")).text != usage
    assert store.rounds.get(rid).outcome is None
    only_reply(await bot.command("admin", "resolve 판정 불가"))  # the oldest waiting one
    assert store.rounds.get(rid).outcome == "ambiguous"
    only_reply(await bot.command("admin", "resolve 2026-W02 취소"))
    only_reply(await bot.command("admin", "resolve 2026-W02 실현 안 됨"))
    assert store.rounds.get(rid).outcome == "no"
    assert only_reply(await bot.command("admin", "resolve 2026-W02 어쩌면")).text == usage


@pytest.mark.parametrize("phrase", ["반쯤 맞음", "반쯤"])
async def test_grade_in_korean_words(bot, clock, runtime, store, phrase):
    clock.set(ASKED)
    await bot.command("admin", "setup")
    only_reply(await bot.command("admin", "settings language=ko"))
    only_reply(await bot.command("admin", "prompts next next-hype"))
    only_reply(await bot.command("admin", "open"))
    only_reply(await bot.say("alice", "결제하는 AI 에이전트"))
    only_reply(await bot.command("admin", "close"))
    clock.set(datetime(2026, 7, 13, 10, 0, tzinfo=timezone.utc))
    await runtime.tick()
    assert only_reply(await bot.command("alice", "grade 2026-W02 대충")).text == catalog.t("ko", "grade_usage")
    only_reply(await bot.command("alice", f"grade 2026-W02 {phrase}"))
    (row,) = all_answers(store)
    assert row["grade"] == "partly"
    assert only_reply(await bot.command("alice", "grade 틀림")).text == catalog.t("ko", "nothing_to_grade")
    assert all_answers(store)[0]["grade"] == "partly"


async def test_away_ends_with_kkeut_and_starts_with_kkaji(group_bot, store):
    bot = group_bot
    only_reply(await bot.command("admin", "settings language=ko"))
    for typed in ("away 2026-12-20까지", "away 2026-12-20 까지"):
        assert only_reply(await bot.command("alice", typed)).text.startswith("2026년 12월 20일(일)까지")
        assert [a["until"] for a in store.participation.away_in(store.groups.all()[0].id)] == ["2026-12-20"]
        assert only_reply(await bot.command("alice", "away 끝")).text == catalog.t("ko", "away_off")
    assert only_reply(await bot.command("alice", "away 끝")).text == catalog.t("ko", "away_off_none")


async def test_setup_names_a_group_in_hangul(bot, store):
    await bot.command("admin", "setup 창업자 모임")
    (group,) = store.groups.all()
    assert group.name == "창업자 모임"
    assert "창업자 모임" in text_of(await bot.command("admin", "setup"))
    taken = only_reply(await bot.command("admin", "setup 창업자  모임", channel="c2")).text
    assert taken == catalog.t("en", "group_name_taken", group="창업자 모임")
    long = "가" * 41
    assert only_reply(await bot.command("admin", f"setup {long}", channel="c3")).text == catalog.t(
        "en", "group_name_too_long", length=41, limit=40)
    assert only_reply(await bot.command("admin", "setup \u200b", channel="c4")).text == catalog.t(
        "en", "group_name_empty")
    await bot.command("admin", "setup Founders", channel="c5")
    assert only_reply(await bot.command("admin", "setup FOUNDERS", channel="c6")).text == catalog.t(
        "en", "group_name_taken", group="FOUNDERS")
    assert sorted(g.name for g in store.groups.all()) == ["Founders", "창업자 모임"]


def test_korean_keywords_read_as_the_english_ones():
    for typed, words in (("prompts 다음 bear-score", ("next", "bear-score")), ("prompts 목록", ("list",)),
                         ("prompts 삭제 7", ("remove", "7")), ("settings 관리자 추가 <@U1>", ("admin", "add", "<@U1>")),
                         ("settings 관리자 삭제 bob", ("admin", "remove", "bob")), ("radar 8주", ("8",)),
                         ("export 마크다운", ("md",)), ("answer 다음 주에", ("다음", "주에"))):
        assert commands.parse(typed).words == words, typed
    assert commands.parse("prompts 목록").admin_only is False and commands.parse("prompts 다음 3").admin_only
    for typed in ("radar 8 주", "radar 주"):
        assert commands.parse(typed).words != ("8",)


async def test_prompts_settings_and_switches_in_korean(group_bot, store):
    bot = group_bot
    only_reply(await bot.command("admin", "settings language=ko"))
    only_reply(await bot.command("admin", "prompts 다음 bear-score"))
    group = store.groups.all()[0]
    assert store.prompts.get(store.groups.get(group.id).next_prompt_id).key == "bear-score"
    only_reply(await bot.command("admin", "settings leaderboard=켬 anonymous=끔 remind=없음"))
    group = store.groups.get(group.id)
    assert (group.leaderboard, group.anonymous, group.schedule.remind_day) == (True, False, None)
    only_reply(await bot.command("admin", "settings 관리자 추가 <@alice>"))
    assert sorted(a.user_id for a in store.admins.of_group(group.id)) == ["admin", "alice"]
    only_reply(await bot.command("admin", "settings 관리자 삭제 <@alice>"))
    assert [a.user_id for a in store.admins.of_group(group.id)] == ["admin"]


async def test_prompts_add_takes_the_kinds_in_korean(group_bot, store):
    bot = group_bot
    added = []
    for typed in ("prompts 추가 예측 12개월 Voice wins by 2028. | 2028년까지 음성이 이겨요.",
                  "prompts add 전망 6m Which tool wins? | 어떤 도구가 이길까요?",
                  "prompts add 점수형 How calm are you? | 얼마나 차분한가요?",
                  "prompts add 서술형 What did you learn? | 무엇을 배웠나요?"):
        reply = text_of(await bot.command("admin", typed))
        assert reply.startswith("Added prompt "), reply
        added.append(int(reply.split()[-1].rstrip(".")))
    got = [(p.kind, p.horizon_months, p.text_ko) for p in map(store.prompts.get, added)]
    assert got == [("prediction", 12, "2028년까지 음성이 이겨요."), ("call", 6, "어떤 도구가 이길까요?"),
                   ("scale", None, "얼마나 차분한가요?"), ("text", None, "무엇을 배웠나요?")]
