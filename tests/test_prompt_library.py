"""Checks on the built-in prompt library (bot/prompt_library.py)."""

from __future__ import annotations

import re
from collections import Counter

from bot.prompt_library import ANCHOR_KEYS, BUILTIN_PROMPTS, THEMES, BuiltinPrompt

VALID_KINDS = {"text", "scale", "prediction"}
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
    for p in BUILTIN_PROMPTS:
        assert p.kind in VALID_KINDS, (p.key, p.kind)


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
