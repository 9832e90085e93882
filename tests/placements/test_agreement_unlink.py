"""Unlinking on the agreement's page: a cohort, a programme, a vacancy or an
apprenticeship loses its agreement, an internship is removed; each change is in the
audit trail and the realisation follows. Bad or tampered input answers 400 with the
page, nothing written."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from placements.models import Apprenticeship, Internship, Vacancy
from reports import agreements as me
from tests import factories
from trainees.models import Cohort, Programme
from vokasi.audit import history_model

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def agreement(world):
    return factories.agreement(
        world.office_a,
        providers=[world.provider_a],
        companies=[world.company_a],
        others=["RSUD Kota Cilegon"],
        targets={"training": {"trained": 10}, "internship": {"interned": 4}},
    )


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


def unlink(client, agreement, **data):
    return client.post(f"/agreements/{agreement.pk}/unlink/", data)


def trained(agreement) -> int:
    return me.events([agreement.pk], ["trained"]).count(agreement.pk, "trained")


def test_unlinking_a_cohort_takes_it_out_of_the_realisation(officer, world, agreement):
    cohort = factories.cohort(
        factories.programme(world.provider_a),
        start_date=TODAY - datetime.timedelta(days=60),
        end_date=TODAY - datetime.timedelta(days=10),
        agreement=agreement,
    )
    person = factories.job_seeker(world.office_a)
    factories.training_result(factories.enrollment(cohort, person), "completed")
    assert trained(agreement) == 1
    page = officer.get(f"/agreements/{agreement.pk}/").content.decode()
    assert f'data-testid="unlink-cohort-{cohort.pk}"' in page
    response = unlink(officer, agreement, cohort=cohort.pk)
    assert response.status_code == 302
    assert response.url == f"/agreements/{agreement.pk}/"
    assert Cohort.objects.get(pk=cohort.pk).agreement_id is None
    assert trained(agreement) == 0
    # The audit trail says who unlinked it.
    last = history_model(Cohort).objects.filter(id=cohort.pk).latest("history_date")
    assert last.agreement_id is None
    assert last.history_user == world.officer_a
    assert last.history_channel == "web"


def test_a_programme_vacancy_apprenticeship_and_internship(officer, world, agreement):
    programme = factories.programme(world.provider_a, agreement=agreement)
    vacancy = factories.vacancy(world.company_a, agreement=agreement)
    apprenticeship = factories.apprenticeship_at(
        factories.job_seeker(world.office_a), world.company_a, agreement=agreement
    )
    internship = Internship.objects.create(
        agreement=agreement,
        student_name="Siti Aminah",
        student_number="NIM-001",
        institution=agreement.parties.get(kind="provider"),
        host=agreement.parties.get(kind="other"),
        start_date=TODAY,
        end_date=TODAY + datetime.timedelta(days=30),
        supervisor="Ns. Dewi",
    )
    page = officer.get(f"/agreements/{agreement.pk}/").content.decode()
    for testid in (
        f"unlink-programme-{programme.pk}",
        f"unlink-vacancy-{vacancy.pk}",
        f"unlink-apprenticeship-{apprenticeship.pk}",
        f"remove-internship-{internship.pk}",
    ):
        assert f'data-testid="{testid}"' in page, testid
    assert unlink(officer, agreement, programme=programme.pk).status_code == 302
    assert unlink(officer, agreement, vacancy=vacancy.pk).status_code == 302
    assert unlink(officer, agreement, apprenticeship=apprenticeship.pk).status_code == 302
    assert unlink(officer, agreement, internship=internship.pk).status_code == 302
    assert Programme.objects.get(pk=programme.pk).agreement_id is None
    assert Vacancy.objects.get(pk=vacancy.pk).agreement_id is None
    assert Apprenticeship.objects.get(pk=apprenticeship.pk).agreement_id is None
    assert not Internship.objects.filter(pk=internship.pk).exists()
    removed = history_model(Internship).objects.filter(id=internship.pk).latest("history_date")
    assert (removed.history_type, removed.history_user) == ("-", world.officer_a)
    for model, pk in ((Programme, programme.pk), (Vacancy, vacancy.pk)):
        last = history_model(model).objects.filter(id=pk).latest("history_date")
        assert last.history_user == world.officer_a


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"cohort": "abc"},
        {"cohort": "2.421"},
        {"cohort": "99999999999999999999"},
        {"vacancy": "-1"},
    ],
)
def test_bad_input_answers_400_and_unlinks_nothing(officer, world, agreement, data):
    cohort = factories.cohort(factories.programme(world.provider_a), agreement=agreement)
    response = unlink(officer, agreement, **data)
    assert response.status_code == 400
    assert Cohort.objects.get(pk=cohort.pk).agreement_id == agreement.pk


def test_a_record_not_linked_to_this_agreement_answers_400(officer, world, agreement):
    other = factories.agreement(world.office_a, providers=[world.provider_a])
    elsewhere = factories.cohort(factories.programme(world.provider_a), agreement=other)
    linked = factories.cohort(factories.programme(world.provider_a), agreement=agreement)
    # Another agreement's cohort, and two records at once.
    assert unlink(officer, agreement, cohort=elsewhere.pk).status_code == 400
    vacancy = factories.vacancy(world.company_a, agreement=agreement)
    both = unlink(officer, agreement, cohort=linked.pk, vacancy=vacancy.pk)
    assert both.status_code == 400
    assert Cohort.objects.get(pk=elsewhere.pk).agreement_id == other.pk
    assert Cohort.objects.get(pk=linked.pk).agreement_id == agreement.pk
    assert Vacancy.objects.get(pk=vacancy.pk).agreement_id == agreement.pk


@pytest.mark.parametrize(("who", "expected"), [("officer_b", 404), ("trainer_a", 403)])
def test_others_may_not_unlink(client, world, agreement, who, expected):
    cohort = factories.cohort(factories.programme(world.provider_a), agreement=agreement)
    client.force_login(getattr(world, who))
    assert unlink(client, agreement, cohort=cohort.pk).status_code == expected
    assert Cohort.objects.get(pk=cohort.pk).agreement_id == agreement.pk
