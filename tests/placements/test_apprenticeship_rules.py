"""The rules of an apprenticeship agreement (duration, allowance, age at the start, the
company's share of apprentices) live in one function, ``apprenticeship_check``: the
company's hire on an apprenticeship vacancy (API and page), the office's approval (API and
page) and, for the duration, the vacancy (API, page, service) refuse the same agreement
with the same words."""

from __future__ import annotations

import datetime
import html

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from placements.models import Apprenticeship
from placements.services import VacancyInput, vacancy_create
from placements.services.apprenticeships import apprenticeship_check
from tests import factories
from trainees.services.registration import add_months
from vokasi.errors import Conflict
from vokasi.models import Occupation, Region

TODAY = timezone.localdate()
START = TODAY + datetime.timedelta(days=7)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def the_rule(**terms) -> str:
    """The message ``apprenticeship_check`` gives for these terms (in Indonesian, the
    default language of the pages and the API)."""
    with translation.override("id"), pytest.raises((ValidationError, Conflict)) as refused:
        apprenticeship_check(**terms)
    error = refused.value
    if isinstance(error, Conflict):
        return str(error.message)
    (message,) = error.messages
    return message


def magang(company, **kw):
    kw.setdefault("duration_months", 6)
    return factories.vacancy(
        company, kind="apprenticeship", employment_type="magang", wage_min=2_500_000, **kw
    )


class Paths:
    """The same agreement asked of each path; each answer reduced to its message."""

    def __init__(self, world, api, vacancy, person, employer=None):
        self.world, self.api, self.vacancy, self.person = world, api, vacancy, person
        self.employer = employer or world.employer_a

    def hire_by_api(self, **body) -> str:
        referral = factories.referral(self.vacancy, self.person)
        response = self.api.as_user(self.employer).post(
            f"/api/v1/referrals/{referral.pk}/decision/",
            {"decision": "hired", "start_date": START.isoformat(), **body},
            format="json",
        )
        assert response.status_code in (400, 409), response.json()
        referral.delete()
        return one_message(response.json())

    def hire_on_the_page(self, **body) -> str:
        referral = factories.referral(self.vacancy, self.person)
        response = client_of(self.employer).post(
            reverse("placements:referral-decide", args=[referral.pk]),
            {"decision": "hired", "start_date": START.isoformat(), **body},
        )
        (message,) = [str(m) for m in get_messages(response.wsgi_request)]
        assert not Apprenticeship.objects.filter(referral=referral).exists()
        referral.delete()
        return message

    def proposal(self, **terms) -> Apprenticeship:
        return factories.apprenticeship(
            self.vacancy,
            self.person,
            start_date=START,
            status=Apprenticeship.Status.PROPOSED,
            approved_on=None,
            **terms,
        )

    def approve_by_api(self, **terms) -> str:
        item = self.proposal(**terms)
        response = self.api.as_user(self.world.officer_a).post(
            f"/api/v1/apprenticeships/{item.pk}/approve/"
        )
        assert response.status_code in (400, 409)
        item.delete()
        return one_message(response.json())

    def approve_on_the_page(self, expected: str, **terms) -> str:
        item = self.proposal(**terms)
        response = client_of(self.world.officer_a).post(
            reverse("placements:apprenticeship-approve", args=[item.pk])
        )
        assert response.status_code == 400
        page = html.unescape(response.content.decode())
        assert 'data-testid="approve-errors"' in page
        item.refresh_from_db()
        assert item.status == Apprenticeship.Status.PROPOSED
        item.delete()
        return expected if expected in page else page


def one_message(body: dict) -> str:
    if "detail" in body:
        return body["detail"]
    ((_field, (message,)),) = body.items()
    return message


@pytest.fixture
def paths(world, api):
    return lambda vacancy, person, employer=None: Paths(world, api, vacancy, person, employer)


def test_too_young_is_refused_in_the_same_words_everywhere(world, paths):
    young = factories.job_seeker(
        world.office_a,
        name="Adik Muda",
        birth_date=add_months(START, -17 * 12) + datetime.timedelta(days=1),
    )
    vacancy = magang(world.company_a)
    expected = the_rule(
        company=world.company_a,
        job_seeker=young,
        start_date=START,
        duration_months=6,
        allowance=2_500_000,
    )
    assert "17" in expected and "Adik Muda" in expected and "16" in expected
    via = paths(vacancy, young)
    assert via.hire_by_api() == expected
    assert via.hire_on_the_page() == expected
    assert via.approve_by_api() == expected
    assert via.approve_on_the_page(expected) == expected


def test_no_allowance_is_refused_in_the_same_words_everywhere(world, paths):
    person = factories.job_seeker(world.office_a)
    vacancy = magang(world.company_a)
    expected = the_rule(
        company=world.company_a,
        job_seeker=person,
        start_date=START,
        duration_months=6,
        allowance=0,
    )
    via = paths(vacancy, person)
    assert via.hire_by_api(wage=0) == expected
    assert via.hire_on_the_page(wage="0") == expected
    assert via.approve_by_api(allowance=0) == expected
    assert via.approve_on_the_page(expected, allowance=0) == expected


def test_a_full_company_is_refused_in_the_same_words_everywhere(world, paths):
    small = factories.company(name="PT Kecil", workforce=5)  # at most 1 apprentice
    small_employer = factories.employer(small, username="employer_small")
    vacancy = magang(small)
    factories.apprenticeship(vacancy, factories.job_seeker(world.office_a))  # approved
    person = factories.job_seeker(world.office_a)
    expected = the_rule(
        company=small,
        job_seeker=person,
        start_date=START,
        duration_months=6,
        allowance=2_500_000,
    )
    assert "20%" in expected
    via = paths(vacancy, person, small_employer)
    assert via.hire_by_api() == expected
    assert via.hire_on_the_page() == expected
    assert via.approve_by_api() == expected
    assert via.approve_on_the_page(expected) == expected


def test_a_duration_beyond_the_rule_is_refused_in_the_same_words_everywhere(world, api, paths):
    person = factories.job_seeker(world.office_a)
    # The agreement, at the hire and at approval: a vacancy of 9 months, recorded before
    # the office's maximum became 6 (a setting).
    vacancy = magang(world.company_a, duration_months=9)
    with override_settings(VOKASI={**settings.VOKASI, "APPRENTICESHIP_MAX_MONTHS": 6}):
        shorter = the_rule(
            company=world.company_a,
            job_seeker=person,
            start_date=START,
            duration_months=9,
            allowance=2_500_000,
        )
        assert "6" in shorter
        via = paths(vacancy, person)
        assert via.hire_by_api() == shorter
        assert via.hire_on_the_page() == shorter
        assert via.approve_by_api(duration_months=9) == shorter
        assert via.approve_on_the_page(shorter, duration_months=9) == shorter
    expected = the_rule(
        company=world.company_a,
        job_seeker=person,
        start_date=START,
        duration_months=13,
        allowance=2_500_000,
    )
    assert "12" in expected
    # The vacancy that states it: the API, the page and the service.
    vacancy = {
        "kind": "apprenticeship",
        "title": "Magang Las",
        "occupation": "7212",
        "required_skills": ["LAS-SMAW"],
        "region": "36.72.04",
        "openings": 2,
        "employment_type": "magang",
        "duration_months": 13,
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=30)).isoformat(),
    }
    response = api.as_user(world.employer_a).post("/api/v1/vacancies/", vacancy, format="json")
    assert response.json() == {"duration_months": [expected]}
    page = client_of(world.employer_a).post(reverse("placements:vacancy-create"), vacancy)
    assert page.context["form"].errors["duration_months"] == [expected]
    with translation.override("id"), pytest.raises(ValidationError) as refused:
        vacancy_create(
            company=world.company_a,
            by=None,
            data=VacancyInput(
                kind="apprenticeship",
                title="Magang Las",
                occupation=Occupation.objects.get(code="7212"),
                region=Region.objects.get(code="36.72.04"),
                openings=2,
                employment_type="magang",
                duration_months=13,
                opens_on=TODAY,
                closes_on=TODAY + datetime.timedelta(days=30),
            ),
        )
    assert refused.value.message_dict == {"duration_months": [expected]}
