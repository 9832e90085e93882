"""Subject access: everything held about one person, as JSON and as a readable workbook."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from placements.models import ReferralDecision
from tests import factories
from trainees.models import ReportBack

TODAY = timezone.localdate()


@pytest.fixture
def person(world):
    """A person of office A with something in every kind of data."""
    person = factories.job_seeker(
        world.office_a,
        name="Siti Aminah",
        address='=HYPERLINK("http://evil")',
        phone="081234567890",
        consent_share_contact=True,
    )
    factories.give_skill(person, "LAS-SMAW", source=3)
    ReportBack.objects.create(job_seeker=person, reported_on=TODAY, note="Masih mencari")
    cohort = factories.cohort(factories.programme(world.provider_a, name="Las SMAW 3G"))
    enrollment = factories.enrollment(cohort, person, status="completed")
    factories.training_result(enrollment)
    factories.assessment(enrollment, certificate_no="LSP-LAS/2026/0007")
    vacancy = factories.vacancy(world.company_a, title="Welder SMAW")
    referral = factories.referral(vacancy, person, status="hired")
    ReferralDecision.objects.create(
        referral=referral, decision="hired", decided_at=timezone.now(), note="Mulai Senin"
    )
    placement = factories.placement(vacancy, person, referral=referral)
    factories.follow_up(placement, TODAY, employed=True, wage=5_300_000)
    apprenticeship_vacancy = factories.vacancy(
        world.company_b, kind="apprenticeship", employment_type="magang", duration_months=6
    )
    factories.apprenticeship(apprenticeship_vacancy, person, agreement_no="PKS/12/2026")
    return person


def url(person) -> str:
    return f"/api/v1/job-seekers/{person.pk}/personal-data/"


def test_an_officer_of_the_office_gets_everything_held_about_the_person(world, api, person):
    response = api.as_user(world.officer_a).get(url(person))
    assert response.status_code == 200
    body = response.json()
    assert body["person"]["nik"] == person.nik  # the whole NIK: it is their own data
    assert body["person"]["name"] == "Siti Aminah"
    assert body["person"]["phone"] == "081234567890"
    assert body["person"]["consent_share_contact"] is True
    assert body["person"]["office"] == world.office_a.name
    assert [s["skill"] for s in body["skills"]] == ["LAS-SMAW"]
    assert body["skills"][0]["source"] == 3  # certified
    assert body["reports_back"][0]["note"] == "Masih mencari"
    assert body["enrollments"][0]["programme"] == "Las SMAW 3G"
    assert body["results"][0]["outcome"]
    assert body["assessments"][0]["certificate_no"] == "LSP-LAS/2026/0007"
    assert body["referrals"][0]["company"] == world.company_a.name
    assert "Mulai Senin" in [d["note"] for d in body["decisions"]]
    assert body["placements"][0]["wage"] == 5_200_000
    assert body["follow_ups"][0]["wage"] == 5_300_000
    assert body["apprenticeships"][0]["agreement_no"] == "PKS/12/2026"
    assert body["apprenticeships"][0]["company"] == world.company_b.name
    stages = {event["stage"] for event in body["history"]}
    assert {"registration", "referral", "placement"} <= stages


def test_an_admin_may_export_a_person_too(world, api, person):
    assert api.as_user(world.admin).get(url(person)).status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("officer_b", 404),  # another office: the person is out of scope
        ("trainer_a", 403),  # even of the person's own cohort: never allowed
        ("trainer_b", 403),
        ("employer_a", 403),
        ("employer_b", 403),
    ],
)
def test_nobody_else_may_export_a_person(world, api, person, role, status):
    response = api.as_user(getattr(world, role)).get(url(person))
    assert response.status_code == status


def test_anonymous_callers_get_401(api, person):
    assert api.as_user(None).get(url(person)).status_code == 401


def test_the_export_runs_a_bounded_number_of_queries(
    world, api, person, django_assert_max_num_queries
):
    api.as_user(world.officer_a)
    with django_assert_max_num_queries(30):
        assert api.get(url(person)).status_code == 200


def test_the_officer_downloads_a_workbook_with_a_sheet_per_kind_of_data(world, client, person):
    client.force_login(world.officer_a)
    page = client.get(reverse("trainees:job-seeker-detail", args=[person.pk]))
    export_url = reverse("trainees:job-seeker-personal-data", args=[person.pk])
    assert export_url in page.content.decode()

    response = client.get(export_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="data-pribadi-')
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 12
    first = book.worksheets[0]
    values = {row[0]: row[1] for row in first.iter_rows(min_row=2, values_only=True)}
    assert person.nik in values.values()
    assert "Siti Aminah" in values.values()
    # A value a spreadsheet would run as a formula arrives as text.
    assert '\'=HYPERLINK("http://evil")' in values.values()
    everything = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]
    assert "LSP-LAS/2026/0007" in everything
    assert "Mulai Senin" in everything
    assert world.company_b.name in everything


@pytest.mark.parametrize(
    ("role", "status"),
    [("officer_b", 404), ("trainer_a", 403), ("employer_a", 403), ("admin", 200)],
)
def test_the_workbook_follows_the_same_rules(world, client, person, role, status):
    client.force_login(getattr(world, role))
    response = client.get(reverse("trainees:job-seeker-personal-data", args=[person.pk]))
    assert response.status_code == status


def test_every_export_is_logged(world, api, person, caplog):
    with caplog.at_level("INFO", logger="vokasi.personal_data"):
        api.as_user(world.officer_a).get(url(person))
    assert f"job seeker {person.pk}" in caplog.text
    assert f"by user {world.officer_a.pk}" in caplog.text


def test_dates_in_the_json_are_iso(world, api, person):
    body = api.as_user(world.officer_a).get(url(person)).json()
    assert body["person"]["birth_date"] == person.birth_date.isoformat()
    datetime.date.fromisoformat(body["reports_back"][0]["reported_on"])


def test_every_export_is_in_the_access_log(world, api, client, person):
    from vokasi.models import AccessLog

    api.as_user(world.officer_a).get(url(person))
    client.force_login(world.admin)
    client.get(reverse("trainees:job-seeker-personal-data", args=[person.pk]))
    rows = AccessLog.objects.filter(action="export", object_id=str(person.pk))
    assert sorted(rows.values_list("user__username", flat=True)) == sorted(
        [world.officer_a.username, world.admin.username]
    )
