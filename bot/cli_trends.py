"""The ``hindsight`` subcommands of the trends: ``radar``, ``chart`` and ``demo``."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot import catalog
from bot.cli_support import Stop, chosen_clock, open_group
from bot.config import Config


def cmd_radar(args: argparse.Namespace, config: Config) -> int:
    from bot.present import radar as words
    from bot.results.radar import RadarTooFew
    from bot.usecases import radar

    if not 1 <= args.weeks <= radar.MAX_WEEKS:
        print(f"hindsight: --weeks must be 1 to {radar.MAX_WEEKS}", file=sys.stderr)
        return 2
    found = open_group(config, args.group, chosen_clock(args))
    if found is None:
        return 1
    service, group = found
    view = radar.compute(service.store, group.id, args.weeks)
    if view is None:
        print("hindsight: " + words.too_few(group.language, RadarTooFew(group.name, args.weeks,
                                                                         radar.closed_count(service.store, group.id))),
              file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(radar.as_json(group, view), ensure_ascii=False, indent=2))
    else:
        print("\n".join(words.lines(group.language, view, group.name, radar.SHOWN_CLI)))
    return 0


def cmd_chart(args: argparse.Namespace, config: Config) -> int:
    """The PNG goes through the safe writer: exit 2 for a refused target, 1 when writing fails."""
    from bot import safe_files
    from bot.present import charts as words
    from bot.results.charts import ChartRefused
    from bot.usecases import charts

    lang, protect = config.language, [config.db_path]
    try:
        safe_files.check_target(args.out, protect)
        found = open_group(config, args.group, chosen_clock(args))
        if found is None:
            return 1
        service, group = found
        lang = group.language
        trend = charts.chart_for(service.store, group, args.prompt)
        if isinstance(trend, ChartRefused):
            print("hindsight: " + words.refusal(group.language, trend), file=sys.stderr)
            return 1
        safe_files.write_bytes(args.out, words.draw(group.language, trend), protect)
    except safe_files.SafeWriteError as exc:
        raise Stop(exc.exit_code, exc.line(lang)) from exc
    print(words.summary(group.language, trend))
    print(catalog.t(group.language, "cli_chart_wrote", path=Path(args.out)), file=sys.stderr)
    return 0


def cmd_demo(args: argparse.Namespace, config: Config) -> int:
    import logging
    import shlex
    import sqlite3

    from bot import demo, safe_files
    from bot.commands import SUBCOMMANDS
    from bot.demo_script import MEMBERS
    from storage.db import DatabaseError

    lang = config.language
    logging.getLogger().addHandler(logging.NullHandler())  # the core's warnings: the one line below says it
    path = Path(args.db or demo.DEFAULT_PATH)  # never $HINDSIGHT_DB: the demo does not touch a live file
    try:
        safe_files.check_target(path)
        if any(Path(str(path) + suffix).exists() for suffix in demo.SUFFIXES):
            if not args.force:
                raise Stop(2, catalog.t(lang, "cli_demo_exists", path=path))
            if path.exists() and path.stat().st_size and not demo.is_earlier_demo(path):
                raise Stop(2, catalog.t(lang, "cli_demo_not_demo", path=path))
            if demo.in_use(path):
                raise Stop(2, catalog.t(lang, "cli_demo_in_use", path=path))
        summary = demo.build(path, chosen_clock(args).now(), language=lang)
    except demo.DemoInUse as exc:
        raise Stop(2, catalog.t(lang, "cli_demo_in_use", path=path)) from exc
    except safe_files.SafeWriteError as exc:
        raise Stop(exc.exit_code, exc.line(lang)) from exc
    except (DatabaseError, sqlite3.Error, OSError, demo.DemoFailed) as exc:
        detail = " ".join(str(exc).split())  # one line, whatever the reply texts held
        raise Stop(1, catalog.t(lang, "cli_demo_failed", detail=detail)) from exc
    print(catalog.t(lang, "cli_demo_built", group=summary.group, path=path, seconds=f"{summary.seconds:.1f}",
                    rounds=summary.rounds, answers=summary.answers, members=summary.members,
                    resolved=summary.resolved, graded=summary.graded))
    tries = [c for c in ("ledger", "radar", "stats", "chart bear-score") if c.split()[0] in SUBCOMMANDS]
    print(catalog.t(lang, "cli_demo_try", db=shlex.quote(str(path)), names=", ".join(MEMBERS),
                    commands="\n".join(f"  /hindsight {c}" for c in tries)))
    return 0
