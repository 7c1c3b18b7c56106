"""``export``, ``my-data`` and ``forget-me`` as results, then words."""
from __future__ import annotations

from bot import router
from bot.actions import Reply, Upload
from bot.commands import parse
from bot.present.render import render
from bot.results.personal import FileReady, ForgetAsked, Forgotten
from bot.usecases import personal


async def test_the_use_cases_return_what_they_did(group_bot, service):
    ctx = router.resolve(service.deps, group_bot.origin("bob"))
    assert personal.cmd_forget_me(ctx, parse("forget-me")) == [ForgetAsked(ctx.member_id)]
    (mine,) = personal.cmd_my_data(ctx, parse("my-data"))
    assert isinstance(mine, FileReady) and mine.filename == "hindsight-my-data.json" and mine.group is None
    assert personal.cmd_forget_me(ctx, parse("forget-me confirm")) == [Forgotten(0)]


def test_in_words():
    (upload,) = render("ko", [FileReady("hindsight-g.csv", b"x", group="g")])
    assert isinstance(upload, Upload) and upload.comment == "'g' 아카이브 (마감된 라운드)."
    assert upload.failed.startswith("hindsight-g.csv 파일을 올리지 못해서")
    (ask,) = render("en", [ForgetAsked(7)])
    assert isinstance(ask, Reply) and ask.buttons[0].action == "hs:forget:7" and ask.buttons[0].style == "danger"
    (one,) = render("en", [Forgotten(1)])
    (ko,) = render("ko", [Forgotten(3)])
    assert isinstance(one, Reply) and one.text == "Done: 1 answer deleted, and you are forgotten."
    assert isinstance(ko, Reply) and ko.text.startswith("완료: 내 정보를 모두 지웠어요 (지운 답변: 3건).")
