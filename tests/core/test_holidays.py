"""Public holidays in the weekly cycle (``settings holidays=KR``): the scheduler's tick opens
a round whose prompt falls on a holiday on the next working day at the same time, or skips
the week (``KR skip``); no reminder DM goes out on a holiday; a Korean group starts in
Asia/Seoul and is offered the setting at setup."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from adapters.memory import MemoryAdapter
from bot.clock import FakeClock
from bot.runtime import Runtime
from bot.service import Hindsight
from tests.core.helpers import all_rounds, only_reply, prompt_posts, the_group

SEOUL = ZoneInfo("Asia/Seoul")


def seoul(*args: int) -> datetime:
    return datetime(*args, tzinfo=SEOUL).astimezone(timezone.utc)


async def seoul_group(bot, clock, holidays: str, schedule: str = "prompt mon 09:00; remind fri 18:00; close sun 18:00"):
    await bot.command("admin", "setup")
    reply = only_reply(await bot.command(
        "admin", f'settings timezone=Asia/Seoul schedule="{schedule}" holidays="{holidays}"'))
    assert "Nothing was changed" not in reply.text, reply.text
    bot.replies.clear()


async def test_seollal_2026_opens_the_round_on_thursday_at_nine(bot, runtime, clock, store):
    clock.set(seoul(2026, 2, 15, 12, 0))  # Sunday before Seollal
    await seoul_group(bot, clock, "KR")
    clock.set(seoul(2026, 2, 16, 9, 0))  # Mon: the prompt time, a holiday
    await runtime.tick()
    for day in (17, 18):
        clock.set(seoul(2026, 2, day, 9, 0))
        await runtime.tick()
    assert prompt_posts(bot) == [] and all_rounds(store) == []
    clock.set(seoul(2026, 2, 19, 9, 0))  # Thu 09:00
    await runtime.tick()
    (post,) = prompt_posts(bot)
    (rnd,) = all_rounds(store)
    assert rnd.period == "2026-W08" == post.card.period
    assert rnd.opened_at == seoul(2026, 2, 19, 9, 0)
    assert rnd.closes_at == seoul(2026, 2, 22, 18, 0)
    await runtime.tick()
    assert len(prompt_posts(bot)) == 1
    clock.set(seoul(2026, 2, 23, 9, 0))  # the next Monday is an ordinary prompt
    await runtime.tick()
    assert [p.card.period for p in prompt_posts(bot)] == ["2026-W08", "2026-W09"]


async def test_catch_up_after_downtime_opens_the_moved_round_within_the_grace(bot, runtime, clock, store):
    clock.set(seoul(2026, 2, 15, 12, 0))
    await seoul_group(bot, clock, "KR")
    clock.set(seoul(2026, 2, 19, 15, 30))  # the bot was down from Sunday to Thursday afternoon
    await runtime.tick()
    (rnd,) = all_rounds(store)
    assert (rnd.period, rnd.opened_at) == ("2026-W08", seoul(2026, 2, 19, 15, 30))


async def test_catch_up_past_the_grace_of_the_moved_time_opens_nothing(bot, runtime, clock, store):
    clock.set(seoul(2026, 2, 15, 12, 0))
    await seoul_group(bot, clock, "KR")
    clock.set(seoul(2026, 2, 20, 9, 0))  # a day after the moved time: past the 12 hours
    await runtime.tick()
    assert all_rounds(store) == []


async def test_skip_leaves_the_seollal_week_without_a_round(bot, runtime, clock, store):
    clock.set(seoul(2026, 2, 15, 12, 0))
    await seoul_group(bot, clock, "KR skip")
    for day in range(16, 23):
        clock.set(seoul(2026, 2, day, 9, 0))
        await runtime.tick()
    assert all_rounds(store) == []
    clock.set(seoul(2026, 2, 23, 9, 0))
    await runtime.tick()
    assert [r.period for r in all_rounds(store)] == ["2026-W09"]


async def test_chuseok_2026_moves_past_the_close_so_the_week_is_skipped(bot, runtime, clock, store):
    clock.set(seoul(2026, 9, 20, 12, 0))
    await seoul_group(bot, clock, "KR", "prompt thu 09:00; remind off; close sun 18:00")
    for day in range(24, 29):  # Thu 24 to Sat 26 are Chuseok; Mon 28 is after the close
        clock.set(seoul(2026, 9, day, 9, 0))
        await runtime.tick()
    assert all_rounds(store) == []


async def test_chuseok_2026_moves_to_monday_when_the_week_closes_on_tuesday(bot, runtime, clock, store):
    clock.set(seoul(2026, 9, 20, 12, 0))
    await seoul_group(bot, clock, "KR", "prompt thu 09:00; remind off; close tue 18:00")
    for day in range(24, 29):
        clock.set(seoul(2026, 9, day, 9, 0))
        await runtime.tick()
    (rnd,) = all_rounds(store)
    assert (rnd.period, rnd.opened_at, rnd.closes_at) == ("2026-W39", seoul(2026, 9, 28, 9, 0), seoul(2026, 9, 29, 18, 0))
    clock.set(seoul(2026, 10, 1, 9, 0))  # Thu of W40: its own round, not taken by the moved one
    await runtime.tick()
    assert [r.period for r in all_rounds(store)] == ["2026-W39", "2026-W40"]


async def test_another_country_in_a_zone_that_leaves_summer_time(bot, runtime, clock, store):
    budapest = ZoneInfo("Europe/Budapest")

    def local(*args: int) -> datetime:
        return datetime(*args, tzinfo=budapest).astimezone(timezone.utc)
    clock.set(local(2026, 10, 20, 12, 0))
    await bot.command("admin", "setup")
    await bot.command("admin", 'settings timezone=Europe/Budapest schedule="prompt fri 09:00; remind off;'
                               ' close tue 18:00" holidays=hu')
    clock.set(local(2026, 10, 23, 9, 0))  # Fri: a national holiday in Hungary; summer time ends Sunday
    await runtime.tick()
    assert all_rounds(store) == []
    clock.set(local(2026, 10, 26, 9, 0))  # Mon 09:00 in winter time
    await runtime.tick()
    (rnd,) = all_rounds(store)
    assert (rnd.period, rnd.opened_at) == ("2026-W43", datetime(2026, 10, 26, 8, 0, tzinfo=timezone.utc))


async def test_no_reminder_on_a_holiday_it_goes_out_the_next_working_day(bot, runtime, clock, store):
    clock.set(seoul(2026, 5, 3, 12, 0))
    await seoul_group(bot, clock, "KR", "prompt mon 09:00; remind tue 18:00; close sun 18:00")
    clock.set(seoul(2026, 5, 4, 9, 0))
    await runtime.tick()
    assert len(all_rounds(store)) == 1
    clock.set(seoul(2026, 5, 5, 18, 0))  # Tue: Children's Day
    await runtime.tick()
    assert bot.dms == []
    clock.set(seoul(2026, 5, 6, 18, 0))  # Wed 18:00
    await runtime.tick()
    assert [d.member.user_id for d in bot.dms] == ["admin"]


async def test_a_reminder_whose_next_working_day_is_after_the_close_is_dropped(bot, runtime, clock, store):
    clock.set(seoul(2026, 4, 26, 12, 0))
    await seoul_group(bot, clock, "KR")
    clock.set(seoul(2026, 4, 27, 9, 0))
    await runtime.tick()
    for when in (seoul(2026, 5, 1, 18, 0), seoul(2026, 5, 2, 18, 0), seoul(2026, 5, 3, 17, 0)):
        clock.set(when)  # Fri 05-01 is Labor Day; Monday comes after the Sunday close
        await runtime.tick()
    assert bot.dms == []


async def test_holidays_setting_is_stored_shown_and_checked(group_bot, store):
    bot = group_bot
    reply = only_reply(await bot.command("admin", "settings holidays=KR skip"))
    assert the_group(store).holidays == "KR skip"
    assert "Public holidays: KR · a week whose prompt day is a public holiday is skipped" in reply.text
    reply = only_reply(await bot.command("admin", "settings holidays=ZZ"))
    assert reply.text == ("Nothing was changed:\n• holidays: a country code such as KR or DE, with 'skip' after it"
                          " to skip the week (KR skip), or 'off'")
    assert the_group(store).holidays == "KR skip"
    only_reply(await bot.command("admin", "settings holidays=off"))
    reply = only_reply(await bot.command("alice", "settings"))
    assert "Public holidays: off" in reply.text and the_group(store).holidays == "off"


@pytest.fixture
async def ko_bot(store, clock):
    runtime = Runtime(Hindsight(store, clock, default_language="ko"))
    adapter = MemoryAdapter(admins={"admin"})
    runtime.add_adapter(adapter)
    await runtime.start_adapters()
    yield adapter
    await runtime.stop()


async def test_a_korean_group_starts_in_seoul_and_is_offered_the_korean_holidays(ko_bot, store):
    (reply,) = await ko_bot.command("admin", "setup")
    group = the_group(store)
    assert (group.language, group.timezone, group.holidays) == ("ko", "Asia/Seoul", "off")
    assert "모든 시간은 Asia/Seoul 기준이에요. 바꾸려면: /hindsight settings timezone=America/Los_Angeles" in reply.text
    assert "공휴일에 열릴 라운드를 다음 평일에 열까요? 버튼을 누르거나 이렇게 입력하세요: /hindsight settings holidays=KR" in reply.text
    assert [b.action.split(":")[1] for b in reply.buttons] == ["open", "settings", "holidays"]
    refused = only_reply(await ko_bot.click("alice", reply.buttons[2].action))  # only an admin may
    assert the_group(store).holidays == "off" and "공휴일" not in refused.text
    saved = only_reply(await ko_bot.click("admin", reply.buttons[2].action))
    assert the_group(store).holidays == "KR"
    assert "공휴일: KR 기준 · 공휴일에 걸린 라운드는 다음 평일에 열려요" in saved.text


async def test_an_english_group_keeps_utc_and_gets_no_offer(bot, store):
    (reply,) = await bot.command("admin", "setup")
    assert the_group(store).timezone == "UTC"
    assert "All times are in UTC. To change it: /hindsight settings timezone=Europe/Berlin" in reply.text
    assert [b.action.split(":")[1] for b in reply.buttons] == ["open", "settings"]


def test_the_config_file_sets_holidays_and_a_korean_group_defaults_to_seoul(tmp_path, service, store):
    from bot.config import ConfigError, apply_groups, load
    path = tmp_path / "hindsight.toml"
    path.write_text('[[groups]]\nname = "founders"\nlanguage = "ko"\nholidays = "KR skip"\n\n'
                    '[[groups]]\nname = "berlin"\ntimezone = "Europe/Berlin"\nholidays = "de"\n', encoding="utf-8")
    apply_groups(service, load({"HINDSIGHT_CONFIG": str(path)}).groups)
    founders, berlin = store.groups.by_name("founders"), store.groups.by_name("berlin")
    assert (founders.timezone, founders.holidays) == ("Asia/Seoul", "KR skip")
    assert (berlin.timezone, berlin.language, berlin.holidays) == ("Europe/Berlin", "en", "DE")
    path.write_text('[[groups]]\nname = "g"\nholidays = "Narnia"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load({"HINDSIGHT_CONFIG": str(path)})
    assert "holidays" in str(err.value) and "a country code such as KR or DE" in str(err.value)
