"""Recording a scholarship under a partnership agreement, and what became of it.

Who records: the officers who manage the agreement and admins (``require_manager``);
the parties' users read. The agreement's scope names "scholarship" (else 400). The same
recipient, institution and award day is one scholarship: sending it again with the same
details answers the one on file (``created`` False), with other details a Conflict (409
on the API, a message on the page).

What became of it (``scholarship_set_status``), by the same people: ``completed`` when
the recipient graduates, ``dropped`` when they leave the study, back to ``awarded`` to
undo a mistake. ``ended_on`` says when it ended and is optional: an officer often hears
of a graduation or a drop-out months later without the day, and no count depends on it.
Given, it is neither before the award day nor in the future; an ``awarded`` scholarship
has none. The status never changes the agreement's realisation: a scholarship counts on
its award day whatever became of it (a dropped one was still awarded).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.models import JobSeeker, Scholarship
from vokasi.agreements.models import ScopeItem
from vokasi.agreements.services import require_manager
from vokasi.bounds import MONEY_MAX
from vokasi.errors import Conflict
from vokasi.models import Agreement

#: ``scholarship_set_status``'s ``status`` or ``ended_on`` when the caller leaves it as it
#: is (an API PATCH without it): the status on file; the end day on file while the status
#: stays, none when it changes.
KEEP = object()

#: The fields compared when the same scholarship is sent again.
COMPARED = ("job_seeker_id", "study_programme", "amount", "status")


@dataclass
class ScholarshipInput:
    institution: str
    study_programme: str
    awarded_on: datetime.date
    amount: int
    recipient_name: str = ""
    job_seeker: JobSeeker | None = None
    status: str = Scholarship.Status.AWARDED


class DuplicateScholarship(Conflict):
    def __init__(self, existing: Scholarship):
        super().__init__(
            _("%(name)s's scholarship at %(institution)s awarded on %(day)s is already "
              "recorded with other details.")
            % {"name": existing.recipient_name, "institution": existing.institution,
               "day": existing.awarded_on.strftime("%d-%m-%Y")},
            existing.pk,
        )  # fmt: skip


def _errors(agreement: Agreement, data: ScholarshipInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not agreement.scope_items.filter(item=ScopeItem.SCHOLARSHIP).exists():
        add(
            "agreement",
            _("The agreement's scope has no %(item)s: add the item to its scope first.")
            % {"item": ScopeItem.SCHOLARSHIP.label},
        )
    if data.job_seeker is None and not (data.recipient_name or "").strip():
        add("recipient_name", _("Name the recipient, or choose a registered job seeker."))
    for name in ("institution", "study_programme"):
        if not (getattr(data, name) or "").strip():
            add(name, _("This field is required."))
    amount = data.amount
    if not isinstance(amount, int) or isinstance(amount, bool):
        add("amount", _("Enter a whole number."))
    elif amount < 0:
        add("amount", _("An amount cannot be negative."))
    elif amount > MONEY_MAX:
        add("amount", _("At most %(max)s.") % {"max": f"{MONEY_MAX:,}"})
    if data.status not in Scholarship.Status.values:
        add("status", _("Choose a status."))
    if data.awarded_on < agreement.signed_on:
        add("awarded_on", _("A scholarship under the agreement is awarded after its signing."))
    elif data.awarded_on > agreement.valid_to:
        add("awarded_on", _("The agreement ended on %(day)s.")
            % {"day": agreement.valid_to.strftime("%d-%m-%Y")})  # fmt: skip
    elif data.awarded_on > timezone.localdate():
        add("awarded_on", _("The award day cannot be in the future."))
    return errors


@transaction.atomic
def scholarship_award(
    *, actor, agreement: Agreement, data: ScholarshipInput
) -> tuple[Scholarship, bool]:
    """Record one scholarship; ``(scholarship, created)``."""
    require_manager(actor, agreement)
    errors = _errors(agreement, data)
    if errors:
        raise ValidationError(errors)
    name = data.job_seeker.name if data.job_seeker is not None else data.recipient_name
    scholarship = Scholarship(
        agreement=agreement,
        job_seeker=data.job_seeker,
        recipient_name=" ".join(name.split())[:120],
        institution=" ".join(data.institution.split())[:160],
        study_programme=data.study_programme.strip()[:120],
        awarded_on=data.awarded_on,
        amount=data.amount,
        status=data.status,
        recorded_by=actor,
    )
    key = {
        "agreement": agreement,
        "recipient_name": scholarship.recipient_name,
        "institution": scholarship.institution,
        "awarded_on": scholarship.awarded_on,
    }
    existing = Scholarship.objects.filter(**key).first()
    if existing is None:
        try:
            with transaction.atomic():
                scholarship.save()
            return scholarship, True
        except IntegrityError:
            existing = Scholarship.objects.filter(**key).first()
            if existing is None:
                raise
    if all(getattr(existing, f) == getattr(scholarship, f) for f in COMPARED):
        return existing, False
    raise DuplicateScholarship(existing)


def _end_errors(
    scholarship: Scholarship, status: str, ended_on: datetime.date | None
) -> dict[str, list[str]]:
    if status not in Scholarship.Status.values:
        return {"status": [_("Choose a status.")]}
    if ended_on is None:
        return {}
    if status == Scholarship.Status.AWARDED:
        return {"ended_on": [_("A scholarship still awarded has not ended: leave the day empty.")]}
    if ended_on < scholarship.awarded_on:
        return {"ended_on": [_("A scholarship ends after its award day (%(day)s).")
                % {"day": scholarship.awarded_on.strftime("%d-%m-%Y")}]}  # fmt: skip
    if ended_on > timezone.localdate():
        return {"ended_on": [_("The end day cannot be in the future.")]}
    return {}


@transaction.atomic
def scholarship_set_status(
    *, actor, scholarship: Scholarship, status, ended_on=KEEP
) -> tuple[Scholarship, bool]:
    """Record what became of a scholarship; ``(scholarship, changed)``.

    The row is locked, so two officers changing it at once are applied one after the
    other, each on the row as the other left it. The same status and end day as on file
    changes nothing (no history row); a change is in the scholarship's history under
    ``actor``.
    """
    require_manager(actor, scholarship.agreement)
    locked = Scholarship.objects.select_for_update().get(pk=scholarship.pk)
    if status is KEEP:
        status = locked.status
    if ended_on is KEEP:
        ended_on = locked.ended_on if status == locked.status else None
    if ended_on is not None and not isinstance(ended_on, datetime.date):
        raise ValidationError({"ended_on": [_("Enter a valid date.")]})
    errors = _end_errors(locked, status, ended_on)
    if errors:
        raise ValidationError(errors)
    if (locked.status, locked.ended_on) == (status, ended_on):
        return locked, False
    locked.status = status
    locked.ended_on = ended_on
    locked._history_user = actor  # the history names who changed it, on every channel
    locked.save(update_fields=["status", "ended_on"])
    return locked, True
