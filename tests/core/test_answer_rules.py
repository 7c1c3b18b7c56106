"""Answer rules: length in NFC characters, per-group limits, rejections handed back in the
group's language, duplicate and late events, and answers by thread reply, edit and delete."""
from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest

from bot.events import AnswerSubmitted, MessageEdited
from tests.core.helpers import all_rounds, all_skips, answer_row, answers, only_reply

HANGUL_NFC = "하이프는끝났다"


async def test_default_limit_is_500_characters(open_bot, store):
    assert only_reply(await open_bot.say("alice", "x" * 500)).status == "saved"
    reply = only_reply(await open_bot.say("bob", "y" * 501))
    assert reply.status == "rejected"
    assert reply.reason == "the answer is 501 characters; this group's limit is 500."
    assert reply.handed_back == "y" * 501 and "y" * 501 in reply.text
    assert answers(store) == 1


async def test_length_is_counted_after_nfc(open_bot, store):
    text = (HANGUL_NFC * 72)[:500]
    decomposed = unicodedata.normalize("NFD", text)
    assert len(decomposed) > 1000 and len(unicodedata.normalize("NFC", decomposed)) == 500
    assert only_reply(await open_bot.say("alice", decomposed)).status == "saved"
    assert answer_row(store, "alice")["text"] == text, "stored NFC-normalized"
    too_long = unicodedata.normalize("NFD", text + "다")
    assert only_reply(await open_bot.say("bob", too_long)).status == "rejected"


async def test_emoji_count_as_characters(open_bot, store):
    assert only_reply(await open_bot.say("alice", "🚀" * 500)).status == "saved"
    reply = only_reply(await open_bot.say("bob", "🚀" * 501))
    assert reply.status == "rejected" and "501" in reply.reason
    assert answer_row(store, "alice")["text"] == "🚀" * 500


@pytest.mark.parametrize("limit", [100, 800, 2000])
async def test_limit_per_group(open_bot, store, limit):
    await open_bot.command("admin", f"settings limit={limit}")
    assert only_reply(await open_bot.say("alice", "a" * limit)).status == "saved"
    reply = only_reply(await open_bot.say("bob", "b" * (limit + 1)))
    assert reply.status == "rejected" and f"limit is {limit}" in reply.reason
    assert answers(store) == 1


@pytest.mark.parametrize("limit", ["99", "2001", "0", "-5", "lots"])
async def test_limit_outside_100_to_2000_is_refused(group_bot, store, limit):
    text = only_reply(await group_bot.command("admin", f"settings limit={limit}")).text
    assert text.startswith("Nothing was changed") and "limit: a whole number from 100 to 2000" in text
    assert store.groups.all()[0].answer_limit == 500


REASONS = {
    "en": {"empty": "the answer is empty.", "long": "this group's limit is 500",
           "closed": "the round for the week of Nov 30 is closed.", "none": "there is no open round right now."},
    "ko": {"empty": "답변이 비어 있어요.", "long": "이 그룹의 제한은 500자예요",
           "closed": "12월 1주차 (11/30~12/6) 라운드는 이미 마감됐어요.", "none": "지금 열려 있는 라운드가 없어요."},
}


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_rejections_in_the_groups_language_hand_the_text_back(group_bot, store, lang):
    bot = group_bot
    await bot.command("admin", f"settings language={lang}")
    reasons = REASONS[lang]

    def rejected(actions, reason: str, text: str):
        reply = only_reply(actions)
        assert reply.status == "rejected"
        assert reason in reply.reason
        assert reply.handed_back == text and text in reply.text
        return reply

    rejected(await bot.say("alice", "before the round opens"), reasons["none"], "before the round opens")
    await bot.command("admin", "open")
    rejected(await bot.say("alice", "  \n\t "), reasons["empty"], "")
    long_text = "다음 하이프는 AI 에이전트 " * 40
    rejected(await bot.say("alice", long_text), reasons["long"], long_text.strip())
    (round_id,) = [r.id for r in all_rounds(store)]
    await bot.command("admin", "close")
    rejected(await bot.say("alice", "after the close"), reasons["none"], "after the close")
    form = await bot.submit("alice", f"answer:{round_id}", {"answer": "form after close"})
    rejected(form, reasons["closed"], "form after close")
    assert answers(store) == 0


async def test_repeated_event_id_stores_once(open_bot, store):
    first = await open_bot.say("alice", "first", event_id="Ev1")
    assert only_reply(first).status == "saved"
    assert await open_bot.say("alice", "first", event_id="Ev1") == []
    assert await open_bot.say("alice", "a retry must not replace", event_id="Ev1") == []
    assert answers(store) == 1
    assert answer_row(store, "alice")["text"] == "first"
    assert store.db.execute("SELECT count(*) FROM seen_events").fetchone()[0] == 1


async def test_a_late_event_never_overwrites_a_newer_answer(open_bot, runtime, store, clock):
    origin = open_bot.origin("alice")
    t0 = clock.now()
    newer = AnswerSubmitted(origin, "newer answer", "form", "view-2", at=t0 + timedelta(minutes=5))
    older = AnswerSubmitted(origin, "older answer", "form", "view-1", at=t0)
    assert only_reply(await runtime.handle(newer)).status == "saved"
    assert await runtime.handle(older) == []
    row = answer_row(store, "alice")
    assert row["text"] == "newer answer" and row["original_text"] == "newer answer"
    even_newer = AnswerSubmitted(origin, "newest", "form", "view-3", at=t0 + timedelta(minutes=9))
    assert only_reply(await runtime.handle(even_newer)).status == "replaced"
    assert answer_row(store, "alice")["text"] == "newest"


async def test_thread_replies_edits_and_deletes(open_bot, store):
    bot = open_bot
    thread = store.posts.get(bot.posts[0].post_id)["message_id"]
    assert thread == "m1"
    assert only_reply(await bot.reply("alice", thread, "my first reply", "msg-a1")).status == "saved"
    assert await bot.reply("alice", thread, "just discussing now", "msg-a2") == []
    row = answer_row(store, "alice")
    assert (row["text"], row["source"], row["message_ref"]) == ("my first reply", "thread", "msg-a1")
    # Editing the answering message updates the answer; editing discussion does nothing.
    assert only_reply(await bot.edit("alice", "msg-a1", "edited reply", "edit-1")).status == "replaced"
    assert await bot.edit("alice", "msg-a2", "edited discussion", "edit-2") == []
    assert await bot.edit("bob", "msg-a1", "not your message", "edit-3") == []
    row = answer_row(store, "alice")
    assert row["text"] == "edited reply" and row["original_text"] == "my first reply"
    # A reply in some other thread is ordinary conversation.
    assert await bot.reply("bob", "not-a-prompt", "hello", "msg-b0") == []
    # A member who answered by form: their thread replies are discussion.
    await bot.say("bob", "bob by command")
    assert await bot.reply("bob", thread, "bob in thread", "msg-b1") == []
    assert answer_row(store, "bob")["text"] == "bob by command"
    # Deleting the message withdraws the answer, once.
    withdrawn = only_reply(await bot.delete("alice", "msg-a1", "del-1"))
    assert "withdrawn" in withdrawn.text
    assert answer_row(store, "alice") is None
    assert await bot.delete("alice", "msg-a1", "del-1") == []
    # With no answer left, the next reply in the thread is the answer again.
    assert only_reply(await bot.reply("alice", thread, "a new first reply", "msg-a3")).status == "saved"


async def test_thread_reply_too_long_is_handed_back_once(open_bot, store):
    thread = store.posts.get(open_bot.posts[0].post_id)["message_id"]
    text = "z" * 600
    reply = only_reply(await open_bot.reply("alice", thread, text, "msg-long"))
    assert reply.status == "rejected" and reply.handed_back == text
    assert await open_bot.reply("alice", thread, text, "msg-long") == [], "a retried event is not answered twice"
    assert answers(store) == 0


async def test_edits_to_a_closed_round_are_rejected(open_bot, runtime, store):
    bot = open_bot
    thread = store.posts.get(bot.posts[0].post_id)["message_id"]
    await bot.reply("alice", thread, "kept as written", "msg-1")
    await bot.command("admin", "close")
    reply = only_reply(await bot.edit("alice", "msg-1", "rewritten after the digest", "edit-9"))
    assert reply.status == "rejected" and "closed" in reply.reason
    assert reply.handed_back == "rewritten after the digest"
    assert await runtime.handle(MessageEdited(bot.origin("alice"), "msg-1", "again", "edit-9")) == []
    assert await bot.delete("alice", "msg-1", "del-9") == []
    assert answer_row(store, "alice")["text"] == "kept as written"


async def test_answer_command_and_form(open_bot, store):
    bot = open_bot
    (form,) = await bot.command("alice", "answer")
    assert form.form.fields[0].max_length == 500 and form.form.fields[0].value == ""
    assert only_reply(await bot.command("alice", "answer via command")).status == "saved"
    (form,) = await bot.click("alice", bot.posts[0].card.buttons[0].action)
    assert form.form.fields[0].value == "via command", "the form shows the current answer"
    reply = only_reply(await bot.submit("alice", form.form.id, {"answer": "via form"}, event_id="v1"))
    assert reply.status == "replaced"
    row = answer_row(store, "alice")
    assert (row["text"], row["original_text"], row["source"]) == ("via form", "via command", "form")


async def test_skip_then_answer_and_answer_then_skip(open_bot, store):
    bot = open_bot
    rid = bot.posts[0].card.round_id
    assert only_reply(await bot.click("alice", f"hs:skip:{rid}")).status == "skipped"
    assert only_reply(await bot.say("alice", "changed my mind")).status == "saved"
    assert len(all_skips(store)) == 0
    reply = only_reply(await bot.command("alice", "skip"))
    assert reply.status is None and "already answered" in reply.text
    assert answer_row(store, "alice")["text"] == "changed my mind"


async def test_deleting_an_old_thread_message_keeps_a_newer_form_answer(open_bot, store):
    bot = open_bot
    thread = store.posts.get(bot.posts[0].post_id)["message_id"]
    await bot.reply("alice", thread, "first, in the thread", "msg-1")
    (form,) = await bot.click("alice", bot.posts[0].card.buttons[0].action)
    assert only_reply(await bot.submit("alice", form.form.id, {"answer": "moved to the form"})).status == "replaced"
    await bot.delete("alice", "msg-1", "del-1")
    row = answer_row(store, "alice")
    assert row is not None and row["text"] == "moved to the form"
