"""The console adapter: standard input is the member, standard output is the channel.

Contract (DESIGN.md, "The console"): an answer line gets exactly one reply line first,
``saved``, ``replaced`` or ``rejected: <reason>``, and the rejected text follows. Logs go
to standard error. End of input ends the session with exit code 0.
"""
from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path
from typing import TextIO

from bot import catalog
from bot.actions import (Action, ChannelPost, DirectMessage, OpenForm, PromptCard, PostResult, Reply, ShowDigest,
                         UnsupportedAction, Upload)
from bot.digest import render_text
from bot.domain import ChannelRef, MemberRef
from bot.events import AnswerSubmitted, CommandInvoked, Origin

PLATFORM, WORKSPACE, CHANNEL = "console", "local", "console"
GROUP = "console"
REF = ChannelRef(PLATFORM, WORKSPACE, CHANNEL)


def render_card(card: PromptCard) -> str:
    lines = [f"## {card.title}", "", card.text, "", card.closes, card.footer]
    scores = [b.label for b in card.buttons if b.action.startswith("hs:score:")]
    if scores:
        lines.append("Scores: " + " | ".join(scores) + "  (/hindsight answer N: text)")
    return "\n".join(lines)


class ConsoleAdapter:
    platform = PLATFORM

    def __init__(self, member: str, stdin: TextIO | None = None, stdout: TextIO | None = None,
                 out_dir: Path | None = None) -> None:
        self.member = member or "me"
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.out_dir = out_dir or Path.cwd()
        self.runtime = None
        self.lang = "en"
        self._seq = 0

    # output -----------------------------------------------------------------
    def write(self, text: str) -> None:
        self.stdout.write(text.rstrip("\n") + "\n")
        self.stdout.flush()

    async def start(self, runtime) -> None:
        self.runtime = runtime

    async def stop(self) -> None:
        pass

    async def send(self, action: ChannelPost | DirectMessage) -> PostResult | None:
        self._seq += 1
        if isinstance(action, ChannelPost):
            self.write(render_card(action.card) if action.kind == "prompt" else render_text(action.digest))
            return PostResult(message_id=f"console-{self._seq}")
        if isinstance(action, DirectMessage):
            self.write(f"[to {action.member.display_name}] {action.text}")
            return None
        raise UnsupportedAction(type(action).__name__)

    def render(self, action: Action) -> None:
        if isinstance(action, Reply):
            if action.status == "rejected":
                self.write(f"rejected: {action.reason}")
                self.write(action.handed_back or "")
            elif action.status in ("saved", "replaced", "skipped"):
                self.write(action.status)
            else:
                self.write(action.text)
        elif isinstance(action, ShowDigest):
            self.write(render_text(action.digest))
        elif isinstance(action, OpenForm):
            form = action.form
            if form.id.startswith("settings:"):
                values = ", ".join(f"{f.id}={f.value}" for f in form.fields)
                self.write(catalog.t(self.lang, "console_settings_form", title=form.title, values=values))
            else:
                limit = form.fields[0].max_length if form.fields else 0
                self.write(catalog.t(self.lang, "console_form", title=form.title, limit=limit))
        elif isinstance(action, Upload):
            path = self.out_dir / action.filename
            path.write_bytes(action.content)
            self.write(catalog.t(self.lang, "console_upload", comment=action.comment, path=path))
        else:
            raise UnsupportedAction(type(action).__name__)

    # input ------------------------------------------------------------------
    def origin(self) -> Origin:
        return Origin(MemberRef(PLATFORM, WORKSPACE, self.member, self.member), REF, platform_admin=True)

    async def handle_line(self, line: str) -> None:
        line = line.rstrip("\r\n")
        stripped = line.strip()
        if stripped.startswith("/as"):
            name = stripped[3:].strip()
            if name:
                self.member = name
                self.write(catalog.t(self.lang, "console_as", member=name))
                return
        if stripped.startswith("/"):
            event = CommandInvoked(self.origin(), stripped)
        else:
            event = AnswerSubmitted(self.origin(), line, "console")
        for action in await self.runtime.handle(event):
            self.render(action)
        await self.runtime.flush()

    async def read_lines(self, stop: asyncio.Event) -> None:
        """Read until end of input (or ``stop``), handling one line at a time, in order."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str | None] = asyncio.Queue()

        def reader() -> None:
            try:
                for raw in self.stdin:
                    loop.call_soon_threadsafe(queue.put_nowait, raw)
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
            line = get.result()
            if line is None:
                return
            if stop.is_set() or not self.runtime.accepting:
                return
            await self.handle_line(line)


def ensure_console_group(service) -> bool:
    """Create the group 'console' bound to the console channel. True on first start."""
    store = service.store
    if store.channel_by_ref(REF):
        return False
    group = store.group_by_name(GROUP) or store.create_group(GROUP, service.clock.now(),
                                                             language=service.default_language)
    store.bind_channel(group.id, REF, service.clock.now())
    return True


__all__ = ["ConsoleAdapter", "ensure_console_group", "render_card"]
