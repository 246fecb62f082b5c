"""Dependencies point one way: core <- narratives <- campaigns <- partners <- evidence, demo.

A lower app reaches a higher one only through a signal or a registry it defines and the
higher one connects to in ``AppConfig.ready()`` (``narratives.signals``, ``campaigns.signals``,
``core.egress``, ``core.erasure``, ``core.health``). Imports inside functions count.
``evidence`` (the dashboard) and ``demo`` (the demo seeder) read every app; no app reads
them, nor they each other. import-linter (``make lint``) enforces the same contract.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["core", "narratives", "campaigns", "partners"]
TOP = ["evidence", "demo"]


def _forbidden(app: str) -> set[str]:
    if app in TOP:
        return set(TOP) - {app}
    return set(LAYERS[LAYERS.index(app) + 1 :]) | set(TOP)


def _upward_imports(path: Path, higher: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [f"{name} (line {node.lineno})" for name in names if name.split(".")[0] in higher]
    return found


def test_no_app_imports_an_app_above_it():
    bad = {}
    for app in LAYERS + TOP:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative:
                continue
            found = _upward_imports(path, _forbidden(app))
            if found:
                bad[relative] = found
    assert bad == {}
