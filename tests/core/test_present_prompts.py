"""``prompts`` as results, then words; a custom scale prompt's labels in the member's language."""
from __future__ import annotations

from bot import router
from bot.actions import Reply
from bot.commands import parse
from bot.domain import Prompt
from bot.present import labels
from bot.present.render import render
from bot.results.prompts import PromptAdded, PromptNotFound, PromptRemoved, PromptsUsage
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
