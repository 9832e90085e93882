"""JSON bodies of the wrong shape to the importers answer 400 in the contract's shape."""

from __future__ import annotations

import pytest

from tests.trainees.results_files import running_cohort
from trainees.models import JobSeeker

pytestmark = pytest.mark.django_db

WRONG_SHAPES = [
    [1, 2],
    [{"rows": []}],
    "rows",
    {"rows": "abc"},
    {"rows": {"nik": "3672046108990001"}},
    {"rows": ["abc", 1]},
    {"rows": [[1], [2]]},
    {"rows": [{"nik": {"a": 1}}]},
    {"rows": [{"nik": ["3672046108990001"], "name": {"first": "Siti"}}]},
    {"rows": [None]},
]


@pytest.mark.parametrize("body", WRONG_SHAPES, ids=range(len(WRONG_SHAPES)))
def test_the_job_seeker_import_answers_400_with_field_errors(api, world, body):
    response = api.as_user(world.officer_a).post("/api/v1/job-seekers/import/", body, format="json")
    assert response.status_code == 400, response.content
    answer = response.json()
    assert isinstance(answer, dict)
    # {"field": ["message", …]} or nested per row, or non_field_errors: never a bare string.
    assert set(answer) <= {"rows", "non_field_errors", "file", "detail"}
    assert not JobSeeker.objects.exists()


@pytest.mark.parametrize("body", WRONG_SHAPES, ids=range(len(WRONG_SHAPES)))
def test_the_results_upload_answers_400_too(api, world, body):
    cohort = running_cohort(world, trainees=1)
    response = api.as_user(world.trainer_a).post(
        f"/api/v1/cohorts/{cohort.pk}/results/", body, format="json"
    )
    assert response.status_code == 400, response.content
    assert isinstance(response.json(), dict)
