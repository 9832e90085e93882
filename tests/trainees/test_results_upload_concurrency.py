"""The same cohort's results sent twice at the same moment (a double click, a retrying
HR system), on PostgreSQL with real threads."""

from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.test import APIClient

from tests.trainees.results_files import rows_for, running_cohort, upload, xlsx
from tests.trainees.test_registration_concurrency import run_together
from trainees.models import (
    CompetencyAssessment,
    JobSeekerSkill,
    ResultUpload,
    TrainingResult,
    TrainingResultChange,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL"
    ),
]


def poster(user, cohort, data: bytes):
    def call():
        client = APIClient()
        client.force_authenticate(user)
        return client.post(
            f"/api/v1/cohorts/{cohort.pk}/results/",
            {"file": upload(data, "hasil.xlsx")},
            format="multipart",
        )

    return call


def test_the_same_file_twice_at_once_is_saved_once_and_the_other_finds_it_unchanged(world):
    cohort = running_cohort(world, trainees=16)
    data = xlsx(rows_for(cohort))
    first, second = run_together(
        poster(world.trainer_a, cohort, data), poster(world.trainer_a, cohort, data)
    )
    assert [first.status_code, second.status_code] == [200, 200], (first, second)
    bodies = sorted((r.json()["created"], r.json()["unchanged"]) for r in (first, second))
    # Exactly one applied it; the other, waiting on the cohort's lock, found it saved.
    assert bodies == [(0, 16), (16, 0)]
    assert ResultUpload.objects.count() == 1
    assert TrainingResult.objects.filter(enrollment__cohort=cohort).count() == 16
    assert CompetencyAssessment.objects.count() == 16
    assert TrainingResultChange.objects.count() == 0
    skills = cohort.programme.skills.count()
    certified = JobSeekerSkill.objects.filter(source=JobSeekerSkill.Source.CERTIFIED)
    assert certified.count() == 16 * skills


def test_two_different_files_at_once_apply_one_after_the_other_never_mixed(world):
    cohort = running_cohort(world, trainees=16)
    passed = xlsx(rows_for(cohort, score="80"))
    corrected = xlsx(rows_for(cohort, score="90"))
    first, second = run_together(
        poster(world.trainer_a, cohort, passed), poster(world.trainer_a, cohort, corrected)
    )
    assert [first.status_code, second.status_code] == [200, 200], (first, second)
    created = sorted(r.json()["created"] for r in (first, second))
    updated = sorted(r.json()["updated"] for r in (first, second))
    assert created == [0, 16] and updated == [0, 16]
    # The end state is wholly the later file's, with every change in the history.
    scores = set(TrainingResult.objects.values_list("score", flat=True))
    assert len(scores) == 1
    assert ResultUpload.objects.count() == 2
    assert TrainingResultChange.objects.filter(field="score").count() == 16
    later = ResultUpload.objects.order_by("pk").last()
    assert later.updated == 16
