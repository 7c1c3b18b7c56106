"""Checks on the built-in prompt library (bot/prompt_library.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot.prompt_library import (
    ANCHOR_KEYS,
    BUILTIN_PROMPTS,
    DATED_KINDS,
    HORIZONS,
    KINDS,
    THEMES,
    BuiltinPrompt,
)

VALID_KINDS = {"text", "scale", "prediction", "call"}
VALID_HORIZONS = {6, 12, 24}
# Every key the library had before issue 10, in library order. Built-in prompt ids never change:
# stored rounds refer to them, so a renamed or dropped key must fail here.
KEYS_BEFORE = (
    "next-hype", "bear-market-proof", "cost-ladder", "survive-tomorrow", "bear-score",
    "ux-button-beats-chat", "focus-one-or-two-bets", "hype-interest-next-year", "cost-price-per-user",
    "survive-customers", "ux-voice-rarely-used", "bear-after-the-fall", "focus-score", "hype-what-stuck",
    "cost-structure-moat", "survive-score", "focus-decide-before-clear", "ux-click-habits",
    "bear-revenue-call", "hype-independence", "cost-compounding-moat", "focus-gpu-scarcity",
    "survive-plain-pitch", "ux-language-evidence", "hype-fading-signs", "bear-revenue-halved",
    "focus-open-models", "cost-moat-score", "survive-two-year-call", "ux-voice-call",
    "hype-six-month-call", "cost-api-price-call", "focus-open-model-call",
)
# How a text names its horizon, in each language.
HORIZON_WORDS_EN = {
    6: ("six months", "6 months"),
    12: ("12 months", "twelve months", "a year", "next year"),
    24: ("two years", "24 months"),
}
HORIZON_WORDS_KO = {6: ("6개월",), 12: ("12개월", "1년"), 24: ("2년", "24개월")}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_LEN = 200


def _all_texts(p: BuiltinPrompt) -> list[str]:
    return [p.text_en, p.text_ko, *p.labels_en, *p.labels_ko]


def test_enough_prompts():
    assert len(BUILTIN_PROMPTS) >= 24


def test_all_entries_are_builtin_prompts():
    assert all(isinstance(p, BuiltinPrompt) for p in BUILTIN_PROMPTS)


def test_keys_unique_and_slugs():
    keys = [p.key for p in BUILTIN_PROMPTS]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]
    for key in keys:
        assert SLUG.match(key), key


def test_anchors_first_in_order():
    assert ANCHOR_KEYS == ("next-hype", "bear-market-proof")
    assert tuple(p.key for p in BUILTIN_PROMPTS[:2]) == ANCHOR_KEYS


def test_kinds_valid():
    assert set(KINDS) == VALID_KINDS
    assert set(DATED_KINDS) == {"prediction", "call"}
    assert set(HORIZONS) == VALID_HORIZONS
    for p in BUILTIN_PROMPTS:
        assert p.kind in VALID_KINDS, (p.key, p.kind)


def test_keys_unchanged_since_before_the_ledger():
    keys = [p.key for p in BUILTIN_PROMPTS]
    missing = [k for k in KEYS_BEFORE if k not in keys]
    assert not missing, missing
    # The old keys keep their relative order (new keys, if any, may be added anywhere).
    assert [k for k in keys if k in KEYS_BEFORE] == list(KEYS_BEFORE)


def test_every_prompt_has_english_and_korean_text():
    for p in BUILTIN_PROMPTS:
        assert p.text_en.strip(), p.key
        assert p.text_ko.strip() and HANGUL.search(p.text_ko), p.key


def test_dated_kinds_have_a_horizon_and_others_none():
    for p in BUILTIN_PROMPTS:
        if p.kind in ("prediction", "call"):
            assert p.horizon_months in VALID_HORIZONS, (p.key, p.horizon_months)
        else:
            assert p.horizon_months is None, (p.key, p.horizon_months)


def test_next_hype_is_a_six_month_call_and_bear_market_proof_stays_text():
    by_key = {p.key: p for p in BUILTIN_PROMPTS}
    assert (by_key["next-hype"].kind, by_key["next-hype"].horizon_months) == ("call", 6)
    assert (by_key["bear-market-proof"].kind, by_key["bear-market-proof"].horizon_months) == ("text", None)


def test_cost_api_price_call_is_a_twelve_month_prediction():
    # The acceptance story runs `prompts next cost-api-price-call` and answers it with probabilities.
    p = next(p for p in BUILTIN_PROMPTS if p.key == "cost-api-price-call")
    assert (p.kind, p.theme, p.horizon_months) == ("prediction", "cost", 12)


def test_predictions_read_as_statements():
    # A probability applies to a statement: no question mark anywhere, in either language.
    for p in (p for p in BUILTIN_PROMPTS if p.kind == "prediction"):
        assert not p.text_en.rstrip().endswith("?") and "?" not in p.text_en, (p.key, p.text_en)
        assert "?" not in p.text_ko, (p.key, p.text_ko)
        assert p.text_en.rstrip().endswith("."), (p.key, p.text_en)
        assert "Make a call" not in p.text_en and "예측해 보세요" not in p.text_ko, p.key


def test_calls_read_as_questions():
    # A call opens with a question (a short instruction may follow it).
    for p in (p for p in BUILTIN_PROMPTS if p.kind == "call"):
        for text in (p.text_en, p.text_ko):
            assert "?" in text, (p.key, text)
            first_sentence = text.split("?")[0]
            assert "." not in first_sentence, (p.key, text)


def test_dated_texts_name_their_horizon():
    for p in (p for p in BUILTIN_PROMPTS if p.kind in ("prediction", "call")):
        assert p.horizon_months is not None
        en = p.text_en.lower()
        assert any(w in en for w in HORIZON_WORDS_EN[p.horizon_months]), (p.key, p.text_en)
        assert any(w in p.text_ko for w in HORIZON_WORDS_KO[p.horizon_months]), (p.key, p.text_ko)


def test_both_dated_kinds_and_every_horizon_used():
    kinds = Counter(p.kind for p in BUILTIN_PROMPTS)
    assert kinds["prediction"] >= 4 and kinds["call"] >= 4, kinds
    horizons = {p.horizon_months for p in BUILTIN_PROMPTS if p.horizon_months is not None}
    assert horizons == VALID_HORIZONS


@pytest.mark.parametrize(
    ("kind", "horizon"),
    [("prediction", None), ("call", 3), ("call", None), ("text", 12), ("scale", 6), ("poll", None)],
)
def test_definition_rejects_a_wrong_horizon_or_kind(kind, horizon):
    with pytest.raises(ValueError):
        BuiltinPrompt(key="x", kind=kind, theme="hype", text_en="x", text_ko="가", horizon_months=horizon)


def test_scale_prompts_have_five_labels_each_language():
    scales = [p for p in BUILTIN_PROMPTS if p.kind == "scale"]
    assert len(scales) >= 4
    for p in scales:
        assert len(p.labels_en) == 5, p.key
        assert len(p.labels_ko) == 5, p.key
        assert all(label.strip() for label in p.labels_en + p.labels_ko), p.key


def test_non_scale_prompts_have_no_labels():
    for p in BUILTIN_PROMPTS:
        if p.kind != "scale":
            assert p.labels_en == () and p.labels_ko == (), p.key


def test_enough_predictions():
    assert sum(p.kind == "prediction" for p in BUILTIN_PROMPTS) >= 4


def test_every_theme_used_at_least_three_times():
    counts = Counter(p.theme for p in BUILTIN_PROMPTS)
    for p in BUILTIN_PROMPTS:
        assert p.theme in THEMES, (p.key, p.theme)
    for theme in THEMES:
        assert counts[theme] >= 3, (theme, counts[theme])


def test_themes_have_both_languages():
    for key, (en, ko) in THEMES.items():
        assert en.strip(), key
        assert HANGUL.search(ko), key


def test_texts_non_empty_and_short():
    for p in BUILTIN_PROMPTS:
        for text in (p.text_en, p.text_ko):
            assert text.strip(), p.key
            assert len(text) <= MAX_LEN, (p.key, len(text))


def test_korean_texts_contain_hangul():
    for p in BUILTIN_PROMPTS:
        assert HANGUL.search(p.text_ko), p.key
        for label in p.labels_ko:
            assert HANGUL.search(label), (p.key, label)


def test_texts_are_mention_safe():
    for p in BUILTIN_PROMPTS:
        for text in _all_texts(p):
            assert "@" not in text, (p.key, text)
            assert "<" not in text, (p.key, text)


# --- issue 15: every prediction resolvable from public information, every call gradeable ---
# A prediction names its source in both languages (the English word, then how the Korean says it).
PUBLIC_SOURCES = {"Google Trends": "구글 트렌드", "LMArena": "LMArena", "announce": "발표"}
THRESHOLD_EN = re.compile(r"\d+%|\bhalf\b|\ba tenth\b|\bat least\b")
THRESHOLD_KO = re.compile(r"\d+%|절반|10분의 1|이상|적어도")
CALENDAR_DATE = re.compile(r"\b20\d\d\b|\d{4}-\d{2}")
BY_KEY = {p.key: p for p in BUILTIN_PROMPTS}


def test_predictions_name_a_public_source_a_relative_date_and_a_threshold():
    for p in (p for p in BUILTIN_PROMPTS if p.kind == "prediction"):
        sources = [en for en, ko in PUBLIC_SOURCES.items() if en in p.text_en and ko in p.text_ko]
        assert sources, (p.key, "no public source named in both languages")
        # Dated from the week it is asked: the library is reused, so a calendar date would age.
        assert "this week" in p.text_en and "이번 주" in p.text_ko, p.key
        assert not CALENDAR_DATE.search(p.text_en) and not CALENDAR_DATE.search(p.text_ko), p.key
        assert THRESHOLD_EN.search(p.text_en) and THRESHOLD_KO.search(p.text_ko), p.key
        # Nothing only members know: the admin resolves it once for everyone.
        assert "of us" not in p.text_en and "우리 중" not in p.text_ko, p.key


def test_calls_say_what_would_count_as_right():
    for p in (p for p in BUILTIN_PROMPTS if p.kind == "call"):
        question, _, rule = p.text_en.partition("?")
        assert "You're right if" in rule, (p.key, p.text_en)
        question_ko, _, rule_ko = p.text_ko.partition("?")
        assert "맞은 거예요" in rule_ko or "맞음" in rule_ko, (p.key, p.text_ko)


def test_hype_six_month_call_is_a_fading_call_not_a_second_next_hype():
    p = BY_KEY["hype-six-month-call"]
    assert (p.kind, p.theme, p.horizon_months) == ("call", "hype", 6)
    assert p.text_en.startswith(
        "Six months from now, which of today's hot topics will nobody be pitching any more? Name one.")
    assert p.text_ko.startswith("6개월 뒤, 지금 뜨거운 것 중 아무도 더는 피칭하지 않을 건 뭘까요? 하나만 꼽아 보세요.")
    assert "next" not in p.text_en.lower() and "대세" not in p.text_ko


def test_both_languages_ask_the_same_hypothetical():
    p = BY_KEY["bear-after-the-fall"]
    assert p.text_en == "Imagine the market fell a year ago and never came back. Who would still pay you, and for what?"
    assert "해 봐요" in p.text_ko and "낼 고객" in p.text_ko


# Calques of English the Korean review found, and the glossary's forbidden variants.
KOREAN_CALQUES = ("그들", "덕분에 쉬워", "따라잡기", "그림이 선명", "말해 주는 건", "우리 사업의 부분")
KOREAN_FORBIDDEN = ("콜", "척도", "아니오")


def test_korean_texts_read_as_a_native_writes():
    for p in BUILTIN_PROMPTS:
        for text in (p.text_ko, *p.labels_ko):
            for phrase in KOREAN_CALQUES + KOREAN_FORBIDDEN:
                assert phrase not in text, (p.key, phrase, text)
    for en, ko in THEMES.values():
        assert not any(word in ko for word in KOREAN_FORBIDDEN), ko
