"""What must hold (issue 15): a group's week in the memory adapter reads naturally in ko, en
and both. One week (setup, open, answer, skip, reminder, close, digest, search, history); every
text shown to people is scanned for what a native reader would stumble on: English weekday or
month names in Korean, an IANA zone on a card, an ISO week code outside command syntax, a
Korean particle glued to Latin text or a number without the helper, wrong English plurals,
clauses about zero."""
from __future__ import annotations

import re

import pytest

from bot.actions import DigestPost, DirectMessage, OpenForm, PromptPost, Reply, ShowDigest
from bot.digest import render_text
from tests.core.helpers import only_reply

EN_NAMES = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
ZONE = re.compile(r"\b[A-Z][a-z]+/[A-Z][A-Za-z_]+\b|\(UTC\)")
ISO_WEEK = re.compile(r"(?<![\w-])\d{4}-W\d{2}(?!\d)")
COMMAND = re.compile(r"`[^`]*`")  # command syntax, shown as code: ISO weeks are typed there
# A particle that changes with the last sound, right after Latin text, a digit, a bracket or a
# quote: whoever wrote it did not know the sound (the helper writes `alice은(는)` instead).
GLUED = re.compile(r"[A-Za-z0-9)\]'\"’”](은|는|이|가|을|를|과|와|으로|이에요|예요)(?=[\s.,!?:]|$)")
PLURAL = re.compile(r"\b1 (members|answers|forecasts|scores|rounds|weeks|months|days)\b|\(s\)")
ZERO = re.compile(r"\b0 skipped\b|\b0명 건너뜀")


def shown_words(action) -> list[str]:
    """Every text of an action a person reads: text, buttons, titles, fields, digests."""
    if isinstance(action, (Reply, DirectMessage)):
        return [action.text] + [b.label for b in action.buttons]
    if isinstance(action, PromptPost):
        card = action.card
        return [card.title, card.text, card.closes, card.footer] + [b.label for b in card.buttons]
    if isinstance(action, (DigestPost, ShowDigest)):
        return [render_text(action.digest)]
    if isinstance(action, OpenForm):
        return [action.form.title, action.form.submit] + [f.label for f in action.form.fields]
    raise AssertionError(f"not scanned: {type(action).__name__}")


async def one_week(bot, runtime, clock, lang: str) -> list[tuple[str, str]]:
    """The week of a group in Seoul; (step, text) of everything shown from the first round on."""
    await bot.command("admin", "setup")
    await bot.command("admin", f"settings language={lang} timezone=Asia/Seoul")
    bot.replies.clear()  # setup and settings name the zone: that is where it belongs
    seen: list[tuple[str, object]] = []
    await runtime.tick()  # Monday 18:00 in Seoul: the prompt of Monday 09:00 is still due
    (card,) = [p for p in bot.posts if isinstance(p, PromptPost)]
    seen.append(("card", card))
    rid = card.card.round_id
    seen += [("answer", a) for a in await bot.say("alice", "Hiring is slow, and sales too.")]
    seen += [("form", a) for a in await bot.click("carol", f"hs:answer:{rid}")]
    seen += [("skip", a) for a in await bot.click("bob", f"hs:skip:{rid}")]
    seen += [("skip again", a) for a in await bot.click("alice", f"hs:skip:{rid}")]
    seen += [("sealed", a) for a in await bot.command("bob", "digest 2026-W49")]
    seen += [("not found", a) for a in await bot.command("bob", "digest 1 week ago")]
    clock.advance(days=4)  # Friday 18:00 in Seoul: the reminder
    await runtime.tick()
    assert bot.dms, "the admin, who did nothing, is reminded"
    seen += [("reminder", dm) for dm in bot.dms]
    clock.advance(days=2)  # Sunday 18:00 in Seoul: the close
    await runtime.tick()
    seen += [("digest post", p) for p in bot.posts if isinstance(p, DigestPost)]
    assert any(step == "digest post" for step, _ in seen)
    seen += [("late answer", a) for a in await bot.say("bob", "too late")]
    for step, command in (("digest", "digest"), ("digest list", "digest list"), ("search", "search hiring"),
                          ("search none", "search 없는말"), ("history", "history"), ("history none", "history"),
                          ("someone", "history nobody")):
        user = "bob" if step == "history none" else "alice"
        seen += [(step, a) for a in await bot.command(user, command)]
    return [(step, text) for step, action in seen for text in shown_words(action)]


def problems(lang: str, texts: list[tuple[str, str]]) -> list[str]:
    found = []
    for step, text in texts:
        plain = COMMAND.sub("", text)
        checks = [(ZONE, "zone"), (ISO_WEEK, "ISO week"), (GLUED, "particle"), (PLURAL, "plural"), (ZERO, "zero")]
        if lang == "ko":
            checks.append((EN_NAMES, "English name"))
        for pattern, what in checks:
            for m in pattern.finditer(plain):
                found.append(f"{step}: {what} {m.group(0)!r} in {text!r}")
    return found


@pytest.mark.parametrize("lang", ["ko", "en", "both"])
async def test_a_week_reads_naturally(bot, runtime, clock, lang):
    texts = await one_week(bot, runtime, clock, lang)
    steps = {step for step, _ in texts}
    assert {"card", "answer", "skip", "reminder", "digest post", "digest", "search", "history"} <= steps
    assert problems(lang if lang != "both" else "en", texts) == []
    if lang == "ko":
        card = next(text for step, text in texts if step == "card" and text.startswith("마감"))
        assert card == "마감: 12월 6일(일) 오후 6:00"
        assert any("12월 1주차 (11/30~12/6)" in text for step, text in texts if step == "digest post")
    if lang == "en":
        card = next(text for step, text in texts if step == "card" and text.startswith("Closes"))
        assert card == "Closes Sun, Dec 6, 6:00 PM"


def test_the_scan_finds_what_it_looks_for():
    bad = [("card", "마감 Sun 2026-12-06 18:00 (Asia/Seoul)"), ("answer", "2026-W01는 건너뛰었어요"),
           ("x", "'없는말'를 찾지 못했어요"), ("y", "1 forecasts, 2 answer(s), 0 skipped"), ("z", "3명 중 3명 답변, 0명 건너뜀.")]
    found = problems("ko", bad)
    for what in ("zone", "ISO week", "particle", "plural", "zero", "English name"):
        assert any(f": {what} " in f for f in found), what
    assert problems("ko", [("ok", "`digest 2026-W49` · 12월 1주차 (11/30~12/6) 질문은 건너뛰었어요")]) == []
