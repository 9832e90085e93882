"""Linking training to a partnership agreement: its realisation then counts the cohort.

The rule (``vokasi.agreements.services.party_check``): the cohort's (or programme's)
provider is a party to the agreement, else 400. Who links: the officers who manage the
agreement, admins, and the provider's own trainers for an agreement it is party to.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from trainees.models import Cohort, Programme
from vokasi.agreements.services import agreement_link, can_manage
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


def _linker(actor, provider_id: int):
    """403 unless ``actor`` may link the provider's training to the agreement it is given."""

    def may_touch(agreement: Agreement) -> None:
        if not _may_link(actor, agreement, provider_id):
            raise PermissionDenied

    return may_touch


@transaction.atomic
def cohort_link_agreement(*, actor, cohort: Cohort, agreement: Agreement | None) -> Cohort:
    """Link ``cohort`` to ``agreement`` (or unlink it with ``None``)."""
    cohort = Cohort.objects.select_for_update().select_related("programme").get(pk=cohort.pk)
    provider_id = cohort.programme.provider_id
    return agreement_link(
        cohort, agreement, may_touch=_linker(actor, provider_id), provider_id=provider_id
    )


@transaction.atomic
def programme_link_agreement(
    *, actor, programme: Programme, agreement: Agreement | None
) -> Programme:
    """Link every cohort of ``programme`` that names no agreement of its own."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    provider_id = programme.provider_id
    return agreement_link(
        programme, agreement, may_touch=_linker(actor, provider_id), provider_id=provider_id
    )
