"""How many inbound events an adapter has fully handled, so tests can wait without sleeping."""
from __future__ import annotations

import asyncio
import contextlib
from typing import Iterator


class HandledCounter:
    def __init__(self) -> None:
        self.count = 0
        self._changed = asyncio.Event()

    @contextlib.contextmanager
    def tracking(self) -> Iterator[None]:
        """Count the block as handled when it ends, however it ends."""
        try:
            yield
        finally:
            self.count += 1
            self._changed.set()

    async def wait(self, count: int, timeout: float = 5.0) -> None:
        """Wait until ``count`` events have been handled."""
        async def reached() -> None:
            while self.count < count:
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(reached(), timeout)
