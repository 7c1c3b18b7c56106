"""The archive formats (version 2): JSON, CSV and Markdown. Closed rounds only: answers
stay sealed until their digest.

Version 2 is version 1 plus the ledger: per answer its ``probability`` (percent, 0 to 100, for
prediction prompts) and its author's ``grade`` (right, partly or wrong, for call prompts), per
round the prompt's ``kind``, when its forecasts fall ``due`` and its ``outcome`` (yes, no or
ambiguous, once resolved), and the prompt's ``horizon_months``; each is null where it does not
apply. CSV appends the columns probability, grade and outcome.

Anonymity is the round's, fixed when it opened (``Round.anonymous``), whatever the group's
setting is today. An answer of an anonymous round carries no author, no platform, no source
and no timestamps of its own (``member``, ``platform``, ``source``, ``created_at`` and
``updated_at`` are null in JSON, empty in CSV): in a group on Slack and Discord at once,
the platform and the exact minute of an answer can point at one person. The round's
``period``, ``opened_at`` and ``closed_at`` are all the time it tells. Its answers are sorted
by text, not by when they came, and its skips are not listed. Its probabilities and grades
stay, without their authors.

``my-data`` (``member_json``) is one member's own answers in every group, open rounds too, with
their probabilities, original probabilities and grades, and each round's kind, due and
outcome."""
from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata

from bot.context import Deps
from bot.digest import render_text
from bot.domain import Group, Prompt, Round
from bot.present.digests import present_digest
from storage.store import Store

VERSION = 2
CSV_COLUMNS = ("group", "period", "prompt", "member", "platform", "text", "score", "created_at", "updated_at",
               "source", "probability", "grade", "outcome")


def round_answers(store: Store, rnd: Round) -> list[dict]:
    """The answers of a round as exported: an anonymous round's without who, where or when,
    sorted by text."""
    rows = store.answers.of_round(rnd.id)
    if not rnd.anonymous:
        return rows
    hidden = dict.fromkeys(("author", "platform", "source", "created_at", "updated_at"))
    return sorted(({**a, **hidden} for a in rows),
                  key=lambda a: (a["text"], a["score"] or 0, a["probability"] or 0, a["grade"] or ""))


def prompt_of(store: Store, prompt_id: int) -> Prompt:
    prompt = store.prompts.get(prompt_id)
    if prompt is None:  # the schema's foreign key makes this impossible
        raise LookupError(f"no prompt {prompt_id}")
    return prompt


def round_prompt(store: Store, rnd: Round) -> Prompt:
    return prompt_of(store, rnd.prompt_id)


def round_json(store: Store, rnd: Round) -> dict:
    prompt = round_prompt(store, rnd)
    answers = [
        {"member": a["author"], "platform": a["platform"], "text": a["text"],
         "score": a["score"], "created_at": a["created_at"], "updated_at": a["updated_at"], "source": a["source"],
         "probability": a["probability"], "grade": a["grade"]}
        for a in round_answers(store, rnd)
    ]
    return {
        "period": rnd.period,
        "kind": prompt.kind,
        "prompt": {"id": prompt.id, "kind": prompt.kind, "text_en": prompt.text_en, "text_ko": prompt.text_ko,
                   "horizon_months": prompt.horizon_months},
        "opened_at": rnd.opened_at.isoformat(),
        "closed_at": rnd.closed_at.isoformat() if rnd.closed_at else None,
        "due": rnd.due_at.isoformat() if rnd.due_at else None,
        "outcome": rnd.outcome,
        "answers": answers,
        "skipped": [s["author"] for s in store.answers.skips_of_round(rnd.id)] if not rnd.anonymous else [],
    }


def _groups(store: Store, names: list[str] | None) -> list[Group]:
    groups = store.groups.all()
    if names:
        missing = set(names) - {g.name for g in groups}
        if missing:
            raise KeyError(", ".join(sorted(missing)))
        groups = [g for g in groups if g.name in names]
    return groups


def _closed(store: Store, group: Group) -> list[Round]:
    return [r for r in store.rounds.of_group(group.id) if not r.is_open]


def export_json(store: Store, names: list[str] | None = None) -> dict:
    out = []
    for g in _groups(store, names):
        channels = [{"platform": c.ref.platform, "workspace": c.ref.workspace, "channel_id": c.ref.channel_id}
                    for c in store.channels.of_group(g.id)]
        out.append({"name": g.name, "timezone": g.timezone, "language": g.language, "channels": channels,
                    "rounds": [round_json(store, r) for r in _closed(store, g)]})
    return {"version": VERSION, "groups": out}


def export_csv(store: Store, names: list[str] | None = None) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for g in _groups(store, names):
        for r in _closed(store, g):
            prompt = round_prompt(store, r)
            for a in round_answers(store, r):
                writer.writerow((g.name, r.period, prompt.text_en, a["author"] or "", a["platform"] or "", a["text"],
                                 "" if a["score"] is None else a["score"], a["created_at"] or "",
                                 a["updated_at"] or "", a["source"] or "",
                                 "" if a["probability"] is None else a["probability"], a["grade"] or "",
                                 r.outcome or ""))
    return buf.getvalue()


_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|]')


def safe_name(name: str) -> str:
    """A group name as one file or folder name: no separator, no '..', no control character,
    not hidden. A name that had to change gets a short hash, so two groups never share a file."""
    text = _UNSAFE_IN_NAME.sub("_", unicodedata.normalize("NFC", name)).strip(" .")[:60].strip(" .")
    if text and text == name:
        return text
    return f"{text or 'group'}-{hashlib.sha256(name.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def export_markdown(deps: Deps, names: list[str] | None = None) -> dict[str, str]:
    """{'<group>/<period>.md': text} for every closed round."""
    files = {}
    for g in _groups(deps.store, names):
        for r in _closed(deps.store, g):
            files[f"{safe_name(g.name)}/{r.period}.md"] = render_text(present_digest(deps, r))
    return files


def export_markdown_text(deps: Deps, group: Group) -> str:
    return "\n\n".join(export_markdown(deps, [group.name]).values())


def member_json(store: Store, member_id: int) -> dict:
    ref = store.members.get(member_id)
    kinds: dict[int, str] = {}  # prompt id -> kind, each prompt read once

    def kind(prompt_id: int) -> str:
        if prompt_id not in kinds:
            kinds[prompt_id] = prompt_of(store, prompt_id).kind
        return kinds[prompt_id]

    return {
        "version": VERSION,
        "member": {"platform": ref.platform, "workspace": ref.workspace, "user_id": ref.user_id,
                   "display_name": ref.display_name} if ref else None,
        "answers": [
            {"group": a["group_name"], "period": a["period"], "text": a["text"], "score": a["score"],
             "original_text": a["original_text"], "created_at": a["created_at"], "updated_at": a["updated_at"],
             "source": a["source"], "probability": a["probability"],
             "original_probability": a["original_probability"], "grade": a["grade"],
             "kind": kind(a["prompt_id"]), "due": a["due_at"], "outcome": a["outcome"]}
            for a in store.answers.of_member(member_id)
        ],
    }
