"""mypy checks the adapters as strictly as the core, and skips missing types only for the
libraries that ship none (the README's test command runs ``python -m mypy``)."""
from __future__ import annotations

import ast
import importlib.util
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OURS = ("bot", "storage", "adapters")


def mypy_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]


def ships_types(package: str) -> bool:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations, f"{package} is not an installed package"
    folder = Path(list(spec.submodule_search_locations)[0])
    return (folder / "py.typed").exists() or importlib.util.find_spec(f"{package}-stubs") is not None


def third_party_imports() -> set[str]:
    found: set[str] = set()
    for folder in OURS:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                found |= {n.split(".")[0] for n in names}
    return {n for n in found if n not in OURS and n not in sys.stdlib_module_names}


def test_adapters_are_checked_with_no_untyped_defs_anywhere():
    config = mypy_config()
    assert set(config["files"]) == set(OURS)
    assert config["disallow_untyped_defs"] is True
    assert not any("disallow_untyped_defs" in o or "follow_imports" in o for o in config.get("overrides", []))


def test_missing_imports_are_ignored_only_for_libraries_without_types():
    config = mypy_config()
    assert "ignore_missing_imports" not in config  # no global switch
    untyped = {m.split(".")[0] for o in config.get("overrides", []) if o.get("ignore_missing_imports")
               for m in o["module"]}
    assert untyped == {"apscheduler"}
    assert not any(ships_types(p) for p in untyped)
    for package in third_party_imports() - untyped:
        assert ships_types(package), f"{package} ships no types: give it an ignore_missing_imports override"
