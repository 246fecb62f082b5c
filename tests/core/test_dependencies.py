"""Dependencies point one way: core <- narratives <- campaigns <- partners.

A lower app reaches a higher one only through a signal it defines and the higher one
connects to (``narratives.signals``, ``campaigns.signals``). Imports inside functions count.
The modules listed as known exceptions predate this test; the list must only shrink.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["core", "narratives", "campaigns", "partners"]
KNOWN_EXCEPTIONS = {
    "core/demo.py",  # the demo seeder fills every app
    "core/health.py",  # the health page reports the publisher's backlog
    "narratives/dashboard.py",  # the evidence dashboard counts messages and partner metrics
    "narratives/dashboard_views.py",
}


def _upward_imports(path: Path, layer: int) -> list[str]:
    higher = set(LAYERS[layer + 1 :])
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
    for layer, app in enumerate(LAYERS):
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative in KNOWN_EXCEPTIONS:
                continue
            found = _upward_imports(path, layer)
            if found:
                bad[relative] = found
    assert bad == {}
