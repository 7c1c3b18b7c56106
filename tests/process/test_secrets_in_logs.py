"""A failed login with a token-like value never prints the token: not in logs, not in errors,
not in tracebacks, in plain or JSON log format."""
from __future__ import annotations

import subprocess

import pytest

from tests.container.threaded_fake import ThreadedFake
from tests.fakes.slack_server import FakeSlack
from tests.process.conftest import hindsight_argv

pytestmark = pytest.mark.slow
SLACK_BOT = "xoxb-1234567890-0987654321-SuperSecretBotTokenValue"
SLACK_APP = "xapp-1-A0HINDSGT-1234567890-SuperSecretAppTokenValue"
DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.SuperSecretDiscordTokenValue_abcdefgh"


@pytest.mark.parametrize("fmt", ["plain", "json"])
def test_bad_slack_token_is_named_but_never_printed(cli_env, fmt):
    with ThreadedFake(FakeSlack()) as fake:
        fake.fake.bad_tokens.add(SLACK_BOT)
        env = dict(cli_env, SLACK_BOT_TOKEN=SLACK_BOT, SLACK_APP_TOKEN=SLACK_APP, SLACK_API_URL=fake.fake.base_url,
                   HINDSIGHT_LOG_FORMAT=fmt, HINDSIGHT_LOG_LEVEL="debug")
        res = subprocess.run(hindsight_argv() + ["run"], env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode != 0
    assert "SLACK_BOT_TOKEN" in res.stderr
    for secret in (SLACK_BOT, SLACK_APP, "SuperSecret"):
        assert secret not in res.stdout + res.stderr


@pytest.mark.parametrize("fmt", ["plain", "json"])
def test_failed_discord_login_never_prints_the_token(cli_env, fmt):
    # No network here: the login fails before or at Discord; either way the token stays secret.
    env = dict(cli_env, DISCORD_TOKEN=DISCORD, HINDSIGHT_LOG_FORMAT=fmt, HINDSIGHT_LOG_LEVEL="debug")
    res = subprocess.run(hindsight_argv() + ["run"], env=env, capture_output=True, text=True, timeout=90)
    assert res.returncode != 0
    assert "DISCORD_TOKEN" in res.stderr
    assert DISCORD not in res.stdout + res.stderr and "SuperSecret" not in res.stdout + res.stderr
