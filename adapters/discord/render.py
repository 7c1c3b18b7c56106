"""Render the core's cards and digests as Discord embeds, split to fit Discord's limits.

Lengths are measured in UTF-16 code units, which is never less than the number of code
points, so a text with emoji stays under the limit however Discord counts it.
"""
from __future__ import annotations

import re

import discord

from adapters.revisit import entry_body
from bot.actions import Button, ForecastLine, PromptCard, RevisitCard
from bot.digest import Digest, DigestEntry
from bot.ids import DigestButton, encode

CONTENT_LIMIT = 2000  # message content
DESCRIPTION_LIMIT = 4096  # one embed's description
TITLE_LIMIT = 256
EMBEDS_TOTAL_LIMIT = 6000  # all the embeds of one message together
EMBEDS_PER_MESSAGE = 10
FIELDS_PER_EMBED = 25  # we put answers in descriptions, so no embed has fields
THREAD_NAME_LIMIT = 100
COLOUR = discord.Colour(0x5865F2)
# "a year ago this week" stays short (about 2700 characters at most)
YEAR_AGO_HEADING_LIMIT = 200
YEAR_AGO_PROMPT_LIMIT = 1500  # its quoted prompt
YEAR_AGO_FIGURES_LIMIT = 1000  # its figures
TREND_LIMIT = 500  # the scale sparkline line
RADAR_HEADING_LIMIT = 200
RADAR_LIMIT = 1500  # the monthly radar's lines


def size(text: str | None) -> int:
    """Length in UTF-16 code units (what a JavaScript client counts)."""
    return len(text.encode("utf-16-le")) // 2 if text else 0


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` UTF-16 units, with an ellipsis when cut."""
    if size(text) <= limit:
        return text
    out = text
    while size(out) > limit - 1:
        out = out[: max(0, len(out) - max(1, (size(out) - limit + 1) // 2))]
    return out + "…"


def _cut(text: str, limit: int) -> int:
    """Where to cut ``text`` so the head fits in ``limit`` units: a newline, else a space."""
    hard = 0
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            break
        hard = i + 1
    if hard >= len(text):
        return hard
    head = text[:hard]
    for sep in ("\n", " "):
        at = head.rfind(sep)
        if at > hard // 2:
            return at + 1
    return max(hard, 1)


def split_text(text: str, limit: int = CONTENT_LIMIT) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` units; joining them gives the text back."""
    pieces: list[str] = []
    rest = text
    while size(rest) > limit:
        at = _cut(rest, limit)
        pieces.append(rest[:at])
        rest = rest[at:]
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def prompt_embed(card: PromptCard) -> discord.Embed:
    embed = discord.Embed(title=clip(card.title, TITLE_LIMIT), description=clip(card.text, DESCRIPTION_LIMIT),
                          colour=COLOUR)
    embed.add_field(name="⏰", value=clip(card.closes, 1024), inline=False)
    embed.set_footer(text=clip(card.footer, 2048))
    return embed


def thread_name(title: str) -> str:
    return clip(" ".join(title.split()), THREAD_NAME_LIMIT) or "Hindsight"


def entry_block(entry: DigestEntry) -> str:
    who = f"**{discord.utils.escape_markdown(entry.author)}**" if entry.author else "•"
    score = f" · [{entry.score}] {entry.score_label or ''}".rstrip() if entry.score is not None else ""
    text = entry.text.strip()
    return f"{who}{score}\n{text}" if text else f"{who}{score}"


def head_block(d: Digest) -> str:
    lines = ["> " + line for line in d.prompt.splitlines() or [""]]
    lines += ["", d.summary]
    lines += [f"*{n}*" for n in d.notes]
    if d.scale_lines:
        lines += ["```", *d.scale_lines, "```"]
    if d.trend.strip():
        lines += ["", clip(d.trend.strip(), TREND_LIMIT)]
    return "\n".join(lines)


def digest_messages(d: Digest) -> list[list[discord.Embed]]:
    """The digest as messages of embeds. Each answer stays in one embed unless it is longer
    than an embed can hold."""
    blocks = [head_block(d)] + ([entry_block(e) for e in d.entries] or [d.empty])
    tail = [b for b in (radar_block(d), year_ago_block(d)) if b]
    return embed_messages(d.title, blocks + tail)


def radar_block(d: Digest) -> str:
    """The monthly hype radar, a block after the answers: the heading in bold, then its lines
    (clipped, so it stays within one embed)."""
    if not d.radar:
        return ""
    heading, *rest = d.radar
    lines = [f"**{discord.utils.escape_markdown(clip(heading.strip(), RADAR_HEADING_LIMIT))}**"]
    body = "\n".join(line for line in rest if line.strip())
    if body:
        lines.append(clip(body, RADAR_LIMIT))
    return "\n".join(lines)


def chart_filename(d: Digest) -> str:
    """The chart's file name as ``attachment://`` can name it (letters, digits, ``.``, ``_``, ``-``)."""
    name = re.sub(r"[^A-Za-z0-9._-]", "_", d.chart_name or "") or "chart.png"
    return name if name.lower().endswith(".png") else name + ".png"


def year_ago_block(d: Digest) -> str:
    """"A year ago this week", a short block at the end of the digest: the heading in bold,
    that week's prompt quoted, its figures. Each part is clipped, so it stays short."""
    if not d.year_ago:
        return ""
    heading, *rest = d.year_ago
    lines = [f"**{discord.utils.escape_markdown(clip(heading.strip(), YEAR_AGO_HEADING_LIMIT))}**"]
    if rest and rest[0].strip():
        lines += ["> " + line for line in clip(rest[0].strip(), YEAR_AGO_PROMPT_LIMIT).splitlines()]
    figures = "\n".join(f for f in rest[1:] if f.strip())
    if figures:
        lines.append(clip(figures, YEAR_AGO_FIGURES_LIMIT))
    return "\n".join(lines)


def digest_buttons(d: Digest) -> tuple[Button, ...]:
    """The digest's buttons, on its last message: "show the digest of a year ago", if it has one."""
    if not d.year_ago or d.year_ago_round_id is None:
        return ()
    return (Button(encode(DigestButton(d.year_ago_round_id)), d.year_ago_button or d.year_ago[0]),)


def revisit_line(entry: ForecastLine, language: str = "en") -> str:
    """``**author**: 70% — reason`` (or the call and its grade); ``•`` with no name if anonymous."""
    who = f"**{discord.utils.escape_markdown(entry.author)}**:" if entry.author else "•"
    return f"{who} {entry_body(entry, language)}".rstrip()


def revisit_messages(card: RevisitCard) -> list[list[discord.Embed]]:
    """A revisit as messages of embeds: the question and when it was asked, one line per
    forecast or call, the summary and the footer. Only a long one needs more than one message."""
    quoted = ["> " + line for line in card.question.splitlines() or [""]]
    head = "\n".join(quoted + ([card.asked] if card.asked else []))
    lines = [revisit_line(e, card.language) for e in card.entries] or [card.empty or "…"]
    tail = [t for t in (card.summary, f"*{card.footer}*" if card.footer else "") if t]
    return embed_messages(card.title, [head, "\n".join(lines), *tail])


def embed_messages(title: str, blocks: list[str]) -> list[list[discord.Embed]]:
    """Blocks of text (joined by blank lines) as messages of embeds. Every message has at most
    10 embeds and 6000 characters across them, every description at most 4096, and no fields;
    a block is only cut (at a line break if it can) when it is longer than an embed can hold.
    The first embed has the title."""
    pieces = [p for block in blocks for p in split_text(block, DESCRIPTION_LIMIT)]
    title = clip(title, TITLE_LIMIT)
    messages: list[list[discord.Embed]] = []
    embeds: list[discord.Embed] = []  # closed embeds of the current message
    total = 0  # their units
    parts: list[str] = []  # the open embed's description pieces
    desc = 0  # units of the open embed's description
    head = 0  # units of the open embed's title

    def close_embed() -> None:
        nonlocal total, parts, desc, head
        embeds.append(discord.Embed(title=title if head else None, description="\n\n".join(parts), colour=COLOUR))
        total += head + desc
        parts, desc, head = [], 0, 0

    def close_message() -> None:
        nonlocal embeds, total
        messages.append(embeds)
        embeds, total = [], 0

    for piece in pieces:
        n = size(piece)
        if parts and (desc + 2 + n > DESCRIPTION_LIMIT or total + head + desc + 2 + n > EMBEDS_TOTAL_LIMIT):
            close_embed()
        if parts:
            desc += 2 + n
        else:
            if embeds and (len(embeds) >= EMBEDS_PER_MESSAGE or total + n > EMBEDS_TOTAL_LIMIT):
                close_message()
            head = size(title) if not messages and not embeds else 0
            desc = n
        parts.append(piece)
    if parts:
        close_embed()
    if embeds:
        close_message()
    return messages


def embeds_size(embeds: list[discord.Embed]) -> int:
    """What Discord counts against the 6000 limit, in UTF-16 units."""
    out = 0
    for e in embeds:
        out += size(e.title) + size(e.description) + size(e.footer.text) + size(e.author.name)
        out += sum(size(f.name) + size(f.value) for f in e.fields)
    return out
