"""The hype radar's tokeniser (bot/radar.py): English and Korean words, particles stripped,
URLs, numbers, emoji and punctuation dropped."""
from __future__ import annotations

import unicodedata

import pytest

from bot.radar import KO_PARTICLES, strip_particle, tokens


def test_english_is_casefolded_without_stop_words_or_punctuation():
    assert tokens("The METAVERSE is the future, and NFTs are the proof!") == ["metaverse", "future", "nfts", "proof"]
    assert tokens("Straße STRASSE") == ["strasse", "strasse"]  # casefold, not lower


def test_apostrophes_join_a_word_and_possessives_go():
    assert tokens("It's Bob's agent, don't buy it") == ["bob", "agent", "buy"]
    assert tokens("Bob’s agents") == ["bob", "agents"]  # the typographic apostrophe too


def test_korean_particles_are_stripped():
    assert tokens("에이전트가 다음 하이프다") == ["에이전트", "다음", "하이프"]
    assert tokens("메타버스는 끝났고 메타버스를 믿었던 메타버스의 시대") == ["메타버스", "끝났고", "메타버스", "믿었던", "메타버스", "시대"]


@pytest.mark.parametrize("word, stem", [
    ("에이전트가", "에이전트"), ("하이프다", "하이프"), ("하이프이다", "하이프"),  # 이다 is longer than 다
    ("회사에서", "회사"), ("회사에게", "회사"), ("회사에", "회사"), ("시장으로", "시장"), ("시장로", "시장"),
    ("고객과", "고객"), ("고객와", "고객"), ("고객도", "고객"), ("고객만", "고객"), ("내년까지", "내년"),
    ("작년부터", "작년"), ("코인처럼", "코인"), ("코인보다", "코인"), ("코인은", "코인"), ("코인을", "코인"),
    ("코인이", "코인"), ("코인의", "코인"), ("집에서", "집"),  # a two-syllable particle may leave one syllable
    ("나이", "나이"), ("책을", "책을"),  # a one-syllable particle must leave two: the word stays whole
    ("에이전트", "에이전트"), ("시장에서도", "시장에서"),  # once only, the longest match
])
def test_strip_the_longest_particle_once(word, stem):
    assert strip_particle(word) == stem


def test_every_listed_particle_is_stripped_after_a_two_syllable_noun():
    for particle in KO_PARTICLES:
        assert strip_particle("시장" + particle) == "시장", particle


def test_mixed_english_and_korean():
    # "AI가": Latin then Hangul are two words; the Hangul one is only a particle, so it goes.
    assert tokens("AI가 에이전트를 만든다, GPT를 쓰는 agents") == ["ai", "에이전트", "만든", "gpt", "쓰는", "agents"]
    assert tokens("AI에이전트가 온다") == ["ai", "에이전트", "온다"]


def test_urls_numbers_and_emails_are_dropped():
    text = ("see https://example.com/nft?id=42 and www.metaverse.io/x or opensea.io/collection/apes, "
            "mail me@nft.dev: 2024 3.5 1,000 ２０２４ 3월에 web3 10x")
    assert tokens(text) == ["see", "mail", "web3", "10x"]  # a digit inside a word keeps it


def test_emoji_and_jamo_laughter_are_ignored():
    assert tokens("🚀🚀 agents 🤖 ㅋㅋㅋ 에이전트 ㅠㅠ 👍🏽") == ["agents", "에이전트"]


def test_decomposed_hangul_and_accents_count_as_the_same_word():
    nfd = unicodedata.normalize("NFD", "에이전트가 café")
    assert tokens(nfd) == ["에이전트", "café"]
    assert tokens("CAFÉ") == ["café"]


def test_korean_stop_words_go_before_and_after_the_particle():
    assert tokens("그리고 정말 우리는 그냥 것이") == []


def test_empty_and_odd_input():
    assert tokens("") == []
    assert tokens("... --- !!! 42") == []
    assert tokens("a I x") == []  # one-letter English words carry no topic
