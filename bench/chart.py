"""One PNG chart (bot.chart.line_chart_png), drawn N times: the median against Pillow creating
and saving an empty image of the same size in the same run, the import time of the drawing
code (bot.chart and Pillow, imported here for the first time), and the process's RSS before
importing and after drawing. Target: a chart in under 300 ms.
"""
from __future__ import annotations

import statistics
import sys
import time
from io import BytesIO

TARGET_MS = 300.0
TITLE = "우리 사업은 하락장에 얼마나 강한가요? 1~5로 골라 주세요."


def rss_mib(field: str = "VmRSS") -> float | None:
    """This process's resident set (VmRSS) or its peak (VmHWM) in MiB, from /proc (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def points(n: int = 52) -> list[tuple[str, float | None]]:
    """A year of weekly averages with two gaps, deterministic."""
    out: list[tuple[str, float | None]] = []
    for i in range(n):
        value = None if i in (9, 30) else 1 + ((i * 37) % 41) / 10
        out.append((f"2026-W{i + 1:02d}", value))
    return out


def _ms(fn: object, n: int) -> list[float]:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - t) * 1000)
    return times


def main(n: int = 30) -> dict[str, object]:
    before = rss_mib()
    already = "PIL" in sys.modules
    t = time.perf_counter()
    from PIL import Image, ImageDraw, ImageFont  # noqa: F401 - what drawing imports

    from bot import chart
    import_ms = (time.perf_counter() - t) * 1000
    data = points()

    t = time.perf_counter()
    first = chart.line_chart_png(TITLE, data, (1, 5), lang="ko")  # loads the font
    first_ms = (time.perf_counter() - t) * 1000

    def empty() -> bytes:
        out = BytesIO()
        Image.new("RGB", (chart.WIDTH, chart.HEIGHT), chart.BACKGROUND).save(out, format="PNG")
        return out.getvalue()

    base = _ms(empty, n)
    draws = _ms(lambda: chart.line_chart_png(TITLE, data, (1, 5), lang="ko"), n)
    median = statistics.median(draws)
    return {
        "bench": "chart",
        "n": n,
        "size": [chart.WIDTH, chart.HEIGHT],
        "png_bytes": len(first),
        "chart_median_ms": round(median, 2),
        "chart_first_ms": round(first_ms, 2),
        "chart_max_ms": round(max(draws), 2),
        "baseline_empty_png_median_ms": round(statistics.median(base), 2),
        "vs_baseline": round(median / max(statistics.median(base), 1e-6), 1),
        "import_ms": round(import_ms, 1),
        "import_was_cold": not already,
        "rss_before_import_mib": before,
        "rss_after_draw_mib": rss_mib(),
        "rss_peak_mib": rss_mib("VmHWM"),
        "target_ms": TARGET_MS,
        "ok": median < TARGET_MS,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)))
