"""'A year ago this week' in the Slack digest: a short section at the end (heading, that week's
prompt quoted, its figures) with the button that shows that round's digest, within Slack's
limits, posted through the real adapter against FakeSlack."""
from __future__ import annotations

from adapters.slack import blocks as bk
from bot.actions import DigestPost
from bot.digest import Digest, DigestEntry
from bot.domain import ChannelRef
from bot.events import ButtonClicked
from bot.ids import DigestButton, decode_button, encode
from tests.slack.harness import CHANNEL, SlackHarness, action_ids, flat, texts_of
from tests.slack.test_slack_digest_limits import check_limits, long_answer

PROMPT = "What is the next hype after <generative AI> & agents? <!channel>"
YEAR_AGO = ("A year ago this week · 2025-W49", PROMPT, "3 of 3 answered, average score 3.50.")


def digest(entries=(DigestEntry("alice", "Boring software that earns money"),), year_ago=YEAR_AGO,
           round_id: int | None = 7, button: str = "Show the 2025-W49 digest") -> Digest:
    return Digest(12, "g", "2026-W49", "Hindsight digest · 2026-W49", "What moat survives a bear market?",
                  "1 of 3 answered", entries=entries, empty="Nobody answered.", year_ago=year_ago,
                  year_ago_round_id=round_id if year_ago else None, year_ago_button=button if year_ago else "")


def where(slack: SlackHarness) -> ChannelRef:
    return ChannelRef("slack", slack.fake.team_id, CHANNEL)


async def test_the_year_ago_section_closes_the_digest_with_its_button(slack: SlackHarness):
    await slack.adapter.send(DigestPost(1, where(slack), digest()))
    (post,) = slack.posts()
    check_limits(post)
    blocks = post["blocks"]
    tail = blocks[-5:]
    assert tail[0] == {"type": "divider"}
    assert tail[1] == {"type": "section", "text": {"type": "mrkdwn", "text": "*A year ago this week · 2025-W49*"}}
    assert tail[2] == {"type": "section", "text": {"type": "mrkdwn", "text": "> " + bk.escape(PROMPT)}}
    assert tail[3] == {"type": "context", "elements": [{"type": "mrkdwn",
                                                        "text": "3 of 3 answered, average score 3.50."}]}
    (button,) = tail[4]["elements"]
    assert button["action_id"] == button["value"] == encode(DigestButton(7)) == "hs:digest:7"
    assert button["text"]["text"] == "Show the 2025-W49 digest" and "style" not in button
    assert action_ids(blocks) == ["hs:digest:7"], "the only button of a digest"
    lines = flat(blocks).splitlines()
    assert lines.index("alice: Boring software that earns money") < lines.index("*A year ago this week · 2025-W49*")
    slack.assert_no_pings()


async def test_no_year_ago_no_section_and_no_button(slack: SlackHarness):
    await slack.adapter.send(DigestPost(1, where(slack), digest(year_ago=())))
    (post,) = slack.posts()
    assert action_ids(post["blocks"]) == [] and "A year ago" not in flat(post["blocks"])
    assert post["blocks"][-1]["type"] == "section"
    # a section with no round to show (the round is gone) has no button
    await slack.adapter.send(DigestPost(2, where(slack), digest(round_id=None)))
    assert action_ids(slack.posts()[-1]["blocks"]) == [] and "A year ago" in flat(slack.posts()[-1]["blocks"])


async def test_a_long_digest_ends_with_the_section_in_its_last_part(slack: SlackHarness):
    entries = tuple(DigestEntry(f"member {n}", long_answer(n, 1990)) for n in range(60))
    huge = ("A year ago this week · 2025-W49 " + "🚀" * 200, "하이프 & <GPU> " * 800, *("figures " * 400,) * 12)
    result = await slack.adapter.send(DigestPost(1, where(slack), digest(entries, year_ago=huge)))
    messages = slack.posts()
    assert len(messages) > 2
    for message in messages:
        check_limits(message)
        for block in message["blocks"]:
            if block["type"] == "context":
                assert len(block["elements"]) <= 10 and all(bk.size(e["text"]) <= 3000 for e in block["elements"])
    assert all(m["thread_ts"] == result.message_id for m in messages[1:])
    assert [action_ids(m["blocks"]) for m in messages] == [[]] * (len(messages) - 1) + [["hs:digest:7"]]
    last = flat(messages[-1]["blocks"])
    assert "A year ago this week · 2025-W49" in last and "[end #59]" in "\n".join(
        flat(m["blocks"]) for m in messages)
    whole = "\n".join("\n".join(texts_of(m["blocks"])) for m in messages)
    assert whole.count("A year ago this week") == 1
    slack.assert_no_pings()


def test_the_private_digest_has_the_button_too():
    messages = bk.digest_messages(digest())
    assert [action_ids(m) for m in messages] == [["hs:digest:7"]]


async def test_the_button_reaches_the_core_as_a_digest_button(slack: SlackHarness):
    await slack.adapter.send(DigestPost(1, where(slack), digest()))
    events = []

    async def core(event):
        events.append(event)
        return []

    slack.runtime.handle = core
    await slack.click("hs:digest:7", user="U0BOB0001")
    (click,) = events
    assert isinstance(click, ButtonClicked) and decode_button(click.action) == DigestButton(7)
    assert click.origin.channel == where(slack)


def test_the_section_stays_short_whatever_its_texts():
    for prompt in ("&" * 5000, "\n" * 5000, "<@U1>\n" * 900, "🚀" * 3000):
        blocks = bk.year_ago_blocks(digest(year_ago=("& <heading> " * 40, prompt, "&" * 3000, "<!here>")))
        assert bk.block_chars(blocks) <= 3000 and len(blocks) == (4 if not prompt.strip() else 5)
        for block in blocks:
            if block["type"] == "section":
                assert bk.size(block["text"]["text"]) <= 3000
        assert "<!" not in "".join(texts_of(blocks)) and "<@" not in "".join(texts_of(blocks))
