"""User stories that every platform must pass, written against the Driver protocol.

Each story is ``async def story_xxx(driver)``; ``STORIES`` lists them all. A platform's
contract test parametrizes over STORIES with its own driver fixture::

    @pytest.mark.parametrize("story", STORIES, ids=lambda s: s.__name__)
    async def test_story(story, driver):
        await story(driver)

The group runs in English (the default), so stories may look for English words that the
message catalog fixes ("of", "skipped", "This week's prompt", "Hindsight digest").
"""
from __future__ import annotations

from tests.contract.driver import Driver

PROMPT_MARK = "This week's prompt"
DIGEST_MARK = "Hindsight digest"


# helpers -------------------------------------------------------------------
def all_rounds(driver: Driver) -> list:
    store = driver.store
    return [r for g in store.groups.all() for r in store.rounds.of_group(g.id)]


def all_answers(driver: Driver) -> list[dict]:
    return [a for r in all_rounds(driver) for a in driver.store.answers.of_round(r.id)]


def all_posts(driver: Driver) -> list[dict]:
    return [p for r in all_rounds(driver) for p in driver.store.posts.of_round(r.id)]


def answer_row(driver: Driver, user: str) -> dict:
    """The one answer row of a user (by platform user id or display name containing it)."""
    rows = all_answers(driver)
    who = user.lower()
    mine = [r for r in rows if who in (r["user_id"] or "").lower() or who in (r["author"] or "").lower()]
    assert len(mine) == 1, f"expected one answer row for {user}, got {rows}"
    return {k: mine[0][k] for k in ("text", "original_text", "source")}


async def prompts_posted(driver: Driver) -> list[str]:
    return [t for t in await driver.channel_texts() if PROMPT_MARK in t]


async def digests_posted(driver: Driver) -> list[str]:
    return [t for t in await driver.channel_texts() if DIGEST_MARK in t]


async def setup_and_open(driver: Driver) -> None:
    await driver.command("admin", "setup")
    await driver.command("admin", "open")
    assert len([r for r in all_rounds(driver) if r.is_open]) == 1


# stories -------------------------------------------------------------------
async def story_setup_then_open_posts_one_prompt(driver: Driver) -> None:
    shown = await driver.command("admin", "setup")
    assert shown.strip(), "setup must answer"
    assert len(driver.store.groups.all()) == 1
    assert len([c for g in driver.store.groups.all() for c in driver.store.channels.of_group(g.id)]) == 1
    assert await prompts_posted(driver) == []
    await driver.command("admin", "open")
    again = await driver.command("admin", "open")  # idempotent
    assert "already open" in again
    prompts = await prompts_posted(driver)
    assert len(prompts) == 1, prompts
    assert "Answer" in prompts[0] and "Skip" in prompts[0]
    assert len(all_rounds(driver)) == 1
    assert len([p for p in all_posts(driver) if (p["kind"], p["status"]) == ("prompt", "posted")]) == 1


async def story_answer_via_form_is_saved_and_sealed(driver: Driver) -> None:
    await setup_and_open(driver)
    secret = "Agents will eat vertical SaaS zebrafish"
    ack = await driver.click_answer_and_submit("alice", secret)
    assert "Saved" in ack, ack
    assert answer_row(driver, "alice") == {"text": secret, "original_text": secret, "source": "form"}
    seen_by_bob = await driver.command("bob", "search zebrafish")
    assert secret not in seen_by_bob, "an open round's answer is sealed from other members"
    seen_by_alice = await driver.command("alice", "search zebrafish")
    assert secret in seen_by_alice, "a member always sees their own open answer"
    assert all(secret not in t for t in await driver.channel_texts()), "nothing is posted before the digest"


async def story_answer_by_command(driver: Driver) -> None:
    await setup_and_open(driver)
    ack = await driver.command("bob", "answer Open Korean models are catching up")
    assert "Saved" in ack, ack
    assert answer_row(driver, "bob")["text"] == "Open Korean models are catching up"
    assert answer_row(driver, "bob")["source"] == "command"


async def story_replace_keeps_one_row_and_the_original(driver: Driver) -> None:
    await setup_and_open(driver)
    await driver.click_answer_and_submit("alice", "First thought: voice UX")
    ack = await driver.click_answer_and_submit("alice", "Second thought: clicks still win")
    assert "Replaced" in ack, ack
    assert len(all_answers(driver)) == 1
    row = answer_row(driver, "alice")
    assert row["text"] == "Second thought: clicks still win"
    assert row["original_text"] == "First thought: voice UX"


async def story_skip(driver: Driver) -> None:
    await setup_and_open(driver)
    ack = await driver.click_skip("bob")
    assert "Skipped" in ack, ack
    assert len([s for r in all_rounds(driver) for s in driver.store.answers.skips_of_round(r.id)]) == 1
    assert len(all_answers(driver)) == 0


async def story_thread_reply_counts_as_answer(driver: Driver) -> None:
    await setup_and_open(driver)
    await driver.reply_in_thread("carol", "GPU scarcity decides the next cycle")
    row = answer_row(driver, "carol")
    assert row["text"] == "GPU scarcity decides the next cycle"
    assert row["source"] == "thread"
    await driver.reply_in_thread("carol", "(and this later reply is only discussion)")
    assert len(all_answers(driver)) == 1
    assert answer_row(driver, "carol")["text"] == "GPU scarcity decides the next cycle"


async def story_close_posts_one_digest(driver: Driver) -> None:
    await setup_and_open(driver)
    await driver.click_answer_and_submit("alice", "Moats come from boring years of focus")
    await driver.click_skip("bob")
    await driver.reply_in_thread("carol", "Fine-tuning beats training for us")
    shown = await driver.command("admin", "close")
    assert "Closed" in shown, shown
    assert len([r for r in all_rounds(driver) if not r.is_open]) == 1
    digests = await digests_posted(driver)
    assert len(digests) == 1, digests
    digest = digests[0]
    assert "2 of 3" in digest, digest
    assert "1 skipped" in digest, digest
    assert "Moats come from boring years of focus" in digest
    assert "Fine-tuning beats training for us" in digest
    assert await driver.command("admin", "close")  # nothing open any more: still answers
    assert len(await digests_posted(driver)) == 1, "one digest per round"
    latest = await driver.command("bob", "digest latest")
    assert "Moats come from boring years of focus" in latest
    assert "2 of 3" in latest


async def story_search_finds_closed_answer(driver: Driver) -> None:
    await setup_and_open(driver)
    await driver.click_answer_and_submit("alice", "The hype ends, the invoices stay")
    await driver.command("admin", "close")
    found = await driver.command("bob", "search invoices")
    assert "The hype ends, the invoices stay" in found, found
    nothing = await driver.command("bob", "search metaverse")
    assert "The hype ends" not in nothing


async def story_non_admin_close_is_refused(driver: Driver) -> None:
    await setup_and_open(driver)
    shown = await driver.command("alice", "close")
    assert "admins" in shown.lower(), shown
    assert len([r for r in all_rounds(driver) if r.is_open]) == 1
    assert await digests_posted(driver) == []


async def story_too_long_answer_is_handed_back(driver: Driver) -> None:
    await setup_and_open(driver)
    text = "Long answer " + "가나다라마 " * 100  # 612 characters, limit 500
    shown = await driver.command("alice", "answer " + text)
    assert "500" in shown, shown
    assert text.strip() in shown, "the rejected text is handed back whole"
    assert len(all_answers(driver)) == 0


async def story_mentions_never_ping(driver: Driver) -> None:
    await setup_and_open(driver)
    text = "<!channel> @everyone @here <@U1> <@&42> hello all"
    await driver.click_answer_and_submit("alice", text)
    assert answer_row(driver, "alice")["text"] == text, "the answer is stored as written"
    await driver.command("admin", "close")
    assert len(await digests_posted(driver)) == 1
    check = getattr(driver, "assert_no_pings", None)
    if check is not None:
        check()


STORIES = [
    story_setup_then_open_posts_one_prompt,
    story_answer_via_form_is_saved_and_sealed,
    story_answer_by_command,
    story_replace_keeps_one_row_and_the_original,
    story_skip,
    story_thread_reply_counts_as_answer,
    story_close_posts_one_digest,
    story_search_finds_closed_answer,
    story_non_admin_close_is_refused,
    story_too_long_answer_is_handed_back,
    story_mentions_never_ping,
]
