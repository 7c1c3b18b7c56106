"""The TOML config is validated whole (ARCHITECTURE.md, "Trust rules"; issue 8 item 12): every problem
names its key, the start stops with one line and exit code 2, and group names are safe as paths."""
from __future__ import annotations

import os

import pytest

from bot.config import ConfigError, load
from bot.domain import ChannelRef
from bot.export import safe_name
from tests.core.proc import hindsight

SLACK = '{ platform = "slack", workspace = "T1", channel = "C1" }'


def problems_of(tmp_path, text: str) -> str:
    path = tmp_path / "hindsight.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load({"HINDSIGHT_CONFIG": str(path)})
    message = str(err.value)
    assert message.startswith(f"HINDSIGHT_CONFIG={path}: ") and "\n" not in message
    return message


@pytest.mark.parametrize("text, names", [
    # unknown keys, anywhere
    ('[[group]]\nname = "g"\n', ["group: unknown key", "[[groups]]"]),
    ('title = "x"\n[[groups]]\nname = "g"\n', ["title: unknown key"]),
    ('[[groups]]\nname = "g"\ncolour = "red"\n', ["groups[0] (g).colour: unknown key", "timezone"]),
    ('[[groups]]\nname = "g"\nchannels = [{ platform = "slack", workspace = "T1", channel = "C1", team = "x" }]\n',
     ["groups[0] (g).channels[0].team: unknown key", "platform, workspace, channel"]),
    ('[[groups]]\nname = "g"\nadmins = [{ platform = "slack", workspace = "T1", user = "U1", role = "x" }]\n',
     ["groups[0] (g).admins[0].role: unknown key"]),
    # duplicates
    ('[[groups]]\nname = "g"\n[[groups]]\nname = "g"\n', ["groups[1].name", "already the name of groups[0]"]),
    ('[[groups]]\nname = "Founders"\n[[groups]]\nname = " founders "\n', ["groups[1].name"]),
    (f'[[groups]]\nname = "a"\nchannels = [{SLACK}]\n[[groups]]\nname = "b"\nchannels = [{SLACK}]\n',
     ["groups[1] (b).channels[0]", "slack/T1/C1", "already listed at groups[0] (a).channels[0]"]),
    (f'[[groups]]\nname = "a"\nchannels = [{SLACK}, {SLACK}]\n',
     ["groups[0] (a).channels[1]", "already listed at groups[0] (a).channels[0]"]),
    # platforms and empty ids
    ('[[groups]]\nname = "g"\nchannels = [{ platform = "telegram", workspace = "T1", channel = "C1" }]\n',
     ["groups[0] (g).channels[0].platform", "'telegram' is not a platform", "slack or discord"]),
    ('[[groups]]\nname = "g"\nadmins = [{ platform = "irc", workspace = "T1", user = "U1" }]\n',
     ["groups[0] (g).admins[0].platform", "'irc'"]),
    ('[[groups]]\nname = "g"\nchannels = [{ platform = "slack", workspace = "", channel = "C1" }]\n',
     ["groups[0] (g).channels[0].workspace: is empty"]),
    ('[[groups]]\nname = "g"\nchannels = [{ platform = "slack", workspace = "T1", channel = "  " }]\n',
     ["groups[0] (g).channels[0].channel: is empty"]),
    ('[[groups]]\nname = "g"\nadmins = [{ platform = "slack", workspace = "T1", user = "" }]\n',
     ["groups[0] (g).admins[0].user: is empty"]),
    ('[[groups]]\nname = "   "\n', ["groups[0]: every group needs a name"]),
    # bad types
    ('[[groups]]\nname = 5\n', ["groups[0].name: expected text, not int"]),
    ('[[groups]]\nname = ["g"]\n', ["groups[0].name: expected text, not list"]),
    ('[groups]\nname = "g"\n', ["groups: expected an array of tables"]),
    ('groups = ["g"]\n', ["groups[0]: expected a table"]),
    ('groups = 5\n', ["groups: expected an array of tables"]),
    ('[[groups]]\nname = "g"\nchannels = "C1"\n', ["groups[0] (g).channels: expected an array of tables"]),
    ('[[groups]]\nname = "g"\nchannels = ["C1"]\n', ["groups[0] (g).channels[0]: expected a table"]),
    ('[[groups]]\nname = "g"\nadmins = { platform = "slack", workspace = "T1", user = "U1" }\n',
     ["groups[0] (g).admins: expected an array of tables"]),
    ('[[groups]]\nname = "g"\nchannels = [{ platform = "slack", workspace = "T1", channel = 1.5 }]\n',
     ["groups[0] (g).channels[0].channel: expected text, not float"]),
    ('[[groups]]\nname = "g"\nchannels = [{ platform = true, workspace = "T1", channel = "C1" }]\n',
     ["groups[0] (g).channels[0].platform: expected text, not bool"]),
    ('[[groups]]\nname = "g"\nlimit = [800]\n', ["groups[0] (g).limit", "100 to 2000"]),
    ('[[groups]]\nname = "g"\nlimit = 800.5\n', ["groups[0] (g).limit"]),
])
def test_each_problem_names_its_key(tmp_path, text, names):
    message = problems_of(tmp_path, text)
    for name in names:
        assert name in message


def test_all_problems_are_reported_at_once(tmp_path):
    message = problems_of(tmp_path, '[[group]]\nname = "x"\n'
                                    '[[groups]]\nname = "a"\nlimit = 5\n'
                                    'channels = [{ platform = "telegram", workspace = "", channel = "C1" }]\n'
                                    '[[groups]]\nname = "a"\n')
    for name in ("group: unknown key", "groups[0] (a).limit", "groups[0] (a).channels[0].workspace: is empty",
                 "groups[1].name: 'a' is already the name of groups[0]"):
        assert name in message


def test_a_valid_file_is_normalised(tmp_path):
    path = tmp_path / "hindsight.toml"
    path.write_text('[[groups]]\nname = " founders "\n'
                    'channels = [{ platform = "Discord", workspace = 111111111111111111, channel = " 42 " }]\n'
                    'admins = [{ platform = "slack", workspace = "T1", user = "U1" }]\n'
                    '[[groups]]\nname = "other"\n'
                    'channels = [{ platform = "discord", workspace = "111111111111111111", channel = "43" }]\n',
                    encoding="utf-8")
    first, second = load({"HINDSIGHT_CONFIG": str(path)}).groups
    assert first.name == "founders" and first.channels == (ChannelRef("discord", "111111111111111111", "42"),)
    assert first.admins == (("slack", "T1", "U1"),)
    assert second.channels == (ChannelRef("discord", "111111111111111111", "43"),)


def test_an_empty_file_declares_no_group(tmp_path):
    path = tmp_path / "hindsight.toml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert load({"HINDSIGHT_CONFIG": str(path)}).groups == ()


def test_paths_that_cannot_be_read(tmp_path):
    with pytest.raises(ConfigError, match="is a folder, not a file"):
        load({"HINDSIGHT_CONFIG": str(tmp_path)})
    a_file = tmp_path / "file"
    a_file.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read it"):
        load({"HINDSIGHT_CONFIG": str(a_file / "hindsight.toml")})
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"name = \"\xff\"\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load({"HINDSIGHT_CONFIG": str(binary)})


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "hindsight.toml"
    path.write_text("", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(ConfigError, match="permission denied"):
            load({"HINDSIGHT_CONFIG": str(path)})
    finally:
        path.chmod(0o600)


@pytest.mark.slow
@pytest.mark.parametrize("text, key", [
    (None, "is a folder"),
    ('[[group]]\nname = "g"\n', "group: unknown key"),
    ('[[groups]]\nname = "g"\nchannels = [{ platform = "telegram", workspace = "T1", channel = "C1" }]\n',
     "groups[0] (g).channels[0].platform"),
    ('[[groups]]\nname = "g"\n[[groups]]\nname = "g"\n', "groups[1].name"),
])
def test_the_start_stops_with_one_line_and_exit_code_2(tmp_path, text, key):
    path = tmp_path / "conf"
    if text is None:
        path.mkdir()
    else:
        path.write_text(text, encoding="utf-8")
    out = hindsight("console", "--as", "alice", db=tmp_path / "h.db", cwd=tmp_path, stdin="hello\n",
                    HINDSIGHT_CONFIG=str(path))
    assert out.returncode == 2
    assert out.stdout == "" and "Traceback" not in out.stderr
    (line,) = out.stderr.splitlines()
    assert line.startswith("hindsight: configuration error: HINDSIGHT_CONFIG=") and key in line
    assert not (tmp_path / "h.db").exists(), "nothing starts"


@pytest.mark.parametrize("name", ["../../x", "..", ".", "a/b", "a\\b", "/etc", "C:", ".hidden", "con\x00trol",
                                  "trailing. ", "x" * 300, ""])
def test_safe_name_is_one_plain_path_component(name):
    safe = safe_name(name)
    assert safe and safe not in (".", "..") and not safe.startswith(".")
    assert not any(c in safe for c in '/\\:*?"<>|') and all(c.isprintable() for c in safe)
    assert len(safe) <= 70
    assert safe_name(name) == safe, "stable"


def test_safe_name_keeps_ordinary_names_and_never_merges_two_groups():
    for name in ("founders", "창업자 모임", "AI & crypto (Seoul)", "console"):
        assert safe_name(name) == name
    assert len({safe_name(n) for n in ("a/b", "a\\b", "a:b", "a_b")}) == 4


@pytest.mark.slow
def test_markdown_export_stays_inside_out(tmp_path, service, store, clock, db_path):
    group = store.groups.create("../../x", clock.now())
    rnd = service.open_round(group)
    assert rnd is not None
    service.close_round(rnd, late=False)
    out_dir = tmp_path / "deep" / "er" / "out"
    out = hindsight("export", "--format", "md", "--out", str(out_dir), db=db_path, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    files = [p for p in tmp_path.rglob("*.md")]
    assert len(files) == 1, files
    (written,) = files
    assert written.parent.parent == out_dir and written.name == f"{rnd.period}.md"
    assert written.parent.name == safe_name("../../x")
