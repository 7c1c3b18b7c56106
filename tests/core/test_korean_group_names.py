"""Group names in Hangul (issue 15, item 4): ``setup 창업자 모임`` names the group as typed; the
config file's Hangul names work; ``hindsight digest|export --group '창업자 모임'`` finds the group;
a file-safe form is derived only where a path needs one (bot.export.safe_name)."""
from __future__ import annotations

import unicodedata

import pytest

from bot import catalog
from bot.config import apply_groups, load
from tests.core.helpers import only_reply, run_week
from tests.core.proc import hindsight

TOML = """
[[groups]]
name = "창업자 모임"
language = "ko"
channels = [{ platform = "slack", workspace = "T1", channel = "C1" }]
"""


async def test_a_hangul_name_from_the_config_file_is_the_same_group_setup_sees(tmp_path, bot, service, store):
    path = tmp_path / "hindsight.toml"
    path.write_text(TOML, encoding="utf-8")
    cfg = load({"HINDSIGHT_CONFIG": str(path)})
    apply_groups(service, cfg.groups)
    apply_groups(service, cfg.groups)  # every start: still one group
    (group,) = store.groups.all()
    assert (group.name, group.language) == ("창업자 모임", "ko")
    refused = only_reply(await bot.command("admin", "setup 창업자 모임")).text
    assert refused == catalog.t("en", "group_name_taken", group="창업자 모임")
    assert len(store.groups.all()) == 1


@pytest.mark.slow
async def test_the_cli_finds_a_hangul_group_and_paths_get_a_safe_form(tmp_path, bot, runtime, clock, store, db_path):
    await bot.command("admin", "setup 창업자 모임")
    await bot.command("admin", "setup 창업자/모임", channel="c2")
    assert sorted(g.name for g in store.groups.all()) == ["창업자 모임", "창업자/모임"]
    await run_week(bot, runtime, clock, {"alice": "결제하는 AI 에이전트"})

    out = hindsight("digest", "--group", "창업자 모임", "--format", "json", db=db_path, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert '"group": "창업자 모임"' in out.stdout and "결제하는 AI 에이전트" in out.stdout

    folder = tmp_path / "md"
    out = hindsight("export", "--format", "md", "--out", str(folder), db=db_path, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert "창업자 모임" in names, "a name that is already file-safe is the folder's name"
    (slashed,) = [n for n in names if n != "창업자 모임"]
    assert "/" not in slashed and slashed.startswith("창업자_모임-"), "the slash is not a path separator"
    (md,) = (folder / "창업자 모임").iterdir()
    assert md.name == "2026-W49.md" and "결제하는 AI 에이전트" in md.read_text(encoding="utf-8")

    out = hindsight("digest", "--group", "창업자", db=db_path, cwd=tmp_path)
    assert out.returncode == 1 and "no group named 창업자" in out.stderr

    decomposed = unicodedata.normalize("NFD", "창업자 모임")  # as a macOS terminal may type it
    assert decomposed != "창업자 모임"
    out = hindsight("digest", "--group", decomposed, "--format", "json", db=db_path, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert '"group": "창업자 모임"' in out.stdout


async def test_a_name_in_another_unicode_form_or_case_is_the_same_name(tmp_path, bot, service, store):
    import unicodedata

    path = tmp_path / "hindsight.toml"
    path.write_text(TOML.replace("창업자 모임", unicodedata.normalize("NFD", "창업자 모임")), encoding="utf-8")
    apply_groups(service, load({"HINDSIGHT_CONFIG": str(path)}).groups)
    refused = only_reply(await bot.command("admin", "setup 창업자 모임")).text
    assert refused == catalog.t("en", "group_name_taken", group="창업자 모임")
    assert len(store.groups.all()) == 1
