"""Search: FTS5 trigram (Korean substrings), short terms by scan, FTS syntax taken literally,
scoped by group, and sealed answers of an open round."""
from __future__ import annotations

import pytest

from storage.db import connect
from storage.store import Store
from tests.core.helpers import all_answers, only_reply, text_of


async def close_round_with(bot, answers: dict[str, str]) -> None:
    await bot.command("admin", "open")
    for user, text in answers.items():
        assert only_reply(await bot.say(user, text)).status == "saved"
    await bot.command("admin", "close")


async def search(bot, user: str, words: str) -> str:
    return only_reply(await bot.command(user, f"search {words}")).text


async def test_korean_substring_is_found(group_bot):
    await close_round_with(group_bot, {"alice": "하이프는 끝났다", "bob": "비트코인은 살아남는다"})
    found = await search(group_bot, "carol", "하이프")
    assert "1 answer for " in found and "Alice: 하이프는 끝났다" in found
    assert "비트코인" not in found
    assert "Bob: 비트코인은" in await search(group_bot, "carol", "코인은")


async def test_short_terms_use_the_scan(group_bot):
    await close_round_with(group_bot, {"alice": "Open models and AI costs", "bob": "Voice UX is rare",
                                       "carol": "ai agents everywhere"})
    found = await search(group_bot, "dave", "AI")
    assert "Alice:" in found and "Carol:" in found and "Bob:" not in found
    # A short term and a long term together: both must match.
    both = await search(group_bot, "dave", "AI agents")
    assert "Carol:" in both and "Alice:" not in both
    assert "Bob:" in await search(group_bot, "dave", "UX")
    assert "Nothing found" in await search(group_bot, "dave", "UX agents")


HOSTILE = [
    '"', '""', '"unbalanced', "*", "a*", "NEAR(", "NEAR(a b)", "AND OR", "AND", "OR NOT", "^", "^start",
    "text:foo", "answers_fts:foo", "{text}: x", "(", ")", "a OR b", "-", "+", "'", "\\", "%", "_",
    "; DROP TABLE answers", "col:*", "\x00", "NEAR", '"a" "b', "*:*", "x" * 300,
]


async def test_fts_syntax_never_raises_and_is_literal(group_bot, store):
    await close_round_with(group_bot, {"alice": "plain words only", "bob": 'weird "quoted" text:foo AND OR ^ NEAR( *'})
    for query in HOSTILE:
        text = text_of(await group_bot.command("carol", f"search {query}"))
        assert text, f"search always answers ({query!r})"
        assert "plain words only" not in text, f"{query!r} must not match alice's answer"
    assert len(all_answers(store)) == 2


@pytest.mark.parametrize("query", ["text:foo", "AND OR", "NEAR(", "^", "*", "quoted", '"quoted"'])
async def test_fts_operators_match_literally(group_bot, query):
    await close_round_with(group_bot, {"alice": "plain words only", "bob": 'weird "quoted" text:foo AND OR ^ NEAR( *'})
    found = await search(group_bot, "carol", query)
    assert "Bob: weird" in found, found
    assert "Alice:" not in found


def test_store_search_quotes_every_term():
    """Purely about the query (so in memory): every term goes through MATCH as a literal string."""
    from datetime import datetime, timezone

    from bot.domain import MemberRef

    store = Store(connect(":memory:"))
    now = datetime(2026, 11, 30, tzinfo=timezone.utc)
    g = store.groups.create("g", now)
    pid = store.prompts.add(g.id, "text", "q", "q", (), now)
    rnd = store.rounds.insert(g.id, "2026-W49", pid, now, now)
    mid = store.members.ensure(MemberRef("memory", "w", "u", "U"))
    text = 'he said "NEAR(x" OR * text:col ^'
    store.answers.save(group_id=g.id, round_id=rnd.id, member_id=mid, text=text, score=None, source="form",
                      now=now, platform="memory")
    for term in ['"NEAR(x"', "NEAR(x", "OR *", "text:col", "col ^", '" OR', 'said "']:
        assert term in text
        assert len(store.answers.search(g.id, [term], [], mid)) == 1, term
    for term in ['"NEAR(y"', "AND OR", "text:foo", '""""', "NOT said", "NEAR(he said)"]:
        assert store.answers.search(g.id, [term], [], mid) == [], term
    assert len(store.answers.search(g.id, [], ["*", "^"], mid)) == 1
    assert store.answers.search(g.id, ["said"], ["%"], mid) == [], "short terms are matched literally too (no LIKE)"


async def test_search_is_scoped_by_group(bot, store):
    await bot.command("admin", "setup", channel="c1")
    await bot.command("admin", "setup", channel="c2")
    assert len(store.groups.all()) == 2
    await bot.command("admin", "open", channel="c1")
    await bot.command("admin", "open", channel="c2")
    from bot.events import AnswerSubmitted
    await bot._run(AnswerSubmitted(bot.origin("alice", "c2"), "secret of the other group", "form"))
    await bot.command("admin", "close", channel="c2")
    assert "Nothing found" in text_of(await bot.command("bob", "search secret", channel="c1"))
    assert "secret of the other group" in text_of(await bot.command("bob", "search secret", channel="c2"))


async def test_sealed_open_answer_only_for_its_author(group_bot, runtime, clock):
    bot = group_bot
    await runtime.tick()
    await bot.say("alice", "open round hype secret")
    assert "Nothing found" in await search(bot, "bob", "hype")
    mine = await search(bot, "alice", "hype")
    assert "open round hype secret" in mine and "(open)" in mine
    assert "Nothing found" in await search(bot, "admin", "secret"), "admins do not see sealed answers either"


async def test_anonymous_group_hides_authors_in_search(group_bot):
    await group_bot.command("admin", "settings anonymous=yes")
    await close_round_with(group_bot, {"alice": "anonymous hype take"})
    found = await search(group_bot, "bob", "hype")
    assert "anonymous hype take" in found and "Alice" not in found


async def test_search_needs_words(group_bot):
    assert "Search for what" in text_of(await group_bot.command("alice", "search"))
    assert "Search for what" in text_of(await group_bot.command("alice", 'search "" \'\''))
