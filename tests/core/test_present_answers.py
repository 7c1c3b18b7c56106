"""Answers as results, then words: the use cases return what they decided (bot/results.py), and
bot/present/ alone words it, in English, Korean and both."""
from __future__ import annotations

import pytest

from bot import router
from bot.actions import AnswerStatus, OpenForm, Reply
from bot.domain import Prompt
from bot.events import AnswerSubmitted
from bot.present.render import PRESENTERS, UnknownResult, render
from bot.results import (RESULT_TYPES, AnswerFormShown, AnswerRefused, AnswerStored, AnswerWithdrawn, NoOpenRound,
                         Refusal, RoundClosed, SkipRefused, Skipped, ThenAndNow)
from bot.usecases import answers
from tests.core.helpers import the_group


def test_every_result_type_has_a_presenter_and_an_unknown_one_fails_loudly():
    assert set(RESULT_TYPES) <= set(PRESENTERS)
    with pytest.raises(UnknownResult, match="ThenAndNow"):
        render("en", [ThenAndNow("2026-W49", 0, "x", "text")])  # a part of a result, never shown alone
    reply = Reply("as is")
    assert render("ko", [reply]) == [reply]  # actions pass through


def _ctx(service, bot, user: str):
    return router.resolve(service.deps, bot.origin(user))


async def test_use_cases_return_results_not_words(open_bot, service, store):
    ctx = _ctx(service, open_bot, "alice")
    rnd = store.rounds.for_period(the_group(store).id, "2026-W49")
    assert answers.submit_answer(ctx, AnswerSubmitted(ctx.origin, "  Hiring is slow ", "command")) == [
        AnswerStored("2026-W49")]
    assert answers.submit_answer(ctx, AnswerSubmitted(ctx.origin, "Hiring is slower", "command")) == [
        AnswerStored("2026-W49", replaced=True)]
    assert answers.submit_answer(ctx, AnswerSubmitted(ctx.origin, "x" * 501, "command")) == [
        AnswerRefused(Refusal.TOO_LONG, "x" * 501, length=501, limit=500)]
    assert answers.skip(ctx, rnd.id) == [SkipRefused(answered=True)]
    bob = _ctx(service, open_bot, "bob")
    assert answers.skip(bob, rnd.id) == [Skipped("2026-W49")]
    assert answers.submit_answer(bob, AnswerSubmitted(bob.origin, "   ", "command")) == [
        AnswerRefused(Refusal.EMPTY, "")]
    form = answers.answer_form(ctx, rnd.id)
    assert len(form) == 1 and isinstance(form[0], AnswerFormShown)
    assert (form[0].period, form[0].text, form[0].limit) == ("2026-W49", "Hiring is slower", 500)
    assert answers.answer_form(ctx, 999) == [RoundClosed("")]


PROMPT = Prompt(id=1, kind="text", text_en="What slowed you down?", text_ko="무엇이 발목을 잡았나요?")

WORDS = {
    "en": {
        AnswerStored("2026-W02"): "Saved your answer for the week of Jan 5. It stays private until the digest.",
        AnswerStored("2026-W02", replaced=True, probability=70):
            "Replaced your answer for the week of Jan 5. Your first answer is kept as the original. "
            "Your forecast: 70%.",
        Skipped("2026-W02"): "Skipped the week of Jan 5. You can still answer until the round closes.",
        AnswerWithdrawn("2026-W01"):
            "Your answer for the week of Dec 29 was withdrawn because you deleted its message.",
        RoundClosed("2026-W02"): "the round for the week of Jan 5 is closed.",
        RoundClosed(""): "That round is closed or no longer exists.",
        NoOpenRound(): "there is no open round right now.",
    },
    "ko": {
        AnswerStored("2026-W02"): "1월 2주차 (1/5~1/11) 답변을 저장했어요. 다이제스트가 올라오기 전까지는 다른 멤버에게 보이지 않아요.",
        AnswerStored("2026-W02", replaced=True, probability=70):
            "1월 2주차 (1/5~1/11) 답변을 바꿨어요. 처음 쓴 답변은 원본으로 보관돼요. 내 예측: 70%.",
        Skipped("2026-W02"): "1월 2주차 (1/5~1/11) 질문은 건너뛰었어요. 마감 전까지는 언제든 답할 수 있어요.",
        AnswerWithdrawn("2026-W01"): "메시지를 삭제해서 1월 1주차 (12/29~1/4) 답변을 철회했어요.",
        RoundClosed("2026-W02"): "1월 2주차 (1/5~1/11) 라운드는 이미 마감됐어요.",
        RoundClosed(""): "이미 마감됐거나 없는 라운드예요.",
        NoOpenRound(): "지금 열려 있는 라운드가 없어요.",
    },
}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_answer_results_in_words(lang):
    for result, words in WORDS[lang].items():
        (reply,) = render(lang, [result])
        assert isinstance(reply, Reply) and reply.text == words, result
    (both,) = render("both", [AnswerStored("2026-W02")])
    assert isinstance(both, Reply)
    assert both.text == f"{WORDS['en'][AnswerStored('2026-W02')]}\n{WORDS['ko'][AnswerStored('2026-W02')]}"


@pytest.mark.parametrize("lang, reason, words", [
    ("en", "the answer is 501 characters; this group's limit is 500.", "Here is your text"),
    ("ko", "답변이 501자예요. 이 그룹의 제한은 500자예요.", "보내신 글을 돌려드려요"),
])
def test_a_refusal_hands_the_text_back_with_its_reason(lang, reason, words):
    (reply,) = render(lang, [AnswerRefused(Refusal.TOO_LONG, "my text", length=501, limit=500)])
    assert isinstance(reply, Reply)
    assert reply.status is AnswerStatus.REJECTED and reply.reason == reason and reply.handed_back == "my text"
    assert reason in reply.text and words in reply.text and reply.text.endswith("my text")


def test_then_and_now_in_words():
    then = ThenAndNow("2026-W23", 5, "Cash for 30 months", "scale", 3, 4)
    (en,) = render("en", [AnswerStored("2026-W49", then=then)])
    (ko,) = render("ko", [AnswerStored("2026-W49", then=then)])
    assert isinstance(en, Reply) and isinstance(ko, Reply)
    assert en.note == "Last time (week of Jun 1, 5 months ago) you said: Cash for 30 months\nScore then 3, now 4."
    assert ko.note == "지난번 답변 · 6월 1주차 (6/1~6/7) · 5개월 전: Cash for 30 months\n점수는 그때 3, 지금 4."
    forecast = ThenAndNow("2026-W48", 0, "", "prediction", 60, 70)
    (reply,) = render("en", [AnswerStored("2026-W49", probability=70, then=forecast)])
    assert isinstance(reply, Reply)
    assert reply.note == ("Last time (week of Nov 23, less than a month ago) you gave a score without a comment.\n"
                          "Forecast then 60%, now 70%.")


@pytest.mark.parametrize("lang, title", [("en", "Your answer · week of Jan 5"),
                                         ("ko", "내 답변 · 1월 2주차 (1/5~1/11)")])
def test_the_answer_form_in_words(lang, title):
    (shown,) = render(lang, [AnswerFormShown(12, "2026-W02", PROMPT, 500, text="so far")])
    assert isinstance(shown, OpenForm)
    assert shown.form.id == "answer:12" and shown.form.title == title
    (field,) = shown.form.fields
    assert field.value == "so far" and field.max_length == 500
    assert field.label == (PROMPT.text_en if lang == "en" else PROMPT.text_ko)
