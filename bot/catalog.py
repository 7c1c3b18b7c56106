"""The message catalog: every user-facing string, in English and Korean.

``t(lang, key, **kw)`` picks the group's language; "both" shows English, then Korean.
``tn(lang, key, count, **kw)`` does the same for a text with a count in it: a key with a
count has a singular form ``<key>_one`` next to it (the key itself is the plural), and English
picks by the count. Korean has one form (its ``_one`` is the same text).
Texts are str.format templates. The Korean is written for Korean founders, not translated
word by word, and keeps to GLOSSARY below (a test checks every Korean text against it).
"""
from __future__ import annotations

from bot.messages_en import EN
from bot.messages_ko import KO

LANGS = {"en": EN, "ko": KO}
_SHORT = ("btn_", "field_", "yes", "no", "scale_", "open_mark", "settings_title", "outcome_", "grade_")

# The Korean glossary: concept -> (the one Korean word, the variants that must not appear).
# One voice besides: 해요체 throughout (no 합니다체), no button ending in -다, and never 내가 in a
# sentence from the bot (내 is for labels: 내 답변, 내 기록).
GLOSSARY: dict[str, tuple[str, tuple[str, ...]]] = {
    "call": ("전망", ("콜",)),
    "scale": ("점수형", ("척도",)),
    "week": ("주차", ("기간",)),
    "resolve": ("판정", ("결과를 정해", "정해졌어요")),
    "outcome yes": ("실현됨", ()),
    "outcome no": ("실현 안 됨", ()),
    "outcome ambiguous": ("판정 불가", ("애매함",)),
    "grade right": ("맞음", ("맞았다", "맞았음")),
    "grade partly": ("반쯤 맞음", ()),  # 절반쯤 stays free: a scale label says it
    "grade wrong": ("틀림", ("틀렸다", "틀렸음")),
    "Brier": ("브라이어 점수", ()),
    "Brier, explained": ("0에 가까울수록 정확", ()),
    "relative": ("그룹 대비", ("상대 점수", "(상대 ")),
    "calibration": ("확률대별 적중", ("보정",)),
    "yes": ("예", ()),
    "no": ("아니요", ("아니오",)),
}
# Where a Korean text names the Brier score first in a message, it says what it means.
BRIER_EXPLAINED = ("revisit_footer_prediction", "resolution_median", "ledger_resolved_head", "ledger_mean",
                   "ledger_member_mean", "ledger_group_line")


class MissingMessage(KeyError):
    pass


class Localized:
    """A value that reads differently in each language (a date, a week: bot/present/format.py).
    ``t`` asks it for its text in the language it is writing. A plain base class, not a
    runtime-checkable Protocol: ``t`` runs on every reply, and isinstance on a Protocol costs
    tens of microseconds."""

    def localize(self, lang: str) -> str:
        raise NotImplementedError


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

