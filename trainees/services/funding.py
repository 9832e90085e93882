"""Who pays for a cohort: its funding lines, and the CSR commitments they draw on.

A cohort's lines are set as a whole (the page's form and ``PATCH /api/v1/cohorts/{id}/``
send every line): sending the same lines again changes nothing, so a retry never adds a
line twice. Money is whole Rupiah, never negative; spending above the budget is allowed
and flagged (``FundingLine.over_budget``), as are seats drawn beyond a CSR commitment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from trainees.models import (
    SPONSORED_SOURCES,
    Cohort,
    CsrCommitment,
    FundingLine,
    FundingLineSource,
)
from trainees.services.training import ROLE_REFUSED, TRAINING_STAFF, can_manage_training
from vokasi.bounds import MONEY_MAX
from vokasi.models import Company, User
from vokasi.roles import OFFICE, has_role, require_role

LINE_FIELDS = ("source", "sponsor", "commitment", "budgeted", "spent", "seats")


@dataclass(frozen=True)
class LineInput:
    """One funding line as a page or the API sends it."""

    source: str
    sponsor: Company | None = None
    commitment: CsrCommitment | None = None
    budgeted: int = 0
    spent: int = 0
    seats: int = 0

    def key(self) -> tuple:
        return (
            self.source,
            self.sponsor.pk if self.sponsor else None,
            self.commitment.pk if self.commitment else None,
            self.budgeted,
            self.spent,
            self.seats,
        )


def can_fund(user: User, cohort: Cohort | None = None) -> bool:
    """Record a cohort's funding: the provider's staff (scoped by ``visible_to``), admins."""
    return can_manage_training(user)


def can_manage_commitments(user: User) -> bool:
    """Record CSR commitments: the labour office (it coordinates the city's CSR), admins."""
    return has_role(user, OFFICE)


def line_errors(line: LineInput, cohort: Cohort) -> dict[str, list[str]]:
    """Every problem with one line, by field (the page and the API show them alike)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if line.source not in FundingLineSource.values:
        add("source", _("Unknown funding source %(source)s.") % {"source": line.source})
    for field in ("budgeted", "spent", "seats"):
        value = getattr(line, field)
        if not isinstance(value, int) or isinstance(value, bool):
            add(field, _("Enter a whole number."))
        elif value < 0:
            add(field, _("An amount cannot be negative."))
        elif value > MONEY_MAX:
            add(field, _("At most %(max)s.") % {"max": f"{MONEY_MAX:,}"})
    if line.source in SPONSORED_SOURCES and line.sponsor is None:
        add("sponsor", _("CSR and company funding name the paying company."))
    if line.source not in SPONSORED_SOURCES and line.sponsor is not None:
        add("sponsor", _("Only CSR and company funding name a sponsor."))
    if line.commitment is not None:
        if line.source != FundingLineSource.CSR:
            add("commitment", _("Only a CSR line draws on a CSR commitment."))
        elif line.sponsor is not None and line.commitment.sponsor_id != line.sponsor.pk:
            add("commitment", _("This commitment belongs to another company."))
    if isinstance(line.seats, int) and line.seats > cohort.quota:
        add("seats", _("The cohort has only %(quota)d places.") % {"quota": cohort.quota})
    return errors


@transaction.atomic
def funding_lines_set(*, actor: User, cohort: Cohort, lines: Iterable[LineInput]) -> bool:
    """Replace the cohort's funding lines with ``lines``; True when anything changed.

    Raises ValidationError ``{"funding": [...]}`` naming the line (1, 2, …) and field of
    every problem; nothing is written then.
    """
    require_role(actor, TRAINING_STAFF, message=ROLE_REFUSED)
    lines = list(lines)
    messages: list[str] = []
    for number, line in enumerate(lines, start=1):
        for field, problems in line_errors(line, cohort).items():
            for problem in problems:
                messages.append(
                    _("Line %(n)d, %(field)s: %(problem)s")
                    % {"n": number, "field": field, "problem": problem}
                )
    seats = sum(line.seats for line in lines if isinstance(line.seats, int))
    if not messages and seats > cohort.quota:
        messages.append(
            _("The lines fund %(seats)d seats; the cohort has %(quota)d places.")
            % {"seats": seats, "quota": cohort.quota}
        )
    if messages:
        raise ValidationError({"funding": messages})
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    current = list(cohort.funding_lines.order_by("pk"))
    before = sorted(
        (x.source, x.sponsor_id, x.commitment_id, x.budgeted, x.spent, x.seats) for x in current
    )
    if before == sorted(line.key() for line in lines):
        return False
    cohort.funding_lines.all().delete()
    FundingLine.objects.bulk_create(
        FundingLine(
            cohort=cohort,
            source=line.source,
            sponsor=line.sponsor,
            commitment=line.commitment,
            budgeted=line.budgeted,
            spent=line.spent,
            seats=line.seats,
            updated_by=actor,
        )
        for line in lines
    )
    return True


def csr_commitment_create(
    *,
    actor: User,
    sponsor: Company,
    title: str,
    year: int,
    seats: int,
    amount: int,
    notes: str = "",
) -> CsrCommitment:
    require_role(actor, OFFICE, message=ROLE_REFUSED)
    errors: dict[str, list[str]] = {}
    if amount < 0 or amount > MONEY_MAX:
        errors["amount"] = [_("Enter an amount between 0 and %(max)s.") % {"max": f"{MONEY_MAX:,}"}]
    if seats < 1:
        errors["seats"] = [_("A commitment funds at least one seat.")]
    if errors:
        raise ValidationError(errors)
    return CsrCommitment.objects.create(
        sponsor=sponsor,
        title=title.strip(),
        year=year,
        seats=seats,
        amount=amount,
        notes=notes.strip(),
        created_by=actor,
    )


def commitment_realisation(commitment: CsrCommitment) -> dict:
    """Seats and money drawn on a commitment so far, against what was committed."""
    used = commitment.funding_lines.aggregate(
        seats=Sum("seats"), budgeted=Sum("budgeted"), spent=Sum("spent")
    )
    seats = used["seats"] or 0
    spent = used["spent"] or 0
    return {
        "seats_used": seats,
        "seats_left": commitment.seats - seats,
        "seats_over": seats > commitment.seats,
        "budgeted": used["budgeted"] or 0,
        "spent": spent,
        "spent_over": spent > commitment.amount,
        "cohorts": commitment.funding_lines.values("cohort").distinct().count(),
    }


def funding_summary(cohort) -> dict:
    """The cohort page's funding card: lines, totals and the over-budget flag."""
    lines = list(cohort.funding_lines.select_related("sponsor", "commitment").order_by("pk"))
    budgeted = sum(line.budgeted for line in lines)
    spent = sum(line.spent for line in lines)
    return {
        "lines": lines,
        "budgeted": budgeted,
        "spent": spent,
        "seats": sum(line.seats for line in lines),
        "over_budget": any(line.over_budget for line in lines),
    }
