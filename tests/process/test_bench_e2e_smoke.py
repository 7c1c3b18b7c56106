"""``python -m bench e2e`` runs end to end with a tiny load and prints its JSON line.

Only the shape and the functional facts are checked (every answer acknowledged and stored);
the figures themselves are never asserted: benchmarks are not timed tests.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_e2e_prints_one_json_line_with_the_figures():
    proc = subprocess.run([sys.executable, "-m", "bench", "e2e", "--members", "5", "--rate", "50",
                           "--startup-repeats", "1"], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for side in ("hindsight", "minimal"):
        figures = result[side]
        for key in ("ack_p50_ms", "ack_p99_ms", "reply_p50_ms", "reply_p99_ms", "startup_ms", "rss_mib"):
            assert isinstance(figures[key], (int, float)) and figures[key] > 0, (side, key, figures)
        assert figures["replies"] == 5 and figures["errors"] == 0, figures
        assert figures["answers_in_db"] == 5, figures
    assert sum(result["hindsight"]["reply_texts"].values()) == 5
    assert isinstance(result["reply_p99_ratio"], float)
    assert set(result["startup_ms"]) >= {"hindsight", "imports_only", "minimal"}
    assert isinstance(result["rss_mib"], float)
    assert set(result["targets"]) == {"reply_p99_within_1_5x_minimal", "rss_under_80_mib", "all_answers_saved"}
    assert result["targets"]["all_answers_saved"] is True
