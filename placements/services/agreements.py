"""Vacancies, apprenticeships and student internships under a partnership agreement.

A linked vacancy's or apprenticeship's company is a party to the agreement
(``party_check``, else 400); an internship's institution is a provider party and its
host a company or other-body party of the same agreement. Officers who manage the
agreement and admins write these.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from placements.models import Apprenticeship, Internship, Vacancy
from vokasi.agreements.services import agreement_link, require_manager
from vokasi.models import Agreement, AgreementParty


@transaction.atomic
def vacancy_link_agreement(*, actor, vacancy: Vacancy, agreement: Agreement | None) -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    return agreement_link(
        vacancy, agreement, may_touch=partial(require_manager, actor), company_id=vacancy.company_id
    )


@transaction.atomic
def apprenticeship_link_agreement(
    *, actor, apprenticeship: Apprenticeship, agreement: Agreement | None
) -> Apprenticeship:
    apprenticeship = Apprenticeship.objects.select_for_update().get(pk=apprenticeship.pk)
    return agreement_link(
        apprenticeship,
        agreement,
        may_touch=partial(require_manager, actor),
        company_id=apprenticeship.company_id,
    )


@dataclass
class InternshipInput:
    student_name: str
    student_number: str
    institution: AgreementParty
    host: AgreementParty
    start_date: datetime.date
    end_date: datetime.date
    supervisor: str
    study_programme: str = ""
    unit: str = ""
    outcome: str = Internship.Outcome.ONGOING


@transaction.atomic
def internship_record(*, actor, agreement: Agreement, data: InternshipInput) -> Internship:
    require_manager(actor, agreement)
    errors: dict[str, str] = {}
    if data.institution.agreement_id != agreement.pk or data.institution.kind != "provider":
        errors["institution"] = _("The institution is a university or provider party.")
    if data.host.agreement_id != agreement.pk or data.host.kind not in ("company", "other"):
        errors["host"] = _("The host is a company or other-body party of the agreement.")
    if data.end_date < data.start_date:
        errors["end_date"] = _("The internship cannot end before it starts.")
    if data.outcome not in Internship.Outcome.values:
        errors["outcome"] = _("Choose an outcome.")
    for name in ("student_name", "student_number", "supervisor"):
        if not (getattr(data, name) or "").strip():
            errors[name] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    internship = Internship(
        agreement=agreement,
        student_name=data.student_name.strip(),
        student_number=data.student_number.strip(),
        study_programme=data.study_programme.strip(),
        institution=data.institution,
        host=data.host,
        unit=data.unit.strip(),
        start_date=data.start_date,
        end_date=data.end_date,
        supervisor=data.supervisor.strip(),
        outcome=data.outcome,
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            internship.save()
    except IntegrityError:
        raise ValidationError(
            {"student_number": _("This student's internship starting that day is recorded.")}
        ) from None
    return internship


@transaction.atomic
def internship_remove(*, actor, internship: Internship) -> None:
    """Take an internship off its agreement: it belongs to that agreement alone, so it is
    deleted (its change history keeps what it was and who removed it)."""
    internship = Internship.objects.select_for_update().get(pk=internship.pk)
    require_manager(actor, internship.agreement)
    internship.delete()
