"""Every change to the audited models keeps who made it, when, through which channel, and
the record before and after: pages, the API with a key, services and commands."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from placements.models import (
    Apprenticeship,
    FollowUp,
    Hire,
    Internship,
    Placement,
    Referral,
    ReferralDecision,
    Vacancy,
    VacancySkill,
)
from tests import factories
from trainees.models import (
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    TrainingResult,
)
from trainees.services.registration import (
    add_months,
    job_seeker_end,
    job_seeker_merge,
    job_seekers_expire,
)
from vokasi.audit import ChangeFilters, audited_models, history_model, recent_changes
from vokasi.auth import api_key_issue
from vokasi.history import acting_as
from vokasi.models import Agreement, ApiKey, Company, LabourOffice, TrainingProvider

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def versions(obj_or_model, pk=None):
    """The history rows of one object, oldest first."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    pk = pk if pk is not None else obj_or_model.pk
    return list(history_model(model).objects.filter(id=pk).order_by("history_date", "history_id"))


def last(obj):
    return versions(obj)[-1]


@pytest.fixture
def key_api(api):
    """``key_api(user)``: the API client sending a real key of ``user`` (not a forced login)."""

    def make(user):
        _key, raw = api_key_issue(user=user, name="audit test")
        api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return api

    return make


def form_data(**kw) -> dict:
    data = factories.job_seeker_payload(**kw)
    data["experience_years"] = 0
    data["consent_share_contact"] = "on"
    return data


# ------------------------------------------------------------------------------ the web


def test_registering_and_correcting_a_person_on_the_pages_records_the_officer(client, world):
    client.force_login(world.officer_a)
    data = form_data(name="Siti Aminah")
    assert client.post(reverse("trainees:job-seeker-create"), data).status_code == 302
    person = JobSeeker.objects.get(nik=data["nik"])
    data["name"] = "Siti Aminah Putri"
    response = client.post(reverse("trainees:job-seeker-edit", args=[person.pk]), data)
    assert response.status_code == 302
    created, changed = versions(person)
    assert (created.history_type, created.history_user, created.history_channel) == (
        "+",
        world.officer_a,
        "web",
    )
    assert (changed.history_type, changed.history_user, changed.history_channel) == (
        "~",
        world.officer_a,
        "web",
    )
    delta = changed.diff_against(created)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("name", "Siti Aminah", "Siti Aminah Putri")
    ]


def test_declared_skills_saved_in_bulk_still_get_their_history(client, world):
    client.force_login(world.officer_a)
    data = form_data(skills=["LAS-SMAW"])
    client.post(reverse("trainees:job-seeker-create"), data)
    row = JobSeekerSkill.objects.get(job_seeker__nik=data["nik"])
    (created,) = versions(row)
    assert (created.history_type, created.history_user, created.history_channel) == (
        "+",
        world.officer_a,
        "web",
    )


def test_a_page_that_only_reads_writes_no_history(client, world):
    person = factories.job_seeker(world.office_a)
    before = history_model(JobSeeker).objects.count()
    client.force_login(world.officer_a)
    assert client.get(reverse("trainees:job-seeker-detail", args=[person.pk])).status_code == 200
    assert history_model(JobSeeker).objects.count() == before


def test_enrolling_on_the_candidate_page_records_the_officer(client, world):
    cohort = factories.cohort(factories.programme(world.provider_a))
    person = factories.job_seeker(world.office_a)
    client.force_login(world.officer_a)
    response = client.post(
        reverse("trainees:cohort-enroll", args=[cohort.pk]), {"job_seeker": person.pk}
    )
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(cohort=cohort, job_seeker=person)
    assert [(v.history_type, v.history_user, v.history_channel) for v in versions(enrollment)] == [
        ("+", world.officer_a, "web")
    ]


# ------------------------------------------------------------------------------- the API


def test_an_api_key_registration_and_correction_are_by_the_keys_owner(key_api, world):
    client = key_api(world.officer_a)
    response = client.post("/api/v1/job-seekers/", factories.job_seeker_payload(), format="json")
    assert response.status_code == 201, response.data
    pk = response.json()["id"]
    response = client.patch(f"/api/v1/job-seekers/{pk}/", {"phone": "081299990000"})
    assert response.status_code == 200, response.data
    created, changed = versions(JobSeeker, pk)
    assert [(v.history_type, v.history_user, v.history_channel) for v in (created, changed)] == [
        ("+", world.officer_a, "api"),
        ("~", world.officer_a, "api"),
    ]
    assert [(c.field, c.new) for c in changed.diff_against(created).changes] == [
        ("phone", "081299990000")
    ]


def test_a_vacancy_posted_and_edited_with_a_key_records_the_employer(key_api, world):
    client = key_api(world.employer_a)
    body = {
        "title": "Welder SMAW 3G",
        "kind": "job",
        "occupation": "7212",
        "required_skills": ["LAS-SMAW"],
        "preferred_skills": ["LAS-GTAW"],
        "openings": 3,
        "region": "36.72.04",
        "employment_type": "pkwt",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=30)).isoformat(),
    }
    response = client.post("/api/v1/vacancies/", body, format="json")
    assert response.status_code == 201, response.data
    vacancy = Vacancy.objects.get(pk=response.json()["id"])
    response = client.patch(
        f"/api/v1/vacancies/{vacancy.pk}/",
        {"openings": 4, "required_skills": ["LAS-SMAW"], "preferred_skills": []},
        format="json",
    )
    assert response.status_code == 200, response.data
    created, changed = versions(vacancy)
    assert (created.history_user, changed.history_user) == (world.employer_a, world.employer_a)
    delta = changed.diff_against(created)
    assert ("openings", 3, 4) in [(c.field, c.old, c.new) for c in delta.changes]
    skill_history = history_model(VacancySkill).objects.filter(vacancy_id=vacancy.pk)
    gtaw = skill_history.filter(skill_id="LAS-GTAW").order_by("history_date")
    assert [(v.history_type, v.history_user, v.history_channel) for v in gtaw] == [
        ("+", world.employer_a, "api"),
        ("-", world.employer_a, "api"),
    ]


def test_a_hire_with_a_key_records_decision_placement_vacancy_and_person(key_api, world):
    vacancy = factories.vacancy(world.company_a, openings=2)
    person = factories.job_seeker(world.office_a)
    referral = factories.referral(vacancy, person)
    client = key_api(world.employer_a)
    response = client.post(
        f"/api/v1/referrals/{referral.pk}/decision/",
        {"decision": "hired", "start_date": TODAY.isoformat(), "wage": 5_400_000},
        format="json",
    )
    assert response.status_code == 200, response.data
    employer = world.employer_a
    assert last(Referral.objects.get(pk=referral.pk)).history_user == employer
    decision = ReferralDecision.objects.get(referral=referral)
    assert (last(decision).history_type, last(decision).history_user) == ("+", employer)
    placement = Placement.objects.get(referral=referral)
    assert (last(placement).history_type, last(placement).history_user) == ("+", employer)
    # The opening counter moves with an UPDATE (for concurrency); its history row still comes.
    counted = last(Vacancy.objects.get(pk=vacancy.pk))
    assert (counted.history_type, counted.filled, counted.history_user) == ("~", 1, employer)
    placed = last(JobSeeker.objects.get(pk=person.pk))
    assert (placed.status, placed.history_user, placed.history_channel) == (
        "placed",
        employer,
        "api",
    )


def test_a_follow_up_posted_with_a_key_records_the_employer(key_api, world):
    placement = factories.placement_at(factories.job_seeker(world.office_a), world.company_a)
    client = key_api(world.employer_a)
    response = client.post(
        f"/api/v1/placements/{placement.pk}/follow-ups/",
        {"checked_on": TODAY.isoformat(), "employed": True, "wage": 5_500_000},
        format="json",
    )
    assert response.status_code == 201, response.data
    follow_up = FollowUp.objects.get(placement=placement)
    assert [(v.history_type, v.history_user, v.history_channel) for v in versions(follow_up)] == [
        ("+", world.employer_a, "api")
    ]


def test_an_employer_revoking_a_key_on_the_page_is_recorded(client, world):
    key, _raw = api_key_issue(user=world.employer_a, name="HRIS")
    client.force_login(world.employer_a)
    response = client.post(reverse("placements:apikey-revoke", args=[key.pk]))
    assert response.status_code in (200, 302)
    revoked = last(ApiKey.objects.get(pk=key.pk))
    assert revoked.revoked_at is not None and revoked.history_user == world.employer_a
    assert not hasattr(revoked, "key_hash")  # the hash is not copied into the history


# --------------------------------------------------------------------- services, commands


def test_the_daily_expiry_writes_one_history_row_per_card_as_a_command(world):
    old = factories.job_seeker(world.office_a, registered_on=add_months(TODAY, -25))
    JobSeeker.objects.filter(pk=old.pk).update(expires_on=add_months(old.registered_on, 24))
    young = factories.job_seeker(world.office_a)
    before = len(versions(old))
    call_command("expire_registrations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    rows = versions(old)
    assert len(rows) == before + 1
    assert (rows[-1].status, rows[-1].history_channel, rows[-1].history_user) == (
        "expired",
        "command",
        None,
    )
    assert rows[-1].ended_on == rows[-1].expires_on
    assert versions(young)[-1].status == "active"
    assert job_seekers_expire() == 0


def test_a_service_run_outside_a_request_is_attributed_with_acting_as(world):
    person = factories.job_seeker(world.office_a)
    with acting_as(world.officer_a):
        job_seeker_end(job_seeker=person, reason="moved", ended_by=world.officer_a)
    ended = last(person)
    assert (ended.status, ended.history_user, ended.history_channel) == (
        "removed",
        world.officer_a,
        "command",
    )


def test_merging_duplicates_keeps_the_history_of_the_upgraded_skill(world):
    keep = factories.job_seeker(world.office_a)
    duplicate = factories.job_seeker(world.office_a)
    kept_row = factories.give_skill(keep, "LAS-SMAW", source=1)
    factories.give_skill(duplicate, "LAS-SMAW", source=3)
    with acting_as(world.officer_a):
        job_seeker_merge(keep=keep, duplicate=duplicate, merged_by=world.officer_a)
    upgraded = last(kept_row)
    assert (upgraded.history_type, upgraded.source, upgraded.history_user) == (
        "~",
        3,
        world.officer_a,
    )
    assert last(duplicate).end_reason == "data_error"


# ---------------------------------------------------------- every audited model, generically


def _make(model, world):
    person = factories.job_seeker(world.office_a)
    vacancy = factories.vacancy(world.company_a)
    cohort = factories.cohort(factories.programme(world.provider_a))
    enrollment = factories.enrollment(cohort, person)
    referral = factories.referral(vacancy, person)
    makers = {
        JobSeeker: lambda: factories.job_seeker(world.office_a),
        JobSeekerSkill: lambda: factories.give_skill(person, "LAS-SMAW"),
        Enrollment: lambda: factories.enrollment(cohort, factories.job_seeker(world.office_a)),
        TrainingResult: lambda: factories.training_result(enrollment),
        CompetencyAssessment: lambda: factories.assessment(enrollment),
        Vacancy: lambda: factories.vacancy(world.company_b),
        VacancySkill: lambda: VacancySkill.objects.create(vacancy=vacancy, skill_id="LAS-GTAW"),
        Referral: lambda: factories.referral(vacancy, factories.job_seeker(world.office_a)),
        ReferralDecision: lambda: ReferralDecision.objects.create(
            referral=referral, decision="interview", decided_at=timezone.now()
        ),
        Apprenticeship: lambda: factories.apprenticeship_at(person, world.company_a),
        Placement: lambda: factories.placement_at(person, world.company_a),
        FollowUp: lambda: factories.follow_up(
            factories.placement_at(factories.job_seeker(world.office_a), world.company_a),
            TODAY,
        ),
        Hire: lambda: Hire.objects.create(
            company=world.company_a,
            name="Rina Marlina",
            sex="P",
            birth_year=2001,
            education_id="sma",
            occupation_id="7212",
            start_date=TODAY,
            employment_type="pkwt",
            wage=5_000_000,
        ),
        LabourOffice: lambda: factories.labour_office("3604", "36.04", name="Disnaker Serang"),
        TrainingProvider: lambda: factories.training_provider("LPK-X"),
        Company: lambda: factories.company(name="PT Contoh"),
        ApiKey: lambda: api_key_issue(user=world.employer_a)[0],
        Agreement: lambda: factories.agreement(world.office_a, providers=[world.provider_a]),
        Internship: lambda: _internship(world),
    }
    return makers[model]()


def _internship(world) -> Internship:
    agreement = factories.agreement(
        world.office_a, providers=[world.provider_a], companies=[world.company_a]
    )
    return Internship.objects.create(
        agreement=agreement,
        student_name="Siti Aminah",
        student_number="NIM-001",
        institution=agreement.parties.get(kind="provider"),
        host=agreement.parties.get(kind="company"),
        start_date=TODAY,
        end_date=TODAY + datetime.timedelta(days=90),
        supervisor="dr. Rahmat",
    )


EDITS = {
    JobSeeker: ("phone", "089900001111"),
    JobSeekerSkill: ("certificate_no", "CERT-1"),
    Enrollment: ("withdrawal_reason", "pindah"),
    TrainingResult: ("attendance_pct", 77),
    CompetencyAssessment: ("needs_retest", True),
    Vacancy: ("title", "Judul baru"),
    VacancySkill: ("required", False),
    Referral: ("match_score", 42),
    ReferralDecision: ("note", "catatan"),
    Apprenticeship: ("agreement_no", "PKS-9"),
    Placement: ("wage", 6_000_000),
    FollowUp: ("wage", 5_000_000),
    Hire: ("wage", 5_100_000),
    LabourOffice: ("phone", "0254-1"),
    TrainingProvider: ("address", "Jl. Baru"),
    Company: ("contact_name", "Ibu Ratna"),
    ApiKey: ("name", "renamed"),
    Agreement: ("title", "Judul kerja sama baru"),
    Internship: ("supervisor", "Ns. Dewi"),
}


def test_every_audited_model_has_an_edit_case_here():
    assert set(audited_models()) == set(EDITS)


@pytest.mark.parametrize("model", list(EDITS), ids=lambda m: m.__name__)
def test_each_audited_model_records_create_update_delete_with_the_user(world, model):
    field, value = EDITS[model]
    with acting_as(world.admin):
        obj = _make(model, world)
        old = getattr(obj, field)
        setattr(obj, field, value)
        obj.save()
        pk = obj.pk
        dependents = [FollowUp.objects.filter(placement_id=pk)] if model is Placement else []
        for queryset in dependents:
            queryset.delete()
        obj.delete()
    created, changed, deleted = versions(model, pk)
    assert [v.history_type for v in (created, changed, deleted)] == ["+", "~", "-"]
    assert {v.history_user for v in (created, changed, deleted)} == {world.admin}
    changes = {c.field: (c.old, c.new) for c in changed.diff_against(created).changes}
    assert field in changes
    assert changes[field][0] == model._meta.get_field(field).to_python(old)


def test_the_change_list_shows_each_fields_before_and_after(world):
    person = factories.job_seeker(world.office_a, name="Budi")
    with acting_as(world.officer_a):
        person.name = "Budi Santoso"
        person.save()
    (change,) = recent_changes(ChangeFilters(user_id=world.officer_a.pk))
    assert (change.object_id, change.change_type, change.user) == (person.pk, "~", world.officer_a)
    assert [(c.field, c.before, c.after) for c in change.changes] == [
        ("name", "Budi", "Budi Santoso")
    ]
