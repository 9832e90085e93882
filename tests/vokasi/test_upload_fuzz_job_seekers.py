"""The malformed-file corpus sent to the job-seeker import, through its API and its page.

Every file is answered (4xx with what is wrong, or read as it should be), none with a
500, and a refused file registers no one.
"""

from __future__ import annotations

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.trainees.test_job_seeker_import import person_row
from tests.vokasi.test_upload_fuzz import Case, Layout, malformed_files
from trainees.models import JobSeeker, JobSeekerSkill

pytestmark = pytest.mark.django_db

API = "/api/v1/job-seekers/import/"


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    people = [person_row(n) for n in (1, 2, 3)]
    header = list(people[0])
    layout = Layout(
        header=header,
        rows=[[person[key] for key in header] for person in people],
        nik=header.index("NIK"),
        text=header.index("Nama"),
        date=header.index("Tanggal Lahir"),
        required=header.index("Nama"),
    )
    return malformed_files(layout)


def saved() -> tuple[int, int]:
    return JobSeeker.objects.count(), JobSeekerSkill.objects.count()


def check(case: Case, status: int, body: str, errors: list[dict] | None) -> str | None:
    """What is wrong with the answer to ``case``, or None."""
    if status >= 500:
        return f"{status}"
    if not case.rejected:
        return None if status in (200, 201) else f"{status} {body[:300]}"
    if not 400 <= status < 500:
        return f"answered {status}"
    if case.status in (413, 415) and status != case.status:
        return f"answered {status}, not {case.status}: {body[:200]}"
    if case.says not in body:
        return f"does not say {case.says!r}: {body[:300]}"
    if case.row is not None and errors is not None:
        named = {(e["row"], e["column"]) for e in errors}
        if (case.row, case.column or next(iter(named), ("", ""))[1]) not in named:
            return f"no error on row {case.row}, {case.column}: {sorted(named)}"
    return None


def test_every_malformed_file_through_the_api(api, world, cases):
    client = api.as_user(world.officer_a)
    failures = {}
    for case in cases:
        before = saved()
        response = client.post(
            API,
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
        JobSeeker.objects.all().delete()
    assert failures == {}
    assert len(cases) >= 60


def test_formulas_in_a_csv_are_stored_as_typed_never_evaluated(api, world, cases):
    case = next(c for c in cases if c.id == "formulas in text stored as typed")
    response = api.as_user(world.officer_a).post(
        API, {"file": SimpleUploadedFile(case.filename, case.data)}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    assert JobSeeker.objects.filter(name='=HYPERLINK("http://evil.example","klik")').count() == 1


def test_every_malformed_file_through_the_page(client, world, cases):
    client.force_login(world.officer_a)
    url = reverse("trainees:job-seeker-import")
    failures = {}
    for case in cases:
        before = saved()
        response = client.post(
            url,
            {"file": SimpleUploadedFile(case.filename, case.data), "dry_run": "1"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        page = html.unescape(response.content.decode())
        problem = check(case, response.status_code, page, None)
        if saved() != before:
            problem = (problem or "") + " and something was saved"
        if (
            case.rejected
            and 'data-testid="file-error"' not in page
            and ('data-testid="import-errors"' not in page)
        ):
            problem = (problem or "") + " and the page shows no error"
        if problem:
            failures[case.id] = problem
    assert failures == {}
