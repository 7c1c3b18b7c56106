"""Drawing: a PNG line chart of a group's average score per round (the text sparkline is
bot.participation.sparkline).

Pillow is imported inside the drawing functions only, so a process that never draws never
loads it (idle RSS), and importing this module costs nothing.
The font is the subset of NanumGothic in bot/fonts/ (SIL OFL 1.1), so Hangul renders without
any system font; a character outside the subset is drawn as its base letter or its jamo, else
as "?", never as a missing-glyph box. The output depends on the input only: the same points give
the same bytes. The chart only ever gets averages, so it cannot name an author.
"""
from __future__ import annotations

import math
import unicodedata
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from bot import catalog

if TYPE_CHECKING:
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

FONT_DIR = Path(__file__).with_name("fonts")
FONT_PATH = FONT_DIR / "hindsight-sans.ttf"
COVERAGE_PATH = FONT_DIR / "coverage.txt"

WIDTH, HEIGHT = 720, 360  # the PNG's size in pixels
SCALE = 2  # drawn at twice the size and scaled down: smooth lines without anti-aliasing

INK = (33, 37, 41)
MUTED = (108, 117, 125)
GRID = (222, 226, 230)
LINE = (37, 99, 235)
BACKGROUND = (255, 255, 255)


# text ------------------------------------------------------------------------------------------
@cache
def coverage() -> frozenset[str]:
    """The characters the shipped font draws (bot/fonts/coverage.txt, made with the subset)."""
    return frozenset(COVERAGE_PATH.read_text(encoding="utf-8").rstrip("\n"))


def drawable(text: str) -> str:
    """``text`` with every character the font lacks replaced: by its decomposition's covered
    parts (a rare Hangul syllable -> its jamo, 'Ä' -> 'A'), else '?'. Whitespace becomes a space."""
    have = coverage()
    out = []
    for ch in text:
        if ch in have:
            out.append(ch)
        elif ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(" ")
        else:
            parts = [p for p in unicodedata.normalize("NFD", ch) if p in have]
            out.append("".join(parts) or "?")
    return "".join(out)


@cache
def _font(size: int) -> FreeTypeFont:
    from PIL import ImageFont

    # BASIC layout: the same glyph positions whether or not libraqm is installed.
    return ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)


def _fit(draw: ImageDraw, text: str, font: FreeTypeFont, width: float) -> str:
    """``text`` clipped with '…' to fit ``width`` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _value(v: float) -> str:
    return f"{v:.1f}"


# the chart -------------------------------------------------------------------------------------
def line_chart_png(title: str, points: list[tuple[str, float | None]], y_range: tuple[float, float] = (1, 5),
                   lang: str = "en") -> bytes:
    """A PNG (WIDTH x HEIGHT) of ``points`` (x label, value or None for a gap) on a y axis from
    ``y_range[0]`` to ``y_range[1]``, with ``title`` (up to two lines) above and a caption in
    ``lang`` below. Values outside the range are drawn at its edge."""
    from PIL import Image, ImageDraw

    s = SCALE
    lo, hi = float(y_range[0]), float(y_range[1])
    if not hi > lo:
        raise ValueError(f"y_range must rise, not {y_range!r}")
    img = Image.new("RGB", (WIDTH * s, HEIGHT * s), BACKGROUND)
    draw = ImageDraw.Draw(img)
    title_font, label_font, small_font = _font(17 * s), _font(12 * s), _font(11 * s)

    lines = [drawable(line.strip()) for line in title.splitlines() if line.strip()][:2] or [""]
    y = 12 * s
    for line in lines:
        draw.text((20 * s, y), _fit(draw, line, title_font, (WIDTH - 40) * s), font=title_font, fill=INK)
        y += 23 * s
    caption = drawable(catalog.t(lang, "chart_caption", count=sum(v is not None for _, v in points)))
    draw.text((20 * s, (HEIGHT - 22) * s), _fit(draw, caption, small_font, (WIDTH - 40) * s),
              font=small_font, fill=MUTED)

    left, right = 52 * s, (WIDTH - 28) * s
    top, bottom = y + 14 * s, (HEIGHT - 58) * s

    def to_y(v: float) -> float:
        return bottom - (min(max(v, lo), hi) - lo) / (hi - lo) * (bottom - top)

    step = 1.0 if hi - lo <= 10 else math.ceil((hi - lo) / 5)
    tick = lo
    while tick <= hi + 1e-9:
        ty = to_y(tick)
        draw.line([(left, ty), (right, ty)], fill=GRID, width=s)
        label = f"{tick:g}"
        draw.text((left - 10 * s, ty), label, font=label_font, fill=MUTED, anchor="rm")
        tick += step
    draw.line([(left, top), (left, bottom)], fill=MUTED, width=s)

    n = len(points)
    inner = 14 * s  # the first and last points sit off the axes

    def to_x(i: int) -> float:
        if n == 1:
            return (left + right) / 2
        return left + inner + i * (right - left - 2 * inner) / (n - 1)

    # x labels, thinned so they never overlap; the last one is always shown
    if n:
        widest = max(draw.textlength(drawable(label), font=small_font) for label, _ in points) + 10 * s
        room = max(1, int((right - left) // widest))
        every = max(1, math.ceil(n / room))
        shown = {i for i in range(n - 1, -1, -every)}
        for i, (label, _) in enumerate(points):
            if i in shown:
                x = to_x(i)
                draw.line([(x, bottom), (x, bottom + 4 * s)], fill=MUTED, width=s)
                draw.text((x, bottom + 8 * s), drawable(label), font=small_font, fill=MUTED, anchor="mt")

    # the line, broken where a round has no score; dots; values when there is room
    run: list[tuple[float, float]] = []
    dots: list[tuple[float, float, float]] = []
    for i, (_, v) in enumerate(points):
        if v is None or not math.isfinite(v):
            if len(run) > 1:
                draw.line(run, fill=LINE, width=3 * s, joint="curve")
            run = []
            continue
        xy = (to_x(i), to_y(v))
        run.append(xy)
        dots.append((xy[0], xy[1], v))
    if len(run) > 1:
        draw.line(run, fill=LINE, width=3 * s, joint="curve")
    r = 4 * s
    label_all = n <= 16
    for k, (x, yy, v) in enumerate(dots):
        draw.ellipse([(x - r, yy - r), (x + r, yy + r)], fill=LINE, outline=BACKGROUND, width=s)
        if label_all or k == len(dots) - 1:
            above = yy - 8 * s > top - 4 * s
            draw.text((x, yy - 8 * s if above else yy + 8 * s), _value(v), font=small_font, fill=INK,
                      anchor="mb" if above else "mt")

    out = BytesIO()
    img.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS).save(out, format="PNG", optimize=False)
    return out.getvalue()
