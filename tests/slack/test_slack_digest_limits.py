"""Digests split within Slack's limits, and answers can never ping anyone."""
from __future__ import annotations

import re

from adapters.slack import blocks as bk
from bot.actions import AnswerStatus
from bot.digest import Digest, DigestEntry
from bot.domain import ChannelRef, MemberRef
from bot.events import AnswerSubmitted, Origin
from tests.fakes.slack_server import message_event
from tests.slack.harness import CHANNEL, SlackHarness, flat, texts_of, unescape

KO = "하이프 사이클은 빨리 오고 빨리 간다. 약세장에서도 돈을 버는가? "
EN = "Cost structure can be a moat & focus beats <noise> when GPUs are scarce. "
EMOJI = "🚀🐻📉🤖 "


def long_answer(n: int, length: int) -> str:
    body = f"[#{n:02d}] "
    parts = [KO, EN, EMOJI]
    i = n
    while len(body) < length:
        body += parts[i % 3]
        i += 1
    return body[:length].rstrip() + f" [end #{n:02d}]"


def check_limits(message: dict) -> None:
    blocks = message["blocks"]
    assert len(blocks) <= bk.MAX_BLOCKS
    for b in blocks:
        if b["type"] == "section":
            assert len(b["text"]["text"]) <= 3000 and bk.size(b["text"]["text"]) <= 3000
        if b["type"] == "header":
            assert len(b["text"]["text"]) <= 150
    total = sum(len(t) for t in texts_of(blocks))
    assert total <= 12000 and bk.block_chars(blocks) <= 12000


async def answer_as(slack: SlackHarness, n: int, text: str) -> None:
    user = f"U0M{n:06d}"
    origin = Origin(MemberRef("slack", slack.fake.team_id, user, f"멤버 {n:02d} 🚀"),
                    ChannelRef("slack", slack.fake.team_id, CHANNEL))
    (reply,) = await slack.runtime.handle(AnswerSubmitted(origin, text, "command"))
    assert reply.status == AnswerStatus.SAVED, reply


async def test_sixty_long_answers_split_within_the_limits(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    (gid,) = slack.rows("SELECT id FROM groups")[0]
    slack.store.groups.update(gid, answer_limit=2000)
    await slack.command("open", user=slack.ADMIN)
    answers = [long_answer(n, 1985 - n % 7) for n in range(60)]
    assert all(1950 < len(a) <= 2000 for a in answers)
    for n, text in enumerate(answers):
        await answer_as(slack, n, text)
    before = len(slack.fake.calls("chat.postMessage"))
    await slack.command("close", user=slack.ADMIN)
    digest = slack.fake.calls("chat.postMessage")[before:]
    assert len(digest) >= 10  # ~120k characters cannot fit in fewer 12k messages
    first_ts = next(ts for (ch, ts), m in slack.fake.messages.items() if m["blocks"] == digest[0]["blocks"])
    assert "thread_ts" not in digest[0]
    assert all(m["thread_ts"] == first_ts and m["channel"] == CHANNEL for m in digest[1:])
    assert digest[0]["blocks"][0]["type"] == "header"
    for n, message in enumerate(digest, start=1):
        check_limits(message)
        if n > 1:
            assert message["blocks"][0]["type"] == "context"
            assert message["blocks"][0]["elements"][0]["text"].endswith(f" · {n}/{len(digest)}")
    whole = "\n".join(flat(m["blocks"]) for m in digest)
    for n, text in enumerate(answers):
        assert whole.count(text) == 1, f"answer {n} is lost, doubled or cut"
        assert f"멤버 {n:02d} 🚀: {text}" in whole
    positions = [whole.index(f"[#{n:02d}]") for n in range(60)]
    assert positions == sorted(positions), "answers keep their order"
    assert slack.rows("SELECT status, message_id, thread_id FROM posts WHERE kind = 'digest'") == [
        ("posted", first_ts, first_ts)]


def test_one_answer_longer_than_a_section_is_cut_with_markers():
    text = "<b>&" * 600 + " tail"  # 2405 characters, 8405 once escaped
    pieces = bk.split_escaped(text)
    assert len(pieces) == 3
    assert all(bk.size(p) <= bk.SECTION_LIMIT for p in pieces)
    assert all(p.endswith(bk.MARK) for p in pieces[:-1]) and all(p.startswith(bk.MARK) for p in pieces[1:])
    joined = "".join(p.removeprefix(bk.MARK).removesuffix(bk.MARK) for p in pieces)
    assert joined == bk.escape(text)
    assert not any(re.search(r"&(?:a|am|l|g|amp|lt|gt)?$", p.removesuffix(bk.MARK)) for p in pieces)

    digest = Digest(1, "g", "2026-W49", "Hindsight digest · 2026-W49 · g", "Prompt?", "1 of 1",
                    entries=(DigestEntry("alice", text),))
    messages = bk.digest_messages(digest)
    for blocks in messages:
        check_limits({"blocks": blocks})
    shown = "".join(t.removeprefix(bk.MARK).removesuffix(bk.MARK) for m in messages for t in texts_of(m)[1:]
                    if t.startswith(("alice", bk.MARK)))
    assert unescape(shown) == "alice: " + text


def test_many_short_answers_respect_the_block_limit():
    entries = tuple(DigestEntry(f"m{i}", "ok " * 30) for i in range(400))
    digest = Digest(1, "g", "2026-W49", "T", "P", "S", entries=entries)
    messages = bk.digest_messages(digest)
    for blocks in messages:
        check_limits({"blocks": blocks})
    assert sum(t.count("m") for m in messages for t in texts_of(m) if ": ok" in t) >= 400


INJECTIONS = ["<!channel> ship it", "<!here> look", "ping <@U123> and <@U0ADMIN01|admin>", "@everyone now",
              "<!subteam^S1|@founders> & <https://evil.example|click>"]


async def test_mentions_in_answers_reach_the_digest_as_plain_text(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    (rid,) = slack.rows("SELECT id FROM rounds")[0]
    for n, text in enumerate(INJECTIONS[:4]):
        user = f"U0INJ{n:04d}"
        await slack.click(f"hs:answer:{rid}", user=user)
        await slack.submit(slack.fake.last("views.open")["view"], {"answer": text}, user=user)
    assert sorted(r[0] for r in slack.rows("SELECT text FROM answers")) == sorted(INJECTIONS[:4])
    # Slack sends a typed @channel or a link in a thread reply already formatted: stored as plain text.
    (ts,), = slack.rows("SELECT message_id FROM posts WHERE kind = 'prompt'")
    await slack.deliver(message_event(INJECTIONS[4].replace("&", "&amp;"), user="U0INJ0009",
                                      ts=slack.fake.next_ts(), thread_ts=ts))
    assert slack.rows("SELECT text FROM answers WHERE source = 'thread'") == [
        ("@founders & click (https://evil.example)",)]
    await slack.command("close", user=slack.ADMIN)
    (digest,) = [p for p in slack.posts() if "Hindsight digest" in flat(p["blocks"])]
    raw = "\n".join(texts_of(digest["blocks"]))
    for escaped in ("&lt;!channel&gt; ship it", "&lt;!here&gt; look", "ping &lt;@U123&gt; and "
                    "&lt;@U0ADMIN01|admin&gt;", "@everyone now", "@founders &amp; click"):
        assert escaped in raw
    slack.assert_no_pings()


async def test_a_digest_that_fails_midway_goes_on_where_it_stopped(slack: SlackHarness):
    from adapters.slack.outbound import SlackSendError

    await slack.command("setup", user=slack.ADMIN)
    (gid,) = slack.rows("SELECT id FROM groups")[0]
    slack.store.groups.update(gid, answer_limit=2000)
    await slack.command("open", user=slack.ADMIN)
    answers = [long_answer(n, 1900) for n in range(12)]
    for n, text in enumerate(answers):
        await answer_as(slack, n, text)
    poster, calls = slack.adapter.poster, []
    real_post = poster.post

    async def flaky_post(channel, text, blocks, thread_ts=None):
        calls.append(thread_ts)
        if len(calls) == 2:
            raise SlackSendError("chat.postMessage", channel, "ratelimited")
        return await real_post(channel, text, blocks, thread_ts)

    poster.post = flaky_post
    before = len(slack.fake.calls("chat.postMessage"))
    await slack.command("close", user=slack.ADMIN, flush=False)
    await slack.until(lambda: slack.rows("SELECT last_error FROM posts WHERE kind = 'digest'") not in ([], [(None,)]))
    assert slack.rows("SELECT status FROM posts WHERE kind = 'digest'") == [("pending",)]
    assert await slack.runtime.flush() == 1
    digest = slack.fake.calls("chat.postMessage")[before:]
    assert len(digest) >= 3 and "thread_ts" not in digest[0]
    assert sum(1 for m in digest if "thread_ts" not in m) == 1, "the first part is never posted twice"
    whole = "\n".join(flat(m["blocks"]) for m in digest)
    assert all(whole.count(text) == 1 for text in answers)
