"""Files are named by entity, the same way in every app (README, Layout).

Each layer is one module or one package of entity modules: ``services/<entity>.py``,
``selectors.py`` or ``selectors/<entity>.py``, ``tables.py``, ``filters.py``, ``forms.py``
or ``forms/<entity>.py``, ``views/<entity>.py``, ``api/<entity>.py``, ``tasks.py``. A
module whose name mixes a layer and a topic (``selectors_training.py``, ``views_costs.py``,
``forms_agreements.py``, ``job_seeker_tasks.py``) hides a second copy of a layer beside the
first; this test fails when one reappears.

Sizes (STYLE.md, readable at once): no function of the apps is over ``MAX_FUNCTION_LINES``
lines, and a module over ``MAX_MODULE_LINES`` says in its docstring why it stays one
module ("This module is long … because …").
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["vokasi", "trainees", "placements", "reports", "demo"]
LAYERS = "views|forms|selectors|tables|filters|urls|services|api|tasks"
#: ``views_costs.py``, ``selectors_training.py``, ``job_seeker_tasks.py``, ``x_training.py``.
MIXED = re.compile(rf"^(({LAYERS})_\w+|\w+_({LAYERS}|training))\.py$")
#: The folders a layer's modules live in (an app's top level and its layer packages).
LAYER_FOLDERS = {"", *LAYERS.split("|")}
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400
#: How a long module's docstring gives its reason.
STAYS_ONE = re.compile(r"\b(is|are) long\b|\bstays? (as )?one module\b|\bis one module\b")


def mixed_names(app_dir: Path) -> list[str]:
    found = []
    for path in sorted(app_dir.rglob("*.py")):
        folder = path.parent.relative_to(app_dir)
        if folder.parts and folder.parts[0] not in LAYER_FOLDERS:
            continue  # migrations, templatetags (named per template library), agreements/, …
        if MIXED.match(path.name):
            found.append(str(path.relative_to(app_dir.parent)))
    return found


def layers_twice(app_dir: Path) -> list[str]:
    """A layer both as a module and as a package (``selectors.py`` beside ``selectors/``)."""
    return [
        f"{app_dir.name}/{layer}"
        for layer in LAYERS.split("|")
        if (app_dir / f"{layer}.py").exists() and (app_dir / layer / "__init__.py").exists()
    ]


@pytest.mark.parametrize("app", APPS)
def test_no_module_mixes_a_layer_and_a_topic_in_its_name(app):
    assert mixed_names(ROOT / app) == []


@pytest.mark.parametrize("app", APPS)
def test_each_layer_is_one_module_or_one_package(app):
    assert layers_twice(ROOT / app) == []


def test_the_check_sees_a_mixed_name_and_a_layer_twice(tmp_path):
    app = tmp_path / "app"
    (app / "views").mkdir(parents=True)
    (app / "views" / "__init__.py").write_text("")
    (app / "migrations").mkdir()
    for name in [
        "selectors_training.py",
        "tables_training.py",
        "filters_training.py",
        "views_costs.py",
        "forms_agreements.py",
        "urls_agreements.py",
        "job_seeker_tasks.py",
        "views.py",
        "selectors.py",
        "timeline.py",
        "migrations/0001_views_x.py",
    ]:
        (app / name).write_text("")
    (app / "views" / "job_seeker_tables.py").write_text("")
    (app / "views" / "job_seekers.py").write_text("")
    assert sorted(Path(p).name for p in mixed_names(app)) == [
        "filters_training.py",
        "forms_agreements.py",
        "job_seeker_tables.py",
        "job_seeker_tasks.py",
        "selectors_training.py",
        "tables_training.py",
        "urls_agreements.py",
        "views_costs.py",
    ]
    assert [Path(p).name for p in layers_twice(app)] == ["views"]


def app_modules(app_dir: Path):
    for path in sorted(app_dir.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, path.read_text()


def long_functions(app_dir: Path) -> list[str]:
    found = []
    for path, source in app_modules(app_dir):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    where = f"{path.relative_to(app_dir.parent)}:{node.lineno}"
                    found.append(f"{where} {node.name} ({length})")
    return found


def long_modules_without_a_reason(app_dir: Path) -> list[str]:
    found = []
    for path, source in app_modules(app_dir):
        lines = source.count("\n")
        docstring = ast.get_docstring(ast.parse(source)) or ""
        if lines > MAX_MODULE_LINES and not STAYS_ONE.search(docstring):
            found.append(f"{path.relative_to(app_dir.parent)} ({lines} lines)")
    return found


@pytest.mark.parametrize("app", APPS)
def test_no_function_is_longer_than_a_screen(app):
    assert long_functions(ROOT / app) == []


@pytest.mark.parametrize("app", APPS)
def test_a_long_module_says_why_it_stays_one(app):
    assert long_modules_without_a_reason(ROOT / app) == []


def test_the_size_checks_see_a_long_function_and_a_long_module(tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    body = "\n".join(f"    x = {n}" for n in range(MAX_FUNCTION_LINES))
    (app / "long.py").write_text(f'"""A module."""\n\n\ndef f():\n{body}\n' + "\n" * 400)
    (app / "kept.py").write_text('"""This module is long and stays one module."""\n' + "\n" * 401)
    assert long_functions(app) == ["app/long.py:4 f (61)"]
    assert long_modules_without_a_reason(app) == ["app/long.py (464 lines)"]


#: What a project table builds on instead of django-tables2's own (``vokasi.tables``).
PLAIN_TABLES2 = {"Table", "DateColumn"}


def _plain(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr in PLAIN_TABLES2
        and isinstance(node.value, ast.Name)
        and node.value.id in ("tables", "django_tables2")
    )


def plain_table_parts(app_dir: Path) -> list[str]:
    """Where a module builds a table on django-tables2's ``Table`` or makes its
    ``DateColumn`` directly (an ``isinstance`` check against them is fine)."""
    found = []
    for path, source in app_modules(app_dir):
        if path == ROOT / "vokasi" / "tables.py":
            continue
        for node in ast.walk(ast.parse(source)):
            plain = (
                (isinstance(node, ast.ClassDef) and any(_plain(base) for base in node.bases))
                or (isinstance(node, ast.Call) and _plain(node.func))
                or (
                    isinstance(node, ast.ImportFrom)
                    and node.module == "django_tables2"
                    and any(alias.name in PLAIN_TABLES2 for alias in node.names)
                )
            )
            if plain:
                found.append(f"{path.relative_to(app_dir.parent)}:{node.lineno}")
    return found


@pytest.mark.parametrize("app", APPS)
def test_tables_build_on_the_projects_table(app):
    """Every table and date column is ``vokasi.tables``' (per-column work done once)."""
    assert plain_table_parts(ROOT / app) == []


def test_the_table_check_sees_a_plain_table(tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    (app / "tables.py").write_text(
        "import django_tables2 as tables\n\n\nclass T(tables.Table):\n"
        "    when = tables.DateColumn()\n    name = tables.Column()\n"
        "    ok = isinstance(when, tables.DateColumn)\n"
    )
    assert plain_table_parts(app) == ["app/tables.py:4", "app/tables.py:5"]
