"""Search folds case the same on both sides, Unicode not ASCII only, and takes NFD queries
(issue 8, item 10). FTS syntax in a query is always literal."""
from __future__ import annotations

import unicodedata

import pytest

from tests.core.helpers import only_reply


async def closed_round_with(bot, answers: dict[str, str]) -> None:
    await bot.command("admin", "open")
    for user, text in answers.items():
        assert only_reply(await bot.say(user, text)).status == "saved"
    await bot.command("admin", "close")


async def search(bot, words: str) -> str:
    return only_reply(await bot.command("carol", f"search {words}")).text


@pytest.fixture
async def searchable(group_bot):
    await closed_round_with(group_bot, {
        "alice": "L'ÉCOLE normale reste ouverte",
        "bob": "ΩMEGA is the last letter",
        "dave": "Die Straße ist lang",
        "erin": "weird NEAR(x y) and \"quoted\" * stars ^caret AND OR words",
    })
    return group_bot


@pytest.mark.parametrize("query, who", [
    ("ÉC", "Alice"), ("éC", "Alice"), ("Ωm", "Bob"), ("ωm", "Bob"),  # short terms: the scan
    ("ÉCOLE", "Alice"), ("école", "Alice"), ("ωmega", "Bob"),  # long non-ASCII terms
    ("STRAẞE", "Dave"), ("straße", "Dave"), ("ẞ", "Dave"),  # full folding: ß and ẞ are ss on both sides
])
async def test_case_folding_is_unicode_on_both_sides(searchable, query, who):
    found = await search(searchable, query)
    assert f"{who}:" in found and "1 answer for " in found, (query, found)


@pytest.mark.parametrize("query", ["école", "ÉC", "L'école normale"])
async def test_an_nfd_query_finds_nfc_answers(searchable, query):
    nfd = unicodedata.normalize("NFD", query)
    assert nfd != query
    assert "Alice:" in await search(searchable, nfd)


@pytest.mark.parametrize("query", ["NEAR(x", '"quoted"', "*", "^caret", "AND OR", "AND", "^"])
async def test_fts_syntax_is_taken_literally(searchable, query):
    found = await search(searchable, query)
    assert "Erin:" in found and "Alice:" not in found, (query, found)
