"""The core and storage never import discord, slack_bolt or slack_sdk (ARCHITECTURE.md principle 5)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLATFORM_LIBS = ("discord", "slack_bolt", "slack_sdk")


def core_modules() -> list[str]:
    mods = []
    for package in ("bot", "storage"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            mods.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return mods


def test_importing_the_core_loads_no_platform_library():
    mods = core_modules()
    assert {"bot.service", "bot.app", "bot.cli", "storage.store"} <= set(mods)
    code = (
        "import importlib, json, sys\n"
        f"for m in {mods!r}: importlib.import_module(m)\n"
        f"print(json.dumps(sorted(k for k in sys.modules if k.split('.')[0] in {PLATFORM_LIBS!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


def test_the_memory_and_console_adapters_are_pure_too():
    code = (
        "import json, sys, adapters.memory, adapters.console\n"
        f"print(json.dumps(sorted(k for k in sys.modules if k.split('.')[0] in {PLATFORM_LIBS!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []


IMPORT_LINE = re.compile(r"^\s*(?:from\s+(discord|slack_bolt|slack_sdk)\b|import\s+.*\b(discord|slack_bolt|slack_sdk)\b)",
                         re.MULTILINE)


def test_no_import_lines_of_platform_libraries_in_the_source():
    offenders = []
    for package in ("bot", "storage"):
        for path in (ROOT / package).rglob("*.py"):
            for m in IMPORT_LINE.finditer(path.read_text(encoding="utf-8")):
                offenders.append(f"{path.relative_to(ROOT)}: {m.group(0).strip()}")
    assert offenders == []


def test_the_pattern_catches_what_it_should():
    sample = "import discord\nfrom slack_bolt.app import App\n  import os, slack_sdk\nfrom discordant import x\n"
    assert [m.group(0).strip() for m in IMPORT_LINE.finditer(sample)] == [
        "import discord", "from slack_bolt", "import os, slack_sdk"]
