"""The ``hindsight`` command: run | console | digest | export | backup | healthcheck | prompts | radar."""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sqlite3
import sys
from pathlib import Path

from bot import catalog
from bot.clock import NOW_ENV, FixedNowOutOfRange, clock_from_env, warn_if_fixed
from bot.cli_support import Stop, chosen_clock, open_group, open_readonly, unusable_message
from bot.cli_trends import cmd_chart, cmd_demo, cmd_radar
from bot.config import Config, ConfigError, load

def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hindsight",
        description="A weekly reflection bot for founders' groups, on Discord, Slack and the terminal.",
        epilog="Configuration comes from environment variables (see the README); HINDSIGHT_DB names the database."
               " HINDSIGHT_NOW (ISO 8601 with an offset, e.g. 2026-01-05T10:00:00+00:00) fixes the clock of any"
               " command, for tests and demos.",
    )
    p.add_argument("--db", help="SQLite file (default: $HINDSIGHT_DB or ./hindsight.db)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub.add_parser("run", help="run the bot: Discord/Slack when tokens are set, else the console on a terminal",
                   description="Run the bot. With no platform tokens and a terminal, opens the console channel "
                               "as $USER; with no terminal, exits 2 and names the tokens to set.")
    c = sub.add_parser("console", help="the terminal channel (interactive or through a pipe)",
                       description="The terminal channel: each line is an answer, /hindsight <sub> runs a command, "
                                   "/as NAME switches member. Reads until end of input.")
    c.add_argument("--as", dest="member", help="member name (default: $USER)")
    d = sub.add_parser("digest", help="print a digest", description="Print the digest of a round.")
    d.add_argument("--group", required=True, help="group name (the console's group is 'console')")
    d.add_argument("--period", help="ISO week such as 2026-W40 (default: the latest closed round)")
    d.add_argument("--format", choices=("md", "json"), default="md")
    e = sub.add_parser("export", help="export the archive (closed rounds)",
                       description="Export the archive in the version 1 formats: json and csv write one file, "
                                   "md writes OUT/<group>/<period>.md.")
    e.add_argument("--format", choices=("md", "json", "csv"), required=True)
    e.add_argument("--group", help="only this group")
    e.add_argument("--out", required=True, help="output file (json, csv) or folder (md)")
    b = sub.add_parser("backup", help="copy the database with SQLite's online backup",
                       description="Copy the live database to PATH with SQLite's online backup API.")
    b.add_argument("path")
    sub.add_parser("healthcheck", help="exit 0 if the database opens and the heartbeat is fresh (<90 s)",
                   description="Exit 0 only when the database opens and the scheduler's heartbeat is under 90 s old.")
    pr = sub.add_parser("prompts", help="list the prompts", description="List the prompts.")
    pr.add_argument("action", choices=("list",), nargs="?", default="list")
    pr.add_argument("--lang", choices=("en", "ko"), default="en")
    pr.add_argument("--group", help="show this group's active prompts instead of the built-in library")
    ch = sub.add_parser("chart", help="draw a scale prompt's group average per round as a PNG",
                        description="Draw the group's average score per closed round of a scale prompt as a PNG "
                                    "line chart (averages only, no authors). Read-only.")
    ch.add_argument("--group", required=True, help="group name (the console's group is 'console')")
    ch.add_argument("--prompt", required=True, help="the scale prompt: its id or built-in key, e.g. bear-score")
    ch.add_argument("--out", required=True, help="the PNG file to write")
    ra = sub.add_parser("radar", help="the hype radar: terms rising and falling in a group's answers",
                        description="Compare the last N closed rounds of a group with all earlier ones and print "
                                    "the terms that rose and fell (no authors). Read-only.")
    ra.add_argument("--group", required=True, help="group name (the console's group is 'console')")
    ra.add_argument("--weeks", type=int, default=8, help="recent closed rounds to compare (1 to 104, default 8)")
    ra.add_argument("--format", choices=("text", "json"), default="text")
    dm = sub.add_parser("demo", help="build a year of a sample five-person group to explore",
                        description="Build a year (52 weekly rounds) of a sample founders' group in a new file, "
                                    "through the real use cases on a simulated clock, and say what to try. The "
                                    "group is the console's: open it with 'hindsight --db PATH console'.")
    dm.add_argument("--db", default=argparse.SUPPRESS,
                    help="the file to write (default: ./hindsight-demo.db, never $HINDSIGHT_DB)")
    dm.add_argument("--force", action="store_true", help="replace an earlier demo at that path")
    for name, command in sub.choices.items():  # --db also after the subcommand: hindsight console --db PATH
        if name != "demo":
            command.add_argument("--db", default=argparse.SUPPRESS, help="SQLite file (as hindsight --db PATH)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    env = dict(os.environ)
    if args.db:
        env["HINDSIGHT_DB"] = args.db
    try:
        config = load(env)
    except ConfigError as exc:
        print(f"hindsight: configuration error: {exc}", file=sys.stderr)
        return 2
    try:
        args.clock = clock_from_env(env)
    except ValueError as exc:
        key = "cli_now_range" if isinstance(exc, FixedNowOutOfRange) else "cli_bad_now"
        print("hindsight: " + catalog.t(config.language, key, value=env.get(NOW_ENV, "")[:80]), file=sys.stderr)
        return 2
    if args.command not in ("run", "console"):
        warn_if_fixed(args.clock)  # run and console warn once their logging is set up
    handler = HANDLERS[args.command]
    try:
        return handler(args, config)
    except Stop as stop:
        print(f"hindsight: {stop.message}", file=sys.stderr)
        return stop.code
    except BrokenPipeError:  # the reader went away (| head): what was acknowledged is on disk
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def cmd_run(args: argparse.Namespace, config: Config) -> int:
    from bot.app import run, stdin_is_terminal

    if config.has_platform:
        return run(config, clock=chosen_clock(args), role="run")
    if not stdin_is_terminal():
        print("hindsight: " + catalog.t(config.language, "no_tty"), file=sys.stderr)
        return 2
    return run(config, console_member=_user(), clock=chosen_clock(args), role="run")


def cmd_console(args: argparse.Namespace, config: Config) -> int:
    from bot.app import run

    return run(config, console_member=args.member or _user(), clock=chosen_clock(args), role="console")


def _user() -> str:
    try:
        return os.environ.get("USER") or getpass.getuser()
    except Exception:  # noqa: BLE001 - no passwd entry in some containers
        return "me"


def cmd_digest(args: argparse.Namespace, config: Config) -> int:
    from bot.digest import render_text
    from bot.export import round_json
    from bot.timing import parse_period

    found = open_group(config, args.group, chosen_clock(args))
    if found is None:
        return 1
    service, group = found
    if args.period:
        try:
            rnd = service.store.rounds.for_period(group.id, parse_period(args.period))
        except ValueError as exc:
            print(f"hindsight: {exc}", file=sys.stderr)
            return 2
    else:
        closed = service.store.rounds.closed(group.id, limit=1)
        rnd = closed[0] if closed else None
    if rnd is None:
        print(f"hindsight: no such round in {group.name}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps({"group": group.name, **round_json(service.store, rnd)},
                         ensure_ascii=False, indent=2))
    else:
        print(render_text(service.build_digest(rnd)), end="")
    return 0


def cmd_export(args: argparse.Namespace, config: Config) -> int:
    """json and csv write one file, md a folder of files, each through the safe writer (whole
    or not at all). Exit 2 when the target is refused (the live database, a folder for a file,
    a file for a folder), 1 when writing fails; one line on stderr either way."""
    from bot import safe_files
    from bot.export import export_csv, export_json, export_markdown

    lang, protect = config.language, [config.db_path]
    try:
        if args.format == "md":
            safe_files.check_folder(args.out, protect)
        else:
            safe_files.check_target(args.out, protect)
        service = open_readonly(config, chosen_clock(args))
        if service is None:
            return 1
        names = [args.group] if args.group else None
        try:
            if args.format == "json":
                text = json.dumps(export_json(service.store, names), ensure_ascii=False, indent=2) + "\n"
                safe_files.write_text(args.out, text, protect)
            elif args.format == "csv":
                safe_files.write_text(args.out, export_csv(service.store, names), protect)
            else:
                files = {rel: text.encode("utf-8") for rel, text in export_markdown(service.deps, names).items()}
                safe_files.write_tree(args.out, files, protect)
        except KeyError as exc:
            raise Stop(1, catalog.t(lang, "cli_no_group", group=exc.args[0])) from exc
    except safe_files.SafeWriteError as exc:
        raise Stop(exc.exit_code, exc.line(lang)) from exc
    print(catalog.t(lang, "cli_wrote", path=args.out), file=sys.stderr)
    return 0


def cmd_backup(args: argparse.Namespace, config: Config) -> int:
    """SQLite's online backup into a temporary file next to PATH, checked (integrity, the
    source's applied migrations and row counts per table, read in the snapshot copied), then
    renamed over PATH. Exit 2 for a refused target or a file that is not Hindsight's, 1 when
    copying or checking fails; a failed backup leaves no file and an earlier one unchanged."""
    from bot import safe_files
    from bot.backup import BackupMismatch, backup
    from storage.db import DatabaseError, UnusableDatabase, check_file

    lang = config.language
    try:
        safe_files.check_target(args.path, [config.db_path])
    except safe_files.SafeWriteError as exc:
        raise Stop(exc.exit_code, exc.line(lang)) from exc
    if not Path(config.db_path).exists():
        print(f"hindsight: no database at {config.db_path}", file=sys.stderr)
        return 1
    try:
        check_file(config.db_path)
    except UnusableDatabase as exc:
        raise Stop(2, unusable_message(exc, config.language)) from exc
    except DatabaseError as exc:
        print(f"hindsight: {exc}", file=sys.stderr)
        return 1
    try:
        report = backup(config.db_path, args.path, [config.db_path])
    except safe_files.SafeWriteError as exc:
        raise Stop(exc.exit_code, exc.line(lang)) from exc
    except BackupMismatch as exc:
        raise Stop(1, catalog.t(lang, "cli_backup_mismatch", db=config.db_path, path=args.path,
                                detail=exc)) from exc
    except sqlite3.Error as exc:
        raise Stop(1, catalog.t(lang, "cli_backup_failed", db=config.db_path, detail=exc)) from exc
    print(catalog.t(lang, "cli_backup_done", db=config.db_path, path=args.path, tables=len(report.rows),
                    rows=sum(report.rows.values()), schema=report.schema[-1] if report.schema else "-"),
          file=sys.stderr)
    return 0


def cmd_healthcheck(args: argparse.Namespace, config: Config) -> int:
    from bot.health import assess, decode
    from storage.db import DatabaseError, UnusableDatabase, connect
    from storage.store import Store

    if not Path(config.db_path).exists():
        print(f"unhealthy: no database at {config.db_path}", file=sys.stderr)
        return 1
    try:
        store = Store(connect(config.db_path, readonly=True))
        found = store.heartbeat.get("run")  # the bot's own heartbeat: a console beside it has its own
        beat = found.at if found else None
        connections = decode(found.connections if found else {})
    except UnusableDatabase as exc:
        raise Stop(2, unusable_message(exc, config.language)) from exc
    except (DatabaseError, sqlite3.Error) as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    verdict = assess(beat, connections, set(config.platforms), chosen_clock(args).now())
    if not verdict.healthy:
        print(f"unhealthy: {verdict.reason}", file=sys.stderr)
        return 1
    print(f"healthy: {verdict.reason}")
    return 0


def cmd_prompts(args: argparse.Namespace, config: Config) -> int:
    from bot.present.prompts import kind_label

    if args.group:
        found = open_group(config, args.group, chosen_clock(args))
        if found is None:
            return 1
        service, group = found
        rows = [(p.key or str(p.id), kind_label(p.kind, p.horizon_months), p.text_ko if args.lang == "ko" else p.text_en)
                for p in service.store.prompts.active(group.id)]
    else:
        from bot.prompt_library import BUILTIN_PROMPTS

        rows = [(p.key, kind_label(p.kind, getattr(p, "horizon_months", None)),
                 p.text_ko if args.lang == "ko" else p.text_en) for p in BUILTIN_PROMPTS]
    for key, kind, text in rows:
        print(f"{key:<28} {kind:<15} {text}")
    return 0


HANDLERS = {
    "run": cmd_run, "console": cmd_console, "digest": cmd_digest, "export": cmd_export, "backup": cmd_backup,
    "healthcheck": cmd_healthcheck, "prompts": cmd_prompts, "chart": cmd_chart, "radar": cmd_radar,
    "demo": cmd_demo,
}


if __name__ == "__main__":
    sys.exit(main())
