"""The console through a real subprocess and a pipe (ARCHITECTURE.md, "The console")."""
from __future__ import annotations

import sqlite3

import pytest

from tests.core.proc import hindsight

pytestmark = pytest.mark.slow


def test_the_issue_example(tmp_path):
    db = tmp_path / "h.db"
    out = hindsight("console", "--as", "alice", db=db, cwd=tmp_path,
                    stdin="AI agents\n/hindsight close\n/hindsight digest\n")
    assert out.returncode == 0, out.stderr
    digest = out.stdout[out.stdout.index("## Hindsight digest"):]
    assert "- alice: AI agents" in digest
    assert "1 of 1 member answered." in digest


def test_reply_lines_and_member_switching(tmp_path):
    db = tmp_path / "h.db"
    long_line = "긴 답변 " * 100  # 500 characters
    too_long = long_line + "!"
    lines = ["first answer", "second answer", too_long, "/as bob", "bob's answer", "/hindsight skip",
             "/as carol", "/hindsight skip", "   ", "/hindsight close"]
    out = hindsight("console", "--as", "alice", db=db, cwd=tmp_path, stdin="\n".join(lines) + "\n")
    assert out.returncode == 0, out.stderr
    stdout = out.stdout.splitlines()
    start = next(i for i, line in enumerate(stdout) if line.startswith(("Answer with the button", "A call:"))) + 1
    replies = stdout[start:]
    assert replies[0] == "saved"
    assert replies[1] == "replaced"
    assert replies[2] == "rejected: the answer is 501 characters; this group's limit is 500."
    assert replies[3] == too_long.strip(), "the rejected text follows, whole"
    assert replies[4] == "You are now bob."
    assert replies[5] == "saved"
    assert "already answered" in replies[6]
    assert replies[7] == "You are now carol."
    assert replies[8] == "skipped"
    assert replies[9] == "rejected: the answer is empty."
    assert replies[10] == ""  # the (empty) text handed back
    assert replies[11].startswith("Closed the round")
    assert "2 of 3 members answered, 1 skipped." in out.stdout
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT m.user_id, a.text, a.original_text, a.source FROM answers a"
                        " JOIN members m ON m.id = a.member_id ORDER BY m.user_id").fetchall()
    assert rows == [("alice", "second answer", "first answer", "console"), ("bob", "bob's answer", "bob's answer",
                                                                              "console")]


def test_logs_go_to_stderr_not_stdout(tmp_path):
    out = hindsight("console", "--as", "alice", db=tmp_path / "h.db", cwd=tmp_path, stdin="hello\n",
                    HINDSIGHT_LOG_LEVEL="debug")
    assert out.returncode == 0
    assert "INFO" in out.stderr and "opened round" in out.stderr
    for noise in (" INFO ", " DEBUG ", "hindsight.rounds", "scheduler started"):
        assert noise not in out.stdout
    assert out.stdout.splitlines()[-1] == "saved"


def test_second_session_continues_the_same_round(tmp_path):
    db = tmp_path / "h.db"
    first = hindsight("console", "--as", "alice", db=db, cwd=tmp_path, stdin="one\n")
    second = hindsight("console", "--as", "alice", db=db, cwd=tmp_path, stdin="two\n")
    assert first.returncode == second.returncode == 0
    assert "This week's prompt" in first.stdout
    assert "This week's prompt" not in second.stdout, "the prompt is posted once"
    assert second.stdout.splitlines() == ["replaced"]


def test_commands_in_the_console(tmp_path):
    stdin = "\n".join(["/hindsight help", "/hindsight answer", "/hindsight settings", "/hindsight export csv",
                       "/hindsight bogus", "/hindsight search nothing"]) + "\n"
    out = hindsight("console", "--as", "alice", db=tmp_path / "h.db", cwd=tmp_path, stdin=stdin)
    assert out.returncode == 0, out.stderr
    assert "Hindsight asks the group one question a week" in out.stdout
    assert "Type your answer as a line (up to 500 characters)" in out.stdout
    assert "Change with: /hindsight settings key=value" in out.stdout
    assert "Unknown command 'bogus'" in out.stdout
    assert (tmp_path / "hindsight-console.csv").read_text().startswith("group,period,prompt,member")


def test_missing_database_folder_fails(tmp_path):
    out = hindsight("console", "--as", "alice", db=tmp_path / "no" / "such" / "h.db", cwd=tmp_path, stdin="hi\n")
    assert out.returncode != 0
    assert "does not exist" in out.stderr
    assert "saved" not in out.stdout


def test_run_without_a_terminal_or_tokens_exits_2(tmp_path):
    out = hindsight("run", db=tmp_path / "h.db", cwd=tmp_path, stdin="")
    assert out.returncode == 2
    assert "DISCORD_TOKEN" in out.stderr and "SLACK_BOT_TOKEN" in out.stderr
    assert out.stdout == ""
    assert not (tmp_path / "h.db").exists()


def hindsight_bytes(*args: str, db, cwd, stdin: bytes, strict_locale: bool = False) -> tuple[int, str, str]:
    """Run ``hindsight`` with raw bytes on stdin; stdout decoded as UTF-8 (it must be, whatever the locale)."""
    import subprocess

    from tests.core.proc import env_for, hindsight_cmd

    env = env_for(db)
    if strict_locale:  # no UTF-8 mode, no locale coercion: Python's own stdin would be ASCII
        env.pop("PYTHONIOENCODING", None)
        env.update(LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    out = subprocess.run([*hindsight_cmd(), *args], input=stdin, capture_output=True, env=env, cwd=cwd,
                         timeout=60)
    return out.returncode, out.stdout.decode("utf-8"), out.stderr.decode("utf-8", errors="replace")


def answers(db) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT m.user_id, a.text FROM answers a JOIN members m ON m.id = a.member_id"
                            " ORDER BY m.user_id").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("strict_locale", [False, True], ids=["utf8-locale", "c-locale"])
def test_invalid_utf8_is_handed_back_and_no_valid_line_is_lost(tmp_path, strict_locale):
    db = tmp_path / "h.db"
    stdin = "alice's answer 하이프\n".encode() + b"bad \xff\xfe bytes\n/as bob\nbob's answer\n"
    code, stdout, stderr = hindsight_bytes("console", "--as", "alice", db=db, cwd=tmp_path, stdin=stdin,
                                           strict_locale=strict_locale)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    lines = stdout.splitlines()
    start = lines.index("saved")
    assert lines[start + 1].startswith("rejected: ") and "UTF-8" in lines[start + 1]
    assert lines[start + 2] == "bad \ufffd\ufffd bytes", "the line is handed back, bad bytes shown as U+FFFD"
    assert lines[start + 3:] == ["You are now bob.", "saved"]
    assert answers(db) == [("alice", "alice's answer 하이프"), ("bob", "bob's answer")]


def test_a_bare_cr_does_not_split_an_answer(tmp_path):
    db = tmp_path / "h.db"
    code, stdout, stderr = hindsight_bytes("console", "--as", "alice", db=db, cwd=tmp_path,
                                           stdin=b"the first half\rthe second half\r\n/hindsight close\r\n")
    assert code == 0, stderr
    assert stdout.count("saved") == 1 and "replaced" not in stdout
    assert answers(db) == [("alice", "the first half the second half")]
    assert "Closed the round" in stdout, "CRLF ends a command line too"


def test_as_is_a_command_word_not_a_prefix(tmp_path):
    db = tmp_path / "h.db"
    stdin = "\n".join(["/assume the worst", "/as", "alice's answer", "/AS bob", "bob's answer"]) + "\n"
    out = hindsight("console", "--as", "alice", db=db, cwd=tmp_path, stdin=stdin)
    assert out.returncode == 0, out.stderr
    assert "You are now ume the worst." not in out.stdout
    assert "Usage: /as NAME" in out.stdout and "You are now bob." in out.stdout
    assert answers(db) == [("alice", "alice's answer"), ("bob", "bob's answer")]
