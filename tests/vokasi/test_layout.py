"""Files are named by entity, the same way in every app (README, Layout).

Each layer is one module or one package of entity modules: ``services/<entity>.py``,
``selectors.py`` or ``selectors/<entity>.py``, ``tables.py``, ``filters.py``, ``forms.py``
or ``forms/<entity>.py``, ``views/<entity>.py``, ``api/<entity>.py``, ``tasks.py``. A
module whose name mixes a layer and a topic (``selectors_training.py``, ``views_costs.py``,
``forms_agreements.py``, ``job_seeker_tasks.py``) hides a second copy of a layer beside the
first; this test fails when one reappears.
"""

from __future__ import annotations

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
