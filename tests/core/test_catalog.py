"""The message catalog: en and ko in step, every key the code uses exists, placeholders match."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from bot import catalog
from bot.present.format import Week
from bot.results import AwayProblem, ChartProblem, LookupRefusal, NoDigest, NoLedger, Refusal, RevisitRefusal
from bot.domain import PROMPT_KINDS
from bot.messages_en import EN
from bot.messages_ko import KO

ROOT = Path(__file__).resolve().parents[2]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
KEY_CALLS = {"t": 1, "say": 1, "reject": 1, "Phrase": 0}  # function name -> index of the key argument


def _strings(node: ast.AST, assigns: dict[str, list[ast.AST]], depth: int = 0) -> set[str]:
    """String constants an expression can evaluate to, following local assignments."""
    out = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            out.add(n.value)
        elif isinstance(n, ast.Name) and n.id in assigns and depth < 3:
            for value in assigns[n.id]:
                out |= _strings(value, assigns, depth + 1)
    return out


def used_keys() -> set[str]:
    """Catalog keys in the code: key arguments of t()/say()/reject() (constants, conditional
    expressions, dict look-ups and local variables), CommandError keys, every expect_* key,
    plus the keys built from parts: prompt_footer_<kind> and scale_<n>."""
    keys: set[str] = set()
    sources = list((ROOT / "bot").rglob("*.py")) + list((ROOT / "adapters").rglob("*.py"))
    for path in sources:
        if path.name.startswith(("messages_en", "messages_ko")) or path.name == "prompt_library.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            assigns: dict[str, list[ast.AST]] = {}
            for n in ast.walk(fn):
                if isinstance(n, ast.Assign):
                    for target in n.targets:
                        if isinstance(target, ast.Name):
                            assigns.setdefault(target.id, []).append(n.value)
            for n in ast.walk(fn):
                if not isinstance(n, ast.Call):
                    continue
                name = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
                if name in KEY_CALLS:
                    index = KEY_CALLS[name] if len(n.args) > KEY_CALLS[name] else 0
                    if len(n.args) > index:
                        keys |= _strings(n.args[index], assigns)
                elif name == "CommandError" and n.args:
                    keys |= _strings(n.args[0], assigns)
        keys |= {c.value for c in ast.walk(tree) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                 and re.fullmatch(r"expect_[a-z_]+", c.value)}
    keys = {k for k in keys if re.fullmatch(r"[a-z][a-z0-9_]*[a-z0-9]", k)}  # not prefixes like "prompt_footer_"
    keys.update(f"prompt_footer_{kind}" for kind in PROMPT_KINDS)
    keys.update(f"scale_{n}" for n in range(1, 6))
    keys.update(reason.value for reason in Refusal)  # a refused answer's reason is its catalog key
    keys.update(why.value for why in NoDigest)  # so is why there is no digest
    keys.update(why.value for why in NoLedger)
    keys.update(why.value for why in RevisitRefusal)
    keys.update(problem.value for problem in AwayProblem)
    keys.update(problem.value for problem in ChartProblem)
    keys.update(why.value for why in LookupRefusal)  # and why a search or a history is refused
    return keys


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_en_and_ko_have_the_same_keys():
    assert set(EN) - set(KO) == set()
    assert set(KO) - set(EN) == set()


def test_every_key_used_in_the_code_exists():
    keys = used_keys()
    # The scan finds the keys, however they are passed (a constant, a conditional, a dict, a variable).
    for expected in ("answer_saved", "answer_replaced", "answer_too_long", "admins_only", "digest_late",
                     "expect_limit", "expect_setting_name", "console_form", "no_tty", "bad_digest_arg",
                     "settings_invalid", "round_exists_closed", "digest_sealed", "prompt_not_found", "yes", "no",
                     "field_timezone", "unknown_command", "search_needs_words", "prompt_footer_scale"):
        assert expected in keys, expected
    missing = sorted(k for k in keys if k not in EN)
    assert missing == []


@pytest.mark.parametrize("key", sorted(EN))
def test_placeholders_match(key):
    assert placeholders(EN[key]) == placeholders(KO[key]), key


def test_korean_is_korean():
    not_korean = [k for k, v in KO.items() if not HANGUL.search(v) and v != EN[k]]
    untranslated = [k for k, v in KO.items() if v == EN[k] and not k.startswith(("scale_",))]
    assert not_korean == []
    assert len(untranslated) <= 3, untranslated


def test_every_message_formats_with_its_placeholders():
    for table in (EN, KO):
        for key, template in table.items():
            kw = {name: "X" for name in placeholders(template)}
            assert "{" not in catalog.t("en" if table is EN else "ko", key, **kw).replace("{{", ""), key


def test_both_gives_both():
    assert catalog.t("both", "answer_empty") == f"{EN['answer_empty']}\n{KO['answer_empty']}"
    assert catalog.t("both", "btn_answer") == f"{EN['btn_answer']} / {KO['btn_answer']}"
    both = catalog.t("both", "answer_saved", period=Week("2026-W49"))
    assert "Saved your answer for the week of Nov 30." in both and "12월 1주차 (11/30~12/6) 답변을 저장했어요" in both


def test_unknown_language_falls_back_to_english_and_unknown_key_raises():
    assert catalog.t("fr", "answer_empty") == EN["answer_empty"]
    with pytest.raises(catalog.MissingMessage):
        catalog.t("en", "no_such_key")
