"""Setup and link as results, then words in both languages: the schedule in words, the zone
named, the buttons (Settings, Open the first round now, the Korean holidays offer)."""
from __future__ import annotations

import pytest

from bot import router
from bot.actions import Reply
from bot.commands import parse
from bot.domain import Group
from bot.present.render import render
from bot.results.setup import (AlreadySetUp, BadLinkCode, GroupNameEmpty, GroupNameTaken, GroupNameTooLong, LinkCode,
                               Linked, SetupDone, SetupNeedsAdmin)
from bot.usecases import setup


async def test_the_use_cases_return_what_they_did(bot, service, store):
    stranger = router.resolve(service.deps, bot.origin("bob"))
    assert setup.setup(stranger, parse("setup")) == [SetupNeedsAdmin()]
    admin = router.resolve(service.deps, bot.origin("admin"))
    assert setup.setup(admin, parse("setup \u200b")) == [GroupNameEmpty()]
    assert setup.setup(admin, parse("setup " + "가" * 41)) == [GroupNameTooLong(41, 40)]
    (done,) = setup.setup(admin, parse("setup 창업자 모임"))
    assert isinstance(done, SetupDone) and done.group == store.groups.all()[0] and done.group.name == "창업자 모임"
    admin = router.resolve(service.deps, bot.origin("admin"))
    assert setup.setup(admin, parse("setup")) == [AlreadySetUp("창업자 모임")]
    (code,) = setup.cmd_link(admin, parse("link"))
    assert isinstance(code, LinkCode) and code.group == "창업자 모임" and code.code.startswith("hs-")
    elsewhere = router.resolve(service.deps, bot.origin("admin", channel="c2"))
    assert setup.setup(elsewhere, parse("setup 창업자 모임")) == [GroupNameTaken("창업자 모임")]
    assert setup.setup(elsewhere, parse("setup hs-zzzzzzzz")) == [BadLinkCode()]
    assert setup.setup(elsewhere, parse(f"setup {code.code}")) == [Linked(store.groups.all()[0])]
    assert len(store.groups.all()) == 1


def test_setup_in_english_names_the_zone_and_the_schedule_in_words():
    (reply,) = render("ko", [SetupDone(Group(id=4, name="founders", timezone="Europe/Berlin", language="en"))])
    assert isinstance(reply, Reply) and reply.public
    assert reply.text.splitlines()[:2] == [
        "Hindsight is set up: this channel is the group 'founders'.",
        "Schedule (Europe/Berlin): Prompt Mon 9:00 AM · reminder Fri 6:00 PM · close Sun 6:00 PM."]
    assert "All times are in Europe/Berlin." in reply.text and "prompt mon" not in reply.text
    assert [(b.action, b.label) for b in reply.buttons] == [("hs:open:4", "Open the first round now"),
                                                            ("hs:settings:4", "Settings")]


def test_setup_in_korean_offers_the_holidays():
    (reply,) = render("en", [SetupDone(Group(id=5, name="창업자 모임", timezone="Asia/Seoul", language="ko"))])
    assert isinstance(reply, Reply)
    assert "일정 (Asia/Seoul): 매주 월 09:00 질문 · 금 18:00 리마인더 · 일 18:00 마감." in reply.text
    assert "모든 시간은 Asia/Seoul 기준이에요." in reply.text
    assert [b.label for b in reply.buttons] == ["첫 라운드 지금 열기", "설정", "공휴일 피하기"]
    assert reply.buttons[2].action == "hs:holidays:5"
    (on,) = render("ko", [SetupDone(Group(id=5, name="g", timezone="Asia/Seoul", language="ko", holidays="KR"))])
    assert isinstance(on, Reply) and len(on.buttons) == 2, "offered only while off"


@pytest.mark.parametrize("result, en, ko", [
    (AlreadySetUp("창업자 모임"), "This channel already belongs to the group '창업자 모임'.",
     "이 채널은 이미 '창업자 모임' 그룹에 속해 있어요."),
    (BadLinkCode(), "That code is unknown, used or expired.", "모르는 코드이거나"),
    (SetupNeedsAdmin(), "Only a workspace or server admin can create a group.", "그룹은 워크스페이스나 서버 관리자만"),
    (GroupNameTaken("founders"), "", ""),
    (GroupNameTooLong(41, 40), "", ""),
    (GroupNameEmpty(), "", ""),
    (LinkCode("hs-abcdefgh", "founders"), "One-time code for 'founders', valid for 24 hours: hs-abcdefgh",
     "'founders' 그룹에 채널을 연결하는 일회용 코드예요 (24시간 유효): hs-abcdefgh"),
])
def test_in_words(result, en, ko):
    texts = {}
    for lang, words in (("en", en), ("ko", ko)):
        (reply,) = render(lang, [result])
        assert isinstance(reply, Reply) and reply.text.startswith(words), (lang, reply.text)
        texts[lang] = reply.text
    assert texts["en"] != texts["ko"]


def test_a_linked_channel_hears_it_in_the_groups_language():
    (reply,) = render("en", [Linked(Group(id=1, name="창업자 모임", language="ko"))])
    assert isinstance(reply, Reply) and reply.public
    assert reply.text.startswith("이제 이 채널도 '창업자 모임' 그룹이에요.") and "관리자가 되지는 않아요" in reply.text
