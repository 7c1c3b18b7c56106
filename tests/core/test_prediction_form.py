"""``/hindsight answer`` with no text on a prediction round opens the answer form: its text is
limited by the group's answer limit, and every platform says that limit, never the probability
field's length (the console used to say "up to 4 characters")."""
from __future__ import annotations

import io
import json

from adapters.console import ConsoleAdapter
from adapters.slack.views import form_view
from bot.actions import OpenForm
from tests.core.helpers import text_of


async def prediction_form(bot, runtime, limit: int) -> OpenForm:
    await bot.command("admin", f"settings limit={limit}")
    await bot.command("admin", "prompts next cost-api-price-call")
    await runtime.tick()
    (action,) = await bot.command("alice", "answer")
    assert isinstance(action, OpenForm), text_of([action])
    return action


async def test_the_prediction_form_gives_the_groups_answer_limit(group_bot, runtime):
    form = (await prediction_form(group_bot, runtime, 300)).form
    fields = {f.id: f for f in form.fields}
    assert [f.id for f in form.fields] == ["probability", "answer"], "the probability comes first"
    assert fields["answer"].max_length == 300
    assert fields["answer"].placeholder == "A few sentences (up to 300 characters)."
    assert fields["probability"].number_range == (0, 100)
    assert fields["probability"].placeholder == "for example 70"
    assert form.text_limit == 300


async def test_the_console_says_the_answer_limit(group_bot, runtime):
    action = await prediction_form(group_bot, runtime, 300)
    out = io.StringIO()
    ConsoleAdapter("alice", stdin=io.StringIO(), stdout=out).render(action)
    assert out.getvalue().splitlines()[1] == \
        "Type your answer as a line (up to 300 characters), or /hindsight answer <text>."


async def test_the_slack_modal_says_the_answer_limit(group_bot, runtime):
    view = form_view((await prediction_form(group_bot, runtime, 300)).form, "")
    probability, answer = view["blocks"]
    assert probability["element"]["type"] == "number_input"
    assert probability["element"]["placeholder"]["text"] == "for example 70"
    assert answer["element"]["max_length"] == 300
    assert answer["element"]["placeholder"]["text"] == "A few sentences (up to 300 characters)."
    assert "4 characters" not in json.dumps(view)


async def test_the_discord_modal_says_the_answer_limit(group_bot, runtime):
    from adapters.discord.views import FormModal

    modal = FormModal((await prediction_form(group_bot, runtime, 300)).form)
    probability, answer = (item.component for item in modal.children)
    assert probability.placeholder == "for example 70"
    assert answer.max_length == 300 and answer.placeholder == "A few sentences (up to 300 characters)."
