"""Helpers to run the real `hindsight` command as a subprocess."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


def hindsight_argv() -> list[str]:
    script = Path(sys.executable).with_name("hindsight")
    if script.exists():
        return [str(script)]
    found = shutil.which("hindsight")
    return [found] if found else [sys.executable, "-m", "bot.cli"]


@pytest.fixture
def cli_env(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DISCORD_", "SLACK_", "HINDSIGHT_"))}
    env["HINDSIGHT_DB"] = str(tmp_path / "hindsight.db")
    env["USER"] = "tester"
    return env
