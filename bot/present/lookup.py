"""Words for looking back: search results, a member's history, and who a command could not name.
Each answer's line starts with its week for people (`week of Nov 30, 2026`)."""
from __future__ import annotations

from typing import Any, Callable

from bot import catalog
from bot.actions import Action, Reply
from bot.participation import sparkline
from bot.present import clip
from bot.present.format import Count, Week
from bot.results import Found, History, LookupRefused, MemberAmbiguous, MemberUnknown, SearchResults

QUERY_CLIP = 60


def answers(n: int) -> Count:
    return Count(n, "answer", "answers", "건")


def week_words(lang: str, period: str) -> str:
    """A week with its year, in each language of the text ("both": English / Korean)."""
    return " / ".join(Week(period, year=True).localize(one) for one in (("en", "ko") if lang == "both" else (lang,)))


def line(lang: str, found: Found) -> str:
    mark = " " + catalog.t(lang, "open_mark") if found.open else ""
    who = f"{found.author}: " if found.author else ""
    score = f"[{found.score}] " if found.score is not None else ""
    return f"{week_words(lang, found.period)}{mark} · {who}{score}{clip(found.text)}"


def search(lang: str, result: SearchResults) -> list[Action]:
    query = clip(result.query, QUERY_CLIP)
    if not result.found:
        return [Reply(catalog.t(lang, "search_none", query=query))]
    head = catalog.t(lang, "search_head", count=answers(len(result.found)), query=query)
    return [Reply("\n".join([head] + [line(lang, f) for f in result.found]))]


def history(lang: str, result: History) -> list[Action]:
    if not result.found:
        return [Reply(catalog.t(lang, "history_none"))]
    body = [catalog.t(lang, "history_head", name=result.name, count=answers(len(result.found)))]
    body += [line(lang, f) for f in result.found]
    if len(result.scores) > 1:
        body.append(catalog.t(lang, "history_scores", spark=sparkline(list(result.scores), 1, 5),
                              trend=" → ".join(map(str, result.scores))))
    return [Reply("\n".join(body))]


def refused(lang: str, result: LookupRefused) -> list[Action]:
    return [Reply(catalog.t(lang, result.why.value))]


def unknown(lang: str, result: MemberUnknown) -> list[Action]:
    return [Reply(catalog.t(lang, "member_not_found", name=result.name[:40]))]


def ambiguous(lang: str, result: MemberAmbiguous) -> list[Action]:
    choices = "\n".join(f"• {name[:40]} ({platform} {user_id})" for name, platform, user_id in result.choices[:10])
    return [Reply(catalog.t(lang, "member_ambiguous", name=result.name[:40], choices=choices))]


PRESENTERS: dict[type, Callable[[str, Any], list[Action]]] = {
    SearchResults: search,
    History: history,
    LookupRefused: refused,
    MemberUnknown: unknown,
    MemberAmbiguous: ambiguous,
}
