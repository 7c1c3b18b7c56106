"""Use cases that read: digests, search and history."""
from __future__ import annotations

import unicodedata

from bot.actions import Action, Reply, ShowDigest
from bot.digest import Digest, DigestEntry
from bot.domain import Round
from bot.timing import period_of, shift_period

MAX_RESULTS = 20
_SNIPPET = 200


def clip(text: str, n: int = _SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class ReadingUseCases:
    def build_digest(self, rnd: Round) -> Digest:
        group = self.store.group(rnd.group_id)
        prompt = self.store.prompt(rnd.prompt_id)
        lang = group.language
        rows = self.store.round_answers(rnd.id)
        skipped = len(self.store.round_skips(rnd.id))
        answered = len(rows)
        roster = len(self.store.roster(group.id, rnd.period))
        # Everyone who answered or skipped this round is a member, whatever the 8-round rule says.
        members = max(min(roster, self.store.ever_answered(group.id)), answered + skipped)
        notes = []
        if rnd.late and rnd.closed_at:
            notes.append(self.t(lang, "digest_late", closes=self.local_time(group, rnd.closes_at),
                                closed=self.local_time(group, rnd.closed_at)))
        if rnd.is_open:
            notes.append(self.t(lang, "digest_open"))
        scale_lines: tuple[str, ...] = ()
        labels = self.labels(prompt, lang)
        if prompt.kind == "scale":
            scores = [r["score"] for r in rows if r["score"] is not None]
            lines = [f"{n} · {labels[n - 1]}: {'█' * scores.count(n)} {scores.count(n)}" for n in range(5, 0, -1)]
            avg = f"{sum(scores) / len(scores):.2f}" if scores else "–"
            lines.append(self.t(lang, "digest_average", average=avg, count=len(scores)))
            scale_lines = tuple(lines)
        if rnd.anonymous:
            # Anonymity is the round's, fixed when it opened: a later "anonymous=no" shows no
            # author. The order of answering could point at someone too, so it is not kept.
            rows = sorted(rows, key=lambda r: (r["text"], r["score"] or 0))
        entries = tuple(
            DigestEntry(None if rnd.anonymous else r["author"], r["text"], r["score"],
                        labels[r["score"] - 1] if r["score"] else None)
            for r in rows
        )
        return Digest(
            round_id=rnd.id, group=group.name, period=rnd.period,
            title=self.t(lang, "digest_title", period=rnd.period, group=group.name),
            prompt=self.prompt_text(prompt, lang),
            summary=self.t(lang, "digest_summary", answered=answered, members=members, skipped=skipped),
            notes=tuple(notes), scale_lines=scale_lines, entries=entries,
            empty=self.t(lang, "digest_empty"), anonymous=rnd.anonymous,
        )

    def find_round(self, ctx, query) -> tuple[str | None, Round | None]:
        """The period a digest query names, and its round (open or closed) if there is one."""
        group = ctx.group
        if query.kind == "latest":
            closed = self.store.closed_rounds(group.id, limit=1)
            return (closed[0].period, closed[0]) if closed else (None, None)
        if query.kind == "back":
            try:
                period = shift_period(period_of(self.clock.now(), group.timezone), -query.weeks)
            except ValueError:
                return None, None
        else:
            period = query.period
        return period, self.store.round_for_period(group.id, period)

    def cmd_digest(self, ctx, cmd) -> list[Action]:
        query = cmd.digest
        if query.kind == "list":
            rounds = self.store.closed_rounds(ctx.group.id, limit=52)
            if not rounds:
                return self.say(ctx, "digest_none")
            lines = [self.t(ctx.lang, "digest_list_head", group=ctx.group.name)]
            for r in rounds:
                prompt = self.store.prompt(r.prompt_id)
                lines.append(f"{r.period} · {clip(self.prompt_text(prompt, ctx.lang).splitlines()[0], 80)}")
            return [Reply("\n".join(lines))]
        period, rnd = self.find_round(ctx, query)
        if rnd is None and (query.kind == "latest" or period is None):
            return self.say(ctx, "digest_none")
        if rnd is None:
            return self.say(ctx, "digest_not_found", period=period)
        if rnd.is_open:
            return self.say(ctx, "digest_sealed", period=period)
        if query.post and not ctx.is_admin:
            return self.say(ctx, "admins_only", command="digest … post")
        return [ShowDigest(self.build_digest(rnd), public=query.post)]

    def anonymous_rounds(self, group_id: int) -> set[int]:
        return {r.id for r in self.store.rounds_of(group_id) if r.anonymous}

    def result_lines(self, ctx, rows: list[dict], *, authors: bool, hidden: frozenset[int] | set[int] = frozenset()) -> list[str]:
        """One line per answer; no author where ``authors`` is off or the round is in ``hidden``."""
        lines = []
        for r in rows:
            who = f"{r['author']}: " if authors and r["round_id"] not in hidden else ""
            score = f"[{r['score']}] " if r["score"] is not None else ""
            mark = "" if r["closed_at"] else " " + self.t(ctx.lang, "open_mark")
            lines.append(f"{r['period']}{mark} · {who}{score}{clip(r['text'])}")
        return lines

    def cmd_search(self, ctx, cmd) -> list[Action]:
        # NFC at the edge: a query typed on macOS arrives decomposed (NFD), answers are stored NFC.
        query = unicodedata.normalize("NFC", cmd.text)
        terms = [t for t in (w.strip('"\'') for w in query.split()) if t][:8]
        if not terms:
            return self.say(ctx, "search_needs_words")
        long = [t for t in terms if len(t) >= 3]
        short = [t for t in terms if len(t) < 3]
        rows = self.store.search(ctx.group.id, long, short, ctx.member_id, limit=MAX_RESULTS)
        if not rows:
            return self.say(ctx, "search_none", query=clip(query, 60))
        head = self.t(ctx.lang, "search_head", count=len(rows), query=clip(query, 60))
        lines = self.result_lines(ctx, rows, authors=not ctx.group.anonymous,
                                  hidden=self.anonymous_rounds(ctx.group.id))
        return [Reply("\n".join([head] + lines))]

    def cmd_history(self, ctx, cmd) -> list[Action]:
        member_id = ctx.member_id
        if cmd.words:
            found, problem = self.resolve_member(ctx, cmd.words[0])
            if found is None:
                return problem
            if found != ctx.member_id and ctx.group.anonymous:
                return self.say(ctx, "history_anonymous")
            member_id = found
        rows = self.store.history(ctx.group.id, member_id, ctx.member_id)
        if member_id != ctx.member_id:
            # Another member's answers from anonymous rounds are theirs alone, whatever the
            # group's setting is today.
            hidden = self.anonymous_rounds(ctx.group.id)
            rows = [r for r in rows if r["round_id"] not in hidden]
        if not rows:
            return self.say(ctx, "history_none")
        head = self.t(ctx.lang, "history_head", name=rows[0]["author"], count=len(rows))
        body = self.result_lines(ctx, rows, authors=False)
        scores = [r["score"] for r in reversed(rows) if r["score"] is not None]
        if len(scores) > 1:
            body.append(self.t(ctx.lang, "history_scores", trend=" → ".join(map(str, scores[-12:]))))
        return [Reply("\n".join([head] + body))]
