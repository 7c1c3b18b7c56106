"""Small helpers for the core tests."""
from __future__ import annotations

from datetime import datetime, timezone

from bot.actions import DigestPost, PromptPost, Reply, ShowDigest
from bot.digest import render_text


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def count(store, sql: str, *params) -> int:
    return store.db.execute(sql, params).fetchone()[0]


def answers(store) -> int:
    return len(all_answers(store))


# What the store holds, read through its own queries (not the schema) -------------------
def all_rounds(store) -> list:
    return [r for g in store.groups.all() for r in store.rounds.of_group(g.id)]


def all_posts(store, kind: str | None = None, status: str | None = None) -> list[dict]:
    return [p for r in all_rounds(store) for p in store.posts.of_round(r.id)
            if kind in (None, p["kind"]) and status in (None, p["status"])]


def all_answers(store) -> list[dict]:
    return [a for r in all_rounds(store) for a in store.answers.of_round(r.id)]


def all_skips(store) -> list[dict]:
    return [s for r in all_rounds(store) for s in store.answers.skips_of_round(r.id)]


def all_channels(store) -> list:
    return [c for g in store.groups.all() for c in store.channels.of_group(g.id)]


def all_admins(store) -> list:
    return [a for g in store.groups.all() for a in store.admins.of_group(g.id)]


def text_of(actions) -> str:
    """Everything a list of actions shows its reader, joined."""
    out = []
    for a in actions:
        if isinstance(a, Reply):
            out.append(a.text)
        elif isinstance(a, ShowDigest):
            out.append(render_text(a.digest))
        else:
            out.append(repr(a))
    return "\n".join(out)


def only_reply(actions) -> Reply:
    assert len(actions) == 1 and isinstance(actions[0], Reply), actions
    return actions[0]


def only_digest(actions):
    assert len(actions) == 1 and isinstance(actions[0], ShowDigest), actions
    return actions[0].digest


def answer_row(store, user: str) -> dict | None:
    rows = [a for a in all_answers(store) if a["user_id"] == user]
    assert len(rows) <= 1
    return rows[0] if rows else None


def the_group(store):
    (group,) = store.groups.all()
    return group


def prompt_posts(bot):
    return [p for p in bot.posts if isinstance(p, PromptPost)]


def digest_posts(bot):
    return [p for p in bot.posts if isinstance(p, DigestPost)]


async def run_week(bot, runtime, clock, answers: dict[str, str] | None = None, skips: tuple[str, ...] = ()):
    """From a Monday 09:00: open by tick, answer, close at Sunday 18:00 by tick, then move
    the clock to the next Monday 09:00 (without ticking). Returns the round id."""

    await runtime.tick()
    prompt = prompt_posts(bot)[-1]
    for user, text in (answers or {}).items():
        (reply,) = await bot.say(user, text)
        assert reply.status in ("saved", "replaced"), reply
    for user in skips:
        await bot.click(user, f"hs:skip:{prompt.card.round_id}")
    clock.advance(days=6, hours=9)
    await runtime.tick()
    clock.advance(hours=15)
    return prompt.card.round_id
