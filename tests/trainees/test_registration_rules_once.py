"""The registration rules are written once: the counter's form, the API and a file give
the same message for the same fault (the import once said "at least 18 years old" where
the form said "… ; this person is 14", and "Unknown education level (SD, SMP, …)" where
the API said "Unknown education level xyz.")."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests import factories
from trainees.models import JobSeeker
from trainees.nik import build_nik
from trainees.services.registration.importing import job_seekers_import

pytestmark = pytest.mark.django_db

LANGUAGE = "id"


def _under_age() -> dict:
    today = timezone.localdate()
    born = datetime.date(today.year - 14, 1, 1)
    return {"birth_date": born, "nik": build_nik("36.72.04", born, "P", 7)}


def _nik_of_another_birth_date() -> dict:
    return {"nik": build_nik("36.72.04", datetime.date(1999, 8, 12), "P", 3)}


def _as_form(payload: dict) -> dict:
    data = dict(payload)
    data["experience_years"] = 0
    data["consent_share_contact"] = "on" if payload["consent_share_contact"] else ""
    return data


def _as_cells(payload: dict) -> dict:
    cells = {k: v for k, v in payload.items() if k not in ("skills", "consent_share_contact")}
    cells["skills"] = "; ".join(payload["skills"])
    cells["consent_share_contact"] = "ya" if payload["consent_share_contact"] else "tidak"
    return {k: str(v) for k, v in cells.items()}


def _csv(cells: dict) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(cells))
    writer.writeheader()
    writer.writerow(cells)
    return out.getvalue().encode()


def _xlsx(cells: dict) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(cells))
    sheet.append(list(cells.values()))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def messages_of_form(client, payload: dict, field: str) -> list[str]:
    response = client.post(
        reverse("trainees:job-seeker-create"), _as_form(payload), HTTP_ACCEPT_LANGUAGE=LANGUAGE
    )
    assert response.status_code == 200
    return list(response.context["form"].errors[field])


def messages_of_api(api, user, payload: dict, field: str) -> list[str]:
    response = api.as_user(user).post(
        "/api/v1/job-seekers/", payload, format="json", HTTP_ACCEPT_LANGUAGE=LANGUAGE
    )
    if response.status_code == 409:  # a NIK registered before: the contract's conflict
        return [response.json()["detail"]]
    assert response.status_code == 400, response.content
    return response.json()[field]


def messages_of_import(world, payload: dict, field: str, *, xlsx: bool) -> list[str]:
    cells = _as_cells(payload)
    data, name = (_xlsx(cells), "daftar.xlsx") if xlsx else (_csv(cells), "daftar.csv")
    with translation.override(LANGUAGE):
        result = job_seekers_import(office=world.office_a, file=data, filename=name)
    assert result.created == 0
    return [error.message for error in result.errors if error.column == field]


@pytest.mark.parametrize(
    ("fault", "field"),
    [
        ("nik_disagrees_with_birth_date", "nik"),
        ("under_minimum_age", "birth_date"),
        ("unknown_education_code", "education"),
        ("nik_registered_in_this_office", "nik"),
        ("nik_registered_at_another_office", "nik"),
    ],
)
def test_the_form_the_api_and_a_file_give_the_same_message_for_the_same_fault(
    fault, field, client, api, world
):
    payload = factories.job_seeker_payload()
    if fault == "nik_disagrees_with_birth_date":
        payload.update(_nik_of_another_birth_date())
    elif fault == "under_minimum_age":
        change = _under_age()
        payload.update(nik=change["nik"], birth_date=change["birth_date"].isoformat())
    elif fault == "unknown_education_code":
        payload["education"] = "xyz"
    else:
        office = world.office_a if fault == "nik_registered_in_this_office" else world.office_b
        existing = factories.job_seeker(office, sex="P", birth_date=datetime.date(1999, 8, 21))
        payload.update(nik=existing.nik, name="Orang Lain")
    client.force_login(world.officer_a)

    form = messages_of_form(client, payload, field)
    by_api = messages_of_api(api, world.officer_a, payload, field)
    by_csv = messages_of_import(world, payload, field, xlsx=False)
    by_xlsx = messages_of_import(world, payload, field, xlsx=True)

    assert form, fault
    assert form == by_api == by_csv == by_xlsx
    assert JobSeeker.objects.filter(name=payload["name"]).count() == 0


def test_a_nik_twice_in_a_file_reads_the_same_in_both_imports(world):
    """Job seekers and a cohort's results: one message for a NIK given again."""
    from tests.trainees.results_files import csv_bytes, rows_for, running_cohort
    from trainees.services import results
    from trainees.services.results import reading as results_reading

    payload = factories.job_seeker_payload()
    cells = _as_cells(payload)
    body = _csv(cells) + _csv(cells).split(b"\r\n", 1)[1]
    with translation.override(LANGUAGE):
        people = job_seekers_import(office=world.office_a, file=body, filename="daftar.csv")
    cohort = running_cohort(world, trainees=2)
    rows = rows_for(cohort)
    table, _digest = results_reading.results_read_file(
        csv_bytes([*rows, rows[0]]), filename="hasil.csv"
    )
    with translation.override(LANGUAGE):
        outcome = results.cohort_results_import(actor=world.trainer_a, cohort=cohort, table=table)
    # Both files repeat the NIK of their row 2 further down.
    [in_people] = [e.message for e in people.errors if e.row == 3]
    [in_results] = [e.message for e in outcome.errors if e.row == len(rows) + 2]
    assert in_people == in_results
    assert " 2 " in in_people
