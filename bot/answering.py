"""Use cases that carry answers: forms, commands, thread replies, edits, deletes, skips, scores."""
from __future__ import annotations

import logging
import re
import sqlite3
import unicodedata

from bot.actions import Action, Form, FormField, OpenForm, Reply
from bot.domain import Round
from bot.events import AnswerSubmitted, MessageDeleted, MessageEdited, ThreadReply
from storage.answers import DUPLICATE, REPLACED, SAVED, STALE

log = logging.getLogger("hindsight")
_SCORE = re.compile(r"^([1-5])(?:\s*[:.)-]\s*|\s+|$)(.*)$", re.DOTALL)


def normalize(text: str) -> str:
    """NFC, trimmed, without NUL; length is len() of this."""
    return unicodedata.normalize("NFC", text.replace("\x00", "")).strip()


class AnswerUseCases:
    def reject(self, ctx, key: str, text: str, **kw) -> list[Action]:
        reason = self.t(ctx.lang, key, **kw)
        return [Reply(self.t(ctx.lang, "answer_rejected", reason=reason, text=text), handed_back=text,
                      status="rejected", reason=reason)]

    def target_round(self, ctx, round_id: int | None) -> Round | None:
        if round_id is None:
            return self.current_round(ctx.group)
        rnd = self.store.round(round_id)
        return rnd if rnd and rnd.group_id == ctx.group.id else None

    def check(self, ctx, rnd: Round | None, text: str, *, allow_empty: bool = False) -> list[Action] | None:
        """Why an answer cannot be stored, handed back with its text; None if it can."""
        if rnd is None:
            return self.reject(ctx, "no_open_round", text)
        if not rnd.is_open:
            return self.reject(ctx, "round_closed", text, period=rnd.period)
        if not text and not allow_empty:
            return self.reject(ctx, "answer_empty", text)
        if len(text) > ctx.group.answer_limit:
            return self.reject(ctx, "answer_too_long", text, length=len(text), limit=ctx.group.answer_limit)
        return None

    def store_answer(self, ctx, rnd: Round, text: str, source: str, *, score: int | None = None,
                     event_id: str | None = None, message_ref: str | None = None, at=None) -> list[Action]:
        try:
            outcome = self.store.save_answer(
                group_id=ctx.group.id, round_id=rnd.id, member_id=ctx.member_id, text=text, score=score,
                source=source, now=self.clock.now(), platform=ctx.origin.member.platform, event_id=event_id,
                message_ref=message_ref, at=at,
            )
        except sqlite3.OperationalError as exc:  # the write lock never came (busy timeout): not saved
            log.warning("answer of member %s in round %s not saved: %s", ctx.member_id, rnd.id, exc)
            return self.reject(ctx, "answer_not_saved", text)
        if outcome in (DUPLICATE, STALE):
            return []
        key = {SAVED: "answer_saved", REPLACED: "answer_replaced"}[outcome]
        return [Reply(self.t(ctx.lang, key, period=rnd.period), status=outcome)]

    def submit_answer(self, ctx, event: AnswerSubmitted) -> list[Action]:
        text = normalize(event.text) if isinstance(event.text, str) else ""
        if ctx.group is None:
            return self.reject(ctx, "not_setup", text)
        rnd = self.target_round(ctx, event.round_id)
        scored = event.score is not None or bool(
            rnd and not text and (self.store.answer_of(rnd.id, ctx.member_id) or {}).get("score"))
        problem = self.check(ctx, rnd, text, allow_empty=scored)  # a score may stand without words
        if problem:
            return problem
        return self.store_answer(ctx, rnd, text, event.source, score=event.score, event_id=event.event_id,
                                 at=event.at)

    def thread_reply(self, ctx, event: ThreadReply) -> list[Action]:
        rnd = self.store.round_by_post_ref(ctx.origin.member.platform, event.thread_ref)
        if rnd is None or ctx.group is None or rnd.group_id != ctx.group.id:
            return []  # not a prompt thread: ordinary conversation
        if self.store.answer_of(rnd.id, ctx.member_id):
            return []  # later replies are discussion
        text = normalize(event.text)
        if not text:
            return []
        problem = self.check(ctx, rnd, text)
        if problem:
            return [] if self.store.seen(ctx.origin.member.platform, event.event_id, self.clock.now()) else problem
        return self.store_answer(ctx, rnd, text, "thread", event_id=event.event_id, message_ref=event.message_ref,
                                 at=event.at)

    def message_edited(self, ctx, event: MessageEdited) -> list[Action]:
        platform = ctx.origin.member.platform
        ans = self.store.answer_by_message(platform, event.message_ref)
        if ans is None or ans["member_id"] != ctx.member_id:
            return []
        rnd = self.store.round(ans["round_id"])
        text = normalize(event.text)
        problem = self.check(ctx, rnd, text)
        if problem:
            return [] if self.store.seen(platform, event.event_id, self.clock.now()) else problem
        return self.store_answer(ctx, rnd, text, "thread", event_id=event.event_id, message_ref=event.message_ref,
                                 at=event.at)

    def author_of_message(self, platform: str, message_ref: str):
        """Who wrote the message an answer came from: for platforms that do not say who wrote
        a deleted message they no longer remember (Discord)."""
        ans = self.store.answer_by_message(platform, message_ref)
        return self.store.member(ans["member_id"]) if ans else None

    def message_deleted(self, ctx, event: MessageDeleted) -> list[Action]:
        platform = ctx.origin.member.platform
        ans = self.store.answer_by_message(platform, event.message_ref)
        if ans is None or ans["member_id"] != ctx.member_id or ans["closed_at"] is not None:
            return []
        if self.store.seen(platform, event.event_id, self.clock.now()):
            return []
        self.store.withdraw(ans["id"])
        return self.say(ctx, "answer_withdrawn", period=ans["period"])

    def cmd_answer(self, ctx, cmd) -> list[Action]:
        if not cmd.text:
            rnd = self.current_round(ctx.group)
            return self.answer_form(ctx, rnd.id) if rnd else self.say(ctx, "no_open_round")
        rnd = self.current_round(ctx.group)
        prompt = self.store.prompt(rnd.prompt_id) if rnd else None
        m = _SCORE.match(cmd.text)
        if prompt and prompt.kind == "scale" and m:
            return self.submit_answer(ctx, AnswerSubmitted(ctx.origin, m.group(2), "command", score=int(m.group(1))))
        return self.submit_answer(ctx, AnswerSubmitted(ctx.origin, cmd.text, "command"))

    def answer_form(self, ctx, round_id: int) -> list[Action]:
        rnd = self.target_round(ctx, round_id)
        if rnd is None or not rnd.is_open:
            return self.say(ctx, "round_closed", period=rnd.period if rnd else "?")
        prompt = self.store.prompt(rnd.prompt_id)
        mine = self.store.answer_of(rnd.id, ctx.member_id)
        field = FormField(
            "answer", self.prompt_text(prompt, ctx.lang)[:45], value=mine["text"] if mine else "",
            multiline=True, max_length=ctx.group.answer_limit, required=prompt.kind != "scale",
            placeholder=self.t(ctx.lang, "answer_placeholder", limit=ctx.group.answer_limit)[:100],
        )
        title = self.t(ctx.lang, "answer_form_title", period=rnd.period)
        return [OpenForm(Form(f"answer:{rnd.id}", title, self.t(ctx.lang, "btn_submit"), (field,)))]

    def cmd_skip(self, ctx, cmd) -> list[Action]:
        rnd = self.current_round(ctx.group)
        return self.skip(ctx, rnd.id) if rnd else self.say(ctx, "no_open_round")

    def skip(self, ctx, round_id: int) -> list[Action]:
        rnd = self.target_round(ctx, round_id)
        if rnd is None or not rnd.is_open:
            return self.say(ctx, "round_closed", period=rnd.period if rnd else "?")
        try:
            skipped = self.store.skip(rnd.id, ctx.member_id, self.clock.now())
        except sqlite3.OperationalError as exc:  # the write lock never came (busy timeout): not saved
            log.warning("skip of member %s in round %s not saved: %s", ctx.member_id, rnd.id, exc)
            reason = self.t(ctx.lang, "skip_not_saved")
            return [Reply(reason, status="rejected", reason=reason)]
        if not skipped:
            return self.say(ctx, "skip_after_answer")
        return [Reply(self.t(ctx.lang, "skipped", period=rnd.period), status="skipped")]

    def score(self, ctx, round_id: int, score: int, event_id: str | None) -> list[Action]:
        rnd = self.target_round(ctx, round_id)
        prompt = self.store.prompt(rnd.prompt_id) if rnd else None
        if prompt is None or prompt.kind != "scale" or not 1 <= score <= 5:
            return self.say(ctx, "unknown_button")
        if not rnd.is_open:
            return self.say(ctx, "round_closed", period=rnd.period)
        return self.store_answer(ctx, rnd, "", "button", score=score, event_id=event_id)
