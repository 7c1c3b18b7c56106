"""Use cases of the weekly cycle: open, remind, close, catch-up, and the outbox of posts."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.actions import Action, Button, ChannelPost, DigestPost, DirectMessage, PostResult, PromptCard, PromptPost
from bot.domain import ChannelRef, Group, Prompt, Round
from bot.timing import close_after, last_fire, period_of, shift_period, zone

log = logging.getLogger("hindsight.rounds")
LATE_AFTER = timedelta(minutes=5)
CLAIM_STALE = timedelta(minutes=2)
# The clock check of run_due. A tick whose clock reads more than one period (a week) past the
# previous tick of this process is held back: it closes and opens nothing. The next tick
# decides: a clock that is still that far ahead (not earlier than the held-back reading, and
# within a week of it) was a real jump, and run_due catches up; a clock back where it was
# makes the held-back tick a glitch that changed nothing. The first tick of a process is
# trusted, so catch-up after real downtime is not delayed.
CLOCK_JUMP = timedelta(days=7)


class RoundUseCases:
    _last_tick: datetime | None = None  # the clock check of run_due: the last tick taken
    _held_tick: datetime | None = None  # a tick held back as a possible clock jump
    def choose_prompt(self, group: Group) -> Prompt:
        """Anchors first, then library order, then the group's own; no prompt repeats until
        every active prompt has been used (the least-used prompt wins, ties by order)."""
        prompts = self.store.active_prompts(group.id)
        if not prompts:
            prompts = self.store.active_prompts(None)
        used = self.store.prompt_use_counts(group.id)
        return min(prompts, key=lambda p: used.get(p.id, 0))  # min is stable: first of the least used

    def open_round(self, group: Group, scheduled: datetime | None = None) -> Round | None:
        """Open the round of the period of ``scheduled`` (or now). None if it exists already."""
        now = self.clock.now()
        when = scheduled or now
        period = period_of(when, group.timezone)
        if period > shift_period(period_of(now, group.timezone), 1):
            log.warning("not opening a round of group %s for %s: more than one period ahead of now (%s)",
                        group.name, period, now.isoformat())
            return None
        if self.store.round_for_period(group.id, period):
            return None
        older = self.store.open_round(group.id, up_to=period)
        if older and older.period < period:
            self.close_round(older, late=False)
        rnd = self.store.insert_round(
            group.id, period, self.choose_prompt(group).id, now, close_after(group.schedule, group.timezone, when),
            anonymous=group.anonymous,
        )
        if rnd:
            log.info("opened round %s of group %s (period %s)", rnd.id, group.name, period)
        return rnd

    def close_round(self, rnd: Round, *, late: bool) -> bool:
        closed = self.store.close_round(rnd.id, self.clock.now(), late)
        if closed:
            log.info("closed round %s (period %s)%s", rnd.id, rnd.period, " late" if late else "")
        return closed

    def run_due(self) -> list[Action]:
        """Work out from the rounds table what is due now, and do it exactly once.

        Called at start (catch-up), on every scheduler tick and by the cron jobs. Returns the
        reminder DMs to send; prompt and digest posts go through the outbox.
        """
        now = self.clock.now()
        if not self.clock_plausible(now):
            return []
        for rnd in self.store.rounds_to_close(now):
            self.close_round(rnd, late=now - rnd.closes_at > LATE_AFTER)
        out: list[Action] = []
        for group in self.store.groups():
            if group.paused:
                continue
            s = group.schedule
            fired = last_fire(s.prompt_day, s.prompt_time, group.timezone, now)
            if now - fired <= self.grace and not self.store.round_for_period(group.id, period_of(fired, group.timezone)):
                self.open_round(group, scheduled=fired)
            out += self.due_reminders(group, now)
        for group in self.store.groups():
            # A group made anonymous outside a command (the config file at start) hides its open round too.
            rnd = self.current_round(group) if group.anonymous else None
            if rnd is not None and not rnd.anonymous:
                self.store.make_open_rounds_anonymous(group.id)
        return out

    def clock_plausible(self, now: datetime) -> bool:
        """The clock check of run_due (see CLOCK_JUMP). False: skip this tick."""
        last, held = self._last_tick, self._held_tick
        if last is not None and now - last > CLOCK_JUMP:
            if held is None or not timedelta(0) <= now - held <= CLOCK_JUMP:
                self._held_tick = now
                log.warning("clock jumped from %s to %s: this tick closes and opens nothing until the next "
                            "tick confirms the new time", last.isoformat(), now.isoformat())
                return False
            log.warning("clock jump to %s confirmed: catching up", now.isoformat())
        self._last_tick, self._held_tick = now, None
        return True

    def due_reminders(self, group: Group, now: datetime) -> list[Action]:
        s = group.schedule
        rnd = self.current_round(group)
        if rnd is None or rnd.reminded_at or s.remind_day is None or not s.remind_time:
            return []
        fired = last_fire(s.remind_day, s.remind_time, group.timezone, now)
        if not (rnd.opened_at <= fired < rnd.closes_at and now - fired <= self.grace):
            return []
        return self.remind(group, rnd)

    def remind(self, group: Group, rnd: Round) -> list[Action]:
        """DM every member of the roster who has neither answered nor skipped. Once per round."""
        if not self.store.mark_reminded(rnd.id, self.clock.now()):
            return []
        lang = group.language
        prompt = self.store.prompt(rnd.prompt_id)
        text = self.t(lang, "reminder", group=group.name, prompt=self.prompt_text(prompt, lang),
                      closes=self.local_time(group, rnd.closes_at))
        out: list[Action] = []
        channels = self.store.channels_of(group.id)
        members = set(self.store.roster(group.id, rnd.period)) | {
            self.store.member_id(a) for a in self.store.admins(group.id)}
        for member_id in sorted(members):
            if self.store.answer_of(rnd.id, member_id) or self.store.has_skipped(rnd.id, member_id):
                continue
            ref = self.store.member(member_id)
            if ref:
                home = next((c.ref for c in channels if (c.ref.platform, c.ref.workspace) == (ref.platform, ref.workspace)),
                            None)
                out.append(DirectMessage(ref, text, self.answer_buttons(lang, rnd, with_scores=False), home))
        log.info("reminding %d member(s) in group %s", len(out), group.name)
        return out

    # rendering helpers --------------------------------------------------
    def prompt_text(self, prompt: Prompt, lang: str) -> str:
        if lang == "ko":
            return prompt.text_ko
        if lang == "both" and prompt.text_ko != prompt.text_en:
            return f"{prompt.text_en}\n{prompt.text_ko}"
        return prompt.text_en

    def labels(self, prompt: Prompt, lang: str) -> tuple[str, ...]:
        labels = prompt.labels_ko if lang == "ko" else prompt.labels_en
        return labels if len(labels) == 5 else tuple(str(i) for i in range(1, 6))

    def local_time(self, group: Group, when: datetime) -> str:
        return when.astimezone(zone(group.timezone)).strftime("%a %Y-%m-%d %H:%M") + f" ({group.timezone})"

    def answer_buttons(self, lang: str, rnd: Round, *, with_scores: bool = True) -> tuple[Button, ...]:
        buttons = [Button(f"hs:answer:{rnd.id}", self.t(lang, "btn_answer"), "primary"),
                   Button(f"hs:skip:{rnd.id}", self.t(lang, "btn_skip"))]
        prompt = self.store.prompt(rnd.prompt_id)
        if with_scores and prompt and prompt.kind == "scale":
            for n, label in enumerate(self.labels(prompt, lang), start=1):
                buttons.append(Button(f"hs:score:{rnd.id}:{n}", f"{n} · {label}"))
        return tuple(buttons)

    def prompt_card(self, rnd: Round) -> PromptCard:
        group = self.store.group(rnd.group_id)
        prompt = self.store.prompt(rnd.prompt_id)
        lang = group.language
        return PromptCard(
            round_id=rnd.id, period=rnd.period, kind=prompt.kind,
            title=self.t(lang, "prompt_title", period=rnd.period),
            text=self.prompt_text(prompt, lang),
            closes=self.t(lang, "prompt_closes", closes=self.local_time(group, rnd.closes_at)),
            footer=self.t(lang, "prompt_footer_" + prompt.kind, limit=group.answer_limit),
            buttons=self.answer_buttons(lang, rnd), language=lang,
        )

    # outbox -------------------------------------------------------------
    def claim_posts(self, platforms: set[str]) -> list[ChannelPost]:
        """Pending prompt and digest posts for the given platforms, claimed for delivery."""
        now = self.clock.now()
        out = []
        for row in self.store.claim_pending_posts(now, now - CLAIM_STALE, platforms=sorted(platforms)):
            rnd = self.store.round(row["round_id"])
            ref = ChannelRef(row["platform"], row["workspace"], row["channel_ref"])
            if row["kind"] == "prompt":
                out.append(PromptPost(row["id"], ref, self.prompt_card(rnd)))
            else:
                out.append(DigestPost(row["id"], ref, self.build_digest(rnd)))
        return out

    def post_delivered(self, post_id: int, result: PostResult) -> None:
        self.store.mark_posted(post_id, result.message_id, result.thread_id, self.clock.now())

    def post_failed(self, post_id: int, error: str) -> None:
        self.store.mark_post_failed(post_id, error)
