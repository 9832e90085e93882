"""The malformed-file corpus sent to a cohort's results upload, through
``POST /api/v1/cohorts/{id}/results/`` and the results page.

Every file is answered (4xx with what is wrong, or read as it should be), none with a
500, and a refused file saves no result, assessment, history or upload record.
"""

from __future__ import annotations

import datetime
import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.trainees.results_files import HEADER_ID, running_cohort
from tests.vokasi.test_upload_fuzz import Case, Layout, malformed_files
from tests.vokasi.test_upload_fuzz_job_seekers import check
from trainees.models import CompetencyAssessment, ResultUpload, TrainingResult, TrainingResultChange

pytestmark = pytest.mark.django_db

#: The corpus is built once per module, so the trainees get these NIKs.
NIKS = ["3672010101900001", "3672010101900002", "3672010101900003"]
API = "/api/v1/cohorts/{}/results/"


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    header = list(HEADER_ID)
    assessed = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    rows = [
        [nik, "95", "80", "lulus", "K", f"LSP-LAS/{i:04d}", assessed] for i, nik in enumerate(NIKS)
    ]
    layout = Layout(
        header=header,
        rows=rows,
        nik=0,
        text=header.index("Nomor Sertifikat"),
        date=header.index("Tanggal Uji"),
        required=header.index("Kehadiran %"),
    )
    return malformed_files(layout)


@pytest.fixture
def cohort(world):
    cohort = running_cohort(world, trainees=0)
    for nik in NIKS:
        factories.enrollment(cohort, factories.job_seeker(world.office_a, nik=nik))
    return cohort


def saved() -> tuple[int, ...]:
    return (
        TrainingResult.objects.count(),
        CompetencyAssessment.objects.count(),
        TrainingResultChange.objects.count(),
        ResultUpload.objects.count(),
    )


def test_every_malformed_file_through_the_api(api, world, cohort, cases):
    client = api.as_user(world.trainer_a)
    failures = {}
    for case in cases:
        before = saved()
        response = client.post(
            API.format(cohort.pk),
            {"file": SimpleUploadedFile(case.filename, case.data)},
            format="multipart",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        payload = response.json() if response.status_code < 500 else {}
        body = json.dumps(payload, ensure_ascii=False)
        problem = check(case, response.status_code, body, payload.get("errors"))
        if case.rejected and saved() != before:
            problem = (problem or "") + " and something was saved"
        if problem:
            failures[case.id] = problem
        # Start each case from a cohort without results.
        TrainingResultChange.objects.all().delete()
        TrainingResult.objects.all().delete()
        CompetencyAssessment.objects.all().delete()
        ResultUpload.objects.all().delete()
    assert failures == {}
    assert len(cases) >= 60


def test_formulas_in_a_csv_are_stored_as_typed_never_evaluated(api, world, cohort, cases):
    case = next(c for c in cases if c.id == "formulas in text stored as typed")
    response = api.as_user(world.trainer_a).post(
        API.format(cohort.pk),
        {"file": SimpleUploadedFile(case.filename, case.data)},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    stored = CompetencyAssessment.objects.filter(
        certificate_no='=HYPERLINK("http://evil.example","klik")'
    )
    assert stored.count() == 1


def test_every_malformed_file_through_the_page(client, world, cohort, cases):
    client.force_login(world.trainer_a)
    url = reverse("trainees:cohort-results", args=[cohort.pk])
    failures = {}
    for case in cases:
        before = saved()
        response = client.post(
            url, {"file": SimpleUploadedFile(case.filename, case.data)}, HTTP_ACCEPT_LANGUAGE="en"
        )
        page = html.unescape(response.content.decode())
        problem = check(case, response.status_code, page, None)
        if saved() != before:  # the page only checks (a dry run) until confirmed
            problem = (problem or "") + " and something was saved"
        if problem:
            failures[case.id] = problem
    assert failures == {}
