"""Revisits, resolutions, probability fields and grade buttons on Slack, through the real
adapter against FakeSlack. The core cannot make revisits yet here: the actions are built
directly and handed to ``adapter.send``, as the outbox would."""
from __future__ import annotations

import adapters.slack.views as slack_views

from adapters.slack import blocks as bk
from bot.actions import (Button, DirectMessage, ForecastLine, Form, FormField, OpenForm, PostResult, ResolutionPost,
                         RevisitCard, RevisitPost)
from bot.domain import ChannelRef, MemberRef
from bot.events import ButtonClicked, FormSubmitted
from bot.ids import (AnswerForm, GradeButton, ProbabilityButton, ResolveButton, decode_button, encode)
from tests.slack.harness import CHANNEL, SlackHarness, action_ids, flat, texts_of
from tests.slack.test_slack_digest_limits import check_limits

QUESTION = "Will a frontier model API cost under $1 per million output tokens by 2027-06-30?"
RESOLVE = tuple(Button(encode(ResolveButton(12, o)), o.title(), "primary" if o == "yes" else "default")
                for o in ("yes", "no", "ambiguous"))


def card(entries: tuple[ForecastLine, ...], buttons: tuple[Button, ...] = RESOLVE, kind: str = "prediction",
         empty: str = "") -> RevisitCard:
    return RevisitCard(12, "2026-W02", kind, "Hindsight · 2026-W02 fell due", QUESTION,
                       "Asked Mon 5 Jan 2026 (12 months ago)", entries, "Median forecast: 50%",
                       "Admins: resolve it with the buttons, or /hindsight resolve 2026-W02 yes|no|ambiguous",
                       buttons, empty=empty)


def where(fake) -> ChannelRef:
    return ChannelRef("slack", fake.team_id, CHANNEL)


ENTRIES = (ForecastLine("alice", "prices fall every quarter", 70), ForecastLine("bob", "", 20),
           ForecastLine(None, "<!channel> ship it & <@U0ADMIN01>", 50))


async def test_a_revisit_is_posted_with_its_lines_and_resolve_buttons(slack: SlackHarness):
    result = await slack.adapter.send(RevisitPost(7, where(slack.fake), card(ENTRIES)))
    (post,) = slack.posts()
    assert isinstance(result, PostResult) and result.message_id and result.thread_id == result.message_id
    assert (CHANNEL, result.message_id) in slack.fake.messages and "thread_ts" not in post
    blocks = post["blocks"]
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Hindsight · 2026-W02 fell due",
                                                    "emoji": True}}
    shown = flat(blocks)
    lines = shown.splitlines()
    assert "> " + QUESTION in lines and "Asked Mon 5 Jan 2026 (12 months ago)" in lines
    assert "alice: 70% — prices fall every quarter" in lines
    assert "bob: 20%" in lines
    assert "• 50% — <!channel> ship it & <@U0ADMIN01>" in lines, "no name in an anonymous round"
    assert "Median forecast: 50%" in lines
    assert any(line.startswith("Admins: resolve it") for line in lines)
    assert action_ids(blocks) == ["hs:resolve:12:yes", "hs:resolve:12:no", "hs:resolve:12:ambiguous"]
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [e["value"] for e in buttons] == [e["action_id"] for e in buttons]
    assert [e["text"]["text"] for e in buttons] == ["Yes", "No", "Ambiguous"]
    assert buttons[0]["style"] == "primary" and "style" not in buttons[1]
    assert post["text"].startswith("Hindsight · 2026-W02 fell due: Will a frontier")
    raw = "\n".join(texts_of(blocks))
    assert "&lt;!channel&gt; ship it &amp; &lt;@U0ADMIN01&gt;" in raw
    slack.assert_no_pings()


async def test_a_call_revisit_shows_grades_and_the_empty_text(slack: SlackHarness):
    graded = (ForecastLine("alice", "AI agents for bookkeeping", grade="right"),
              ForecastLine("bob", "quantum SaaS", grade="partly"), ForecastLine("chi", "VR offices"))
    await slack.adapter.send(RevisitPost(8, where(slack.fake), card(graded, buttons=(), kind="call")))
    await slack.adapter.send(RevisitPost(9, where(slack.fake), card((), empty="Nobody made a call that week.")))
    first, second = slack.posts()
    lines = flat(first["blocks"]).splitlines()
    assert "alice: AI agents for bookkeeping · ✅ right" in lines
    assert "bob: quantum SaaS · 〰️ partly right" in lines
    assert "chi: VR offices" in lines
    assert action_ids(first["blocks"]) == []
    assert "Nobody made a call that week." in flat(second["blocks"]).splitlines()


async def test_a_resolution_lands_in_the_revisit_thread(slack: SlackHarness):
    revisit = await slack.adapter.send(RevisitPost(7, where(slack.fake), card(ENTRIES)))
    text = "Resolved: yes.\nalice 70% → Brier 0.09\nbob 20% → Brier 0.64\nMedian 50% → 0.25 · <!here>"
    result = await slack.adapter.send(ResolutionPost(10, where(slack.fake), revisit.thread_id, text))
    resolution = slack.posts()[-1]
    assert resolution["thread_ts"] == revisit.message_id and resolution["channel"] == CHANNEL
    assert flat(resolution["blocks"]) == text
    assert result.thread_id == revisit.message_id and result.message_id != revisit.message_id
    assert slack.fake.messages[(CHANNEL, result.message_id)]["thread_ts"] == revisit.message_id
    slack.assert_no_pings()
    # No thread known (a revisit posted before threads were kept): the channel itself.
    await slack.adapter.send(ResolutionPost(11, where(slack.fake), None, "Resolved: no."))
    assert "thread_ts" not in slack.posts()[-1]


async def test_a_long_revisit_keeps_its_buttons_in_the_channel_and_goes_on_in_the_thread(slack: SlackHarness):
    entries = tuple(ForecastLine(f"member {n:03d} 🚀", f"[#{n:03d}] " + "하이프 & <GPU> costs fall " * 12, n % 101)
                    for n in range(240))
    result = await slack.adapter.send(RevisitPost(7, where(slack.fake), card(entries)))
    messages = slack.posts()
    assert len(messages) >= 3
    assert "thread_ts" not in messages[0] and all(m["thread_ts"] == result.message_id for m in messages[1:])
    assert action_ids(messages[0]["blocks"]) == [b.action for b in RESOLVE]
    assert all(action_ids(m["blocks"]) == [] for m in messages[1:])
    for n, message in enumerate(messages, start=1):
        check_limits(message)
        if n > 1:
            assert message["blocks"][0]["elements"][0]["text"].endswith(f" · {n}/{len(messages)}")
    whole = "\n".join(flat(m["blocks"]) for m in messages)
    for n in range(240):
        assert whole.count(f"[#{n:03d}]") == 1, n
    assert whole.index("[#000]") < whole.index("[#239]")
    assert "Median forecast: 50%" in flat(messages[-1]["blocks"])
    slack.assert_no_pings()


def test_a_number_field_is_a_number_input():
    form = Form(encode(AnswerForm(12)), "Your forecast", "Save", (
        FormField("probability", "Probability (%)", value="70", number_range=(0, 100), placeholder="0–100"),
        FormField("answer", "Why?", multiline=True, required=False)))
    view = slack_views.form_view(form, "{}")
    number, text = (b["element"] for b in view["blocks"])
    assert number == {"type": "number_input", "action_id": "probability", "is_decimal_allowed": False,
                      "min_value": "0", "max_value": "100", "initial_value": "70",
                      "placeholder": {"type": "plain_text", "text": "0–100", "emoji": True}}
    assert text["type"] == "plain_text_input"
    for value in ("", "70.5", "101", "seventy"):  # never an initial value Slack would refuse
        field = FormField("probability", "P", value=value, number_range=(0, 100))
        assert "initial_value" not in slack_views.number_input(field)


async def test_a_number_input_is_opened_and_its_value_reaches_the_core_as_text(slack: SlackHarness):
    events = []
    form = Form(encode(AnswerForm(12)), "Your forecast", "Save", (
        FormField("probability", "Probability (%)", number_range=(0, 100)),
        FormField("answer", "Why?", multiline=True, required=False)))

    async def core(event):
        events.append(event)
        return [OpenForm(form)] if isinstance(event, ButtonClicked) else []

    slack.runtime.handle = core
    await slack.click(encode(ProbabilityButton(12, 70)))
    view = slack.fake.last("views.open")["view"]
    assert view["blocks"][0]["element"]["type"] == "number_input"
    await slack.submit(view, {"probability": "70", "answer": "cheaper every quarter"})
    submitted = events[-1]
    assert isinstance(submitted, FormSubmitted) and submitted.form_id == "answer:12"
    assert submitted.values == {"probability": "70", "answer": "cheaper every quarter"}


async def test_grade_buttons_by_dm_act_in_the_group_channel(slack: SlackHarness):
    grades = tuple(Button(encode(GradeButton(12, g)), g.title()) for g in ("right", "partly", "wrong"))
    alice = MemberRef("slack", slack.fake.team_id, "U0ALICE01", "alice")
    await slack.adapter.send(DirectMessage(alice, "Your call from 2026-W02 fell due: how did it go?", grades,
                                           where(slack.fake)))
    (dm,) = slack.fake.calls("chat.postMessage")
    assert dm["channel"] == "U0ALICE01"
    elements = [e for b in dm["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [e["action_id"] for e in elements] == ["hs:grade:12:right", "hs:grade:12:partly", "hs:grade:12:wrong"]
    assert all(e["value"] == f"{e['action_id']}|{CHANNEL}" for e in elements)

    events = []

    async def core(event):
        events.append(event)
        return []

    slack.runtime.handle = core
    await slack.click("hs:grade:12:partly", channel="DU0ALICE01", value=elements[1]["value"])
    (click,) = events
    assert click.action == "hs:grade:12:partly" and decode_button(click.action) == GradeButton(12, "partly")
    assert click.origin.channel == ChannelRef("slack", slack.fake.team_id, CHANNEL)
    assert click.origin.member.user_id == "U0ALICE01"
