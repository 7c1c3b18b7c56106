"""Inbound translation rules on payloads alone (no server), and the app manifest."""
from __future__ import annotations

import re
from pathlib import Path

from adapters.slack import events as ev
from adapters.slack.views import form_view
from bot.actions import Form, FormField
from tests.fakes.slack_server import (event_callback, message_changed_event, message_deleted_event, message_event,
                                      view_submission)

PROMPT_TS = "1700000000.000100"


def facts(payload: dict):
    return ev.message_facts(payload, payload["event"], bot_user_id="U0HINDBOT")


def test_thread_reply_edit_and_delete():
    reply = facts(message_event("my answer", ts="1700000100.000200", thread_ts=PROMPT_TS, event_id="Ev1"))
    assert (reply.kind, reply.message_ts, reply.thread_ts, reply.event_id, reply.text) == (
        "reply", "1700000100.000200", PROMPT_TS, "Ev1", "my answer")
    assert reply.at.timestamp() == 1700000100.0002
    edit = facts(message_changed_event("new", "old", ts="1700000100.000200", thread_ts=PROMPT_TS,
                                       edit_ts="1700000200.000000"))
    assert (edit.kind, edit.message_ts, edit.text, edit.at.timestamp()) == ("edit", "1700000100.000200", "new",
                                                                            1700000200.0)
    gone = facts(message_deleted_event("1700000100.000200", old_text="new", user="U0BOB0001"))
    assert (gone.kind, gone.message_ts, gone.user) == ("delete", "1700000100.000200", "U0BOB0001")


def test_what_is_ignored():
    assert facts(message_event("top level", ts=PROMPT_TS)) is None
    assert facts(message_event("thread parent", ts=PROMPT_TS, thread_ts=PROMPT_TS)) is None
    bot = message_event("from a bot", ts="1700000100.000300", thread_ts=PROMPT_TS)
    bot["event"]["bot_id"] = "B0OTHER"
    assert facts(bot) is None
    joined = message_event("joined", ts="1700000100.000400", thread_ts=PROMPT_TS)
    joined["event"]["subtype"] = "channel_join"
    assert facts(joined) is None
    unfurl = message_changed_event("same", "same", ts="1700000100.000200")
    assert facts(unfurl) is None, "an unfurl or reply count change is not an edit"
    assert facts(message_deleted_event("1700000100.000200", user="U0HINDBOT")) is None
    broadcast = message_event("also to channel", ts="1700000100.000500", thread_ts=PROMPT_TS)
    broadcast["event"]["subtype"] = "thread_broadcast"
    assert facts(broadcast).kind == "reply"


def test_slack_formatting_becomes_plain_text():
    assert ev.plain_text("&lt;b&gt; &amp; <@U123|bob> <@U9> <#C1|general> <!here> <!channel>") == \
        "<b> & @bob @U9 #general @here @channel"
    assert ev.plain_text("<https://a.example> <https://b.example|docs> <!subteam^S1|@devs> &amp;lt;") == \
        "https://a.example docs (https://b.example) @devs &lt;"
    assert ev.plain_text("3 < 5 > 4") == "3 < 5 > 4"


def test_buttons_and_views():
    assert ev.button_target({"action_id": "hs:skip:3", "value": "hs:skip:3"}) == ("hs:skip:3", None)
    assert ev.button_target({"action_id": "hs:answer:3", "value": "hs:answer:3|C0GROUP"}) == ("hs:answer:3", "C0GROUP")
    form = Form("answer:3", "Your answer · 2026-W49 and a very long title", "Save",
                (FormField("answer", "Prompt?", "old text", multiline=True, max_length=500),))
    view = form_view(form, '{"form": "answer:3", "channel": "C0GENERAL", "team": "T1"}')
    assert len(view["title"]["text"]) <= 24 and view["title"]["text"].endswith("…")
    assert view["blocks"][0]["element"]["initial_value"] == "old text"
    submitted = view_submission("answer:3", view["private_metadata"], {
        "answer": {"answer": {"type": "plain_text_input", "value": "new text"}}}, view_id="V1")["view"]
    assert ev.view_metadata(submitted) == {"form": "answer:3", "channel": "C0GENERAL", "team": "T1"}
    values = ev.view_values(submitted)
    assert values == {"answer": "new text"}
    assert ev.view_event_id(submitted, values) == ev.view_event_id(submitted, dict(values))
    assert ev.view_event_id(submitted, values) != ev.view_event_id(submitted, {"answer": "other"})
    assert ev.first_block_id(submitted) == "answer"
    assert ev.view_metadata({"callback_id": "settings:1", "private_metadata": "not json"})["form"] == "settings:1"


def test_event_id_falls_back_to_channel_and_ts():
    payload = event_callback({"type": "message", "channel": "C1", "user": "U1", "text": "x",
                              "ts": "1700000100.000200", "thread_ts": PROMPT_TS})
    del payload["event_id"]
    assert facts(payload).event_id == "C1:1700000100.000200"


MANIFEST = Path(__file__).resolve().parents[2] / "slack-manifest.yml"


def test_manifest_has_the_scopes_events_and_settings_the_code_needs():
    text = MANIFEST.read_text(encoding="utf-8")
    scopes = set(re.findall(r"^\s+- ([a-z]+:[a-z.]+|commands)\b", text, re.MULTILINE))
    # Web API method the adapter calls -> the scope it needs
    needed = {"chat.postMessage": "chat:write", "chat.postEphemeral": "chat:write", "users.info": "users:read",
              "conversations.open": "im:write", "files_upload_v2": "files:write",
              "conversations.join": "channels:join", "/hindsight": "commands"}
    assert set(needed.values()) | {"channels:history", "groups:history"} <= scopes
    for line in ("- message.channels", "- message.groups", "socket_mode_enabled: true", "command: /hindsight",
                 "usage_hint:", "is_enabled: true", "- app_home_opened", "home_tab_enabled: true"):
        assert line in text, line
    source = "".join(p.read_text() for p in (MANIFEST.parent / "adapters" / "slack").glob("*.py"))
    for call in re.findall(r"client\.([a-z_0-9]+)\(", source):
        assert call in ("chat_postMessage", "chat_postEphemeral", "users_info", "conversations_open",
                        "conversations_join", "files_upload_v2", "views_open", "views_publish", "auth_test",
                        "apps_connections_open"), f"new Web API call {call}: add its scope to the manifest"


def test_scale_prompt_card_has_one_button_per_score():
    from adapters.slack.blocks import prompt_blocks
    from bot.actions import Button, PromptCard

    buttons = (Button("hs:answer:7", "Answer", "primary"), Button("hs:skip:7", "Skip")) + tuple(
        Button(f"hs:score:7:{n}", f"{n} · label {n}") for n in range(1, 6))
    card = PromptCard(7, "2026-W49", "scale", "This week's prompt · 2026-W49", "How bear-market proof? <1-5>",
                      "Closes Sun 2026-12-06 18:00 (Asia/Seoul)", "Pick a score", buttons)
    blocks = prompt_blocks(card)
    assert blocks[1]["text"]["text"] == "How bear-market proof? &lt;1-5&gt;"
    (row,) = [b for b in blocks if b["type"] == "actions"]
    assert [e["action_id"] for e in row["elements"]] == [b.action for b in buttons]
    assert [e["text"]["text"] for e in row["elements"]][2:] == [f"{n} · label {n}" for n in range(1, 6)]
    assert "Asia/Seoul" in blocks[2]["elements"][0]["text"]
