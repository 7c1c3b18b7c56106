"""The console adapter: standard input is the member, standard output is the channel.

Contract (ARCHITECTURE.md, "The console"): an answer line gets exactly one reply line first,
``saved``, ``replaced`` or ``rejected: <reason>``, and the rejected text follows. Logs go
to standard error. End of input ends the session with exit code 0.

Standard input is read as bytes and standard output written as UTF-8, whatever the locale.
Lines end at ``\n`` (a ``\r`` before it is dropped); a lone ``\r`` inside a line is not a
line break and becomes a space. A line that is not valid UTF-8 is not processed: it gets
``rejected: <reason>`` and is handed back with the bad bytes shown as U+FFFD.
"""
from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path
from typing import IO, Any, Callable, Iterator, TextIO

from bot import catalog
from adapters.dispatch import handler_for
from adapters.revisit import entry_text, resolve_hint
from bot.actions import (Action, AnswerStatus, ChannelPost, DigestPost, DirectMessage, OpenForm, PostResult,
                         PromptCard, PromptPost, Reply, ResolutionPost, RevisitCard, RevisitPost, ShowDigest, Upload)
from bot.digest import render_text
from bot.domain import ChannelRef, MemberRef
from bot.events import AnswerSubmitted, CommandInvoked, Origin
from bot.export import safe_name
from bot.ids import ProbabilityButton, ScoreButton, SettingsForm, decode_button, decode_form
from bot.runtime import Inbox
from bot.safe_files import SafeWriteError, write_bytes

PLATFORM, WORKSPACE, CHANNEL = "console", "local", "console"
GROUP = "console"
REF = ChannelRef(PLATFORM, WORKSPACE, CHANNEL)
BOM = "\ufeff"


def decode_line(raw: bytes) -> tuple[str, bool]:
    """One line of input as (text, valid). The line ending (``\n`` or ``\r\n``) is dropped and
    a lone ``\r`` becomes a space; invalid UTF-8 gives (text with U+FFFD, False)."""
    if raw.endswith(b"\n"):
        raw = raw[:-1]
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    try:
        text, valid = raw.decode("utf-8"), True
    except UnicodeDecodeError:
        text, valid = raw.decode("utf-8", errors="replace"), False
    return text.replace("\r", " "), valid


def byte_lines(stream: IO) -> Iterator[bytes]:
    """Lines of ``stream`` as bytes, split at ``\n`` only (a text stream is encoded as UTF-8)."""
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        yield from iter(binary.readline, b"")
        return
    pending = ""
    for part in iter(stream.readline, ""):  # readline may stop at a lone CR: join up to the \n
        pending += part
        if pending.endswith("\n"):
            yield pending.encode("utf-8", errors="surrogateescape")
            pending = ""
    if pending:
        yield pending.encode("utf-8", errors="surrogateescape")


def render_card(card: PromptCard) -> str:
    lines = [f"## {card.title}", "", card.text, "", card.closes, card.footer]
    scores = [b.label for b in card.buttons if isinstance(decode_button(b.action), ScoreButton)]
    if scores:
        lines.append("Scores: " + " | ".join(scores) + "  (/hindsight answer N: text)")
    chances = [b.label for b in card.buttons if isinstance(decode_button(b.action), ProbabilityButton)]
    if chances:
        lines.append("Forecast: " + " | ".join(chances) + "  (/hindsight answer 70% reason)")
    return "\n".join(lines)


def render_revisit(card: RevisitCard) -> str:
    """A revisit as text: the question, when it was asked, one line per forecast or call."""
    lines = [f"## {card.title}", "", card.question, card.asked, ""]
    lines += [entry_text(e, card.language) for e in card.entries] or [card.empty]
    lines += [""] + [text for text in (card.summary, card.footer) if text]
    hint = resolve_hint(card.period, card.buttons)
    if hint:
        lines.append(" | ".join(b.label for b in card.buttons) + f"  ({hint})")
    return "\n".join(lines).rstrip("\n")


class ConsoleAdapter:
    platform = PLATFORM

    def __init__(self, member: str, stdin: TextIO | None = None, stdout: TextIO | None = None,
                 out_dir: Path | None = None, lang: str = "en") -> None:
        self.member = member or "me"
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.out_dir = out_dir or Path.cwd()
        self.inbox: Any = None  # set by start()
        self.lang = lang
        self._seq = 0
        # every action type, outbox posts and what the person is shown alike: all go to standard output
        self.renderers: dict[type, Callable[[Any], PostResult | None]] = {
            PromptPost: self._prompt, DigestPost: self._digest, RevisitPost: self._revisit,
            ResolutionPost: self._resolution, DirectMessage: self._direct, Reply: self._reply,
            ShowDigest: self._show_digest, OpenForm: self._form, Upload: self._upload}

    # output -----------------------------------------------------------------
    def write(self, text: str) -> None:
        line = text.rstrip("\n") + "\n"
        binary = getattr(self.stdout, "buffer", None)
        if binary is None:
            self.stdout.write(line)
            self.stdout.flush()
            return
        self.stdout.flush()  # UTF-8 whatever the locale: a C locale must not turn Korean into a crash
        binary.write(line.encode("utf-8", errors="replace"))
        binary.flush()

    async def start(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def stop(self) -> None:
        pass

    async def send(self, action: ChannelPost | DirectMessage) -> PostResult | None:
        return self.render(action)

    def render(self, action: Action) -> PostResult | None:
        """Show any action on standard output, through the one table of renderers."""
        return handler_for(self.renderers, action, PLATFORM)(action)

    def _posted(self) -> PostResult:
        self._seq += 1
        return PostResult(message_id=f"console-{self._seq}")

    def _prompt(self, action: PromptPost) -> PostResult:
        self.write(render_card(action.card))
        return self._posted()

    def _digest(self, action: DigestPost) -> PostResult:
        self.write(render_text(action.digest))
        return self._posted()

    def _revisit(self, action: RevisitPost) -> PostResult:
        result = self._posted()
        self.write(render_revisit(action.card))
        return PostResult(result.message_id, thread_id=result.message_id)

    def _resolution(self, action: ResolutionPost) -> PostResult:
        self.write(action.text)
        return self._posted()

    def _direct(self, action: DirectMessage) -> None:
        self.write(f"[to {action.member.display_name}] {action.text}")

    def _reply(self, action: Reply) -> None:
        if action.status == AnswerStatus.REJECTED:
            self.write(f"rejected: {action.reason}")
            self.write(action.handed_back or "")
        elif action.status is not None:
            self.write(AnswerStatus(action.status).value)  # saved, replaced or skipped
            if action.note:  # then and now: your own earlier answer, after the status line
                self.write(action.note)
        else:
            self.write(action.text)

    def _show_digest(self, action: ShowDigest) -> None:
        self.write(render_text(action.digest))

    def _form(self, action: OpenForm) -> None:
        form = action.form
        if isinstance(decode_form(form.id), SettingsForm):
            values = ", ".join(f"{f.id}={f.value}" for f in form.fields)
            self.write(catalog.t(self.lang, "console_settings_form", title=form.title, values=values))
        else:
            self.write(catalog.t(self.lang, "console_form", title=form.title, limit=form.text_limit))

    def _upload(self, action: Upload) -> None:
        """Write the file into out_dir through the safe writer (never over the live database,
        which this process has open, nor into a folder; whole or not at all). A file that
        cannot be written is one line, and the console goes on."""
        path = self.out_dir / safe_file_name(action.filename)
        try:
            write_bytes(path, action.content)
        except SafeWriteError as exc:
            reason = exc.line(self.lang)
            self.write(catalog.t(self.lang, "console_upload_failed", comment=action.comment, reason=reason))
            return
        self.write(catalog.t(self.lang, "console_upload", comment=action.comment, path=path))

    # input ------------------------------------------------------------------
    def origin(self) -> Origin:
        return Origin(MemberRef(PLATFORM, WORKSPACE, self.member, self.member), REF, platform_admin=True)

    async def handle_raw(self, raw: bytes) -> None:
        line, valid = decode_line(raw)
        if not valid:  # never guess: hand the line back, like any other rejected answer
            self.write(f"rejected: {catalog.t(self.lang, 'console_bad_utf8')}")
            self.write(line)
            return
        await self.handle_line(line)

    async def handle_line(self, line: str) -> None:
        line = line.rstrip("\r\n")
        stripped = line.strip()
        word = stripped.split(None, 1)[0] if stripped else ""
        if word.lower() == "/as":
            name = stripped[len(word):].strip()
            if name:
                self.member = name
                self.write(catalog.t(self.lang, "console_as", member=name))
            else:
                self.write(catalog.t(self.lang, "console_as_usage"))
            return
        event: CommandInvoked | AnswerSubmitted
        if stripped.startswith("/"):
            event = CommandInvoked(self.origin(), stripped)
        else:
            event = AnswerSubmitted(self.origin(), line, "console")
        for action in await self.inbox(event):
            self.render(action)
        await self.inbox.settle()

    async def read_lines(self, stop: asyncio.Event) -> None:
        """Read until end of input (or ``stop``), handling one line at a time, in order."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[bytes | BaseException | None] = asyncio.Queue()

        def reader() -> None:
            bom, first = BOM.encode("utf-8"), True
            try:
                for raw in byte_lines(self.stdin):
                    if first and raw.startswith(bom):  # a file saved by a Windows editor
                        raw = raw[len(bom):]
                    first = False
                    loop.call_soon_threadsafe(queue.put_nowait, raw)
            except Exception as exc:  # noqa: BLE001 - a failing stdin is a real failure: re-raised below
                loop.call_soon_threadsafe(queue.put_nowait, exc)
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, None)

        threading.Thread(target=reader, name="console-stdin", daemon=True).start()
        while not stop.is_set():
            get = asyncio.ensure_future(queue.get())
            halt = asyncio.ensure_future(stop.wait())
            done, _ = await asyncio.wait({get, halt}, return_when=asyncio.FIRST_COMPLETED)
            halt.cancel()
            if get not in done:
                get.cancel()
                return
            raw = get.result()
            if raw is None:
                return
            if isinstance(raw, BaseException):
                raise raw
            if stop.is_set() or not self.inbox.accepting:
                return
            await self.handle_raw(raw)


def safe_file_name(filename: str) -> str:
    """A file name from the core (it may carry a group's name) made safe to write in out_dir."""
    stem, dot, ext = filename.rpartition(".")
    if dot and ext.isascii() and ext.isalnum():
        return f"{safe_name(stem)}.{ext}"
    return safe_name(filename)


__all__ = ["ConsoleAdapter", "render_card", "render_revisit"]
