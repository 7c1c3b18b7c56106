"""A digest of 60 long answers (Korean, English, emoji) is split within every Discord limit,
in the channel post (continued in a thread) and in /hindsight digest; nothing is lost."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from adapters.discord.render import (CONTENT_LIMIT, DESCRIPTION_LIMIT, EMBEDS_TOTAL_LIMIT, clip, digest_messages,
                                     size, split_text)
from bot.actions import AnswerStatus
from bot.digest import Digest, DigestEntry
from bot.domain import ChannelRef, MemberRef
from bot.events import AnswerSubmitted, Origin
from tests.discord.harness import ADMIN, MANAGE, MEMBER

def long_answer(i: int, limit: int = 2000) -> str:
    base = (f"[{i:02d}] 다음 하이프는 무엇일까요? The next hype after generative AI 🚀🔥 is probably "
            f"something boring that earns money in a bear market. 베어마켓에서도 살아남는 사업 💸. ")
    text = (base * 40)[: limit - 10]
    return f"{text} END{i:02d}"


def check_payload(body: dict) -> str:
    """Assert one message payload is within Discord's limits; return its embed text."""
    assert size(body.get("content") or "") <= CONTENT_LIMIT
    embeds = body.get("embeds") or []
    assert len(embeds) <= 10
    total = 0
    for e in embeds:
        assert size(e.get("description")) <= DESCRIPTION_LIMIT and len(e.get("description") or "") <= DESCRIPTION_LIMIT
        assert len(e.get("fields") or []) <= 25
        assert size(e.get("title")) <= 256
        total += size(e.get("title")) + size(e.get("description")) + size((e.get("footer") or {}).get("text"))
        total += sum(size(f["name"]) + size(f["value"]) for f in e.get("fields") or [])
    assert total <= EMBEDS_TOTAL_LIMIT
    assert body["allowed_mentions"] == {"parse": []}
    return "\n".join(e.get("description") or "" for e in embeds)


async def test_sixty_long_answers(bot):
    fake, store, service = bot.fake, bot.store, bot.service
    await bot.reply(await bot.slash(ADMIN, "setup", perms=MANAGE))
    group = store.groups.all()[0]
    store.groups.update(group.id, answer_limit=2000)
    await bot.reply(await bot.slash(ADMIN, "open", perms=MANAGE))
    await bot.prompt_post()
    channel = ChannelRef("discord", bot.gid, bot.cid)
    texts = [long_answer(i) for i in range(60)]
    for i, text in enumerate(texts):
        member = MemberRef("discord", bot.gid, str(720000000000000000 + i), f"멤버 {i} member")
        [reply] = service.handle(AnswerSubmitted(Origin(member, channel), text, "form", event_id=f"e{i}"))
        assert reply.status == AnswerStatus.SAVED
    assert any(size(t) > len(t) for t in texts)  # emoji count twice in UTF-16

    await bot.reply(await bot.slash(ADMIN, "close", perms=MANAGE))
    await bot.until(lambda: bot.pending_posts() == 0, what="digest delivered")
    [first] = [b for b in fake.calls("POST /channels/{cid}/messages", cid=bot.cid) if "digest" in
               (b.get("embeds") or [{}])[0].get("title", "").lower()]
    digest_id = fake.messages[bot.cid][-1]["id"]
    rest = fake.calls("POST /channels/{cid}/messages", cid=digest_id)
    assert rest, "the digest continues in a thread on its first message"
    assert fake.calls("POST /channels/{cid}/messages/{mid}/threads", cid=bot.cid, mid=digest_id)
    posted = "\n".join(check_payload(b) for b in [first, *rest])
    for text in texts:
        assert text in posted
    assert "60 of 60" in posted

    # the same digest, privately, through /hindsight digest
    expected = len(digest_messages(bot.service.build_digest(store.rounds.closed(group.id)[0])))
    assert expected == 1 + len(rest)
    ask = await bot.slash(MEMBER, "digest", "latest")
    shown = await bot.reply(ask, followups=expected - 1)
    edits = fake.calls("PATCH /webhooks/{app}/{token}/messages/{mid}", app=fake.app_id, token=ask["token"], mid="@original")
    follow = fake.calls("POST /webhooks/{app}/{token}", app=fake.app_id, token=ask["token"])
    assert len(follow) == expected - 1 and all(b["flags"] == 64 for b in follow)
    private = "\n".join(check_payload(b) for b in [*edits, *follow])
    assert all(text in private for text in texts) and len(shown) == expected


def sample_digest(entries: list[tuple[str | None, str]], title: str = "Hindsight digest · 2026-W10 · g") -> Digest:
    return Digest(1, "g", "2026-W10", title, "What is the next hype?", "n of m answered",
                  entries=tuple(DigestEntry(a, t) for a, t in entries), empty="Nobody answered.")


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=5000)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.text(min_size=1, max_size=40)), _text), max_size=30))
def test_digest_messages_fit_for_any_text(entries):
    messages = digest_messages(sample_digest(entries))
    joined = []
    for embeds in messages:
        assert 1 <= len(embeds) <= 10
        assert sum(size(e.title) + size(e.description) for e in embeds) <= EMBEDS_TOTAL_LIMIT
        for e in embeds:
            assert size(e.description) <= DESCRIPTION_LIMIT and not e.fields
            joined.append(e.description)
    whole = "".join(joined).replace("\n", "")
    for _, text in entries:
        assert text.strip().replace("\n", "") in whole


@settings(max_examples=100, deadline=None)
@given(_text, st.integers(min_value=2, max_value=3000))
def test_split_text_keeps_everything(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(size(p) <= limit for p in pieces)
    clipped = clip(text, limit)
    assert size(clipped) <= limit and (clipped == text or clipped.endswith("…"))
