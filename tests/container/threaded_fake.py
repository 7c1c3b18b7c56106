"""Run an asyncio fake server (FakeSlack) in a thread, for tests that are otherwise blocking."""
from __future__ import annotations

import asyncio
import threading


class ThreadedFake:
    def __init__(self, fake) -> None:
        self.fake = fake
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="fake-server", daemon=True)

    def __enter__(self):
        self.thread.start()
        self.call(self.fake.start())
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.call(self.fake.stop())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)

    def call(self, coro, timeout: float = 60):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)
