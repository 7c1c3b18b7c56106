"""``python -m bench ingest|digest|e2e|chart [--n N]``: print JSON lines, the last one is the summary."""
from __future__ import annotations

import argparse
import json
import sys


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description="Hindsight benchmarks (JSON output).")
    sub = p.add_subparsers(dest="which", required=True)
    i = sub.add_parser("ingest", help="answers per second through the core vs raw sqlite3")
    i.add_argument("--n", type=int, default=1000)
    i.add_argument("--repeats", type=int, default=3)
    d = sub.add_parser("digest", help="digest build and search times on a 1,000,000-answer database")
    d.add_argument("--answers", type=int, default=1_000_000)
    d.add_argument("--groups", type=int, default=500)
    d.add_argument("--db", help="keep the generated database here (reused when it exists)")
    e = sub.add_parser("e2e", help="hindsight run in Slack HTTP mode vs a minimal bolt app: latency, start-up, RSS")
    e.add_argument("--members", type=int, default=200)
    e.add_argument("--rate", type=float, default=20.0, help="slash commands per second")
    e.add_argument("--startup-repeats", type=int, default=3)
    c = sub.add_parser("chart", help="one PNG chart: median draw time vs an empty image, import time, RSS")
    c.add_argument("--n", type=int, default=30)
    args = p.parse_args(argv)
    if args.which == "chart":
        from bench.chart import main as run_chart

        print(json.dumps(run_chart(args.n), ensure_ascii=False))
        return 0
    if args.which == "ingest":
        from bench.ingest import main as run

        result = run(args.n, args.repeats)
    elif args.which == "e2e":
        from bench.e2e import main as run

        result = run(args.members, args.rate, args.startup_repeats)
    else:
        from bench.digest import main as run

        result = run(args.answers, args.groups, args.db)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
