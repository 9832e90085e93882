"""Linking training to a partnership agreement: its realisation then counts the cohort.

The rule (``vokasi.agreements.services.party_check``): the cohort's (or programme's)
provider is a party to the agreement, else 400. Who links: the officers who manage the
agreement, admins, and the provider's own trainers for an agreement it is party to.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from trainees.models import Cohort, Programme
from vokasi.agreements.services import can_manage, party_check
from vokasi.models import Agreement
from vokasi.roles import is_trainer


def _may_link(actor, agreement: Agreement, provider_id: int) -> bool:
    if can_manage(actor, agreement):
        return True
    return (
        is_trainer(actor)
        and actor.provider_id == provider_id
        and agreement.parties.filter(provider_id=provider_id).exists()
    )


@transaction.atomic
def cohort_link_agreement(*, actor, cohort: Cohort, agreement: Agreement | None) -> Cohort:
    """Link ``cohort`` to ``agreement`` (or unlink it with ``None``)."""
    cohort = Cohort.objects.select_for_update().select_related("programme").get(pk=cohort.pk)
    provider_id = cohort.programme.provider_id
    current = cohort.agreement
    for touched in (agreement, current):
        if touched is not None and not _may_link(actor, touched, provider_id):
            raise PermissionDenied
    if agreement is not None:
        party_check(agreement, provider_id=provider_id)
    if cohort.agreement_id == (agreement.pk if agreement is not None else None):
        return cohort  # sent again (a retry): nothing to change
    cohort.agreement = agreement
    cohort.save(update_fields=["agreement"])
    return cohort


@transaction.atomic
def programme_link_agreement(
    *, actor, programme: Programme, agreement: Agreement | None
) -> Programme:
    """Link every cohort of ``programme`` that names no agreement of its own."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    for touched in (agreement, programme.agreement):
        if touched is not None and not _may_link(actor, touched, programme.provider_id):
            raise PermissionDenied
    if agreement is not None:
        party_check(agreement, provider_id=programme.provider_id)
    programme.agreement = agreement
    programme.save(update_fields=["agreement"])
    return programme
