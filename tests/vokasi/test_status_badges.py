"""A status has one colour: the detail pages read the mapping the lists' columns use."""

from __future__ import annotations

import pytest

from placements import tables as placement_tables
from placements.models import Apprenticeship, Vacancy
from tests import factories
from trainees import tables as trainee_tables
from trainees.models import JobSeeker
from vokasi import formatting


def test_each_page_reads_the_mapping_of_its_list():
    registered = {model: colours for model, colours in formatting.status_colours}
    assert registered[JobSeeker] is trainee_tables.STATUS_BADGE
    assert registered[Vacancy] is placement_tables.STATUS_BADGE
    assert registered[Apprenticeship] is placement_tables.APPRENTICESHIP_STATUS_BADGE


@pytest.mark.django_db
def test_a_vacancy_page_shows_its_status_as_the_list_does(world, client):
    vacancy = factories.vacancy(world.company_a)
    client.force_login(world.employer_a)
    html = client.get(f"/vacancies/{vacancy.pk}/").content.decode()
    listed = placement_tables.badge(
        placement_tables.STATUS_BADGE["open"], vacancy.get_status_display()
    )
    assert f'<span data-testid="vacancy-status">{listed}</span>' in html


@pytest.mark.django_db
def test_an_object_of_a_model_nobody_registered_gets_a_plain_badge(world):
    assert formatting.status_badge(world.company_a) == formatting.badge(
        "", world.company_a.get_status_display()
    )
