"""The outbox: prompt and digest posts, claimed for delivery and marked when delivered."""
from __future__ import annotations

from datetime import timedelta

from bot.actions import PostResult
from bot.context import Deps
from bot.domain import ChannelRef
from bot.results import DigestDue, PromptDue
from bot.results.revisits import ResolutionDue, RevisitDue
from bot.usecases.digests import build_digest
from bot.usecases.revisits import resolution_due, revisit_due

CLAIM_STALE = timedelta(minutes=2)  # a claim older than this is retaken: its process died mid-send


def claim_posts(deps: Deps, platforms: set[str]) -> list[PromptDue | DigestDue | RevisitDue | ResolutionDue]:
    """Pending posts for the given platforms, claimed for delivery: what each is about (a
    prompt's round, a digest's facts, a revisit, an outcome); presentation words them."""
    now = deps.clock.now()
    out: list[PromptDue | DigestDue | RevisitDue | ResolutionDue] = []
    for row in deps.store.posts.claim_pending(now, now - CLAIM_STALE, platforms=sorted(platforms)):
        rnd = deps.store.rounds.get(row["round_id"])
        if rnd is None:
            continue
        ref = ChannelRef(row["platform"], row["workspace"], row["channel_ref"])
        if row["kind"] == "prompt":
            group, prompt = deps.store.groups.get(rnd.group_id), deps.store.prompts.get(rnd.prompt_id)
            assert group is not None and prompt is not None, f"round {rnd.id} without its group or prompt"
            out.append(PromptDue(row["id"], ref, group, rnd, prompt))
        elif row["kind"] == "revisit":
            out.append(revisit_due(deps, row["id"], ref, rnd))
        elif row["kind"] == "resolution":
            thread = deps.store.ledger.revisit_thread(rnd.id, row["channel_id"])
            out.append(resolution_due(deps, row["id"], ref, thread, rnd))
        else:
            out.append(DigestDue(row["id"], ref, build_digest(deps, rnd, with_chart=True)))
    return out


def post_delivered(deps: Deps, post_id: int, result: PostResult) -> None:
    deps.store.posts.mark_posted(post_id, result.message_id, result.thread_id, deps.clock.now())


def post_failed(deps: Deps, post_id: int, error: str) -> None:
    deps.store.posts.mark_failed(post_id, error)
