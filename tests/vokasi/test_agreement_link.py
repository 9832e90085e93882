"""Linking a record to a partnership agreement is one rule (``agreement_link``) whatever
the record: the actor may change both the new and the current agreement, the record's
organisation is a party to the new one, and a refusal writes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from placements.services.agreements import (
    apprenticeship_link_agreement,
    vacancy_link_agreement,
)
from tests import factories
from trainees.services.agreements import cohort_link_agreement, programme_link_agreement


@pytest.fixture
def agreements(world):
    ours = factories.agreement(
        world.office_a, providers=[world.provider_a], companies=[world.company_a]
    )
    theirs = factories.agreement(
        world.office_b,
        providers=[world.provider_a],
        companies=[world.company_a],
    )
    return ours, theirs


def records(world):
    programme = factories.programme(world.provider_a)
    vacancy = factories.vacancy(world.company_a)
    apprenticeship = factories.apprenticeship(vacancy, factories.job_seeker(world.office_a))
    return [
        (cohort_link_agreement, "cohort", factories.cohort(programme)),
        (programme_link_agreement, "programme", programme),
        (vacancy_link_agreement, "vacancy", vacancy),
        (apprenticeship_link_agreement, "apprenticeship", apprenticeship),
    ]


def test_an_officer_links_and_unlinks_every_kind_of_record(world, agreements):
    ours, _theirs = agreements
    for link, name, record in records(world):
        linked = link(actor=world.officer_a, agreement=ours, **{name: record})
        assert linked.agreement == ours, name
        unlinked = link(actor=world.officer_a, agreement=None, **{name: record})
        assert unlinked.agreement is None, name


def test_a_record_linked_to_an_agreement_the_actor_may_not_change_stays_linked(world, agreements):
    ours, theirs = agreements
    for link, name, record in records(world):
        type(record).objects.filter(pk=record.pk).update(agreement=theirs)
        record.refresh_from_db()
        with pytest.raises(PermissionDenied):
            link(actor=world.officer_a, agreement=ours, **{name: record})
        record.refresh_from_db()
        assert record.agreement == theirs, name


def test_a_record_of_an_organisation_that_is_no_party_is_refused_with_the_field(world, agreements):
    ours, _theirs = agreements
    programme = factories.programme(world.provider_b)
    vacancy = factories.vacancy(world.company_b)
    for link, name, record in [
        (programme_link_agreement, "programme", programme),
        (vacancy_link_agreement, "vacancy", vacancy),
    ]:
        with pytest.raises(ValidationError) as raised:
            link(actor=world.officer_a, agreement=ours, **{name: record})
        assert "agreement" in raised.value.message_dict
        record.refresh_from_db()
        assert record.agreement is None, name
