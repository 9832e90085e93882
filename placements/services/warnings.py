"""Written warnings (peringatan tertulis, Perpres 57/2023 Pasal 17) to companies that do
not report, and their answers: recorded by an officer of the office keeping the
company's register (or an admin)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import CompanyWarning
from vokasi.agreements.documents import checked_document
from vokasi.errors import Conflict
from vokasi.models import Company
from vokasi.roles import OFFICE, is_officer, require_role


class DuplicateWarningNumber(Conflict):
    """The company already has a warning with this letter number (409; a page shows it
    on the number)."""

    def __init__(self, existing: CompanyWarning):
        super().__init__(
            _("This company already has a warning numbered %(number)s.")
            % {"number": existing.number},
            existing.pk,
            field="number",
        )


def _require_keeper(actor, company: Company) -> None:
    require_role(actor, OFFICE)
    if is_officer(actor) and company.office_id != actor.office_id:
        raise PermissionDenied(_("Only the office keeping the company's register may do this."))


def _check_date(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: [_("The date cannot be in the future.")]})


def warning_document(upload):
    return checked_document(upload, must_be_pdf=_("The warning letter must be a PDF."))


@transaction.atomic
def company_warning_record(
    *,
    actor,
    company: Company,
    number: str,
    date: datetime.date,
    reason: str,
    document=None,
) -> CompanyWarning:
    """Record a warning; a letter number the company already has is a Conflict."""
    _require_keeper(actor, company)
    number, reason = number.strip(), reason.strip()
    errors = {}
    if not number:
        errors["number"] = [_("This field is required.")]
    if not reason:
        errors["reason"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)
    _check_date(date, "date")
    existing = CompanyWarning.objects.filter(company=company, number=number).first()
    if existing is not None:
        raise DuplicateWarningNumber(existing)
    warning = CompanyWarning(
        company=company, number=number, date=date, reason=reason, recorded_by=actor
    )
    if document is not None:
        warning.document = warning_document(document)
    try:
        with transaction.atomic():
            warning.save()
    except IntegrityError:
        existing = CompanyWarning.objects.filter(company=company, number=number).first()
        if existing is None:
            raise
        raise DuplicateWarningNumber(existing) from None
    return warning


@transaction.atomic
def company_warning_answer(
    *, actor, warning: CompanyWarning, answer: str, answered_on: datetime.date
) -> CompanyWarning:
    """Record the company's answer to a warning (replacing an earlier one)."""
    warning = (
        CompanyWarning.objects.select_for_update().select_related("company").get(pk=warning.pk)
    )
    _require_keeper(actor, warning.company)
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": [_("This field is required.")]})
    _check_date(answered_on, "answered_on")
    if answered_on < warning.date:
        raise ValidationError({"answered_on": [_("The answer cannot come before the warning.")]})
    warning.answer = answer
    warning.answered_on = answered_on
    warning.save(update_fields=["answer", "answered_on"])
    return warning
