"""One NIK rule everywhere: what an officer pastes means the same NIK on every path.

Full-width or other Unicode digits, and groups split by spaces, dots or dashes, are the
16 digits they show; anything else is refused naming the NIK rule. Never a 500: the
database's check (16 ASCII digits) must never be the one to say no.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.trainees.language import english  # noqa: F401
from tests.trainees.results_files import HEADER_EN, rows_for, running_cohort
from tests.trainees.test_job_seeker_import import csv_bytes, person_row, run
from trainees.models import JobSeeker, TrainingResult
from trainees.nik import nik_problems, normalise_nik

pytestmark = pytest.mark.django_db

NIK = "3672046108990001"


def full_width(digits: str) -> str:
    return "".join(chr(0xFF10 + int(d)) for d in digits)


def arabic_indic(digits: str) -> str:
    return "".join(chr(0x0660 + int(d)) for d in digits)


def grouped(digits: str, sep: str) -> str:
    return sep.join([digits[:4], digits[4:8], digits[8:12], digits[12:]])


@pytest.mark.parametrize(
    "typed",
    [
        NIK,
        f"  {NIK} ",
        full_width(NIK),
        arabic_indic(NIK),
        grouped(NIK, " "),
        grouped(NIK, "."),
        grouped(NIK, "-"),
        grouped(NIK, " - "),
        grouped(NIK, "\u2013"),  # an en dash, as word processors write it
        grouped(NIK, "\u00a0"),  # a no-break space, as web pages copy it
        "36.72.04.610899.0001",
        grouped(full_width(NIK), "\u3000"),  # full-width digits and an ideographic space
    ],
)
def test_unambiguous_ways_of_writing_a_nik_are_its_sixteen_ascii_digits(typed):
    assert normalise_nik(typed) == NIK


@pytest.mark.parametrize(
    "typed", ["3672O46108990001", "3672/0461/0899/0001", "3672+046108990001", "3672_0461"]
)
def test_anything_else_is_refused_naming_the_nik_rule(typed):
    assert nik_problems(typed, None, None) == ["NIK must contain digits only."]


def test_superscript_and_circled_digits_never_crash_the_check():
    # "⁵".isdigit() is True but int("⁵") fails: the check must not rely on isdigit().
    for typed in ("²" * 16, "①" * 16, "⑩" * 8, "\U0001d7ce" * 16, "3672⁵46108990001"):
        assert isinstance(nik_problems(typed, None, None), list)


@pytest.mark.parametrize("writer", [full_width, arabic_indic, lambda n: grouped(n, " ")])
def test_the_api_registers_the_normalised_nik(api, world, writer):
    payload = factories.job_seeker_payload()
    nik = payload["nik"]
    payload["nik"] = writer(nik)
    response = api.as_user(world.officer_a).post("/api/v1/job-seekers/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["nik"] == nik
    assert JobSeeker.objects.get(pk=response.json()["id"]).nik == nik


def test_the_api_answers_400_naming_the_nik_rule_for_other_signs(api, world):
    payload = factories.job_seeker_payload(nik="3672/0461/0899/0001")
    response = api.as_user(world.officer_a).post("/api/v1/job-seekers/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["nik"] == ["NIK must contain digits only."]


def test_the_api_finds_the_duplicate_whatever_way_the_nik_is_written(api, world):
    payload = factories.job_seeker_payload()
    client = api.as_user(world.officer_a)
    first = client.post("/api/v1/job-seekers/", payload, format="json")
    payload["nik"] = full_width(payload["nik"])
    again = client.post("/api/v1/job-seekers/", payload, format="json")
    assert again.status_code == 409
    assert again.json()["existing_id"] == first.json()["id"]


@pytest.mark.parametrize("writer", [full_width, lambda n: grouped(n, "-")])
def test_the_registration_page_registers_the_normalised_nik(client, world, writer):
    client.force_login(world.officer_a)
    data = factories.job_seeker_payload()
    nik = data["nik"]
    data.update(nik=writer(nik), experience_years=0, consent_share_contact="on")
    response = client.post(reverse("trainees:job-seeker-create"), data)
    assert response.status_code == 302
    assert JobSeeker.objects.filter(nik=nik).exists()


def test_the_registration_page_explains_a_nik_with_other_signs(client, world):
    client.force_login(world.officer_a)
    data = factories.job_seeker_payload(nik="3672/0461/0899/0001")
    data.update(experience_years=0)
    response = client.post(reverse("trainees:job-seeker-create"), data)
    assert response.status_code in (200, 400)
    assert "NIK must contain digits only." in response.content.decode()
    assert not JobSeeker.objects.exists()


def test_the_job_seeker_import_reads_full_width_and_grouped_niks(world):
    rows = [person_row(1), person_row(2), person_row(3)]
    niks = [row["NIK"] for row in rows]
    rows[0]["NIK"] = full_width(niks[0])
    rows[1]["NIK"] = grouped(niks[1], " ")
    rows[2]["NIK"] = arabic_indic(niks[2])
    result = run(world, csv_bytes(rows))
    assert result.errors == []
    assert sorted(JobSeeker.objects.values_list("nik", flat=True)) == sorted(niks)


def test_the_job_seeker_import_api_reads_them_too(api, world):
    row = person_row(4)
    nik = row["NIK"]
    row["NIK"] = full_width(nik)
    response = api.as_user(world.officer_a).post(
        "/api/v1/job-seekers/import/", {"rows": [row]}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert JobSeeker.objects.filter(nik=nik).exists()


def test_the_results_upload_reads_full_width_and_grouped_niks(api, world):
    cohort = running_cohort(world, trainees=3)
    rows = [dict(zip(HEADER_EN, row, strict=True)) for row in rows_for(cohort)]
    rows[0]["nik"] = full_width(rows[0]["nik"])
    rows[1]["nik"] = grouped(rows[1]["nik"], ".")
    rows[2]["nik"] = grouped(rows[2]["nik"], " ")
    response = api.as_user(world.trainer_a).post(
        f"/api/v1/cohorts/{cohort.pk}/results/", {"rows": rows}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert TrainingResult.objects.filter(enrollment__cohort=cohort).count() == 3


def test_the_results_upload_refuses_other_signs_with_a_row_error(api, world):
    cohort = running_cohort(world, trainees=1)
    rows = [dict(zip(HEADER_EN, row, strict=True)) for row in rows_for(cohort)]
    rows[0]["nik"] = rows[0]["nik"][:4] + "/" + rows[0]["nik"][4:]
    response = api.as_user(world.trainer_a).post(
        f"/api/v1/cohorts/{cohort.pk}/results/", {"rows": rows}, format="json"
    )
    assert response.status_code == 400
    assert [e["column"] for e in response.json()["errors"]] == ["nik"]
