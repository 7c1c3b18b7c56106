"""Scale prompts (score buttons, counts per score, the average) and prediction prompts."""
from __future__ import annotations

from bot.actions import OpenForm
from tests.core.helpers import answer_row, digest_posts, only_reply, text_of


async def keep_only(bot, store, key: str) -> None:
    """Take every other prompt out of the group's rotation, through `prompts remove`."""
    group = store.groups.all()[0]
    for p in store.prompts.active(group.id):
        if p.key != key:
            assert "Removed prompt" in text_of(await bot.command("admin", f"prompts remove {p.id}"))
    assert [p.key for p in store.prompts.active(group.id)] == [key]


async def test_scale_round(group_bot, store, runtime, clock):
    bot = group_bot
    await keep_only(bot, store, "bear-score")
    await runtime.tick()
    (post,) = bot.posts
    card = post.card
    rid = card.round_id
    assert card.kind == "scale" and "Pick a score" in card.footer
    scores = [b for b in card.buttons if b.action.startswith("hs:score:")]
    assert [b.action for b in scores] == [f"hs:score:{rid}:{n}" for n in range(1, 6)]
    assert scores[0].label == "1 · Would not survive" and scores[4].label == "5 · Stronger in a bear market"

    assert only_reply(await bot.click("alice", f"hs:score:{rid}:4", event_id="click-1")).status == "saved"
    assert await bot.click("alice", f"hs:score:{rid}:4", event_id="click-1") == [], "a repeated click is one"
    (form,) = await bot.click("alice", f"hs:answer:{rid}")
    assert isinstance(form, OpenForm) and form.form.fields[0].required is False
    await bot.submit("alice", form.form.id, {"answer": "Recurring revenue from B2B"}, event_id="v1")
    alice = answer_row(store, "alice")
    assert (alice["score"], alice["text"]) == (4, "Recurring revenue from B2B"), "text added, score kept"
    await bot.click("bob", f"hs:score:{rid}:2")
    assert only_reply(await bot.command("carol", "answer 5: we are profitable")).status == "saved"
    assert (answer_row(store, "carol")["score"], answer_row(store, "carol")["text"]) == (5, "we are profitable")
    await bot.click("dave", f"hs:score:{rid}:4")
    assert only_reply(await bot.click("dave", f"hs:score:{rid}:3")).status == "replaced"
    assert answer_row(store, "dave")["score"] == 3
    # Not a score: refused, nothing stored.
    assert "no longer valid" in text_of(await bot.click("erin", f"hs:score:{rid}:6"))
    assert "no longer valid" in text_of(await bot.click("erin", f"hs:score:{rid}:0"))
    assert answer_row(store, "erin") is None

    clock.advance(days=6, hours=9)
    await runtime.tick()
    (dp,) = digest_posts(bot)
    d = dp.digest
    assert d.scale_lines == (
        "5 · Stronger in a bear market: █ 1",
        "4 · Mostly unaffected: █ 1",
        "3 · Would hold on: █ 1",
        "2 · Barely survive: █ 1",
        "1 · Would not survive:  0",
        "Average 3.5 from 4 scores.",
    )
    assert {(e.author, e.score, e.score_label) for e in d.entries} == {
        ("Alice", 4, "Mostly unaffected"), ("Bob", 2, "Barely survive"), ("Carol", 5, "Stronger in a bear market"),
        ("Dave", 3, "Would hold on")}


async def test_scale_counts_repeat_scores(group_bot, store, runtime, clock):
    bot = group_bot
    await keep_only(bot, store, "focus-score")
    await bot.command("admin", "open")
    rid = bot.posts[0].card.round_id
    for user, n in (("a", 5), ("b", 5), ("c", 5), ("d", 1)):
        await bot.click(user, f"hs:score:{rid}:{n}")
    await bot.command("admin", "close")
    d = digest_posts(bot)[0].digest
    assert d.scale_lines[0] == "5 · One clear bet: ███ 3"
    assert d.scale_lines[4] == "1 · Scattered: █ 1"
    assert d.scale_lines[5] == "Average 4.0 from 4 scores."


async def test_score_buttons_only_on_scale_prompts(group_bot, runtime):
    bot = group_bot
    await runtime.tick()
    card = bot.posts[0].card
    assert card.kind == "call" and not any(b.action.startswith("hs:score:") for b in card.buttons)
    assert "no longer valid" in text_of(await bot.click("alice", f"hs:score:{card.round_id}:3"))
    assert "no longer valid" in text_of(await bot.click("alice", "hs:score:9999:3"))
    # On a text prompt "answer 5: ..." is just text.
    await bot.command("alice", "answer 5: not a score")
    assert "5: not a score" in text_of(await bot.command("alice", "history"))


async def test_empty_scale_digest_has_no_average(group_bot, store):
    bot = group_bot
    await keep_only(bot, store, "survive-score")
    await bot.command("admin", "open")
    await bot.command("admin", "close")
    d = digest_posts(bot)[0].digest
    assert d.scale_lines[-1].endswith(":  0") and len(d.scale_lines) == 5 and not any("Average" in line for line in d.scale_lines)
    assert d.entries == () and d.empty == "Nobody answered this round."


async def test_prediction_round(group_bot, store, runtime, clock):
    bot = group_bot
    await keep_only(bot, store, "hype-six-month-call")
    await runtime.tick()
    card = bot.posts[0].card
    assert card.kind == "call" and "A call" in card.footer and "6 months" in card.footer
    await bot.say("alice", "In six months agents are boring infrastructure")
    clock.advance(days=6, hours=9)
    await runtime.tick()
    d = digest_posts(bot)[0].digest
    assert d.entries[0].text == "In six months agents are boring infrastructure" and d.scale_lines == ()
    # Months later, the call can be found again.
    clock.advance(days=180)
    assert "boring infrastructure" in text_of(await bot.command("alice", "search boring"))
    assert "boring infrastructure" in text_of(await bot.command("bob", "history alice"))
