"""The company's home task leads straight to its candidates awaiting a decision."""

from __future__ import annotations

import pytest
from django.urls import reverse

from placements.pseudonym import candidate_ref
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(world):
    vacancy = factories.vacancy(world.company_a, title="Welder SMAW")
    people = [factories.job_seeker(world.office_a, name=f"Calon {i}") for i in range(3)]
    referred = factories.referral(vacancy, people[0])
    interview = factories.referral(vacancy, people[1], status="interview")
    factories.referral(vacancy, people[2], status="rejected")
    closed = factories.vacancy(world.company_a, status="closed", close_reason="cancelled")
    factories.referral(closed, factories.job_seeker(world.office_a, name="Calon Tutup"))
    other = factories.vacancy(world.company_b, title="Forklift")
    factories.referral(other, factories.job_seeker(world.office_a, name="Calon Lain"))
    return referred, interview


def test_the_home_task_counts_the_waiting_candidates_and_links_to_them(client, world, waiting):
    client.force_login(world.employer_a)
    html = client.get(reverse("home")).content.decode()
    url = reverse("placements:candidates-awaiting-decision")
    assert f'href="{url}"' in html
    task = html.split(f'href="{url}"', 1)[1].split("</a>", 1)[0]
    assert '<span class="count">2</span>' in task


def test_the_candidates_page_lists_the_waiting_ones_with_a_link_to_decide(
    client, world, waiting, django_assert_max_num_queries
):
    referred, _interview = waiting
    client.force_login(world.employer_a)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("placements:candidates-awaiting-decision"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Calon 0" in html and "Calon 1" in html
    assert "Calon 2" not in html and "Calon Tutup" not in html and "Calon Lain" not in html
    decide = reverse("placements:vacancy-detail", args=[referred.vacancy_id]) + f"#r{referred.pk}"
    assert decide in html
    assert candidate_ref(referred.job_seeker_id) in html
    assert referred.job_seeker.nik not in html and referred.job_seeker.address not in html


def test_a_company_with_nobody_waiting_is_told_so(client, world):
    client.force_login(world.employer_b)
    response = client.get(reverse("placements:candidates-awaiting-decision"))
    assert b'data-testid="no-candidates"' in response.content


@pytest.mark.parametrize("who", ["officer_a", "trainer_a", "admin"])
def test_the_candidates_page_is_the_companys(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(reverse("placements:candidates-awaiting-decision")).status_code == 403
