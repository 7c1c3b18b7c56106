"""Words for ``export``, ``my-data`` and ``forget-me``."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog, ids
from bot.actions import Action, Button, Reply, Upload
from bot.present.format import Count
from bot.results.personal import FileReady, ForgetAsked, Forgotten


def file_ready(lang: str, result: FileReady) -> list[Action]:
    comment = catalog.t(lang, "export_ready", group=result.group) if result.group is not None \
        else catalog.t(lang, "my_data_ready")
    return [Upload(result.filename, result.content, comment,
                   failed=catalog.t(lang, "upload_failed", filename=result.filename))]


def forget_asked(lang: str, result: ForgetAsked) -> list[Action]:
    button = Button(ids.encode(ids.ForgetButton(result.member_id)), catalog.t(lang, "btn_forget_confirm"), "danger")
    return [Reply(catalog.t(lang, "forget_confirm"), buttons=(button,))]


def forgotten(lang: str, result: Forgotten) -> list[Action]:
    return [Reply(catalog.t(lang, "forgotten", count=Count(result.answers, "answer", "answers", "건")))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    FileReady: file_ready,
    ForgetAsked: forget_asked,
    Forgotten: forgotten,
}
