"""enrollment_create / enrollment_withdraw: quota, entry requirements, overlap, withdrawal."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests import factories
from tests.trainees.language import english  # noqa: F401
from trainees.models import Cohort, Enrollment, JobSeeker
from trainees.services.training import enrollment_create, enrollment_problems, enrollment_withdraw
from vokasi.models import EducationLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    programme = factories.programme(
        world.provider_a,
        education_min=EducationLevel.objects.get(code="sma"),
        age_min=18,
        age_max=35,
    )
    return factories.cohort(programme, quota=3, start_date=datetime.date(2027, 1, 11))


def refusal(cohort, person, actor) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        enrollment_create(actor=actor, cohort=cohort, job_seeker=person)
    return [m for messages in caught.value.message_dict.values() for m in messages]


def test_an_officer_enrolls_an_eligible_job_seeker(world, cohort):
    person = factories.job_seeker(world.office_a)
    enrollment = enrollment_create(actor=world.officer_a, cohort=cohort, job_seeker=person)
    assert enrollment.status == Enrollment.Status.ENROLLED
    assert enrollment.enrolled_by == world.officer_a
    assert enrollment.enrolled_on == timezone.localdate()


def test_the_quota_is_enforced_with_a_clear_message(world, cohort):
    for _ in range(3):
        enrollment_create(
            actor=world.trainer_a, cohort=cohort, job_seeker=factories.job_seeker(world.office_a)
        )
    messages = refusal(cohort, factories.job_seeker(world.office_a), world.trainer_a)
    assert messages == ["The cohort is full: all 3 places are taken."]
    assert cohort.enrollments.count() == 3


def test_a_withdrawal_before_the_start_frees_the_place(world, cohort):
    people = [factories.job_seeker(world.office_a) for _ in range(4)]
    first = enrollment_create(actor=world.officer_a, cohort=cohort, job_seeker=people[0])
    for person in people[1:3]:
        enrollment_create(actor=world.officer_a, cohort=cohort, job_seeker=person)
    withdrawn = enrollment_withdraw(
        actor=world.officer_a,
        enrollment=first,
        reason="Diterima kerja",
        on=cohort.start_date - datetime.timedelta(days=3),
    )
    assert withdrawn.status == Enrollment.Status.WITHDRAWN
    assert withdrawn.withdrawal_reason == "Diterima kerja"
    enrollment_create(actor=world.officer_a, cohort=cohort, job_seeker=people[3])
    assert cohort.enrollments.exclude(status="withdrawn").count() == 3


def test_a_withdrawal_after_the_start_is_a_drop_out(world, cohort):
    enrollment = enrollment_create(
        actor=world.officer_a, cohort=cohort, job_seeker=factories.job_seeker(world.office_a)
    )
    left = enrollment_withdraw(
        actor=world.trainer_a, enrollment=enrollment, reason="Sakit", on=cohort.start_date
    )
    assert left.status == Enrollment.Status.DROPPED


def test_a_withdrawal_needs_a_reason_and_an_enrolled_trainee(world, cohort):
    enrollment = enrollment_create(
        actor=world.officer_a, cohort=cohort, job_seeker=factories.job_seeker(world.office_a)
    )
    with pytest.raises(ValidationError) as caught:
        enrollment_withdraw(actor=world.officer_a, enrollment=enrollment, reason="  ")
    assert "reason" in caught.value.message_dict
    enrollment_withdraw(actor=world.officer_a, enrollment=enrollment, reason="Pindah")
    with pytest.raises(ValidationError) as caught:
        enrollment_withdraw(actor=world.officer_a, enrollment=enrollment, reason="Lagi")
    assert "status" in caught.value.message_dict


def test_a_withdrawn_person_can_come_back(world, cohort):
    person = factories.job_seeker(world.office_a)
    enrollment = enrollment_create(actor=world.officer_a, cohort=cohort, job_seeker=person)
    enrollment_withdraw(
        actor=world.officer_a,
        enrollment=enrollment,
        reason="Ragu",
        on=cohort.start_date - datetime.timedelta(days=5),
    )
    again = enrollment_create(actor=world.officer_a, cohort=cohort, job_seeker=person)
    assert again.pk == enrollment.pk
    assert again.status == Enrollment.Status.ENROLLED
    assert again.withdrawal_reason == ""


def test_the_same_person_cannot_be_enrolled_twice(world, cohort):
    person = factories.job_seeker(world.office_a)
    enrollment_create(actor=world.officer_a, cohort=cohort, job_seeker=person)
    assert refusal(cohort, person, world.officer_a) == ["Already enrolled in this cohort."]


def test_education_below_the_minimum_is_refused(world, cohort):
    person = factories.job_seeker(world.office_a, education=EducationLevel.objects.get(code="smp"))
    assert refusal(cohort, person, world.officer_a) == ["Education SMP is below the required SMA."]


def test_smk_counts_as_sma_for_the_minimum(world, cohort):
    person = factories.job_seeker(world.office_a, education=EducationLevel.objects.get(code="smk"))
    assert enrollment_problems(cohort, person) == []


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        (datetime.date(2009, 1, 12), "Aged 17 at the start, below the minimum of 18."),
        (datetime.date(1991, 1, 10), "Aged 36 at the start, above the maximum of 35."),
    ],
)
def test_age_limits_are_checked_on_the_start_date(world, cohort, birth_date, message):
    person = factories.job_seeker(world.office_a, birth_date=birth_date)
    assert refusal(cohort, person, world.officer_a) == [message]


def test_ages_on_the_limits_are_accepted(world, cohort):
    eighteen = factories.job_seeker(world.office_a, birth_date=datetime.date(2009, 1, 11))
    thirty_five = factories.job_seeker(world.office_a, birth_date=datetime.date(1991, 1, 12))
    assert enrollment_problems(cohort, eighteen) == []
    assert enrollment_problems(cohort, thirty_five) == []


def test_only_active_registrations_may_enroll(world, cohort):
    person = factories.job_seeker(
        world.office_a,
        status=JobSeeker.Status.PLACED,
        ended_on=timezone.localdate(),
        end_reason=JobSeeker.EndReason.PLACED,
    )
    assert refusal(cohort, person, world.officer_a) == ["The registration is placed, not active."]


def test_one_person_is_not_in_two_overlapping_cohorts(world, cohort):
    other_programme = factories.programme(world.provider_b, "LIS")
    overlapping = factories.cohort(
        other_programme, name="Listrik 3", start_date=cohort.end_date - datetime.timedelta(days=1)
    )
    later = factories.cohort(other_programme, start_date=cohort.end_date + datetime.timedelta(1))
    person = factories.job_seeker(world.office_a)
    enrollment_create(actor=world.officer_a, cohort=cohort, job_seeker=person)
    messages = refusal(overlapping, person, world.trainer_b)
    assert len(messages) == 1
    assert messages[0].startswith(f"Already in cohort {cohort.name}")
    assert enrollment_create(actor=world.trainer_b, cohort=later, job_seeker=person)


def test_a_running_or_finished_cohort_takes_no_one(world, cohort):
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.RUNNING)
    cohort.refresh_from_db()
    messages = refusal(cohort, factories.job_seeker(world.office_a), world.officer_a)
    assert messages == ["The cohort is running and no longer takes trainees."]


def test_every_reason_is_given_at_once(world, cohort):
    person = factories.job_seeker(
        world.office_a,
        education=EducationLevel.objects.get(code="sd"),
        birth_date=datetime.date(1980, 5, 5),
    )
    assert len(refusal(cohort, person, world.officer_a)) == 2


def test_companies_may_not_enroll(world, cohort):
    with pytest.raises(PermissionDenied):
        enrollment_create(
            actor=world.employer_a, cohort=cohort, job_seeker=factories.job_seeker(world.office_a)
        )
