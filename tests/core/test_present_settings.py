"""A group's settings as results, then words in both languages: the schedule, language, radar,
holidays and yes/no in words, the zone named, the form keeping its editable syntax."""
from __future__ import annotations

import pytest

from bot import ids, router
from bot.actions import OpenForm, Reply
from bot.commands import parse
from bot.domain import Group, Schedule
from bot.present.render import render
from bot.present.settings import schedule_words
from bot.results import UnknownButton
from bot.results.settings import SettingsFormShown, SettingsInvalid, SettingsShown, SettingsUsage
from bot.usecases import group_settings


async def test_the_use_cases_return_what_they_decided(group_bot, service, store):
    ctx = router.resolve(service.deps, group_bot.origin("admin"))
    group = store.groups.all()[0]
    assert group_settings.cmd_settings(ctx, parse("settings")) == [SettingsFormShown(group)]
    assert group_settings.cmd_settings(ctx, parse("settings nonsense")) == [SettingsUsage()]
    assert group_settings.cmd_settings(ctx, parse("settings limit=5 radar=weekly")) == [
        SettingsInvalid((("limit", "expect_limit"), ("radar", "expect_radar")))]
    assert store.groups.all()[0] == group, "all or nothing"
    (saved,) = group_settings.cmd_settings(ctx, parse("settings language=ko radar=off"))
    assert isinstance(saved, SettingsShown) and saved.saved and saved.admins == ("Admin",)
    assert (saved.group.language, saved.group.radar) == ("ko", "off") == (store.groups.all()[0].language, "off")
    other = Group(id=saved.group.id + 1, name="elsewhere")
    assert group_settings.holidays_button(ctx, ids.HolidaysButton(other.id), None) == [UnknownButton()]
    member = router.resolve(service.deps, group_bot.origin("bob"))
    (shown,) = group_settings.cmd_settings(member, parse("settings"))
    assert shown == SettingsShown(store.groups.all()[0], ("Admin",), saved=False), "members see, admins change"


@pytest.mark.parametrize("schedule, en, ko", [
    (Schedule(), "Prompt Mon 9:00 AM · reminder Fri 6:00 PM · close Sun 6:00 PM",
     "매주 월 09:00 질문 · 금 18:00 리마인더 · 일 18:00 마감"),
    (Schedule(prompt_day=1, prompt_time="00:30", close_day=5, close_time="12:00", remind_day=None, remind_time=None),
     "Prompt Tue 12:30 AM · no reminder · close Sat 12:00 PM", "매주 화 00:30 질문 · 리마인더 없음 · 토 12:00 마감"),
])
def test_the_schedule_in_words(schedule, en, ko):
    group = Group(id=1, name="founders", schedule=schedule)
    assert (schedule_words("en", group), schedule_words("ko", group)) == (en, ko)


GROUP = Group(id=1, name="창업자 모임", timezone="Asia/Seoul", language="ko", anonymous=True, radar="off",
              holidays="KR", leaderboard=False)


def test_the_settings_in_words_in_each_language():
    (ko,) = render("ko", [SettingsShown(GROUP, ("민준", "서연"))])
    assert isinstance(ko, Reply)
    for line in ("그룹 창업자 모임", "시간대: Asia/Seoul", "일정: 매주 월 09:00 질문 · 금 18:00 리마인더 · 일 18:00 마감",
                 "언어: 한국어", "익명: 예", "일시 정지: 아니요", "순위표 (leaderboard): 아니요", "다이제스트 레이더 (radar): 꺼짐",
                 "공휴일: KR 기준 · 공휴일에 걸린 라운드는 다음 평일에 열려요", "관리자: 민준, 서연"):
        assert line in ko.text.splitlines(), (line, ko.text)
    (en,) = render("en", [SettingsShown(Group(id=2, name="founders", language="both", radar="monthly"), ())])
    assert isinstance(en, Reply)
    for line in ("Timezone: UTC", "Schedule: Prompt Mon 9:00 AM · reminder Fri 6:00 PM · close Sun 6:00 PM",
                 "Language: English and Korean", "Anonymous: no", "Radar in the digest: monthly",
                 "Public holidays: off", "Admins: –"):
        assert line in en.text.splitlines(), (line, en.text)
    assert "mon 09:00" not in en.text + ko.text and "prompt " not in en.text + ko.text


def test_saved_is_said_in_the_groups_new_language_and_both_reads_each_line_in_its_own():
    (reply,) = render("en", [SettingsShown(GROUP, ("민준",), saved=True)])
    assert isinstance(reply, Reply) and reply.text.startswith("저장했어요.")
    (both,) = render("both", [SettingsShown(Group(id=3, name="g", language="both", holidays="KR skip"), ())])
    assert isinstance(both, Reply)
    assert "Language: English and Korean" in both.text and "언어: 영어와 한국어" in both.text
    assert "일정: 매주 월 09:00 질문" in both.text and "Schedule: Prompt Mon 9:00 AM" in both.text
    assert "공휴일: KR 기준 · 질문 날이 공휴일인 주차는 건너뛰어요" in both.text


def test_the_form_keeps_its_ids_and_editable_values():
    for lang, title, label in (("en", "Hindsight settings", "Schedule"), ("ko", "Hindsight 설정", "일정")):
        (opened,) = render(lang, [SettingsFormShown(GROUP)])
        assert isinstance(opened, OpenForm) and opened.form.id == "settings:1" and opened.form.title == title
        assert [f.id for f in opened.form.fields] == ["timezone", "schedule", "language", "limit", "anonymous"]
        assert opened.form.fields[1].label == label
        assert opened.form.fields[1].value == "prompt mon 09:00; remind fri 18:00; close sun 18:00"
        assert opened.form.fields[4].value == "yes"


def test_refusals_in_words():
    problems = SettingsInvalid((("limit", "expect_limit"),))
    (en,), (ko,) = render("en", [problems]), render("ko", [problems])
    assert isinstance(en, Reply) and en.text.startswith("Nothing was changed:\n• limit: ")
    assert isinstance(ko, Reply) and ko.text.startswith("아무것도 바꾸지 않았어요:\n• limit: ")
    (usage,) = render("ko", [SettingsUsage()])
    assert isinstance(usage, Reply) and usage.text.startswith("사용법: settings") and 'prompt="mon 09:00"' in usage.text
