"""Running the real ``hindsight`` command in a subprocess, with a clean environment."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SCRUB = ("DISCORD_TOKEN", "DISCORD_GUILD_ID", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET",
         "SLACK_MODE", "SLACK_API_URL", "HINDSIGHT_CONFIG", "HINDSIGHT_LANGUAGE", "HINDSIGHT_DB",
         "HINDSIGHT_LOG_FORMAT", "HINDSIGHT_LOG_LEVEL")


def hindsight_cmd() -> list[str]:
    script = shutil.which("hindsight", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "bot.cli"]


def env_for(db: Path | str | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUB}
    if db is not None:
        env["HINDSIGHT_DB"] = str(db)
    env.update(extra)
    return env


def hindsight(*args: str, db=None, stdin: str | None = None, cwd=None, timeout: float = 60,
              **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*hindsight_cmd(), *args], input=stdin if stdin is not None else "", capture_output=True, text=True,
        env=env_for(db, **extra), cwd=cwd, timeout=timeout, encoding="utf-8",
    )
