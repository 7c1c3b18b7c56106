"""Nothing drifts: the help is one catalog line per command (``help_cmd_<name>``), in the order
of bot/commands.py SUBCOMMANDS, admins' commands under their own heading; the Slack manifest's
description and usage_hint list the same commands in the same order."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import catalog
from bot.commands import ADMIN_SUBCOMMANDS, SUBCOMMANDS
from bot.messages_en import EN
from bot.messages_ko import KO
from bot.router import help_text
from tests.core.helpers import text_of

ROOT = Path(__file__).resolve().parents[2]
MEMBER = [n for n in SUBCOMMANDS if n not in ADMIN_SUBCOMMANDS]
ADMIN = [n for n in SUBCOMMANDS if n in ADMIN_SUBCOMMANDS]


def usage(lang: str, name: str) -> str:
    """What a help line says to type: ``digest [latest | ...] [post]`` of
    ``/hindsight digest [latest | ...] [post]: past digests``."""
    line = catalog.t(lang, f"help_cmd_{name}")
    return line.removeprefix("/hindsight ").split(": ")[0]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_subcommand_has_one_help_line_in_both_languages(lang):
    for name in SUBCOMMANDS:
        line = catalog.t(lang, f"help_cmd_{name}")
        assert "\n" not in line and line.startswith(f"/hindsight {name}"), (lang, name, line)
        assert ": " in line
    assert {k for k in EN if k.startswith("help_cmd_")} == {f"help_cmd_{n}" for n in SUBCOMMANDS}
    assert {k for k in KO if k.startswith("help_cmd_")} == {f"help_cmd_{n}" for n in SUBCOMMANDS}
    assert "help" not in EN and "help_admin" not in EN and "help" not in KO and "help_admin" not in KO


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_help_lists_the_commands_in_their_order(lang):
    member = help_text(lang, admin=False).splitlines()
    assert member[0] == catalog.t(lang, "help_intro") and member[-1] == catalog.t(lang, "help_footer")
    assert member[1:-1] == [catalog.t(lang, f"help_cmd_{n}") for n in MEMBER]
    admin = help_text(lang, admin=True).splitlines()
    assert admin[: len(member)] == member
    assert admin[len(member):] == ["", catalog.t(lang, "help_admin_head"),
                                   *(catalog.t(lang, f"help_cmd_{n}") for n in ADMIN)]


async def test_a_member_sees_the_members_help_and_an_admin_sees_more(group_bot):
    member = text_of(await group_bot.command("alice", "help"))
    assert member == help_text("en", admin=False)
    assert "/hindsight ledger [@member | group]: your forecasts and calls, and how they scored" in member
    assert "/hindsight resolve" not in member and "For admins:" not in member
    admin = text_of(await group_bot.command("admin", "help"))
    assert admin == help_text("en", admin=True)
    assert admin.endswith("/hindsight resolve [PERIOD] yes|no|ambiguous|undo: say how a prediction that fell due "
                          "came out")


async def test_the_help_in_korean(group_bot):
    await group_bot.command("admin", "settings language=ko")
    text = text_of(await group_bot.command("admin", "help"))
    assert text == help_text("ko", admin=True)
    assert "/hindsight chart [질문]: 점수형 질문의 그룹 평균 추이를 그림으로" in text
    assert "관리자용 명령:\n/hindsight link:" in text


def _manifest_field(name: str) -> str:
    text = (ROOT / "slack-manifest.yml").read_text(encoding="utf-8")
    block = text.split("slash_commands:", 1)[1]
    m = re.search(rf'^\s+{name}: "((?:[^"\\]|\\.)*)"\s*$', block, re.M)
    assert m, name
    return m.group(1)


def test_the_slack_manifest_lists_what_the_help_lists():
    hint = _manifest_field("usage_hint")
    assert hint == " · ".join(usage("en", n) for n in MEMBER + ADMIN)
    description = _manifest_field("description")
    assert description == f"Weekly reflections: {', '.join(MEMBER)}; for admins: {', '.join(ADMIN)}"
