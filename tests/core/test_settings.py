"""Group settings: by command and by the settings form; all or nothing, every problem named."""
from __future__ import annotations

import pytest

from bot.actions import OpenForm
from bot.domain import Schedule
from bot.settings import SettingsError, parse_settings
from tests.core.helpers import only_reply, text_of


async def test_settings_by_command(group_bot, store):
    bot = group_bot
    text = only_reply(await bot.command(
        "admin", 'settings timezone=Asia/Seoul prompt="tue 08:30" remind=off close="sat 20:00" limit=800 '
                 "anonymous=yes language=both")).text
    assert text.startswith("Saved.")
    g = store.groups.all()[0]
    assert (g.timezone, g.language, g.answer_limit, g.anonymous) == ("Asia/Seoul", "both", 800, True)
    assert g.schedule == Schedule(prompt_day=1, prompt_time="08:30", close_day=5, close_time="20:00",
                                  remind_day=None, remind_time=None)
    assert "Schedule: Prompt Tue 8:30 AM · no reminder · close Sat 8:00 PM" in text  # in words, each language
    assert "일정: 매주 화 08:30 질문 · 리마인더 없음 · 토 20:00 마감" in text
    assert "Language: English and Korean" in text and "언어: 영어와 한국어" in text


async def test_settings_form_round_trip(group_bot, store):
    bot = group_bot
    (opened,) = await bot.command("admin", "settings")
    assert isinstance(opened, OpenForm)
    values = {f.id: f.value for f in opened.form.fields}
    assert values == {"timezone": "UTC", "schedule": "prompt mon 09:00; remind fri 18:00; close sun 18:00",
                      "language": "en", "limit": "500", "anonymous": "no"}
    values.update(timezone="Europe/Berlin", schedule="prompt wed 07:00; remind thu 12:00; close fri 17:30",
                  language="ko", limit="1200", anonymous="yes", sneaky="ignored")
    saved = only_reply(await bot.submit("admin", opened.form.id, values, event_id="view-s1")).text
    assert saved.startswith("저장했어요.") and "시간대: Europe/Berlin" in saved, "confirmed in the new language"
    g = store.groups.all()[0]
    assert (g.timezone, g.language, g.answer_limit, g.anonymous) == ("Europe/Berlin", "ko", 1200, True)
    assert g.schedule == Schedule(prompt_day=2, prompt_time="07:00", close_day=4, close_time="17:30",
                                  remind_day=3, remind_time="12:00")
    # Submitting the unchanged form changes nothing.
    (opened,) = await bot.click("admin", f"hs:settings:{g.id}")
    await bot.submit("admin", opened.form.id, {f.id: f.value for f in opened.form.fields})
    assert store.groups.all()[0] == g


async def test_invalid_settings_change_nothing_and_name_each_problem(group_bot, store):
    bot = group_bot
    before = store.groups.all()[0]
    text = only_reply(await bot.command(
        "admin", 'settings timezone=Mars/Olympus prompt="someday 25:00" limit=5000 language=fr anonymous=maybe '
                 "colour=blue remind=fri")).text
    assert text.splitlines()[0] == "Nothing was changed:"
    for line in ("• timezone: an IANA timezone such as Asia/Seoul or Europe/Berlin",
                 "• prompt: a day and time such as 'mon 09:00'",
                 "• limit: a whole number from 100 to 2000",
                 "• language: one of en, ko, both",
                 "• anonymous: yes or no",
                 "• colour: not a setting (timezone, prompt, remind, close, language, limit, anonymous, resurface,"
                 " leaderboard, radar)",
                 "• remind: a day and time such as 'fri 18:00', or 'off'"):
        assert line in text.splitlines(), line
    assert store.groups.all()[0] == before
    # One bad value among good ones: still nothing changes.
    await bot.command("admin", "settings limit=900 timezone=Nowhere/City")
    assert store.groups.all()[0] == before
    assert "Use: settings" in text_of(await bot.command("admin", "settings limit"))


async def test_invalid_settings_form_in_korean(group_bot, store):
    bot = group_bot
    await bot.command("admin", "settings language=ko")
    g = store.groups.all()[0]
    text = only_reply(await bot.submit("admin", f"settings:{g.id}", {"schedule": "whenever", "limit": "ten"})).text
    assert text.startswith("아무것도 바꾸지 않았어요:")
    assert "• schedule: " in text and "• limit: " in text
    assert "100" in text and "2000" in text
    assert store.groups.all()[0] == g


async def test_schedule_change_moves_the_prompt(group_bot, runtime, store, clock):
    bot = group_bot
    await bot.command("admin", 'settings timezone=Asia/Seoul prompt="mon 18:00"')
    await runtime.tick()  # Monday 09:00 UTC = 18:00 in Seoul: due now
    (post,) = bot.posts
    assert post.card.period == "2026-W49"
    assert post.card.closes == "Closes Sun, Dec 6, 6:00 PM"  # in Seoul; the zone is named in settings


@pytest.mark.parametrize("values, fields", [
    ({"prompt": "Monday 9:05"}, {"prompt_day": 0, "prompt_time": "09:05"}),
    ({"close": "sun,18:00"}, {"close_day": 6, "close_time": "18:00"}),
    ({"remind": "none"}, {"remind_day": None, "remind_time": None}),
    ({"anonymous": True}, {"anonymous": 1}),
    ({"anonymous": "아니오"}, {"anonymous": 0}),
    ({"LANGUAGE": " KO "}, {"language": "ko"}),
    ({"schedule": "close fri 17:00;"}, {"close_day": 4, "close_time": "17:00"}),
])
def test_parse_settings_accepts(values, fields):
    assert parse_settings(values) == fields


@pytest.mark.parametrize("values, problem", [
    ({"prompt": "mon"}, "prompt"), ({"close": "mon 24:00"}, "close"), ({"limit": "99"}, "limit"),
    ({"limit": "2001"}, "limit"), ({"limit": "1e3"}, "limit"), ({"timezone": ""}, "timezone"),
    ({"schedule": "start mon 09:00"}, "schedule"), ({"language": "de"}, "language"),
])
def test_parse_settings_rejects(values, problem):
    with pytest.raises(SettingsError) as err:
        parse_settings(values)
    assert [k for k, _ in err.value.problems] == [problem]
