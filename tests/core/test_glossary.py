"""The Korean glossary and one voice (ARCHITECTURE.md, presentation and language): every Korean
text of the catalog and of the built-in prompt library uses the glossary's one word for each
concept, speaks 해요체, and never says 내가. English plurals come from tn(), not ``(s)``."""
from __future__ import annotations

import re

import pytest

from bot import catalog
from bot.catalog import BRIER_EXPLAINED, GLOSSARY, t
from bot.present.format import Count
from bot.messages_en import EN
from bot.messages_ko import KO
from bot.prompt_library import BUILTIN_PROMPTS

FORBIDDEN = sorted({word for _, (_, bad) in GLOSSARY.items() for word in bad})
# 콜센터 (a call centre) is not the forbidden 콜 (a call).
_PATTERNS = {word: re.compile(re.escape(word) + ("(?!센터)" if word == "콜" else "")) for word in FORBIDDEN}
# A sentence in 합니다체: 니다 before a space, a stop, a bracket or the end.
HAPNIDA = re.compile(r"니다(?=[\s.!?)\]」』”]|$)")


def korean_texts() -> list[tuple[str, str]]:
    """(where, text) for every Korean text the bot says: the catalog and the prompt library.
    The demo's scripted answers are members' voices, not the bot's, and are left out."""
    out = [(f"catalog {key}", value) for key, value in KO.items()]
    for p in BUILTIN_PROMPTS:
        out.append((f"prompt {p.key}", p.text_ko))
        out += [(f"prompt {p.key} label", label) for label in p.labels_ko]
    return out


def test_the_glossary_lists_each_concept_with_one_word():
    assert GLOSSARY["call"] == ("전망", ("콜",))
    assert GLOSSARY["scale"][0] == "점수형" and "척도" in GLOSSARY["scale"][1]
    assert GLOSSARY["week"][0] == "주차" and "기간" in GLOSSARY["week"][1]
    assert GLOSSARY["no"] == ("아니요", ("아니오",))
    assert GLOSSARY["calibration"][0] == "확률대별 적중" and "보정" in GLOSSARY["calibration"][1]
    assert GLOSSARY["relative"][0] == "그룹 대비"


@pytest.mark.parametrize("word", FORBIDDEN)
def test_no_korean_text_uses_a_forbidden_variant(word):
    found = [(where, text) for where, text in korean_texts() if _PATTERNS[word].search(text)]
    assert found == [], f"{word!r} is not the glossary's word: {found}"


def test_the_forbidden_check_catches_a_variant():
    assert _PATTERNS["콜"].search("채점한 콜 14개") and not _PATTERNS["콜"].search("콜센터 에이전트")
    assert _PATTERNS["아니오"].search("익명: 아니오")


def test_outcomes_grades_and_yes_no_are_the_glossary_words():
    assert [KO[f"outcome_{o}"] for o in ("yes", "no", "ambiguous")] == ["실현됨", "실현 안 됨", "판정 불가"]
    assert [KO[f"btn_{o}"] for o in ("yes", "no", "ambiguous")] == ["실현됨", "실현 안 됨", "판정 불가"]
    assert [KO[f"grade_{g}"] for g in ("right", "partly", "wrong")] == ["맞음", "반쯤 맞음", "틀림"]
    assert [KO[f"btn_{g}"] for g in ("right", "partly", "wrong")] == ["맞음", "반쯤 맞음", "틀림"]
    assert [KO[f"revisit_grade_{g}"] for g in ("right", "partly", "wrong")] == ["✅ 맞음", "〰️ 반쯤 맞음", "❌ 틀림"]
    assert (KO["yes"], KO["no"]) == ("예", "아니요")
    assert "확률대별 적중" in KO["ledger_calibration_head"]
    assert "그룹 대비" in KO["ledger_resolved_line"] and "그룹 대비" in KO["ledger_leaderboard_line"]


def test_korean_is_haeyo_throughout():
    found = [(where, text) for where, text in korean_texts() if HAPNIDA.search(text)]
    assert found == []
    assert HAPNIDA.search("말만 셉니다).") and not HAPNIDA.search("말만 집계해요).")


def test_no_button_ends_in_da():
    assert [(k, v) for k, v in KO.items() if k.startswith("btn_") and v.rstrip().endswith("다")] == []


def test_the_bot_never_says_naega():
    assert [(where, text) for where, text in korean_texts() if "내가" in text] == []


def test_the_brier_score_is_named_in_full_and_explained_where_it_first_appears():
    assert [k for k, v in KO.items() if "브라이어" in v and "브라이어 점수" not in v] == []
    for key in BRIER_EXPLAINED:
        assert "0에 가까울수록 정확" in KO[key], key
        assert "lower is better" in EN[key] or "0 is perfect" in EN[key], key
    # the revisit thread says it before any score arrives; the ledger says it in its heading
    assert "0에 가까울수록 정확" in KO["revisit_footer_prediction"]
    assert "lower is better" in EN["ledger_resolved_head"] and "vs. group" in EN["ledger_resolved_line"]
    assert EN["ledger_calibration_head"] == "Calibration (what you said vs. what happened):"


def test_no_english_text_hedges_a_plural():
    assert [(k, v) for k, v in EN.items() if "(s)" in v] == []


@pytest.mark.parametrize(("key", "count", "kw", "en", "ko"), [
    ("digest_average", Count(1, "score", "scores", "개"), {"average": "4.0"}, "Average 4.0 from 1 score.",
     "평균 4.0점 (점수 1개)."),
    ("digest_average", Count(5, "score", "scores", "개"), {"average": "4.0"}, "Average 4.0 from 5 scores.",
     "평균 4.0점 (점수 5개)."),
    ("search_head", Count(1, "answer", "answers", "건"), {"query": "hype"}, "1 answer for 'hype':",
     "'hype' 검색 결과 1건:"),
    ("search_head", Count(0, "answer", "answers", "건"), {"query": "hype"}, "0 answers for 'hype':",
     "'hype' 검색 결과 0건:"),
])
def test_counts_read_right_in_each_language(key, count, kw, en, ko):
    """One plural mechanism: bot/present/format.Count carries the English noun and the Korean counter."""
    assert t("en", key, count=count, **kw) == en
    assert t("ko", key, count=count, **kw) == ko
    assert t("both", key, count=count, **kw) == f"{en}\n{ko}"


def test_particles_never_follow_the_variables_the_review_named():
    assert t("ko", "console_as", member="서연") == "이제 서연 님으로 답해요."
    assert t("ko", "unknown_command", name="없는말").startswith("없는 명령이에요: '없는말'.")
    assert t("ko", "skipped", period="2026-W01").startswith("2026-W01 질문은 건너뛰었어요.")
    assert t("ko", "search_none", query="하락장").startswith("'하락장' 검색 결과가 없어요")
    assert t("ko", "admins_only", command="resume").startswith("이 그룹 관리자만 쓸 수 있는 명령이에요: 'resume'.")
    assert t("ko", "chart_not_scale", id="hype-what-stuck").startswith("'hype-what-stuck' 질문은 점수형이 아니라서")
    assert t("ko", "prompt_not_found", id="next-hyp").startswith("'next-hyp' 질문을 찾지 못했어요.")
    # templates that put 은/는, 이/가, 을/를 or 예요 right after a placeholder
    glued = re.compile(r"\}(?:'|”)?(?:은|는|이|가|을|를|예요|이에요|\(으\)로|은\(는\)|을\(를\)|\(이\)라는)(?![가-힣])")
    assert [(k, v) for k, v in KO.items() if glued.search(v)] == []


def test_korean_setting_hints_name_korean_words_the_settings_accept():
    from bot.settings import radar, switch
    assert KO["expect_anonymous"].startswith("예 또는 아니요") and KO["field_anonymous"] == "익명 다이제스트 (예/아니요)"
    assert KO["expect_on_off"].startswith("켜기 또는 끄기") and KO["expect_radar"].startswith("월간 또는 끄기")
    assert (switch("예"), switch("아니요"), switch("켜기"), switch("끄기")) == (1, 0, 1, 0)
    assert (radar("월간"), radar("끄기")) == ("monthly", "off")
