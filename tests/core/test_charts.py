"""Charts: the PNG line chart (size, determinism, Hangul, characters outside the font), the
``chart [PROMPT]`` command and its errors, the digest's trend (``digest_trend``), and that nothing at
process start imports Pillow."""
from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from bot import chart
from bot.actions import Upload
from bot.present import charts as words
from bot.usecases import charts
from tests.core.helpers import digest_posts, prompt_posts, text_of

SCORES = ((3, 4), (2, 2), (5, 4))  # per week: alice's and bob's score; averages 3.5, 2.0, 4.5


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "PNG"
        return img.size


POINTS = [("2026-W01", 3.5), ("2026-W02", None), ("2026-W03", 2.0), ("2026-W04", 4.5)]


def test_a_png_of_at_least_640_by_320_and_the_same_bytes_for_the_same_input():
    data = chart.line_chart_png("How bear-market proof are you, 1 to 5?", POINTS, (1, 5), lang="en")
    w, h = png_size(data)
    assert w >= 640 and h >= 320
    assert chart.line_chart_png("How bear-market proof are you, 1 to 5?", POINTS, (1, 5), lang="en") == data
    assert chart.line_chart_png("Another title", POINTS, (1, 5), lang="en") != data


def test_many_points_one_point_no_points_and_values_outside_the_range_draw():
    many = [(f"2025-W{i % 52 + 1:02d}", 1 + (i % 9) / 2) for i in range(150)]
    for points in (many, [("2026-W01", 3.0)], [], [("x", None), ("y", None)], [("a", -7.0), ("b", 99.0)]):
        assert png_size(chart.line_chart_png("t", points, (1, 5), lang="ko")) == (chart.WIDTH, chart.HEIGHT)
    with pytest.raises(ValueError):
        chart.line_chart_png("t", POINTS, (5, 1))


def ink(text: str, size: int = 40) -> tuple[tuple[int, int, int, int] | None, bytes]:
    """The bounding box and pixels of ``text`` drawn alone with the shipped font."""
    mask = chart._font(size).getmask(text)
    return mask.getbbox(), bytes(mask)


def test_hangul_has_real_glyphs_in_the_shipped_font():
    missing = ink("\ue000")  # a private-use character: the font draws its .notdef box
    for ch in "가나한글값":
        assert ch in chart.coverage()
        bbox, pixels = ink(ch)
        assert bbox is not None and (bbox, pixels) != missing, f"{ch} drew the missing-glyph box"
    assert ink("가") != ink("나")
    # the 2,350 syllables of KS X 1001, ASCII and the Latin-1 the original font has
    ks = {bytes([hi, lo]).decode("euc-kr") for hi in range(0xB0, 0xC9) for lo in range(0xA1, 0xFF)}
    assert len(ks) == 2350 and ks <= chart.coverage()
    assert {chr(c) for c in range(0x20, 0x7F)} <= chart.coverage()
    assert chart.FONT_PATH.stat().st_size < 1_000_000
    assert (chart.FONT_DIR / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") == 1


def test_the_coverage_list_is_the_fonts_own_cmap():
    ttlib = pytest.importorskip("fontTools.ttLib")  # a dev-only tool: skipped where it is absent
    font = ttlib.TTFont(str(chart.FONT_PATH))
    assert {chr(c) for c in font.getBestCmap()} == set(chart.coverage())
    names = {r.nameID: r.toUnicode() for r in font["name"].names}
    assert names[1] == "Hindsight Sans" and "Nanum" not in names[1] + names[4] + names[6]  # OFL reserved names


def test_characters_outside_the_font_do_not_crash_and_are_not_boxes():
    assert chart.drawable("똠방각하") == "똠방각하"  # not in KS X 1001: drawn as its jamo
    assert chart.drawable("Äpfel") == "Apfel"  # the original font has no Ä
    assert chart.drawable("ok 😀\u0000\ue000") == "ok ? ?"
    data = chart.line_chart_png("😀 똠 Ä \u202e 𝔘 \t tab", [("😀", 2.0), ("똠", 3.0)], lang="ko")
    assert png_size(data) == (chart.WIDTH, chart.HEIGHT)


def test_a_korean_title_draws_more_ink_than_an_empty_one():
    blank = Image.open(io.BytesIO(chart.line_chart_png("", POINTS, lang="ko"))).convert("L")
    korean = Image.open(io.BytesIO(chart.line_chart_png("하락장", POINTS, lang="ko"))).convert("L")
    boxes = Image.open(io.BytesIO(chart.line_chart_png("\ue000\ue000\ue000", POINTS, lang="ko"))).convert("L")
    title = (0, 0, chart.WIDTH, 40)
    dark = [sum(1 for p in im.crop(title).tobytes() if p < 128) for im in (blank, korean, boxes)]
    assert dark[0] == 0 and dark[1] > 0 and dark[2] > 0  # "?" marks instead of boxes, still ink
    assert korean.crop(title).tobytes() != boxes.crop(title).tobytes()


def test_nothing_at_process_start_imports_pillow():
    code = ("import sys, bot.app, bot.cli, bot.router, bot.usecases.charts, bot.chart; "
            "print(sorted(m for m in sys.modules if m == 'PIL' or m.startswith('PIL.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# the command ----------------------------------------------------------------------------------
async def scale_week(bot, runtime, clock, scores: tuple[int, ...], key: str = "bear-score") -> int:
    """One week of ``key`` (named by prompts next), scored by alice, bob, ...; closed by tick."""
    await bot.command("admin", f"prompts next {key}")
    await runtime.tick()
    rid = prompt_posts(bot)[-1].card.round_id
    for user, n in zip(("alice", "bob", "carol"), scores):
        await bot.click(user, f"hs:score:{rid}:{n}")
    clock.advance(days=6, hours=9)
    await runtime.tick()
    clock.advance(hours=15)
    return rid


async def test_chart_errors(group_bot, runtime, clock):
    bot = group_bot
    assert "No scale prompt has been asked" in text_of(await bot.command("alice", "chart"))
    assert "No prompt nope in this group" in text_of(await bot.command("alice", "chart nope"))
    assert "No prompt 999999 in this group" in text_of(await bot.command("alice", "chart 999999"))
    assert "next-hype is not a scale prompt" in text_of(await bot.command("alice", "chart next-hype"))
    assert "Usage: /hindsight chart" in text_of(await bot.command("alice", "chart a b"))
    await scale_week(bot, runtime, clock, (3, 4))
    assert "bear-score has scores from 1 closed round; a chart needs at least 2" in text_of(
        await bot.command("alice", "chart"))
    assert not any(isinstance(a, Upload) for a in bot.replies)


async def test_chart_of_a_scale_prompt_with_an_anonymous_round(group_bot, runtime, clock, store):
    bot = group_bot
    await scale_week(bot, runtime, clock, SCORES[0])
    await bot.command("admin", "settings anonymous=yes")
    await scale_week(bot, runtime, clock, SCORES[1])  # anonymous: its average counts, no one is named
    await bot.command("admin", "settings anonymous=no")
    await scale_week(bot, runtime, clock, (), key="next-hype")  # another prompt in between
    await scale_week(bot, runtime, clock, SCORES[2])
    bear = store.prompts.for_group(store.groups.all()[0].id, "bear-score")
    for ref in ("", " bear-score", " BEAR-SCORE", f" {bear.id}"):
        (upload,) = await bot.command("bob", "chart" + ref)
        assert isinstance(upload, Upload) and not upload.public
        assert upload.filename == "chart-bear-score.png"
        assert png_size(upload.content) == (chart.WIDTH, chart.HEIGHT)
        assert upload.comment.splitlines() == ["How bear-market proof are you, 1 to 5?",
                                               "Group average over 3 rounds: ▆▃█ (3.5 → 4.5)"]
        assert not any(name in upload.comment.lower() for name in ("alice", "bob", "carol"))
    group = store.groups.all()[0]
    t = charts.trend(store, group, bear)
    assert [v for _, v in t.points] == [3.5, 2.0, 4.5]


async def test_scale_trend_for_the_digest(group_bot, runtime, clock, store):
    bot = group_bot
    first = await scale_week(bot, runtime, clock, SCORES[0])
    hype = await scale_week(bot, runtime, clock, (), key="next-hype")
    second = await scale_week(bot, runtime, clock, SCORES[1])
    deps = runtime.service.deps
    assert charts.digest_trend(deps, store.rounds.get(first)) is None  # one round
    assert charts.digest_trend(deps, store.rounds.get(hype)) is None  # not a scale
    found = charts.digest_trend(deps, store.rounds.get(second))
    assert found is not None and [v for _, v in found.points] == [3.5, 2.0]
    line = words.summary("en", found)
    assert line == "Group average over 2 rounds: ▆▃ (3.5 → 2.0)" and charts.filename(found.prompt) == "chart-bear-score.png"
    png = words.render(words.spec("en", found))  # the runtime draws it in a worker thread
    assert png_size(png) == (chart.WIDTH, chart.HEIGHT)
    # The posted digest of the second scale round carries both; the earlier ones neither.
    posted = {p.digest.round_id: p.digest for p in digest_posts(bot)}
    assert posted[second].trend == line and posted[second].chart_png == png and posted[second].chart is None
    assert posted[first].trend == "" and posted[first].chart_png is None
    (shown,) = await bot.command("alice", f"digest {store.rounds.get(second).period}")
    assert shown.digest.trend == line and shown.digest.chart_png is None  # a private digest draws nothing


async def test_chart_in_korean(group_bot, runtime, clock):
    bot = group_bot
    await bot.command("admin", "settings language=ko")
    await scale_week(bot, runtime, clock, SCORES[0])
    await scale_week(bot, runtime, clock, SCORES[1])
    (upload,) = await bot.command("alice", "chart bear-score")
    assert upload.comment.startswith("우리 사업은 하락장에 얼마나 강한가요?")
    assert "그룹 평균, 라운드 2개: ▆▃ (3.5 → 2.0)" in upload.comment
    assert "질문은 점수형이 아니라서" in text_of(await bot.command("alice", "chart next-hype"))


async def test_history_shows_your_own_scores_as_a_sparkline(group_bot, runtime, clock):
    bot = group_bot
    for week in SCORES:
        await scale_week(bot, runtime, clock, week)
    history = text_of(await bot.command("alice", "history"))
    # alice's own 3, 2, 5 on the 1..5 scale: eight equal bands, so 3 is ▅, 2 is ▃ and 5 is █
    assert "Scores over time: ▅▃█ (3 → 2 → 5)" in history
    assert "Scores over time: ▇▃▇ (4 → 2 → 4)" in text_of(await bot.command("bob", "history"))


async def test_chart_results_then_words(group_bot, service):
    from bot import router
    from bot.commands import parse
    from bot.present.render import render
    from bot.results.charts import ChartProblem, ChartRefused
    ctx = router.resolve(service.deps, group_bot.origin("alice"))
    assert charts.cmd_chart(ctx, parse("chart")) == [ChartRefused(ChartProblem.NO_SCALE)]
    assert charts.cmd_chart(ctx, parse("chart a b")) == [ChartRefused(ChartProblem.USAGE)]
    (ko,) = render("ko", [ChartRefused(ChartProblem.TOO_FEW, "bear-score", 1, 2)])
    assert ko.text == "'bear-score' 질문은 점수가 있는 마감 라운드가 1개뿐이에요. 차트는 최소 2개가 필요해요."
