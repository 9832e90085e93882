"""The reporting duty's status flow (Perpres 57/2023): who publishes a vacancy, and the
Pasal 5 fields as the service checks them for the form, the API and every other caller."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from placements.models import Vacancy
from placements.services import (
    VacancyInput,
    vacancy_close,
    vacancy_create,
    vacancy_take_down,
    vacancy_update,
    vacancy_verify,
)
from tests import factories
from vokasi.errors import Conflict
from vokasi.models import Company, Occupation, Region

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def data(**kw) -> VacancyInput:
    fields = {
        "kind": "job",
        "title": "Welder SMAW",
        "occupation": Occupation.objects.get(pk="7212"),
        "region": Region.objects.get(pk="36.72.04"),
        "openings": 2,
        "employment_type": "pkwt",
        "opens_on": TODAY,
        "closes_on": TODAY + datetime.timedelta(days=30),
    }
    fields.update(kw)
    return VacancyInput(**fields)


@pytest.fixture
def unverified(world):
    return factories.company(status=Company.Status.UNVERIFIED, office=world.office_a)


@pytest.fixture
def submitted(unverified):
    vacancy, _created = vacancy_create(company=unverified, by=None, data=data())
    return vacancy


def test_a_verified_companys_vacancy_is_open_on_receipt(world):
    vacancy, created = vacancy_create(company=world.company_a, by=None, data=data())
    assert created and vacancy.status == Vacancy.Status.OPEN


def test_an_unverified_companys_vacancy_waits_as_submitted(unverified):
    vacancy, _ = vacancy_create(company=unverified, by=None, data=data())
    assert vacancy.status == Vacancy.Status.SUBMITTED
    assert not vacancy.is_matchable


def test_a_suspended_companys_vacancy_waits_as_submitted(world):
    company = factories.company(status=Company.Status.SUSPENDED, office=world.office_a)
    vacancy, _ = vacancy_create(company=company, by=None, data=data())
    assert vacancy.status == Vacancy.Status.SUBMITTED


def test_officer_of_the_companys_office_publishes_a_submitted_vacancy(world, submitted):
    vacancy = vacancy_verify(vacancy=submitted, by=world.officer_a, decision="publish")
    assert vacancy.status == Vacancy.Status.OPEN
    assert vacancy.verified_by == world.officer_a and vacancy.verified_at is not None
    assert Vacancy.objects.matchable().filter(pk=vacancy.pk).exists()


def test_rejecting_needs_a_reason_and_keeps_it_for_the_company(world, submitted):
    with pytest.raises(ValidationError) as refused:
        vacancy_verify(vacancy=submitted, by=world.officer_a, decision="reject", reason="  ")
    assert "reason" in refused.value.message_dict
    vacancy = vacancy_verify(
        vacancy=submitted, by=world.officer_a, decision="reject", reason="Batas usia tanpa alasan"
    )
    assert vacancy.status == Vacancy.Status.REJECTED
    assert vacancy.rejection_reason == "Batas usia tanpa alasan"
    assert not Vacancy.objects.reported().filter(pk=vacancy.pk).exists()


def test_deciding_a_vacancy_that_is_not_submitted_is_a_conflict(world, submitted):
    vacancy_verify(vacancy=submitted, by=world.officer_a, decision="publish")
    with pytest.raises(Conflict):
        vacancy_verify(vacancy=submitted, by=world.officer_a, decision="reject", reason="x")
    open_one = factories.vacancy(world.company_a)
    with pytest.raises(Conflict):
        vacancy_verify(vacancy=open_one, by=world.admin, decision="publish")


def test_only_the_office_keeping_the_register_decides(world, submitted):
    with pytest.raises(PermissionDenied):
        vacancy_verify(vacancy=submitted, by=world.officer_b, decision="publish")
    with pytest.raises(PermissionDenied):
        vacancy_verify(vacancy=submitted, by=world.employer_a, decision="publish")
    assert vacancy_verify(vacancy=submitted, by=world.admin, decision="publish").is_matchable


def test_an_unknown_decision_is_refused(world, submitted):
    with pytest.raises(ValidationError) as refused:
        vacancy_verify(vacancy=submitted, by=world.officer_a, decision="approve")
    assert "decision" in refused.value.message_dict


def test_a_rejected_vacancy_edited_by_the_company_is_submitted_again(world, submitted):
    vacancy_verify(vacancy=submitted, by=world.officer_a, decision="reject", reason="Upah kosong")
    vacancy = vacancy_update(
        vacancy=submitted, by=None, changes={"wage_min": 5_000_000, "wage_max": 5_500_000}
    )
    assert vacancy.status == Vacancy.Status.SUBMITTED
    assert vacancy.rejection_reason == ""


def test_editing_a_submitted_vacancy_keeps_it_submitted(submitted):
    vacancy = vacancy_update(vacancy=submitted, by=None, changes={"openings": 3})
    assert vacancy.status == Vacancy.Status.SUBMITTED


def test_the_office_takes_down_a_published_vacancy_with_a_reason(world):
    world.company_a.office = world.office_a
    world.company_a.save()
    vacancy = factories.vacancy(world.company_a)
    with pytest.raises(ValidationError):
        vacancy_take_down(vacancy=vacancy, by=world.officer_a, reason="")
    with pytest.raises(PermissionDenied):
        vacancy_take_down(vacancy=vacancy, by=world.officer_b, reason="Menyesatkan")
    vacancy = vacancy_take_down(vacancy=vacancy, by=world.officer_a, reason="Menyesatkan")
    assert (vacancy.status, vacancy.close_reason) == ("closed", "taken_down")
    assert vacancy.closed_on == TODAY and vacancy.rejection_reason == "Menyesatkan"
    with pytest.raises(Conflict):
        vacancy_take_down(vacancy=vacancy, by=world.officer_a, reason="Lagi")
    with pytest.raises(ValidationError):  # a closed vacancy stays closed
        vacancy_update(vacancy=vacancy, by=None, changes={"openings": 3})


def test_a_company_cannot_close_its_vacancy_as_taken_down(world):
    vacancy = factories.vacancy(world.company_a)
    with pytest.raises(ValidationError):
        vacancy_close(vacancy=vacancy, by=world.employer_a, reason="taken_down")


def test_a_company_withdraws_a_submitted_vacancy(world, submitted):
    vacancy = vacancy_close(vacancy=submitted, by=None, reason="cancelled")
    assert (vacancy.status, vacancy.close_reason) == ("closed", "cancelled")


# ------------------------------------------------------------------- Pasal 5 fields


def test_pasal_5_fields_are_stored(world):
    vacancy, _ = vacancy_create(
        company=world.company_a,
        by=None,
        data=data(
            age_min=18,
            age_max=45,
            age_reason="Pengelasan di ruang terbatas",
            sex="L",
            sex_reason="Kerja malam di anjungan lepas pantai",
            experience_months=24,
            how_to_apply="rekrutmen@contoh.co.id",
        ),
    )
    vacancy.refresh_from_db()
    assert (vacancy.age_min, vacancy.age_max, vacancy.sex) == (18, 45, "L")
    assert vacancy.experience_months == 24 and vacancy.how_to_apply == "rekrutmen@contoh.co.id"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sex": "P"}, "sex_reason"),
        ({"sex": "P", "sex_reason": "   "}, "sex_reason"),
        ({"sex": "X"}, "sex"),
        ({"age_min": 14}, "age_min"),
        ({"age_max": 71}, "age_max"),
        ({"age_min": 40, "age_max": 30}, "age_max"),
        ({"experience_months": -1}, "experience_months"),
        ({"experience_months": 481}, "experience_months"),
        ({"how_to_apply": "x" * 301}, "how_to_apply"),
    ],
)
def test_bad_pasal_5_values_name_their_field(world, changes, field):
    with pytest.raises(ValidationError) as refused:
        vacancy_create(company=world.company_a, by=None, data=data(**changes))
    assert field in refused.value.message_dict
    assert not Vacancy.objects.exists()


def test_a_retry_comparing_pasal_5_fields_is_a_conflict_when_they_differ(world):
    first = data(external_ref="HR-1", sex="P", sex_reason="Asrama putri")
    vacancy, created = vacancy_create(company=world.company_a, by=None, data=first)
    again, created_again = vacancy_create(company=world.company_a, by=None, data=first)
    assert created and not created_again and again.pk == vacancy.pk
    with pytest.raises(Conflict):
        vacancy_create(
            company=world.company_a, by=None, data=dataclasses.replace(first, age_max=40)
        )


def test_reported_demand_and_matchable_vacancies(world, unverified):
    open_one = factories.vacancy(world.company_a)
    submitted = factories.vacancy(unverified, status="submitted")
    rejected = factories.vacancy(unverified, status="rejected", rejection_reason="x")
    closed = factories.vacancy(world.company_a, status="closed", close_reason="cancelled")
    reported = set(Vacancy.objects.reported().values_list("pk", flat=True))
    assert reported == {open_one.pk, submitted.pk, closed.pk}
    assert set(Vacancy.objects.matchable().values_list("pk", flat=True)) == {open_one.pk}
    assert rejected.pk not in reported
