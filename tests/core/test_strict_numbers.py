"""Every number from a person or a platform is parsed strictly (issue 8, item 8): ASCII digits,
in range. A bad one gets the usage message, never an exception."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.clock import FakeClock
from bot.commands import MAX_ID, parse_int
from bot.domain import ChannelRef, MemberRef
from bot.events import ButtonClicked, CommandInvoked, FormSubmitted, Origin
from bot.service import Hindsight
from storage.db import connect
from storage.store import Store
from tests.core.helpers import all_answers, all_skips, count, only_reply, text_of

ODD = ["²", "١٢٣", "١", "٣", "１２", "𝟙", "Ⅻ", "99999999999999999999", "9223372036854775808", "-1", "+1", " 1",
       "1 ", "1_000", "0x10", "1e3", "", "-", "00000000000000000000001", "٠٩:٠٠", "9" * 5000]


@pytest.mark.parametrize("text", ODD)
def test_parse_int_refuses_what_int_or_isdigit_would_take(text):
    assert parse_int(text, 0, MAX_ID) is None


def test_parse_int_takes_ascii_digits_in_range():
    assert parse_int("12", 0, 20) == 12
    assert parse_int("0", 0, 20) == 0
    assert parse_int("21", 0, 20) is None
    assert parse_int("-3", -5, 5) == -3
    assert parse_int(str(MAX_ID), 0, MAX_ID) == MAX_ID
    assert parse_int(12, 0, 20) is None  # only text comes from outside


@pytest.mark.parametrize("arg", ["²", "99999999999999999999", "١٢", "-1", "0"])
async def test_prompts_remove_with_an_odd_number_gets_the_usage(group_bot, store, arg):
    before = count(store, "SELECT count(*) FROM prompts_off")
    shown = only_reply(await group_bot.command("admin", f"prompts remove {arg}")).text
    assert shown.startswith("Use: prompts add")
    assert count(store, "SELECT count(*) FROM prompts_off") == before


@pytest.mark.parametrize("action", ["hs:score:1:²", "hs:score:²:3", "hs:answer:99999999999999999999",
                                    "hs:skip:١", "hs:skip:9223372036854775808", "hs:score:1:-1", "hs:forget:²"])
async def test_odd_button_ids_are_no_longer_valid(open_bot, store, action):
    shown = only_reply(await open_bot.click("alice", action)).text
    assert shown == "That button or form is no longer valid."
    assert len(all_answers(store)) + len(all_skips(store)) == 0


@pytest.mark.parametrize("form_id", ["answer:²", "answer:99999999999999999999", "answer:١", "answer:", "answer:-1"])
async def test_odd_form_ids_are_no_longer_valid(open_bot, store, form_id):
    shown = only_reply(await open_bot.submit("alice", form_id, {"answer": "hello"})).text
    assert shown == "That button or form is no longer valid."
    assert len(all_answers(store)) == 0


@pytest.mark.parametrize("arg", ["99999 weeks ago", "١٢ weeks ago", "١٢", "² weeks ago", "1041"])
async def test_digest_with_an_odd_number_of_weeks_gets_the_usage(group_bot, arg):
    shown = only_reply(await group_bot.command("alice", f"digest {arg}")).text
    assert shown.startswith("I can't read")


async def test_digest_far_back_in_range_is_simply_not_found(group_bot):
    assert "There is no round for" in only_reply(await group_bot.command("alice", "digest 1040 weeks ago")).text


@pytest.mark.parametrize("value", ["١٢٣", "٨٠٠", "²⁰⁰", "800.0", "+800", "99999999999999999999"])
async def test_settings_limit_takes_ascii_digits_only(group_bot, store, value):
    shown = only_reply(await group_bot.command("admin", f"settings limit={value}")).text
    assert shown.startswith("Nothing was changed") and "limit: a whole number from 100 to 2000" in shown
    assert store.groups.all()[0].answer_limit == 500
    assert "Answer limit: 800" in text_of(await group_bot.command("admin", "settings limit=800"))


async def test_settings_times_take_ascii_digits_only(group_bot, store):
    shown = only_reply(await group_bot.command("admin", 'settings prompt="mon ٠٩:٣٠"')).text
    assert shown.startswith("Nothing was changed")
    assert store.groups.all()[0].schedule.prompt_time == "09:00"


NUMBERS = st.one_of(st.sampled_from(ODD), st.integers(-10, 2**70).map(str),
                    st.text(alphabet=st.characters(whitelist_categories=("Nd", "No", "Nl")), min_size=1, max_size=6))
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_numbers_in_commands_buttons_and_forms_never_raise(tmp_path):
    service = Hindsight(Store(connect(tmp_path / "n.db")), FakeClock(datetime(2026, 11, 30, 9, tzinfo=timezone.utc)))
    channel = ChannelRef("memory", "w1", "c1")
    admin = Origin(MemberRef("memory", "w1", "admin", "Admin"), channel, True)
    service.handle(CommandInvoked(admin, "setup"))
    service.handle(CommandInvoked(admin, "open"))

    @FAST
    @given(n=NUMBERS, m=NUMBERS, template=st.sampled_from([
        "prompts remove {n}", "digest {n}", "digest {n} weeks ago", "digest {n}-W{m}", "settings limit={n}",
        "settings prompt=\"mon {n}:{m}\"", "answer {n}", "history <@{n}>", "settings admin remove <@{n}>"]),
        kind=st.sampled_from(["answer", "skip", "score", "open", "settings", "forget", "digest"]))
    def check(n, m, template, kind):
        for event in (CommandInvoked(admin, template.format(n=n, m=m)),
                      ButtonClicked(admin, f"hs:{kind}:{n}:{m}"), ButtonClicked(admin, f"hs:{kind}:{n}"),
                      FormSubmitted(admin, f"answer:{n}", {"answer": "x"}),
                      FormSubmitted(admin, f"settings:{n}", {"limit": m})):
            out = service.handle(event)
            assert isinstance(out, list)

    check()
