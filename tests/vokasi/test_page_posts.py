"""Page forms that post ids: what the page renders is what comes back, and a tampered or
stale post is refused with the page and a message, writing nothing.

Ids here are above 100,000 (every test database starts its sequences high), so a page
that printed "100.245" into a hidden field would post an id that is no id.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from placements.models import Referral
from tests import factories
from trainees.models import JobSeeker, JobSeekerSkill

pytestmark = pytest.mark.django_db

MERGE = reverse("trainees:job-seeker-merge")


def hidden_values(html: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" value="([^"]*)"', html)


def checkbox_values(html: str, name: str) -> list[str]:
    return re.findall(rf'type="checkbox" name="{name}" value="([^"]*)"', html)


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


@pytest.fixture
def twins(world):
    keep = factories.job_seeker(world.office_a, name="Rina Marlina")
    duplicate = factories.job_seeker(world.office_a, name="rina  marlina")
    return keep, duplicate


# -------------------------------------------------------------------- merging duplicates
def test_the_merge_button_posts_the_ids_it_shows(officer, twins):
    keep, duplicate = twins
    html = officer.get(reverse("trainees:job-seeker-duplicates")).text
    assert keep.pk >= 100_000
    posted = {
        "keep": hidden_values(html, "keep")[0],
        "duplicate": hidden_values(html, "duplicate")[0],
    }
    assert {posted["keep"], posted["duplicate"]} == {str(keep.pk), str(duplicate.pk)}
    response = officer.post(MERGE, posted)
    assert response.status_code == 302
    merged = JobSeeker.objects.get(pk=posted["duplicate"])
    assert merged.end_reason == "data_error"


@pytest.mark.parametrize(
    "tamper",
    ["abc", "2.421", "", "-1", "99999999999999999999", "other_office", "same"],
)
def test_a_tampered_merge_is_refused_with_the_page_and_nothing_changes(
    officer, world, twins, tamper
):
    keep, _duplicate = twins
    stranger = factories.job_seeker(world.office_b, name="Rina Marlina")
    value = {"other_office": str(stranger.pk), "same": str(keep.pk)}.get(tamper, tamper)
    response = officer.post(MERGE, {"keep": keep.pk, "duplicate": value})
    assert response.status_code == 400
    assert 'data-testid="duplicate-group"' in response.text  # the page, again
    assert 'class="error"' in response.text
    assert not JobSeeker.objects.exclude(end_reason="").exists()


# -------------------------------------------------------------------- referring candidates
@pytest.fixture
def vacancy_and_welders(world):
    vacancy = factories.vacancy(world.company_a, required_skills=["LAS-SMAW"])
    welders = [
        factories.job_seeker(world.office_a, occupation_id="7212", name=f"Las {n}")
        for n in range(3)
    ]
    for welder in welders:
        factories.give_skill(welder, "LAS-SMAW", JobSeekerSkill.Source.CERTIFIED)
    return vacancy, welders


def test_every_ticked_candidate_is_referred(officer, vacancy_and_welders):
    vacancy, welders = vacancy_and_welders
    url = reverse("placements:vacancy-matches", args=[vacancy.pk])
    ticked = checkbox_values(officer.get(url).text, "job_seeker")
    assert sorted(ticked) == sorted(str(w.pk) for w in welders)
    response = officer.post(url, {"job_seeker": ticked})
    assert response.status_code == 302
    assert Referral.objects.filter(vacancy=vacancy).count() == 3


@pytest.mark.parametrize("tamper", ["abc", "2.421", "other_office", "none"])
def test_a_tampered_referral_is_refused_and_nobody_is_referred(
    officer, world, vacancy_and_welders, tamper
):
    vacancy, welders = vacancy_and_welders
    stranger = factories.job_seeker(world.office_b, occupation_id="7212")
    values = {
        "other_office": [str(welders[0].pk), str(stranger.pk)],
        "none": [],
    }.get(tamper, [str(welders[0].pk), tamper])
    url = reverse("placements:vacancy-matches", args=[vacancy.pk])
    response = officer.post(url, {"job_seeker": values})
    assert response.status_code == 400
    assert 'data-testid="match-table"' in response.text or "Las 0" in response.text
    assert 'class="error"' in response.text
    assert not Referral.objects.exists()
