"""``prompts`` as results, then words; a custom scale prompt's labels in the member's language."""
from __future__ import annotations

from bot import router
from bot.actions import Reply
from bot.commands import parse
from bot.domain import Prompt
from bot.present import labels
from bot.present.render import render
from bot.present.prompts import kind_label, kind_words
from bot.results.prompts import PromptAdded, PromptNextSet, PromptNotFound, PromptRemoved, PromptsListed, PromptsUsage
from bot.usecases import prompts


async def test_the_use_cases_return_what_they_did(group_bot, service, store):
    ctx = router.resolve(service.deps, group_bot.origin("admin"))
    (added,) = prompts.cmd_prompts(ctx, parse("prompts add scale How sure are you? | 얼마나 확신하나요?"))
    assert isinstance(added, PromptAdded)
    assert store.prompts.get(added.id).labels_en == ()  # words are presentation's: none stored
    assert prompts.cmd_prompts(ctx, parse(f"prompts remove {added.id}")) == [PromptRemoved(added.id)]
    assert prompts.cmd_prompts(ctx, parse("prompts next 99999")) == [PromptNotFound("99999")]
    assert prompts.cmd_prompts(ctx, parse("prompts add prediction 7m x")) == [PromptsUsage()]


def test_in_words_without_a_particle_after_the_number():
    (ko,) = render("ko", [PromptAdded(12)])
    assert isinstance(ko, Reply) and ko.text == "질문을 추가했어요: 12"
    (en,) = render("en", [PromptRemoved(12, was_next=True)])
    assert isinstance(en, Reply) and en.text.startswith("Removed prompt 12 from this group's rotation.\nIt was also set")


def test_a_custom_scale_prompt_shows_the_catalog_labels_in_each_language():
    custom = Prompt(5, "scale", "How sure?", "얼마나?")
    assert labels(custom, "en") == ("Not at all", "A little", "Somewhat", "Mostly", "Fully")
    assert labels(custom, "ko")[0] != "Not at all" and len(labels(custom, "ko")) == 5
    assert labels(custom, "both")[0] == f"Not at all / {labels(custom, 'ko')[0]}"
    assert labels(Prompt(6, "text", "Why?", "왜?"), "ko") == ("1", "2", "3", "4", "5")


def test_prompt_kinds_in_words_in_each_language():
    kinds = [("text", None), ("scale", None), ("prediction", 12), ("call", 1)]
    assert [kind_words("ko", k, h) for k, h in kinds] == ["서술형", "점수형", "예측 · 기한 12개월", "전망 · 기한 1개월"]
    assert [kind_words("en", k, h) for k, h in kinds] == ["text", "scale", "prediction, 12 months", "call, 1 month"]
    assert kind_label("prediction", 12) == "prediction 12m", "the command line's listing keeps the syntax"
    call = Prompt(7, "call", "Which tool wins?", "어떤 도구가 이길까요?", key="next-hype", horizon_months=6)
    (ko,) = render("ko", [PromptsListed("founders", ((call, 2), (Prompt(8, "scale", "Calm?", "평온?"), 0)))])
    assert isinstance(ko, Reply)
    assert "전망 · 기한 6개월" in ko.text.splitlines()[1] and "점수형" in ko.text.splitlines()[2]
    assert "call" not in ko.text and "scale" not in ko.text
    (both,) = render("both", [PromptNextSet(call)])
    assert isinstance(both, Reply)
    assert "(next-hype, call, 6 months)" in both.text and "(next-hype, 전망 · 기한 6개월)" in both.text
