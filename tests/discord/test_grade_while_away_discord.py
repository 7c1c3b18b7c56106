"""On Discord: a call's author who answered while marked away grades it from the buttons of
their DM (they were "no longer valid" before)."""
from __future__ import annotations

from bot.ids import GradeButton, encode
from tests.discord.harness import ADMIN, MEMBER, World
from tests.discord.test_ledger_discord import (CALL_DUE, command, custom_ids, dispatched, handled, open_round,
                                               private_text, w)
from tests.fakes import discord_payloads as P

__all__ = ["w"]  # the fixture


async def test_an_author_away_when_they_answered_grades_from_the_dm(w: World):
    rid, _ = await open_round(w, "next-hype")
    away = await handled(w, w.slash(MEMBER, "away", "until 2026-02-02", option="until"))
    assert "away until Mon, Feb 2, 2026" in await private_text(w, away)
    assert "Saved" in await command(w, MEMBER, "answer AI agents that pay for things")
    await command(w, ADMIN, "close")
    w.clock.set(CALL_DUE)
    await w.runtime.tick()

    dm = w.fake.dm_channels[MEMBER["id"]]
    (sent,) = [m for m in w.fake.messages[dm["id"]] if custom_ids(m)]
    assert custom_ids(sent) == [f"{encode(GradeButton(rid, g))}|g{w.gid}" for g in ("right", "partly", "wrong")]
    inter = P.component_interaction(custom_ids(sent)[2], sent, app_id=w.fake.app_id, guild_id=None, user=MEMBER,
                                    channel=dm)
    text = await private_text(w, await handled(w, dispatched(w, inter)))
    assert text.startswith("Graded your call from the week of Jan 5, 2026:") and "wrong" in text, text
    assert [(a["user_id"], a["grade"]) for a in w.store.answers.of_round(rid)] == [(MEMBER["id"], "wrong")]


