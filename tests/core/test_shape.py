"""The shape of the code (ARCHITECTURE.md, "Layers"), checked from the source:
small classes with one base, imports that run one way with no cycle, adapters that reach the
core only through its events, actions and inbox, and a router entry for every command and id."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from bot import ids, router
from bot.commands import SUBCOMMANDS

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("adapters", "bot", "storage")


def sources(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))


def module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The project modules a file imports (at any depth, including inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    known = {module_of(p) for p in sources(*PACKAGES)}
    return {m for m in found if m in known}


def test_no_class_in_the_core_has_more_than_20_methods_or_more_than_one_base():
    offenders = []
    for path in sources("bot", "storage"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                methods = [n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
                if len(methods) > 20 or len(node.bases) > 1:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.name} ({len(methods)} methods, "
                                     f"{len(node.bases)} bases)")
    assert offenders == []


def test_storage_imports_nothing_from_bot_or_adapters():
    offenders = {module_of(p): sorted(m for m in imports_of(p) if not m.startswith("storage"))
                 for p in sources("storage")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_core_imports_no_adapter_except_the_composition_root():
    offenders = {module_of(p): sorted(m for m in imports_of(p) if m.startswith("adapters"))
                 for p in sources("bot")}
    assert {k: v for k, v in offenders.items() if v and k != "bot.app"} == {}


def test_adapters_reach_the_core_only_through_events_actions_and_the_inbox():
    inner = ("storage", "bot.service", "bot.router", "bot.usecases", "bot.context", "bot.app")
    offenders = {module_of(p): sorted(m for m in imports_of(p) if m.startswith(inner))
                 for p in sources("adapters")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_import_cycle():
    graph = {module_of(p): imports_of(p) for p in sources(*PACKAGES)}
    # A package imports its __init__ implicitly; "from pkg import x" of a submodule is an edge to it.
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt == node or nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_every_command_button_and_form_has_one_handler():
    assert set(SUBCOMMANDS) == set(router.COMMANDS) | {"help", "setup"}
    button_types = set(ids.ButtonId.__args__)  # type: ignore[attr-defined]
    form_types = set(ids.FormId.__args__)  # type: ignore[attr-defined]
    assert set(router.BUTTONS) == button_types
    assert set(router.FORMS) == form_types


def test_every_id_survives_encoding():
    samples = [ids.AnswerButton(12), ids.SkipButton(12), ids.ScoreButton(12, 4), ids.OpenButton(3),
               ids.SettingsButton(3), ids.ForgetButton(7), ids.LatestDigestButton(), ids.HistoryButton()]
    for sample in samples:
        assert ids.decode_button(ids.encode(sample)) == sample
    for form in (ids.AnswerForm(12), ids.SettingsForm(3)):
        assert ids.decode_form(ids.encode(form)) == form
    # The wire format is what posts made by earlier versions carry.
    assert ids.encode(ids.ScoreButton(12, 4)) == "hs:score:12:4"
    assert ids.encode(ids.AnswerForm(12)) == "answer:12"
    for forged in ("hs:score:12:6", "hs:answer:²", "hs:answer:-1", "answer:99999999999999999999", "hs:answer",
                   "hs:answer:1:2", "answer:x", "", "hs:", "nope:1"):
        assert ids.decode_button(forged) is None and ids.decode_form(forged) is None, forged


# Use cases decide and return results (bot/results/); bot/present/ alone turns them into words.
WORDS = ("bot.catalog", "bot.messages_en", "bot.messages_ko", "bot.present")


def test_use_cases_import_neither_the_catalog_nor_the_presentation():
    """Every use case, in any import form (``from bot import catalog`` included)."""
    cases = [p for p in sources("bot") if module_of(p).startswith("bot.usecases.")]
    composing = {p.stem for p in cases if any(m == w or m.startswith(w + ".") for m in imports_of(p) for w in WORDS)}
    assert composing == set()
    grep = re.compile(r"^\s*(from|import) bot\.(catalog|messages_en|messages_ko|present)\b", re.M)
    every = list((ROOT / "bot" / "usecases").glob("*.py"))
    assert [p.name for p in every if grep.search(p.read_text(encoding="utf-8"))] == []
    names = {p.stem for p in cases}
    assert {"answers", "group_settings", "setup"} <= names, names  # the scan sees the use cases
