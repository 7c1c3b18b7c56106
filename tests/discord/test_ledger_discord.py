"""The prediction ledger's acceptance stories on Discord: the real discord.py against FakeDiscord,
with the core, a real SQLite file and a fake clock. Forecasts by button, by the modal's number
field and by command; the revisit a year on with its Resolve buttons and its thread; a refused
resolve, a resolve, a second click that changes nothing; the Brier lines in the revisit's thread;
a call graded by its author from a DM, and not by anyone else."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.ids import AnswerButton, GradeButton, ProbabilityButton, ResolveButton, SkipButton, decode_button, encode
from tests.discord.harness import ADMIN, EPHEMERAL, MANAGE, MEMBER, OTHER, PLAIN, World, assert_no_mentions
from tests.discord.test_digest_split_discord import check_payload
from tests.fakes import discord_payloads as P

ASKED = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)  # Monday of 2026-W02
DUE = datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc)  # past the 12-month horizon and a Monday 09:00
CALL_DUE = datetime(2026, 7, 13, 10, 0, tzinfo=timezone.utc)  # past next-hype's 6 months


@pytest.fixture
async def w(world: World) -> World:
    world.clock.set(ASKED)
    await world.start_bot()
    return world


async def handled(w: World, dispatch) -> dict:
    """Dispatch one interaction, wait until the adapter handled it, deliver the outbox."""
    before = w.adapter.inbound.handled
    inter = await dispatch
    await w.adapter.inbound.wait_handled(before + 1)
    await w.runtime.flush()
    return inter


async def dispatched(w: World, inter: dict) -> dict:
    await w.fake.dispatch("INTERACTION_CREATE", inter)
    return inter


async def private_text(w: World, inter: dict) -> str:
    """The text of an ephemeral answer to an interaction (asserting that it is ephemeral)."""
    callback = await w.callback(inter)
    assert callback["type"] == 5 and callback["data"]["flags"] & EPHEMERAL, callback
    messages = await w.reply(inter)
    assert all(m["flags"] & EPHEMERAL for m in messages)
    return "\n".join(m["content"] or "" for m in messages)


async def command(w: World, user: dict, text: str) -> str:
    sub, _, rest = text.partition(" ")
    inter = await handled(w, w.slash(user, sub, rest or None, perms=MANAGE if user is ADMIN else PLAIN))
    return "\n".join(m["content"] or "" for m in await w.reply(inter))


async def open_round(w: World, prompt_id: str) -> tuple[int, dict]:
    await command(w, ADMIN, "setup")
    assert prompt_id in await command(w, ADMIN, f"prompts next {prompt_id}")
    await command(w, ADMIN, "open")
    message = await w.prompt_post()
    (rnd,) = [r for g in w.store.groups.all() for r in w.store.rounds.of_group(g.id)]
    return rnd.id, message


def custom_ids(message: dict) -> list[str]:
    return [c["custom_id"] for row in message.get("components") or [] for c in row["components"]]


def revisits(w: World) -> list[dict]:
    return [m for m in w.fake.messages[w.cid] if any(isinstance(decode_button(c), ResolveButton)
                                                     for c in custom_ids(m))]


def body_of(w: World, message: dict) -> dict:
    """The REST payload that created ``message``."""
    (body,) = [b for b in w.fake.calls("POST /channels/{cid}/messages", cid=message["channel_id"])
               if [c["custom_id"] for row in b.get("components") or [] for c in row["components"]]
               == custom_ids(message) and b.get("embeds", [{}])[0].get("title") == message["embeds"][0]["title"]]
    return body


async def test_a_forecast_comes_back_a_year_on_and_is_resolved_once_by_an_admin(w: World):
    rid, prompt = await open_round(w, "cost-api-price-call")
    assert custom_ids(prompt)[2:] == [encode(ProbabilityButton(rid, p)) for p in (10, 30, 50, 70, 90)]
    assert [c["custom_id"] for c in prompt["components"][1]["components"]] == custom_ids(prompt)[2:], \
        "the probability buttons have a row of their own"

    # bo: the 70 % button on the prompt card
    assert "Saved" in await private_text(w, await handled(w, w.click(encode(ProbabilityButton(rid, 70)), prompt,
                                                                     MEMBER)))
    # chi: Answer, then the modal's short number field and the reason
    click = await handled(w, w.click(encode(AnswerButton(rid)), prompt, OTHER))
    modal = await w.callback(click)
    assert modal["type"] == 9
    number, why = (c["component"] for c in modal["data"]["components"])
    assert (number["custom_id"], number["type"], number["style"]) == ("probability", 4, 1)
    submit = await handled(w, w.submit(modal["data"]["custom_id"], {"probability": "20", "answer": "too early"},
                                       OTHER))
    assert "Saved" in await private_text(w, submit)
    # ada by command; a prediction without a probability is handed back
    refused = await command(w, ADMIN, "answer APIs will get cheap")
    assert "probability" in refused and "APIs will get cheap" in refused
    assert "Saved" in await command(w, ADMIN, "answer 50%")
    by_user = {a["user_id"]: a["probability"] for a in w.store.answers.of_round(rid)}
    assert by_user == {MEMBER["id"]: 70, OTHER["id"]: 20, ADMIN["id"]: 50}
    await command(w, ADMIN, "close")

    # a year on: the tick posts the revisit once, with its Resolve buttons and a thread
    w.clock.set(DUE)
    await w.runtime.tick()
    await w.runtime.tick()
    (revisit,) = revisits(w)
    body = body_of(w, revisit)
    check_payload(body)
    (embed,) = body["embeds"]
    assert "the week of Jan 5, 2026" in embed["title"]
    lines = embed["description"].splitlines()
    assert "> " + prompt["embeds"][0]["description"] in lines
    assert "**bo**: 70%" in lines and "**chi**: 20% — too early" in lines and "**ada**: 50%" in lines
    assert any("median 50%" in line for line in lines)
    assert [[c["custom_id"] for c in row["components"]] for row in body["components"]] \
        == [[encode(ResolveButton(rid, o)) for o in ("yes", "no", "ambiguous")]]
    assert [c["label"] for c in body["components"][0]["components"]] == ["Yes", "No", "Ambiguous"]
    thread = revisit["id"]
    assert w.fake.channels[thread]["parent_id"] == w.cid
    assert w.fake.messages.get(thread, []) == []

    # bo is no admin: refused privately, nothing stored, nothing posted
    refused = await private_text(w, await handled(w, w.click(encode(ResolveButton(rid, "yes")), revisit, MEMBER)))
    assert "admin" in refused.lower()
    assert w.store.rounds.get(rid).outcome is None and w.fake.messages.get(thread, []) == []

    # ada resolves it: stored, and the Brier lines land in the revisit's thread
    done = await private_text(w, await handled(w, w.click(encode(ResolveButton(rid, "yes")), revisit, ADMIN,
                                                          perms=MANAGE)))
    assert "Resolved the week of Jan 5, 2026: yes" in done
    assert w.store.rounds.get(rid).outcome == "yes"
    (follow,) = w.fake.messages[thread]
    assert revisits(w)[-1] is revisit and w.fake.messages[w.cid][-1] is revisit, "nothing more in the channel"
    text = follow["content"]
    assert "bo: 70% → Brier 0.09" in text and "chi: 20% → Brier 0.64" in text
    assert "ada: 50% → Brier 0.25" in text and "median Brier: 0.25" in text

    # a second click (another outcome, then the same) does nothing twice
    channel_before = len(w.fake.messages[w.cid])
    for outcome in ("no", "yes"):
        again = await private_text(w, await handled(w, w.click(encode(ResolveButton(rid, outcome)), revisit, ADMIN,
                                                               perms=MANAGE)))
        assert "already resolved" in again
    assert w.store.rounds.get(rid).outcome == "yes"
    assert len(w.fake.messages[thread]) == 1 and len(w.fake.messages[w.cid]) == channel_before

    assert "Brier 0.09 (-0.16 vs. group)" in await command(w, MEMBER, "ledger")
    assert "Brier 0.64" in await command(w, OTHER, "ledger")
    assert_no_mentions(w.fake)


async def test_a_call_is_graded_by_its_author_from_a_dm_and_by_nobody_else(w: World):
    rid, prompt = await open_round(w, "next-hype")
    click = await handled(w, w.click(encode(AnswerButton(rid)), prompt, MEMBER))
    modal = (await w.callback(click))["data"]
    field = modal["components"][0]["component"]["custom_id"]
    await private_text(w, await handled(w, w.submit(modal["custom_id"], {field: "AI agents that pay for things"},
                                                    MEMBER)))
    assert "Skipped" in await private_text(w, await handled(w, w.click(encode(SkipButton(rid)), prompt, OTHER)))
    await command(w, ADMIN, "close")
    w.clock.set(CALL_DUE)
    await w.runtime.tick()

    (revisit,) = [m for m in w.fake.messages[w.cid]
                  if "AI agents that pay for things" in "".join(e.get("description") or "" for e in m["embeds"])
                  and "the week of Jan 5, 2026" in m["embeds"][0].get("title", "") and "digest" not in m["embeds"][0]["title"].lower()]
    assert custom_ids(revisit) == [], "a call has no Resolve buttons"
    dm = w.fake.dm_channels[MEMBER["id"]]
    (sent,) = [m for m in w.fake.messages[dm["id"]] if custom_ids(m)]
    assert custom_ids(sent) == [f"{encode(GradeButton(rid, g))}|g{w.gid}" for g in ("right", "partly", "wrong")]
    assert OTHER["id"] not in w.fake.dm_channels and ADMIN["id"] not in w.fake.dm_channels

    # chi, who skipped that round, clicks a grade button: he made no call, and bo's is not graded
    chi_dm = P.dm_channel(None, OTHER)
    inter = P.component_interaction(custom_ids(sent)[0], sent, app_id=w.fake.app_id, guild_id=None, user=OTHER,
                                    channel_id=chi_dm["id"], channel=chi_dm)
    assert "only the author" in await private_text(w, await handled(w, dispatched(w, inter)))
    assert [a["grade"] for a in w.store.answers.of_round(rid)] == [None]

    inter = P.component_interaction(custom_ids(sent)[1], sent, app_id=w.fake.app_id, guild_id=None, user=MEMBER,
                                    channel=dm)
    assert "Graded your call from the week of Jan 5, 2026" in await private_text(
        w, await handled(w, dispatched(w, inter)))
    assert [(a["user_id"], a["grade"]) for a in w.store.answers.of_round(rid)] == [(MEMBER["id"], "partly")]
    assert "hit rate 50%" in await command(w, MEMBER, "ledger")
    assert_no_mentions(w.fake)
