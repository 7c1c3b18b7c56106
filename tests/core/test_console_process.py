"""The console through a real subprocess and a pipe (DESIGN.md, "The console")."""
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
    assert "1 of 1 members answered, 0 skipped." in digest


def test_reply_lines_and_member_switching(tmp_path):
    db = tmp_path / "h.db"
    long_line = "긴 답변 " * 100  # 500 characters
    too_long = long_line + "!"
    lines = ["first answer", "second answer", too_long, "/as bob", "bob's answer", "/hindsight skip",
             "/as carol", "/hindsight skip", "   ", "/hindsight close"]
    out = hindsight("console", "--as", "alice", db=db, cwd=tmp_path, stdin="\n".join(lines) + "\n")
    assert out.returncode == 0, out.stderr
    stdout = out.stdout.splitlines()
    start = next(i for i, line in enumerate(stdout) if line.startswith("Answer with the button")) + 1
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
