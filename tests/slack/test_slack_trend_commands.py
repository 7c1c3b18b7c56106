"""radar, stats, chart and away on Slack: slash commands through the real slack-bolt against
FakeSlack, each answered privately (ephemeral) and posting nothing to the channel."""
from __future__ import annotations

from tests.slack.harness import SlackHarness


async def test_radar_stats_chart_and_away_answer_privately(slack: SlackHarness):
    await slack.command("setup", user=slack.ADMIN)
    await slack.command("open", user=slack.ADMIN)
    await slack.command("answer agents that pay for things")
    posts_before = len(slack.posts())
    replies = {
        "radar": await slack.command("radar"),
        "stats": await slack.command("stats"),
        "chart": await slack.command("chart bear-score"),
        "away": await slack.command("away until 2027-01-15"),
        "away status": await slack.command("away"),
    }
    for name, shown in replies.items():
        assert shown["bodies"][0]["response_type"] == "ephemeral", name
    assert "closed rounds" in replies["radar"]["text"]  # too few rounds yet, said plainly
    assert "No round has closed yet" in replies["stats"]["text"]
    assert "Fri, Jan 15, 2027" in replies["away"]["text"] and "Fri, Jan 15, 2027" in replies["away status"]["text"]
    refused = await slack.command("away until 2026-02-30")
    assert refused["bodies"][0]["response_type"] == "ephemeral" and "YYYY-MM-DD" in refused["text"]
    assert len(slack.posts()) == posts_before  # nothing went to the channel
