"""Imports point down only: reports → placements → trainees → vokasi (README, Layout).

``demo`` (the demo data) sits above them all and may import every app; no app imports
``demo`` or ``bench``, and no test imports ``bench``. ``trainees`` and ``vokasi`` never
reach placements' tables through a reverse relation either (``person.placements``,
``job_seeker__referrals__…``): placements contributes what they show through the
registries (``vokasi.contributions``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: Each app and the apps it may import (itself included).
MAY_IMPORT = {
    "vokasi": {"vokasi"},
    "trainees": {"vokasi", "trainees"},
    "placements": {"vokasi", "trainees", "placements"},
    "reports": {"vokasi", "trainees", "placements", "reports"},
    "demo": {"vokasi", "trainees", "placements", "reports", "demo"},
    "tests": {"vokasi", "trainees", "placements", "reports", "demo", "tests"},
}
PROJECT = {"vokasi", "trainees", "placements", "reports", "demo", "bench", "tests"}
#: The related names placements' models give the models of trainees and vokasi.
PLACEMENTS_RELATED = r"(referrals|placements|apprenticeships|vacancies|decisions|follow_ups)"
#: ``placements.api.vacancies`` (a module the schema settings name) is no relation.
REVERSE_RELATION = re.compile(
    rf"(?<!placements\.api)\.{PLACEMENTS_RELATED}\b|(?<![a-z]){PLACEMENTS_RELATED}__"
)


def python_files(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def imported_apps(path: Path) -> set[str]:
    """The project packages ``path`` imports, anywhere in the module (functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & PROJECT
    return found


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - MAY_IMPORT[app])
        for path in python_files(app)
    }
    assert {path: apps for path, apps in wrong.items() if apps} == {}


@pytest.mark.parametrize("app", ["vokasi", "trainees"])
def test_trainees_and_vokasi_never_follow_a_placements_reverse_relation(app):
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in python_files(app)
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if REVERSE_RELATION.search(line.split("#")[0])
    ]
    assert hits == []


def test_the_check_sees_an_upward_import_and_a_reverse_relation(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from placements.models import Placement\n")
    assert imported_apps(module) == {"placements"}
    assert REVERSE_RELATION.search("person.placements.all()")
    assert REVERSE_RELATION.search('filter(job_seeker__referrals__status="x")')
    assert not REVERSE_RELATION.search("from placements.models import Placement")
