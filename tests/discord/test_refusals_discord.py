"""A refused answer on Discord hands the text back with its real cause, also for members the
bot has never seen, whatever step failed (issue 14, items 6 and 7)."""
from __future__ import annotations

import sqlite3

from bot import catalog
from tests.discord.harness import ADMIN, MANAGE, MEMBER, OTHER


async def test_new_members_under_a_held_lock_get_their_text_back(bot):
    fake = bot.fake
    await bot.reply(await bot.slash(ADMIN, "setup", perms=MANAGE))
    await bot.reply(await bot.slash(ADMIN, "open", perms=MANAGE))
    post = await bot.prompt_post()
    busy = catalog.t("en", "not_saved_busy")
    bot.db.execute("PRAGMA busy_timeout=50")
    holder = sqlite3.connect(bot.db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock past the busy timeout
    try:
        inter = await bot.slash(MEMBER, "answer", "typed with the slash command")
        token = inter["token"]
        await fake.wait_until(lambda: token in fake.original_responses, what="the refusal")
        await bot.thread_message(post["id"], OTHER, "typed in the thread")
        await fake.wait_until(lambda: OTHER["id"] in fake.dm_channels
                              and fake.messages[fake.dm_channels[OTHER["id"]]["id"]], what="the refusal by DM")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    slash = "".join(m["content"] for m in [fake.original_responses[token], *fake.followups.get(token, [])])
    assert "typed with the slash command" in slash and busy in slash
    [dm] = fake.messages[fake.dm_channels[OTHER["id"]]["id"]]
    assert "typed in the thread" in dm["content"] and busy in dm["content"]
    assert bot.answers() == []
    assert bot.db.execute("SELECT count(*) FROM members WHERE user_id IN (?, ?)",
                          (MEMBER["id"], OTHER["id"])).fetchone()[0] == 0
