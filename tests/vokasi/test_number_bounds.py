"""Numbers beyond the database's integer range are field errors, never a 500.

One set of bounds (vokasi.bounds) for the page forms and the API.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import Placement, Vacancy
from tests import factories
from trainees.models import Programme
from vokasi.bounds import WAGE_MAX

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HUGE = 10**30


def vacancy_form(**kw) -> dict:
    data = {
        "title": "Teknisi listrik",
        "kind": "job",
        "occupation": "7411",
        "openings": 2,
        "region": "36.72.02",
        "employment_type": "pkwtt",
        "wage_min": 5_500_000,
        "wage_max": 7_000_000,
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=20)).isoformat(),
    }
    data.update(kw)
    return data


@pytest.mark.parametrize("field", ["wage_min", "wage_max", "openings", "duration_months"], ids=str)
@pytest.mark.parametrize("value", [HUGE, -HUGE, WAGE_MAX + 1], ids=["1e30", "-1e30", "max+1"])
def test_the_vacancy_form_answers_a_huge_number_with_the_fields_error(client, world, field, value):
    client.force_login(world.employer_a)
    response = client.post(reverse("placements:vacancy-create"), vacancy_form(**{field: value}))
    assert response.status_code in (200, 400)
    assert field in response.context["form"].errors
    assert not Vacancy.objects.exists()


def test_the_largest_wage_is_accepted(client, world):
    client.force_login(world.employer_a)
    response = client.post(
        reverse("placements:vacancy-create"), vacancy_form(wage_min=WAGE_MAX, wage_max=WAGE_MAX)
    )
    assert response.status_code == 302
    assert Vacancy.objects.get().wage_max == WAGE_MAX


@pytest.mark.parametrize("value", [HUGE, WAGE_MAX + 1])
def test_the_hiring_decision_form_answers_a_huge_wage_with_a_message(client, world, value):
    vacancy = factories.vacancy(world.company_a, openings=2)
    referral = factories.referral(vacancy, factories.job_seeker(world.office_a))
    client.force_login(world.employer_a)
    response = client.post(
        reverse("placements:referral-decide", args=[referral.pk]),
        {"decision": "hired", "start_date": TODAY.isoformat(), "wage": value},
        follow=True,
    )
    assert response.status_code == 200
    shown = " ".join(str(m).lower() for m in response.context["messages"])
    assert "wage" in shown or "upah" in shown
    assert not Placement.objects.exists()


@pytest.mark.parametrize("field", ["age_min", "age_max"])
def test_the_programme_form_answers_a_huge_age_with_the_fields_error(client, world, field):
    client.force_login(world.trainer_a)
    data = {
        "vocation": "LAS",
        "code": "LAS-01",
        "name": "Juru Las SMAW",
        "skills": ["LAS-SMAW"],
        "jp_hours": 240,
        "funding": "apbn",
        field: HUGE,
    }
    response = client.post(reverse("trainees:programme-create"), data)
    assert response.status_code in (200, 400)
    assert field in response.context["form"].errors
    assert not Programme.objects.exists()


def test_the_audit_page_answers_a_huge_object_id_with_the_page(client, world):
    client.force_login(world.admin)
    response = client.get(reverse("audit-changes") + f"?object_id={HUGE}")
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("field", ["wage_min", "wage_max", "openings"])
def test_the_api_answers_the_same_bounds_with_400(api, world, field):
    payload = {
        "kind": "job",
        "title": "Welder",
        "occupation": "7212",
        "openings": 1,
        "region": "36.72.04",
        "employment_type": "pkwt",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=10)).isoformat(),
        field: HUGE,
    }
    response = api.as_user(world.employer_a).post("/api/v1/vacancies/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_the_api_and_the_form_share_the_wage_bound(api, world):
    vacancy = factories.vacancy(world.company_a, openings=2)
    placement = factories.placement(vacancy, factories.job_seeker(world.office_a))
    client = api.as_user(world.officer_a)
    url = f"/api/v1/placements/{placement.pk}/follow-ups/"
    too_much = client.post(
        url, {"checked_on": TODAY.isoformat(), "employed": True, "wage": WAGE_MAX + 1}
    )
    assert too_much.status_code == 400 and "wage" in too_much.json()
