"""The README's "Who may do what" table, checked cell by cell.

One test per (route, role): the request goes out as that role against a small world where
organisation A owns every object in the URL, and must answer exactly the status the README
names. Writes carry a valid body, so an allowed role's success is real; a refused role is
asked again with an empty body and must be refused the same way (the refusal comes before
validation, so a body can never talk its way past it). A route the README does not list
fails the completeness test, so a new endpoint cannot ship without its row.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.vokasi.authorization import ROLES, project_routes, readme_rows, send

pytestmark = pytest.mark.django_db

ROWS = readme_rows()
REFUSALS = {401, 403, 404, 405}
CELLS = [
    pytest.param(row, role, id=f"{row.method} {row.route} as {role}")
    for row in ROWS
    for role in ROLES
]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # API keys are rate limited per key in the cache; every cell starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(("row", "role"), CELLS)
def test_each_role_gets_exactly_the_status_the_readme_names(world, row, role):
    expected = row.expected[role]
    response = send(row, role, world)
    assert response.status_code == expected, (
        f"{row.method} {row.route} as {role}: {response.status_code}, README says {expected}"
    )
    if role == "anonymous" and row.kind != "api" and expected == 302:
        assert response["Location"].startswith("/login/"), response["Location"]
    if row.kind == "export" and expected == 200:
        assert response["Content-Disposition"].startswith("attachment"), row.route
    if row.writes and expected in REFUSALS:
        again = send(row, role, world, empty=True)
        assert again.status_code == expected, (
            f"{row.method} {row.route} as {role} without a body: {again.status_code}"
        )


def test_every_route_of_the_project_has_a_row_in_the_readme():
    documented = {row.path for row in ROWS}
    missing = sorted(project_routes() - documented)
    assert not missing, "routes without a row in README's 'Who may do what': " + ", ".join(missing)


def test_every_row_in_the_readme_is_a_route_of_the_project():
    unknown = sorted({row.path for row in ROWS} - project_routes())
    assert not unknown, "README rows for routes that do not exist: " + ", ".join(unknown)


def test_the_table_covers_the_api_the_pages_and_the_exports():
    kinds = {row.kind for row in ROWS}
    assert kinds == {"api", "page", "export"}
    counts = {kind: sum(1 for row in ROWS if row.kind == kind) * len(ROLES) for kind in kinds}
    # The figure the report quotes: cells checked per kind.
    print(f"authorization matrix cells: {counts} total {sum(counts.values())}")
    assert len({(row.method, row.route) for row in ROWS}) == len(ROWS), "a row appears twice"
