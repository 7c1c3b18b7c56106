"""The archive formats (ARCHITECTURE.md, "Data formats"), my-data and forget-me. The ledger
fields themselves (probabilities, grades, due, outcome) are tested in test_export_v2.py."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from bot.actions import Upload
from bot.export import CSV_COLUMNS, export_csv, export_json, export_markdown
from tests.core.helpers import answers, count, only_reply, run_week, text_of

ROUND_KEYS = {"period", "kind", "prompt", "opened_at", "closed_at", "due", "outcome", "answers", "skipped"}
ANSWER_KEYS = {"member", "platform", "text", "score", "created_at", "updated_at", "source", "probability", "grade"}
PROMPT_KEYS = {"id", "kind", "text_en", "text_ko", "horizon_months"}


def has_offset(text: str) -> bool:
    return datetime.fromisoformat(text).utcoffset() is not None


async def two_weeks(bot, runtime, clock):
    await run_week(bot, runtime, clock, {"alice": "W49 from alice, 한국어도", "bob": "W49, \"quoted\", with commas"},
                   skips=("carol",))
    await run_week(bot, runtime, clock, {"alice": "W50 from alice"})
    await runtime.tick()  # W51 open
    await bot.say("alice", "W51 still sealed")


def upload(actions) -> Upload:
    (up,) = actions
    assert isinstance(up, Upload)
    return up


async def test_json_export_version_2(group_bot, runtime, clock, store):
    bot = group_bot
    await two_weeks(bot, runtime, clock)
    up = upload(await bot.command("admin", "export json"))
    assert up.filename == "hindsight-memory-c1.json" and not up.public
    data = json.loads(up.content)
    assert data == export_json(store, ["memory-c1"])
    assert data["version"] == 2 and set(data) == {"version", "groups"}
    (g,) = data["groups"]
    assert set(g) == {"name", "timezone", "language", "channels", "rounds"}
    assert (g["name"], g["timezone"], g["language"]) == ("memory-c1", "UTC", "en")
    assert g["channels"] == [{"platform": "memory", "workspace": "w1", "channel_id": "c1"}]
    assert [r["period"] for r in g["rounds"]] == ["2026-W49", "2026-W50"], "closed rounds only"
    r49 = g["rounds"][0]
    assert set(r49) == ROUND_KEYS
    assert set(r49["prompt"]) == PROMPT_KEYS and r49["kind"] == r49["prompt"]["kind"]
    assert r49["prompt"]["kind"] == store.prompts.get(r49["prompt"]["id"]).kind
    assert r49["outcome"] is None
    assert has_offset(r49["opened_at"]) and has_offset(r49["closed_at"])
    assert r49["skipped"] == ["Carol"]
    assert [set(a) for a in r49["answers"]] == [ANSWER_KEYS, ANSWER_KEYS]
    first = r49["answers"][0]
    assert (first["member"], first["platform"], first["text"], first["score"], first["source"]) == (
        "Alice", "memory", "W49 from alice, 한국어도", None, "command")
    assert (first["probability"], first["grade"]) == (None, None)
    assert has_offset(first["created_at"]) and has_offset(first["updated_at"])
    assert "W51 still sealed" not in up.content.decode()


async def test_csv_export_version_2(group_bot, runtime, clock, store):
    bot = group_bot
    await two_weeks(bot, runtime, clock)
    up = upload(await bot.command("admin", "export csv"))
    rows = list(csv.reader(io.StringIO(up.content.decode())))
    assert tuple(rows[0]) == CSV_COLUMNS == ("group", "period", "prompt", "member", "platform", "text", "score",
                                             "created_at", "updated_at", "source", "probability", "grade", "outcome")
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(body) == 3
    assert body[1]["text"] == 'W49, "quoted", with commas' and body[1]["member"] == "Bob"
    assert body[0]["group"] == "memory-c1" and body[0]["period"] == "2026-W49" and body[0]["score"] == ""
    assert (body[0]["probability"], body[0]["grade"], body[0]["outcome"]) == ("", "", "")
    assert body[0]["prompt"].startswith("What's the next hype")
    assert all(has_offset(r["created_at"]) for r in body)
    assert up.content.decode() == export_csv(store, ["memory-c1"])


async def test_markdown_export_one_file_per_round(group_bot, runtime, clock, service):
    bot = group_bot
    await two_weeks(bot, runtime, clock)
    files = export_markdown(service)
    assert sorted(files) == ["memory-c1/2026-W49.md", "memory-c1/2026-W50.md"]
    md = files["memory-c1/2026-W49.md"]
    assert md.startswith("## Hindsight digest · week of Nov 30 · memory-c1\n")
    assert "- Alice: W49 from alice, 한국어도" in md and "2 of 3 members answered, 1 skipped." in md
    up = upload(await bot.command("admin", "export md"))
    assert "W50 from alice" in up.content.decode() and "W51" not in up.content.decode()


async def test_unknown_export_format(group_bot):
    assert "Export as json, csv or md." in text_of(await group_bot.command("admin", "export pdf"))


async def test_my_data(group_bot, runtime, clock, store):
    bot = group_bot
    await two_weeks(bot, runtime, clock)
    await bot.say("bob", "bob's W51")
    up = upload(await bot.command("alice", "my-data"))
    data = json.loads(up.content)
    assert data["version"] == 2
    assert data["member"] == {"platform": "memory", "workspace": "w1", "user_id": "alice", "display_name": "Alice"}
    assert [a["period"] for a in data["answers"]] == ["2026-W49", "2026-W50", "2026-W51"]
    assert all(a["group"] == "memory-c1" for a in data["answers"])
    assert "bob" not in up.content.decode().lower()
    assert upload(await bot.command("carol", "mydata")).content  # alias; works for any member


async def test_forget_me_needs_confirmation(group_bot, runtime, clock, store):
    bot = group_bot
    await two_weeks(bot, runtime, clock)
    before = answers(store)
    ask = only_reply(await bot.command("alice", "forget-me"))
    assert "Sure?" in ask.text and answers(store) == before
    (button,) = ask.buttons
    assert button.style == "danger" and button.action.startswith("hs:forget:")
    # Somebody else pressing alice's button deletes nothing.
    assert "no longer valid" in text_of(await bot.click("bob", button.action))
    assert answers(store) == before
    done = only_reply(await bot.click("alice", button.action)).text
    assert done == "Done: 3 answers deleted, and you are forgotten."
    assert answers(store) == before - 3
    assert count(store, "SELECT count(*) FROM members WHERE user_id = 'alice'") == 0
    assert "W49 from alice" not in text_of(await bot.command("bob", "digest 2026-W49"))
    assert "W49 from alice" not in text_of(await bot.command("bob", "search alice"))


async def test_forget_me_confirm_word(group_bot, runtime, store):
    bot = group_bot
    await runtime.tick()
    await bot.say("bob", "bye")
    await bot.click("bob", "hs:skip:1")
    assert "Done: 1 answer deleted" in text_of(await bot.command("bob", "forget-me confirm"))
    assert answers(store) == 0
