"""Trends on Slack through the real adapter against FakeSlack: the digest's sparkline line and
monthly radar section in its blocks, the PNG chart uploaded with files_upload_v2 into the
digest's thread (and a failed upload neither fails nor repeats the digest), and the App Home
tab published with views.publish on app_home_opened, with the member's own data only."""
from __future__ import annotations

import logging

from adapters.slack import blocks as bk
from bot.actions import DigestPost
from bot.digest import Digest, DigestEntry
from bot.domain import ChannelRef
from bot.ids import HistoryButton, LatestDigestButton, LedgerButton, encode
from tests.fakes.slack_server import app_home_opened_event, event_callback
from tests.slack.harness import CHANNEL, SlackHarness, action_ids, flat, texts_of
from tests.slack.test_slack_digest_limits import check_limits, long_answer

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8  # not text: every byte value must arrive as sent
TREND = "Group average over 6 rounds: ▂▃▅▆▇█ (2.0 → 4.5)"
RADAR = ("Hype radar · the last 8 rounds against all before", "Rising: agents (12 → 1), 에이전트 (7 → 0)",
         "Falling: metaverse (0 → 9), <nft> & co (1 → 6)")


def digest(entries=(DigestEntry("alice", "Boring software that earns money", 4),), *, chart: bytes | None = PNG,
           radar=RADAR, trend=TREND) -> Digest:
    return Digest(12, "g", "2026-W49", "Hindsight digest · 2026-W49", "How bear-market proof are you?",
                  "1 of 3 answered", scale_lines=("4 · Fairly: █ 1",), entries=entries, empty="Nobody answered.",
                  trend=trend, chart_png=chart, chart_name="chart-bear-score.png", radar=radar)


def where(slack: SlackHarness) -> ChannelRef:
    return ChannelRef("slack", slack.fake.team_id, CHANNEL)


async def test_the_digest_shows_the_trend_and_radar_and_uploads_the_chart_in_its_thread(slack: SlackHarness):
    result = await slack.adapter.send(DigestPost(1, where(slack), digest()))
    (post,) = slack.posts()
    check_limits(post)
    lines = flat(post["blocks"]).splitlines()
    # the sparkline right after the scale lines, the radar (heading and lines) after the answers
    assert TREND in lines
    assert lines.index("```4 · Fairly: █ 1```") < lines.index(TREND) < lines.index(
        "alice: [4] Boring software that earns money")
    assert f"*{RADAR[0]}*" in lines and RADAR[1] in lines and RADAR[2] in lines
    assert lines.index("alice: [4] Boring software that earns money") < lines.index(f"*{RADAR[0]}*")
    assert bk.escape(RADAR[2]) in "\n".join(texts_of(post["blocks"])), "radar lines are escaped"
    # the chart: the three calls of files_upload_v2, into the digest's thread, the bytes as sent
    assert slack.fake.calls("files.getUploadURLExternal") and slack.fake.calls("upload")
    (up,) = slack.fake.uploads
    assert up["channel_id"] == CHANNEL and up["thread_ts"] == result.message_id
    assert up["content"] == PNG and up["filename"] == "chart-bear-score.png"
    assert up["title"] == "Hindsight digest · 2026-W49"
    order = [c.route for c in slack.fake.requests if c.route in ("chat.postMessage", "files.completeUploadExternal")]
    assert order == ["chat.postMessage", "files.completeUploadExternal"], "the chart comes after the digest"
    slack.assert_no_pings()


async def test_a_digest_without_a_chart_uploads_nothing(slack: SlackHarness):
    await slack.adapter.send(DigestPost(1, where(slack), digest(chart=None, radar=(), trend="")))
    (post,) = slack.posts()
    assert "Group average" not in flat(post["blocks"]) and "Hype radar" not in flat(post["blocks"])
    assert not [c for c in slack.fake.requests if c.route.startswith("files.") or c.route == "upload"]
    assert slack.fake.uploads == []


async def test_a_failed_upload_is_logged_and_the_digest_stands(slack: SlackHarness, caplog):
    slack.fake.fail_next("files.completeUploadExternal", 500)
    with caplog.at_level(logging.WARNING, logger="hindsight.slack"):
        result = await slack.adapter.send(DigestPost(1, where(slack), digest()))
    assert result.message_id and len(slack.posts()) == 1, "the digest is delivered once"
    assert slack.fake.uploads == []
    assert any("chart of digest 2026-W49" in r.getMessage() for r in caplog.records)
    # through the outbox: delivered, marked posted, not repeated on the next flush
    slack.fake.fail_next("files.getUploadURLExternal", 200, {"ok": False, "error": "not_allowed_token_type"})
    result = await slack.adapter.send(DigestPost(2, where(slack), digest()))
    assert len(slack.posts()) == 2 and slack.fake.uploads == []


async def test_a_long_digest_keeps_its_limits_and_the_radar_and_chart_go_with_it(slack: SlackHarness):
    entries = tuple(DigestEntry(f"member {n}", long_answer(n, 1990)) for n in range(30))
    huge_radar = ("Hype radar " + "🚀" * 200, *(f"• term {n} <&> " * 40 for n in range(40)))
    result = await slack.adapter.send(DigestPost(1, where(slack), digest(entries, radar=huge_radar,
                                                                         trend=TREND + " x" * 2000)))
    messages = slack.posts()
    assert len(messages) > 1
    for message in messages:
        check_limits(message)
    assert "Hype radar" in flat(messages[-1]["blocks"])
    assert all(m["thread_ts"] == result.message_id for m in messages[1:])
    (up,) = slack.fake.uploads
    assert up["thread_ts"] == result.message_id and up["content"] == PNG


# the App Home tab ------------------------------------------------------------------------------
BOB = "U0BOB0001"


async def open_home(slack: SlackHarness, user: str, tab: str = "home") -> None:
    await slack.deliver(event_callback(app_home_opened_event(user, tab=tab), team_id=slack.fake.team_id))


async def test_the_home_tab_shows_the_members_own_data_and_buttons_for_the_group(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    await slack.command("answer GPUs & <cheap> money decide", user="U0ALICE01")
    await slack.command("answer Bob's secret answer", user=BOB)
    await open_home(slack, "U0ALICE01")
    call = slack.fake.last("views.publish")
    assert call["user_id"] == "U0ALICE01"
    view = call["view"]
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    shown = flat(view["blocks"])
    assert "GPUs & <cheap> money decide" in shown
    assert "Bob's secret answer" not in shown, "only the member's own data"
    assert "Your open forecasts" in shown and "Your streak" in shown and "My ledger" in shown
    values = [e["value"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert values == [f"{encode(LatestDigestButton())}|{CHANNEL}", f"{encode(HistoryButton())}|{CHANNEL}",
                      f"{encode(LedgerButton())}|{CHANNEL}"]
    assert slack.fake.homes["U0ALICE01"]["type"] == "home"
    slack.assert_no_pings()
    # the history button from the home acts in the group's channel, privately
    shown = await slack.click(encode(HistoryButton()), user="U0ALICE01", channel="",
                              value=f"{encode(HistoryButton())}|{CHANNEL}")
    assert "GPUs & <cheap> money decide" in shown["text"] and "Bob" not in shown["text"]


async def test_the_messages_tab_publishes_nothing_and_an_unset_workspace_gets_a_short_home(slack: SlackHarness):
    await open_home(slack, "U0ALICE01", tab="messages")
    assert slack.fake.calls("views.publish") == []
    await open_home(slack, "U0ALICE01")
    view = slack.fake.last("views.publish")["view"]
    assert "isn't set up in this workspace" in flat(view["blocks"]) and action_ids(view["blocks"]) == []
    assert slack.rows("SELECT COUNT(*) FROM answers") == [(0,)]
