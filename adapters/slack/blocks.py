"""Block Kit rendering, and splitting to fit Slack's limits.

Every text that may hold user input is escaped (&, <, >), so an answer can never ping
<!channel>, <!here> or a user. The core has already localised every string; this module
only lays them out. Limits (ARCHITECTURE.md): 50 blocks per message, 3000 characters per section
text, about 12k characters of block text per message. Lengths are counted in UTF-16 code
units, which is what Slack counts and never less than ``len()``.
"""
from __future__ import annotations

from typing import Iterable

from adapters.revisit import entry_text as revisit_entry_text
from bot.actions import Button, PromptCard, RevisitCard
from bot.digest import Digest, DigestEntry
from bot.ids import DigestButton, encode

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
MESSAGE_LIMIT = 12000
HEADER_LIMIT = 150
BUTTON_LIMIT = 75
BUTTONS_PER_BLOCK = 25
FALLBACK_LIMIT = 3000
# "a year ago this week" stays short (about 2700 characters at most, in four blocks and a button)
YEAR_AGO_PROMPT_LIMIT = 1500  # its quoted prompt
YEAR_AGO_FIGURES_LIMIT = 1000  # its figures, one context element
RADAR_LIMIT = 1500  # the monthly radar's lines, one section
TREND_LIMIT = 500  # the scale sparkline line
MARK = "…"  # shows where a text too long for one section was cut and goes on
_RESERVE = 300  # room for a continuation message's context line


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def size(text: str) -> int:
    """Length as Slack counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, limit: int) -> str:
    """Cut plain text to ``limit`` (with a marker), for fields Slack would reject if longer."""
    if size(text) <= limit:
        return text
    out, used = [], size(MARK)
    for ch in text:
        used += size(ch)
        if used > limit:
            break
        out.append(ch)
    return "".join(out) + MARK


def clip_escaped(text: str, limit: int) -> str:
    """``text`` escaped and cut (never inside an entity, with a marker) to at most ``limit``."""
    whole = escape(text)
    if size(whole) <= limit:
        return whole
    out, used = [], size(MARK)
    for ch in text:
        esc = escape(ch)
        used += size(esc)
        if used > limit:
            break
        out.append(esc)
    return "".join(out) + MARK


def quote_escaped(escaped: str) -> str:
    """Already escaped text as a mrkdwn block quote."""
    return "\n".join("> " + line for line in escaped.splitlines() or [""])


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


# --------------------------------------------------------------------------- small blocks
def plain(text: str, limit: int) -> dict:
    return {"type": "plain_text", "text": clip(text or " ", limit), "emoji": True}


def header(text: str) -> dict:
    return {"type": "header", "text": plain(first_line(text), HEADER_LIMIT)}


def section(mrkdwn: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn}}


def context(*mrkdwn: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": m} for m in mrkdwn if m][:10]}


def quote(text: str) -> str:
    """Escaped text as a mrkdwn block quote (every line quoted; the marker itself is a plain >)."""
    return "\n".join("> " + line for line in escape(text).splitlines() or [""])


def button_value(button: Button, channel_id: str | None = None) -> str:
    """The value carries the stable action id, and the group's channel for a DM's buttons
    after ``|`` (split again by ``split_button_value``)."""
    return f"{button.action}|{channel_id}" if channel_id else button.action


def split_button_value(value: str) -> tuple[str, str | None]:
    """(the action id, the group's channel or None) from a button's value."""
    action, _, channel = value.partition("|")
    return action, channel or None


def actions(buttons: Iterable[Button], channel_id: str | None = None) -> list[dict]:
    """One actions block per 25 buttons. action_id is the button's stable id."""
    elements = []
    for b in buttons:
        el = {"type": "button", "action_id": b.action[:255], "value": button_value(b, channel_id)[:2000],
              "text": plain(b.label, BUTTON_LIMIT)}
        if b.style in ("primary", "danger"):
            el["style"] = b.style
        elements.append(el)
    return [{"type": "actions", "block_id": f"hs_actions_{i // BUTTONS_PER_BLOCK}",
             "elements": elements[i:i + BUTTONS_PER_BLOCK]} for i in range(0, len(elements), BUTTONS_PER_BLOCK)]


def block_chars(block: object) -> int:
    """All the text a block shows (header, section, context, button labels)."""
    if isinstance(block, list):
        return sum(block_chars(b) for b in block)
    if not isinstance(block, dict):
        return 0
    total = 0
    for key, value in block.items():
        if key == "text" and isinstance(value, str):
            total += size(value)
        elif isinstance(value, (dict, list)):
            total += block_chars(value)
    return total


# --------------------------------------------------------------------------- splitting
def split_escaped(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Escape ``text`` and cut it into pieces of at most ``limit``, never inside an entity.

    A cut prefers a line break, then a space, in the second half of a piece. Every piece
    but the last ends with MARK and every piece but the first starts with it.
    """
    whole = escape(text)
    if size(whole) <= limit:
        return [whole]
    pieces: list[str] = []
    room = limit - 2 * size(MARK)
    cur: list[str] = []
    used = 0
    for ch in text:
        esc = escape(ch)
        if used + size(esc) > room and cur:
            cut = _cut_point(cur)
            pieces.append("".join(cur[:cut]))
            cur = cur[cut:]
            used = sum(size(c) for c in cur)
        cur.append(esc)
        used += size(esc)
    if cur:
        pieces.append("".join(cur))
    return [(MARK if i else "") + p + (MARK if i < len(pieces) - 1 else "") for i, p in enumerate(pieces)]


def _cut_point(chars: list[str]) -> int:
    for sep in ("\n", " "):
        for i in range(len(chars) - 1, len(chars) // 2, -1):
            if chars[i] == sep:
                return i + 1
    return len(chars)


def pack(items: list[str], *, head: list[dict] | None = None, tail: list[dict] | None = None,
         sep: str = "\n\n", continued: bool = True) -> list[list[dict]]:
    """Pack escaped mrkdwn items (each at most SECTION_LIMIT) into sections and messages.

    Consecutive items share a section while it stays under 3000 characters. A message
    gets a new section until it would pass 50 blocks or MESSAGE_LIMIT characters; then a
    new message starts. ``head`` opens the first message and ``tail`` (buttons) closes the
    last one. With ``continued`` a continuation message leaves room for a context line.
    """
    messages: list[list[dict]] = []
    cur: list[dict] = list(head or [])
    used = block_chars(cur)
    text: str | None = None
    reserve_blocks = 1 if continued else 0
    reserve_chars = _RESERVE if continued else 0

    def flush_section() -> None:
        nonlocal text
        if text is not None:
            cur.append(section(text))
            text = None

    for item in items:
        if text is not None and size(text) + size(sep) + size(item) <= SECTION_LIMIT \
                and used + size(sep) + size(item) <= MESSAGE_LIMIT:
            text += sep + item
            used += size(sep) + size(item)
            continue
        flush_section()
        if not item.strip():
            continue  # a blank line never opens a section (Slack rejects an empty one)
        if cur and (len(cur) + 1 > MAX_BLOCKS - reserve_blocks or used + size(item) > MESSAGE_LIMIT - reserve_chars):
            messages.append(cur)
            cur, used = [], reserve_chars
        text = item
        used += size(item)
    flush_section()
    tail = tail or []
    if tail:
        # a continuation message (one after the first) keeps room for its context line
        room = MAX_BLOCKS - (reserve_blocks if messages else 0)
        if cur and (len(cur) + len(tail) > room or used + block_chars(tail) > MESSAGE_LIMIT):
            messages.append(cur)
            cur = []
        cur.extend(tail)
    if cur or not messages:
        messages.append(cur)
    return messages


def text_items(text: str) -> list[str]:
    """Escaped lines of a plain text, each line split further if it passes a section."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(split_escaped(line) if line else [" "])
    return out


# --------------------------------------------------------------------------- documents
def prompt_blocks(card: PromptCard) -> list[dict]:
    blocks = [header(card.title)]
    blocks += [section(piece) for piece in split_escaped(card.text)]
    blocks.append(context(escape(card.closes), escape(card.footer)))
    blocks += actions(card.buttons)
    return blocks


def prompt_fallback(card: PromptCard) -> str:
    return escape(clip(f"{first_line(card.title)}: {card.text}", FALLBACK_LIMIT))


def entry_text(entry: DigestEntry) -> str:
    """The plain text of one digest entry (author, score, answer), before escaping."""
    who = f"{entry.author}: " if entry.author else "• "
    score = ""
    if entry.score is not None:
        score = f"[{entry.score}{' · ' + entry.score_label if entry.score_label else ''}] "
    return f"{who}{score}{entry.text}".rstrip()


def digest_messages(d: Digest) -> list[list[dict]]:
    """The digest as one or more messages; the first one opens with the title."""
    head = [header(d.title)]
    head += [section(piece) for piece in split_escaped_quote(d.prompt)]
    head.append(context(*(escape(x) for x in (d.summary, *d.notes))))
    if d.scale_lines:
        head.append(section("```" + escape("\n".join(d.scale_lines)) + "```"))
    if d.trend.strip():
        head.append(section(clip_escaped(d.trend.strip(), TREND_LIMIT)))
    head.append({"type": "divider"})
    items: list[str] = []
    for entry in d.entries:
        items.extend(split_escaped(entry_text(entry)))
    if not d.entries:
        items.append(escape(d.empty or " "))
    return numbered(pack(items, head=head, tail=radar_blocks(d) + year_ago_blocks(d)), d.title)


def radar_blocks(d: Digest) -> list[dict]:
    """The monthly hype radar: its heading and its lines (one clipped section) after the answers."""
    if not d.radar:
        return []
    heading, *lines = d.radar
    blocks: list[dict] = [{"type": "divider"}, section(f"*{clip_escaped(first_line(heading), HEADER_LIMIT)}*")]
    body = "\n".join(line for line in lines if line.strip())
    if body:
        blocks.append(section(clip_escaped(body, RADAR_LIMIT)))
    return blocks


def year_ago_blocks(d: Digest) -> list[dict]:
    """"A year ago this week": a short section at the end of the digest (the heading, that
    week's prompt quoted, its figures) and the button that shows that round's digest. Every
    part is clipped, so the section stays a few small blocks whatever the texts."""
    if not d.year_ago:
        return []
    heading, *rest = d.year_ago
    blocks: list[dict] = [{"type": "divider"}, section(f"*{clip_escaped(first_line(heading), HEADER_LIMIT)}*")]
    if rest and rest[0].strip():
        limit = YEAR_AGO_PROMPT_LIMIT
        while size(quoted := quote_escaped(clip_escaped(rest[0].strip(), limit))) > YEAR_AGO_PROMPT_LIMIT:
            limit //= 2  # many short lines: each one gets its "> "
        blocks.append(section(quoted))
    figures = "\n".join(f for f in rest[1:] if f.strip())
    if figures:
        blocks.append(context(clip_escaped(figures, YEAR_AGO_FIGURES_LIMIT)))
    blocks += actions(digest_buttons(d))
    return blocks


def digest_buttons(d: Digest) -> tuple[Button, ...]:
    """The digest's buttons: "show the digest of a year ago", if it has that section."""
    if not d.year_ago or d.year_ago_round_id is None:
        return ()
    return (Button(encode(DigestButton(d.year_ago_round_id)), d.year_ago_button or first_line(d.year_ago[0])),)


def numbered(messages: list[list[dict]], title: str) -> list[list[dict]]:
    """Open every message after the first with a context line ``title · n/N`` (``pack`` with
    ``continued`` left room for it)."""
    if len(messages) > 1:
        title = escape(first_line(title))
        for n, blocks in enumerate(messages[1:], start=2):
            blocks.insert(0, context(f"{title} · {n}/{len(messages)}"))
    return messages


def revisit_messages(card: RevisitCard) -> list[list[dict]]:
    """A revisit as one or more messages, packed like a digest: the title, the question, when
    it was asked, one line per forecast or call, the summary, the footer and the buttons. If it
    does not fit in one message, the buttons stay in the first one (the post in the channel)
    and the rest goes on in its thread."""
    asked = [context(escape(card.asked))] if card.asked else []
    head = [header(card.title), *(section(piece) for piece in split_escaped_quote(card.question)), *asked]
    items: list[str] = []
    for entry in card.entries:
        items.extend(split_escaped(revisit_entry_text(entry, card.language)))
    if not card.entries:
        items.append(escape(card.empty or " "))
    summary = [section(piece) for piece in split_escaped(card.summary)] if card.summary.strip() else []
    footer = [context(escape(card.footer))] if card.footer else []
    buttons = actions(card.buttons)
    messages = pack(items, head=[*head, {"type": "divider"}], tail=summary + footer + buttons, sep="\n")
    if len(messages) > 1 and buttons:
        messages = pack(items, head=[*head, *buttons, {"type": "divider"}], tail=summary + footer, sep="\n")
    return numbered(messages, card.title)


def revisit_fallback(card: RevisitCard, part: int = 1, parts: int = 1) -> str:
    suffix = f" · {part}/{parts}" if parts > 1 else ""
    return escape(clip(f"{first_line(card.title)}{suffix}: {card.question}", FALLBACK_LIMIT))


def split_escaped_quote(text: str) -> list[str]:
    quoted = quote(text)
    return [quoted] if size(quoted) <= SECTION_LIMIT else split_escaped(text)


def digest_fallback(d: Digest, part: int = 1, parts: int = 1) -> str:
    suffix = f" · {part}/{parts}" if parts > 1 else ""
    return escape(clip(first_line(d.title) + suffix, FALLBACK_LIMIT))


def text_messages(text: str, buttons: tuple[Button, ...] = (), channel_id: str | None = None) -> list[list[dict]]:
    """A reply's text (escaped, split by lines) with its buttons at the end."""
    return pack(text_items(text), tail=actions(buttons, channel_id), sep="\n", continued=False)


def text_fallback(text: str) -> str:
    return escape(clip(text, FALLBACK_LIMIT))
