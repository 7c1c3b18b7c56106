"""Fixtures for the Slack adapter tests: a FakeSlack on 127.0.0.1 and the adapter in Socket Mode."""
from __future__ import annotations

import pytest

from tests.fakes.slack_server import FakeSlack
from tests.slack.harness import SlackHarness


@pytest.fixture
async def fake():
    async with FakeSlack() as f:
        yield f


@pytest.fixture
async def slack(fake, tmp_path):
    async with SlackHarness(fake, tmp_path) as h:
        yield h
