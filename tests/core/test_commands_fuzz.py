"""Bad input, property-based: the command parser and the whole answer path never raise,
never store what they reject, and store what they accept NFC-normalized."""
from __future__ import annotations

import itertools
import unicodedata
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.actions import Reply
from bot.clock import FakeClock
from bot.commands import CommandError, parse
from bot.domain import ChannelRef, MemberRef
from bot.events import AnswerSubmitted, ButtonClicked, CommandInvoked, FormSubmitted, Origin, ThreadReply
from bot.service import Hindsight
from storage.db import connect
from storage.store import Store
from tests.core.helpers import all_answers

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])
NASTY = [
    "<!channel>", "<!here>", "@everyone", "@here", "<@123>", "<@!123>", "<@&42>", "<#C1>", "**bold** _it_ `code`",
    "```\nblock\n```", "\u202eRTL override\u202c", "\u200f\u200e", "\ufeff", "\x00", "\x00\x00abc", "\r\n",
    "\x1b[31mred", "\u0000\u0007\u0008", "e\u0301", "\u1100\u1161\u11a8", "🏳️‍🌈", "👩🏽‍💻", "a" * 5000,
    "/hindsight close", "/as root", "'; DROP TABLE answers; --", '"', "NEAR(", "text:foo", "\t \n",
    "\u00a0", "\u3000", "하이프는 끝났다", "🙂" * 501, "\U0010ffff",
]
texts = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3f), max_size=40),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600),
    st.sampled_from(NASTY),
    st.builds(lambda a, b: a + b, st.sampled_from(NASTY), st.text(max_size=30)),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=3), st.integers(100, 3000)),
)
words = st.sampled_from(["", "answer", "skip", "digest", "search", "history", "help", "setup", "link", "settings",
                         "prompts", "open", "close", "pause", "resume", "export", "my-data", "forget-me", "/hindsight",
                         "DIGEST", "prompts add", "prompts remove", "settings admin add", "digest 3 weeks ago",
                         "history @", "export md", "settings limit=", "answer 5:", "forget"])
commands = st.builds(lambda w, rest: f"{w} {rest}", words, texts) | texts


def normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\x00", "")).strip()


def make_service(tmp_path) -> tuple[Hindsight, ChannelRef]:
    store = Store(connect(tmp_path / "fuzz.db"))
    service = Hindsight(store, FakeClock(datetime(2026, 11, 30, 9, tzinfo=timezone.utc)))
    channel = ChannelRef("memory", "w1", "c1")
    service.handle(CommandInvoked(Origin(MemberRef("memory", "w1", "admin", "Admin"), channel, True), "setup"))
    service.handle(CommandInvoked(Origin(MemberRef("memory", "w1", "admin", "Admin"), channel, True), "open"))
    return service, channel


@FAST
@given(text=st.one_of(commands, st.binary().map(lambda b: b.decode("utf-8", "replace"))))
def test_parse_raises_only_command_error(text):
    try:
        cmd = parse(text)
    except CommandError as err:
        assert isinstance(err.key, str) and err.key
    else:
        assert cmd.name and isinstance(cmd.words, tuple)


@FAST
@given(value=st.one_of(st.none(), st.integers(), st.binary(), st.lists(st.text())))
def test_parse_of_non_text_is_a_command_error(value):
    with pytest.raises(CommandError):
        parse(value)


def test_the_non_text_property_fails_when_parse_returns(monkeypatch):
    """The property above can fail: with a ``parse`` that returns normally it reports DID NOT RAISE."""
    monkeypatch.setitem(globals(), "parse", lambda text: None)
    run = settings(FAST, database=None, max_examples=5, print_blob=False)(
        given(value=st.none())(test_parse_of_non_text_is_a_command_error.hypothesis.inner_test))
    with pytest.raises(pytest.fail.Exception, match="DID NOT RAISE"):
        run()


def test_answer_path_never_raises_and_never_stores_a_rejection(tmp_path):
    service, channel = make_service(tmp_path)
    users = itertools.count()
    count = lambda: len(all_answers(service.store))  # noqa: E731

    @FAST
    @given(text=texts, source=st.sampled_from(["form", "command", "console", "thread"]), fresh=st.booleans())
    def check(text, source, fresh):
        user = f"u{next(users)}" if fresh else "repeat"
        origin = Origin(MemberRef("memory", "w1", user, user), channel)
        before = count()
        out = service.handle(AnswerSubmitted(origin, text, source))
        (reply,) = out
        assert isinstance(reply, Reply)
        clean = normalize(text)
        if reply.status == "rejected":
            assert count() == before
            assert reply.handed_back == clean and clean in reply.text
            assert not clean or len(clean) > 500
        else:
            assert reply.status in ("saved", "replaced")
            assert 0 < len(clean) <= 500
            assert count() == before + (reply.status == "saved")
            (text,) = [a["text"] for a in all_answers(service.store) if a["user_id"] == user]
            assert text == clean and unicodedata.is_normalized("NFC", text)

    check()


def test_commands_buttons_forms_and_threads_never_raise(tmp_path):
    service, channel = make_service(tmp_path)
    members = st.sampled_from([MemberRef("memory", "w1", u, u.title()) for u in ("admin", "alice", "bob")])
    channels = st.sampled_from([channel, ChannelRef("memory", "w1", "c2")])

    @FAST
    @given(member=members, where=channels, admin=st.booleans(), text=commands, action=st.one_of(texts, st.builds(
        lambda k, a, b: f"hs:{k}:{a}:{b}", st.sampled_from(["answer", "skip", "score", "open", "settings",
                                                            "forget", "digest", "history", "x"]),
        st.integers(-2, 10), st.integers(-2, 10))), values=st.dictionaries(texts, texts, max_size=4))
    def check(member, where, admin, text, action, values):
        origin = Origin(member, where, admin)
        events = [
            CommandInvoked(origin, text),
            CommandInvoked(origin, "/hindsight " + text),
            ButtonClicked(origin, action, event_id=text[:20] or None),
            FormSubmitted(origin, action, values),
            FormSubmitted(origin, "answer:1", {"answer": text}),
            FormSubmitted(origin, "settings:1", values),
            ThreadReply(origin, "m1", text[:30] or "x", text, event_id=f"ev-{text[:30]}"),
        ]
        for event in events:
            for action_out in service.handle(event):
                assert action_out is not None

    check()
