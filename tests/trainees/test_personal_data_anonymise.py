"""Erasure: job_seeker_anonymise removes what identifies a person, everywhere."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from placements.models import Apprenticeship, ReferralDecision
from placements.services.referrals import referral_create
from tests import factories
from trainees.models import (
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    ReportBack,
    TrainingResultChange,
)
from trainees.nik import nik_problems
from trainees.services.personal_data import (
    anonymous_nik,
    erasure_places,
    job_seeker_anonymise,
)
from trainees.services.registration import job_seeker_end, job_seeker_update
from trainees.services.training import enrollment_create

TODAY = timezone.localdate()


@pytest.fixture
def person(world):
    """An ended registration of office A with personal data in every table."""
    person = factories.job_seeker(
        world.office_a,
        name="Siti Aminah",
        phone="081234567890",
        email="siti@example.id",
        religion="Islam",
        marital_status="kawin",
        major="Teknik Pengelasan",
        courses="Kursus las dasar, LPK Maju",
        experience="2 tahun di bengkel Pak Budi",
        disability="tuna rungu",
        consent_share_contact=True,
        birth_date=datetime.date(1998, 3, 14),
    )
    factories.give_skill(person, "LAS-SMAW", source=3)
    ReportBack.objects.create(job_seeker=person, reported_on=TODAY, note="Pindah ke rumah ibunya")
    cohort = factories.cohort(factories.programme(world.provider_a))
    enrollment = factories.enrollment(cohort, person, status="completed")
    factories.training_result(enrollment)
    factories.assessment(enrollment, certificate_no="LSP-LAS/2026/0007")
    TrainingResultChange.objects.create(
        enrollment=enrollment, field="certificate_no", old_value="LSP/1", new_value="LSP/2"
    )
    withdrawn = factories.enrollment(
        factories.cohort(factories.programme(world.provider_a)),
        person,
        status="withdrawn",
        withdrawal_reason="Sakit, dirawat di RS Krakatau",
    )
    del withdrawn
    vacancy = factories.vacancy(world.company_a)
    referral = factories.referral(vacancy, person, status="rejected")
    ReferralDecision.objects.create(
        referral=referral,
        decision="rejected",
        decided_at=timezone.now(),
        note="Siti tidak lulus tes buta warna",
    )
    factories.apprenticeship(
        factories.vacancy(
            world.company_b, kind="apprenticeship", employment_type="magang", duration_months=6
        ),
        person,
        agreement_no="PKS/12/2026",
    )
    job_seeker_end(job_seeker=person, reason="withdrawn", ended_by=world.officer_a)
    return person


def test_anonymising_removes_what_identifies_the_person_everywhere(world, person):
    before = JobSeeker.objects.get(pk=person.pk)
    job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="Permintaan tertulis")
    after = JobSeeker.objects.get(pk=person.pk)

    assert after.name == f"ANONIM-{person.pk}"
    assert after.nik == anonymous_nik(person.pk) and after.nik != before.nik
    for name in (
        "birth_place",
        "address",
        "phone",
        "email",
        "religion",
        "marital_status",
        "major",
        "courses",
        "experience",
        "disability",
    ):
        assert getattr(after, name) == "", name
    assert after.birth_date != before.birth_date
    assert after.birth_date.year == before.birth_date.year
    assert after.consent_share_contact is False
    assert not ReportBack.objects.filter(job_seeker=person).exclude(note="").exists()
    assert not JobSeekerSkill.objects.filter(job_seeker=person).exclude(certificate_no="").exists()
    assert not Enrollment.objects.filter(job_seeker=person).exclude(withdrawal_reason="").exists()
    assert set(
        CompetencyAssessment.objects.filter(enrollment__job_seeker=person).values_list(
            "certificate_no", flat=True
        )
    ) == {"ANONIM"}
    assert (
        not TrainingResultChange.objects.filter(enrollment__job_seeker=person)
        .exclude(old_value="", new_value="")
        .exists()
    )
    assert (
        not ReferralDecision.objects.filter(referral__job_seeker=person).exclude(note="").exists()
    )
    assert Apprenticeship.objects.get(job_seeker=person).agreement_no == ""


def test_what_the_reports_count_is_kept(world, person):
    before = JobSeeker.objects.get(pk=person.pk)
    job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="Permintaan tertulis")
    after = JobSeeker.objects.get(pk=person.pk)
    for name in (
        "office_id",
        "registration_number",
        "sex",
        "education_id",
        "region_id",
        "occupation_id",
        "experience_years",
        "registered_on",
        "expires_on",
        "status",
        "ended_on",
        "end_reason",
    ):
        assert getattr(after, name) == getattr(before, name), name
    assert person.enrollments.count() == 2
    assert person.referrals.count() == 1
    assert person.skill_rows.get().source == 3


def test_the_record_says_who_anonymised_it_when_and_why(world, person):
    job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="Permintaan tertulis")
    person.refresh_from_db()
    assert person.is_anonymised
    assert person.anonymised_by == world.officer_a
    assert person.anonymisation_reason == "Permintaan tertulis"
    assert abs((timezone.now() - person.anonymised_at).total_seconds()) < 60


def test_the_nik_placeholder_is_unique_and_never_a_valid_nik(world, person):
    other = factories.job_seeker(world.office_a)
    factories.end_registration(other, TODAY, "moved")
    job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="a")
    job_seeker_anonymise(job_seeker=other, by=world.officer_a, reason="b")
    person.refresh_from_db()
    other.refresh_from_db()
    assert person.nik != other.nik
    assert len(person.nik) == 16 and person.nik.isdigit()
    assert nik_problems(person.nik, None, None) != []
    assert nik_problems(anonymous_nik(987_654_321), None, None) != []


def test_an_active_registration_must_end_first(world):
    active = factories.job_seeker(world.office_a)
    with pytest.raises(ValidationError) as error:
        job_seeker_anonymise(job_seeker=active, by=world.officer_a, reason="x")
    assert "status" in error.value.message_dict


def test_a_reason_is_required(world, person):
    with pytest.raises(ValidationError) as error:
        job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="  ")
    assert "reason" in error.value.message_dict


def test_anonymising_twice_is_refused(world, person):
    job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="x")
    with pytest.raises(ValidationError):
        job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="x")


@pytest.mark.parametrize("role", ["officer_b", "trainer_a", "employer_a"])
def test_only_the_owning_office_or_an_admin_may_anonymise(world, person, role):
    with pytest.raises(PermissionDenied):
        job_seeker_anonymise(job_seeker=person, by=getattr(world, role), reason="x")
    job_seeker_anonymise(job_seeker=person, by=world.admin, reason="x")


def test_an_anonymised_person_cannot_be_edited_enrolled_or_referred(world, person):
    job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="x")
    person.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        job_seeker_update(job_seeker=person, data={"name": "Siti"}, updated_by=world.officer_a)
    assert "dianonimkan" in str(error.value)
    cohort = factories.cohort(factories.programme(world.provider_a))
    with pytest.raises(ValidationError) as error:
        enrollment_create(actor=world.officer_a, cohort=cohort, job_seeker=person)
    assert "dianonimkan" in str(error.value.message_dict["job_seeker"])
    with pytest.raises(ValidationError) as error:
        referral_create(
            vacancy=factories.vacancy(world.company_a),
            job_seeker=person,
            referred_by=world.officer_a,
        )
    assert "dianonimkan" in str(error.value.message_dict["job_seeker"])


def test_the_places_erased_are_listed_in_one_place():
    places = [place.place for place in erasure_places()]
    assert places[0].startswith("trainees.JobSeeker")
    assert "placements.ReferralDecision.note" in places
    assert "placements.Apprenticeship.agreement_no" in places


# ------------------------------------------------------------------------------ pages


def test_the_officer_anonymises_from_the_persons_page_with_a_reason(world, client, person):
    client.force_login(world.officer_a)
    detail = reverse("trainees:job-seeker-detail", args=[person.pk])
    anonymise = reverse("trainees:job-seeker-anonymise", args=[person.pk])
    assert anonymise in client.get(detail).content.decode()

    assert client.get(anonymise).status_code == 200
    unconfirmed = client.post(anonymise, {"reason": "Permintaan tertulis"})
    assert unconfirmed.status_code == 200  # the box "cannot be undone" must be ticked
    assert not JobSeeker.objects.get(pk=person.pk).is_anonymised

    response = client.post(anonymise, {"reason": "Permintaan tertulis", "confirm": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_anonymised
    html = client.get(detail).content.decode()
    assert "Siti Aminah" not in html
    assert reverse("trainees:job-seeker-edit", args=[person.pk]) not in html


def test_an_active_person_cannot_be_anonymised_from_the_page(world, client):
    active = factories.job_seeker(world.office_a)
    client.force_login(world.officer_a)
    html = client.get(reverse("trainees:job-seeker-detail", args=[active.pk])).content.decode()
    assert reverse("trainees:job-seeker-anonymise", args=[active.pk]) not in html
    response = client.post(
        reverse("trainees:job-seeker-anonymise", args=[active.pk]),
        {"reason": "x", "confirm": "on"},
    )
    assert response.status_code == 200
    assert not JobSeeker.objects.get(pk=active.pk).is_anonymised


@pytest.mark.parametrize(("role", "status"), [("officer_b", 404), ("trainer_a", 403)])
def test_others_cannot_open_the_anonymise_page(world, client, person, role, status):
    client.force_login(getattr(world, role))
    response = client.get(reverse("trainees:job-seeker-anonymise", args=[person.pk]))
    assert response.status_code == status


def test_the_admin_may_anonymise_from_the_page(world, client, person):
    client.force_login(world.admin)
    response = client.post(
        reverse("trainees:job-seeker-anonymise", args=[person.pk]),
        {"reason": "Retensi manual", "confirm": "on"},
    )
    assert response.status_code == 302
    assert JobSeeker.objects.get(pk=person.pk).anonymised_by == world.admin


def test_editing_an_anonymised_person_on_the_page_shows_the_refusal(world, client, person):
    job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="x")
    client.force_login(world.officer_a)
    data = factories.job_seeker_payload()
    response = client.post(reverse("trainees:job-seeker-edit", args=[person.pk]), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("trainees:job-seeker-detail", args=[person.pk])
    assert "dianonimkan" in response.content.decode()
    assert JobSeeker.objects.get(pk=person.pk).name == f"ANONIM-{person.pk}"


# -------------------------------------------------------------------------------- API


def test_the_api_anonymises_for_the_owning_office(world, api, person):
    response = api.as_user(world.officer_a).post(
        f"/api/v1/job-seekers/{person.pk}/anonymise/", {"reason": "Permintaan tertulis"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["name"] == f"ANONIM-{person.pk}"
    response = api.post(f"/api/v1/job-seekers/{person.pk}/anonymise/", {"reason": "again"})
    assert response.status_code == 400


@pytest.mark.parametrize(("role", "status"), [("officer_b", 404), ("trainer_a", 403)])
def test_the_api_refuses_others(world, api, person, role, status):
    response = api.as_user(getattr(world, role)).post(
        f"/api/v1/job-seekers/{person.pk}/anonymise/", {"reason": "x"}
    )
    assert response.status_code == status


def test_the_admin_site_shows_an_anonymised_person_read_only(world, client, person):
    job_seeker_anonymise(job_seeker=person, by=world.admin, reason="x")
    client.force_login(world.admin)
    url = reverse("admin:trainees_jobseeker_change", args=[person.pk])
    html = client.get(url).content.decode()
    assert 'name="name"' not in html  # no input: every field is read-only
    assert f"ANONIM-{person.pk}" in html


def test_an_anonymised_person_has_no_likely_duplicates(world, person):
    from trainees.selectors.job_seekers import likely_duplicates

    other = factories.job_seeker(world.office_a, birth_date=person.birth_date)
    factories.end_registration(other, TODAY, "moved")
    job_seeker_anonymise(job_seeker=person, by=world.admin, reason="x")
    job_seeker_anonymise(job_seeker=other, by=world.admin, reason="x")
    person.refresh_from_db()
    other.refresh_from_db()
    assert person.birth_date == other.birth_date  # both 1 July of the same year
    assert not likely_duplicates(person).exists()
    assert not likely_duplicates(other).exists()


def test_no_old_version_in_the_change_history_still_names_the_person(world, person):
    from simple_history.models import registered_models

    before = JobSeeker.objects.get(pk=person.pk)
    secrets = [before.nik, "Siti Aminah", "081234567890", "PKS/12/2026", "buta warna", "LSP/1"]

    def leaks() -> list[str]:
        found = []
        for model in registered_models.values():
            for row in model.history.model.objects.values():
                text = " ".join(str(value) for value in row.values())
                found += [f"{model.__name__}: {s}" for s in secrets if s in text]
        return found

    assert leaks()  # the history held them before
    job_seeker_anonymise(job_seeker=person, by=world.officer_a, reason="Permintaan tertulis")
    assert leaks() == []
    latest = JobSeeker.history.filter(id=person.pk).latest()
    assert latest.name == f"ANONIM-{person.pk}"
    assert latest.history_user == world.officer_a
