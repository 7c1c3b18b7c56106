"""Search follows each round's own anonymity, fixed when the round opened (as digests, history
and exports do), never the group's setting today."""
from __future__ import annotations

from tests.core.helpers import only_reply, run_week


async def search(bot, user: str, words: str) -> str:
    return only_reply(await bot.command(user, f"search {words}")).text


async def test_a_named_round_keeps_its_authors_after_the_group_turns_anonymous(group_bot, runtime, clock):
    bot = group_bot
    await run_week(bot, runtime, clock, answers={"alice": "named hype take", "bob": "another hype take"})
    await bot.command("admin", "settings anonymous=yes")
    await run_week(bot, runtime, clock, answers={"carol": "anonymous hype take"})
    found = (await search(bot, "dave", "hype")).splitlines()
    assert found[1:] == ["week of Dec 7, 2026 · anonymous hype take",
                         "week of Nov 30, 2026 · Alice: named hype take",
                         "week of Nov 30, 2026 · Bob: another hype take"]


async def test_an_anonymous_round_hides_its_authors_after_the_group_turns_it_off(group_bot, runtime, clock):
    bot = group_bot
    await bot.command("admin", "settings anonymous=yes")
    await run_week(bot, runtime, clock, answers={"alice": "zebra hype take", "bob": "apple hype take"})
    await bot.command("admin", "settings anonymous=no")
    await run_week(bot, runtime, clock, answers={"carol": "named hype take"})
    found = (await search(bot, "dave", "hype")).splitlines()
    # no author, and the anonymous round's answers in text order, not in the order they came
    assert found[1:] == ["week of Dec 7, 2026 · Carol: named hype take",
                         "week of Nov 30, 2026 · apple hype take",
                         "week of Nov 30, 2026 · zebra hype take"]
    assert "Alice" not in "\n".join(found) and "Bob" not in "\n".join(found)
