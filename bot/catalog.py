"""The message catalog: every user-facing string, in English and Korean.

``t(lang, key, **kw)`` picks the group's language; "both" shows English, then Korean.
Texts are str.format templates. The Korean is written for Korean founders, not translated
word by word.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from bot.messages_en import EN
from bot.messages_ko import KO

LANGS = {"en": EN, "ko": KO}
_SHORT = ("btn_", "field_", "yes", "no", "scale_", "open_mark", "settings_title")


class MissingMessage(KeyError):
    pass


@runtime_checkable
class Localized(Protocol):
    """A value that reads differently in each language (a date, a week: bot/present/format.py).
    ``t`` asks it for its text in the language it is writing."""

    def localize(self, lang: str) -> str: ...


def t(lang: str, key: str, **kw: object) -> str:
    if lang == "both":
        en, ko = t("en", key, **kw), t("ko", key, **kw)
        if en == ko:
            return en
        return f"{en} / {ko}" if key.startswith(_SHORT) else f"{en}\n{ko}"
    table = LANGS.get(lang, EN)
    try:
        template = table[key]
    except KeyError:
        raise MissingMessage(f"no message {key!r} in {lang!r}") from None
    if not kw:
        return template
    return template.format(**{k: v.localize(lang) if isinstance(v, Localized) else v for k, v in kw.items()})
