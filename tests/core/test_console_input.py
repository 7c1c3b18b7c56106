"""The console's input edge (ARCHITECTURE.md, "The console"; issue 8 item 7): bytes in, one line at a
time, invalid UTF-8 rejected and handed back, CR never splits a line, ``/as`` only as a word."""
from __future__ import annotations

import asyncio
import io

import pytest

from adapters.console import ConsoleAdapter, byte_lines, decode_line, safe_file_name
from bot.actions import Upload
from bot.events import AnswerSubmitted, CommandInvoked


@pytest.mark.parametrize("raw, text, valid", [
    (b"plain\n", "plain", True),
    (b"windows\r\n", "windows", True),
    (b"one\ranswer\n", "one answer", True),  # a lone CR is not a line break
    (b"no newline at the end", "no newline at the end", True),
    ("한국어 답변\n".encode(), "한국어 답변", True),
    (b"bad \xff\xfe bytes\n", "bad \ufffd\ufffd bytes", False),
    (b"cut \xed\x95\n", "cut \ufffd", False),  # a truncated multi-byte sequence
])
def test_decode_line(raw, text, valid):
    assert decode_line(raw) == (text, valid)


def test_lines_split_at_newline_only_for_binary_and_text_streams():
    data = b"a\rb\nc\r\nd\xff\ne"

    class Binary:
        buffer = io.BytesIO(data)

    assert list(byte_lines(Binary())) == [b"a\rb\n", b"c\r\n", b"d\xff\n", b"e"]
    text = io.StringIO("a\rb\nc\r\n", newline="")
    assert list(byte_lines(text)) == [b"a\rb\n", b"c\r\n"]


class FakeInbox:
    """Records what the console sends to the core, and answers nothing."""

    accepting = True

    def __init__(self) -> None:
        self.events: list = []

    async def __call__(self, event):
        self.events.append(event)
        return []

    async def settle(self) -> None:
        pass


def run_console(data: bytes, member: str = "alice") -> tuple[ConsoleAdapter, FakeInbox, list[str]]:
    class Stdin:
        buffer = io.BytesIO(data)

    out = io.StringIO()
    console = ConsoleAdapter(member, stdin=Stdin(), stdout=out)  # type: ignore[arg-type]
    runtime = FakeInbox()
    console.inbox = runtime
    asyncio.run(console.read_lines(asyncio.Event()))
    return console, runtime, out.getvalue().splitlines()


def test_invalid_utf8_is_rejected_and_handed_back_and_every_valid_line_is_processed():
    console, runtime, out = run_console(b"before\nbad \xff line\nafter\n")
    assert [e.text for e in runtime.events] == ["before", "after"]
    assert out == ["rejected: the line is not valid UTF-8 text; the unreadable bytes are shown as \ufffd below.",
                   "bad \ufffd line"]


def test_a_bad_command_line_is_not_run():
    _, runtime, out = run_console(b"/hindsight sk\xffip\n")
    assert runtime.events == [] and out[0].startswith("rejected: ")


def test_a_bare_cr_does_not_split_an_answer_and_crlf_ends_a_line():
    _, runtime, _ = run_console(b"first half\rsecond half\r\n/hindsight skip\r\n")
    assert isinstance(runtime.events[0], AnswerSubmitted) and runtime.events[0].text == "first half second half"
    assert isinstance(runtime.events[1], CommandInvoked) and runtime.events[1].text == "/hindsight skip"
    assert len(runtime.events) == 2


def test_a_leading_bom_is_dropped():
    _, runtime, _ = run_console("\ufeff/hindsight help\n".encode())
    assert isinstance(runtime.events[0], CommandInvoked) and runtime.events[0].text == "/hindsight help"


@pytest.mark.parametrize("line, member, reply", [
    ("/as bob", "bob", "You are now bob."),
    ("/AS bob", "bob", "You are now bob."),
    ("/as\tbob  smith ", "bob  smith", "You are now bob  smith."),
    ("/as", "alice", "Usage: /as NAME (switches the member in this console)."),
    ("  /as   ", "alice", "Usage: /as NAME (switches the member in this console)."),
])
def test_as_switches_only_as_a_command_word(line, member, reply):
    console, runtime, out = run_console((line + "\n").encode())
    assert console.member == member and out == [reply] and runtime.events == []


@pytest.mark.parametrize("line", ["/assume the worst", "/asbob", "/ask me later"])
def test_a_word_that_starts_with_as_does_not_switch(line):
    console, runtime, out = run_console((line + "\n").encode())
    assert console.member == "alice"
    assert not any(o.startswith("You are now") for o in out)
    assert [e.text for e in runtime.events] == [line]
    assert runtime.events[0].origin.member.user_id == "alice"


def test_output_is_utf8_whatever_the_stream_encoding():
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    console = ConsoleAdapter("alice", stdout=stdout)
    console.write("긴 답변 \ufffd")
    assert raw.getvalue() == "긴 답변 \ufffd\n".encode()


@pytest.mark.parametrize("filename, safe", [
    ("hindsight-console.csv", "hindsight-console.csv"),
    ("hindsight-founders.md", "hindsight-founders.md"),
])
def test_upload_names_that_are_safe_stay_as_they_are(filename, safe):
    assert safe_file_name(filename) == safe


def test_an_upload_named_after_a_hostile_group_stays_in_the_folder(tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    console = ConsoleAdapter("alice", stdout=io.StringIO(), out_dir=out_dir)
    console.render(Upload("hindsight-../../x.csv", b"data", "Here."))
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) == 1 and written[0].parent == out_dir and written[0].suffix == ".csv"
