"""The digest as a platform-neutral document, and its plain-text rendering.

All strings in a Digest are already localised; adapters only lay them out and split
them to fit their platform's limits.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartSpec:
    """A line chart still to be drawn (``bot.usecases.charts.render``): what it shows, not its
    pixels. The runtime draws it in a worker thread, so the database thread never waits on
    the drawing."""

    title: str
    points: tuple[tuple[str, float | None], ...]
    lang: str


@dataclass(frozen=True)
class DigestEntry:
    author: str | None  # None in an anonymous group
    text: str
    score: int | None = None
    score_label: str | None = None


@dataclass(frozen=True)
class Digest:
    round_id: int
    group: str
    period: str
    title: str  # "Hindsight digest · 2026-W48"
    prompt: str
    summary: str  # "3 of 5 members answered, 1 skipped"
    notes: tuple[str, ...] = ()  # e.g. the late-close note
    scale_lines: tuple[str, ...] = ()  # "5 · Stronger in a bear market: ██ 2"
    entries: tuple[DigestEntry, ...] = ()
    empty: str = ""  # shown when there are no entries
    anonymous: bool = False
    # "A year ago this week" (when the group's resurface is on): (heading, prompt, figures...), and a
    # button (ids.DigestButton(year_ago_round_id)) labelled year_ago_button that shows that digest.
    year_ago: tuple[str, ...] = ()
    year_ago_round_id: int | None = None
    year_ago_button: str = ""
    # A scale prompt's group average across every time it was asked: a sparkline line, and (on
    # channel posts only) the same as a PNG line chart for the adapters to attach.
    trend: str = ""
    chart_png: bytes | None = None
    chart_name: str = "chart.png"
    chart: ChartSpec | None = None  # the chart still to be drawn into chart_png (by the runtime)
    # The hype radar, in the digest of the first round closed in a new month (radar=monthly).
    radar: tuple[str, ...] = ()


def entry_line(entry: DigestEntry) -> str:
    score = f"[{entry.score}] " if entry.score is not None else ""
    who = f"{entry.author}: " if entry.author else "• "
    return f"{who}{score}{entry.text}".rstrip()


def render_text(d: Digest) -> str:
    """Plain text, for the console and for Markdown files (it is valid Markdown)."""
    lines = [f"## {d.title}", "", f"> {d.prompt}", "", d.summary]
    lines += [f"_{n}_" for n in d.notes]
    if d.scale_lines:
        lines += [""] + [f"    {s}" for s in d.scale_lines]
    if d.trend:
        lines += ["", d.trend]
    lines.append("")
    if not d.entries:
        lines.append(d.empty)
    for e in d.entries:
        lines.append(f"- {entry_line(e)}".replace("\n", "\n  "))
    if d.radar:
        lines += ["", f"### {d.radar[0]}"] + list(d.radar[1:])
    if d.year_ago:
        lines += ["", f"### {d.year_ago[0]}"] + [f"> {y}".replace("\n", "\n> ") for y in d.year_ago[1:2]]
        lines += list(d.year_ago[2:])
        if d.year_ago_button:
            lines.append(f"[{d.year_ago_button}]")
    return "\n".join(lines).rstrip() + "\n"
