"""The labour office's part of an apprenticeship: approving the written agreement, and
recording placements people found themselves."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import Apprenticeship, Placement
from placements.services.referrals import apprenticeship_capacity
from placements.services.registration import end_registration_as_placed
from trainees.models import JobSeeker
from vokasi.bounds import WAGE_MAX
from vokasi.errors import Conflict
from vokasi.models import Company, Occupation, User
from vokasi.roles import OFFICE, require_role


@transaction.atomic
def apprenticeship_approve(
    *,
    apprenticeship: Apprenticeship,
    by: User,
    agreement_no: str = "",
    approved_on: datetime.date | None = None,
) -> Apprenticeship:
    """Approve a proposed apprenticeship agreement (Permenaker 6/2020).

    Refused with the reason when: the duration is beyond the maximum, no allowance is
    stated, the apprentice is under the minimum age at the start, or the company would
    have more apprentices than its share of the workforce allows.
    """
    require_role(by, OFFICE, message=_("Only the labour office may do this."))
    approved_on = approved_on or timezone.localdate()
    # Lock the company: two approvals at once must not both take its last place.
    Company.objects.select_for_update().get(pk=apprenticeship.company_id)
    apprenticeship = (
        Apprenticeship.objects.select_for_update()
        .select_related("company", "job_seeker")
        .get(pk=apprenticeship.pk)
    )
    if apprenticeship.status != Apprenticeship.Status.PROPOSED:
        raise Conflict(
            _("This apprenticeship is already %(status)s.")
            % {"status": apprenticeship.get_status_display()},
            existing_id=apprenticeship.pk,
        )
    rules = settings.VOKASI
    errors: dict[str, str] = {}
    if apprenticeship.duration_months > rules["APPRENTICESHIP_MAX_MONTHS"]:
        errors["duration_months"] = _(
            "An apprenticeship lasts at most %(max)d months; this agreement says %(months)d."
        ) % {"max": rules["APPRENTICESHIP_MAX_MONTHS"], "months": apprenticeship.duration_months}
    if not apprenticeship.allowance:
        errors["allowance"] = _("The agreement must state the allowance (uang saku).")
    age = apprenticeship.job_seeker.age_on(apprenticeship.start_date)
    if age < rules["APPRENTICESHIP_MIN_AGE"]:
        errors["job_seeker"] = _(
            "Apprentices must be at least %(min)d years old at the start; %(name)s will be %(age)d."
        ) % {
            "min": rules["APPRENTICESHIP_MIN_AGE"],
            "name": apprenticeship.job_seeker.name,
            "age": age,
        }
    if errors:
        raise ValidationError(errors)
    company = apprenticeship.company
    others = (
        Apprenticeship.objects.filter(
            company=company,
            status__in=[Apprenticeship.Status.APPROVED, Apprenticeship.Status.RUNNING],
        )
        .exclude(pk=apprenticeship.pk)
        .count()
    )
    capacity = apprenticeship_capacity(company)
    if others + 1 > capacity:
        raise Conflict(
            _(
                "%(company)s already has %(count)d approved apprentices; with %(workforce)d "
                "workers it may have at most %(capacity)d (%(share)d%% of the workforce)."
            )
            % {
                "company": company.name,
                "count": others,
                "workforce": company.workforce,
                "capacity": capacity,
                "share": round(100 * rules["APPRENTICESHIP_MAX_SHARE"]),
            }
        )
    apprenticeship.status = (
        Apprenticeship.Status.RUNNING
        if apprenticeship.start_date <= approved_on
        else Apprenticeship.Status.APPROVED
    )
    apprenticeship.approved_on = approved_on
    apprenticeship.approved_by = by
    if agreement_no:
        apprenticeship.agreement_no = agreement_no
    apprenticeship.save(update_fields=["status", "approved_on", "approved_by", "agreement_no"])
    return apprenticeship


#: The highest monthly wage a placement may state, in whole Rupiah: far above any real
#: wage, low enough that a mistyped number (a NIK in the wage box) is refused.
PLACEMENT_WAGE_MAX = WAGE_MAX  # the one bound of a monthly wage (vokasi.bounds)
COMPANY_NAME_MAX = Placement._meta.get_field("company_name").max_length


@transaction.atomic
def placement_record(
    *,
    job_seeker: JobSeeker,
    company: Company | None = None,
    company_name: str = "",
    start_date: datetime.date,
    contract_type: str,
    wage: int,
    occupation: Occupation | None = None,
    channel: str = Placement.Channel.AKL,
    by: User,
) -> Placement:
    """An officer records that a person found work by themself; their registration ends
    as placed. One placement per registration: a second is a conflict.

    The company is a registered one, or, when it is not in the register, its name as
    typed; a typed name that is exactly a registered company's is that company.
    """
    require_role(by, OFFICE, message=_("Only the labour office may do this."))
    company_name = " ".join((company_name or "").split())
    if company is not None and company_name:
        raise ValidationError(
            {"company_name": _("Choose a registered company or type a name, not both.")}
        )
    if company is None and not company_name:
        raise ValidationError(
            {"company": _("Choose the company, or type its name when it is not registered.")}
        )
    if len(company_name) > COMPANY_NAME_MAX:
        raise ValidationError(
            {
                "company_name": _("A company name has at most %(max)d characters.")
                % {"max": COMPANY_NAME_MAX}
            }
        )
    if occupation is not None and not (len(occupation.code) == 4 and occupation.code.isdigit()):
        raise ValidationError({"occupation": _("Choose a 4-digit KBJI occupation.")})
    if company is None:
        registered = list(Company.objects.filter(name__iexact=company_name)[:2])
        if len(registered) == 1:
            company, company_name = registered[0], ""
    if contract_type not in Placement.ContractType.values:
        raise ValidationError({"contract_type": _("Unknown contract type.")})
    if channel not in Placement.Channel.values:
        raise ValidationError({"channel": _("Unknown channel.")})
    if not 0 <= wage <= PLACEMENT_WAGE_MAX:
        raise ValidationError(
            {
                "wage": _("The monthly wage must lie between 0 and %(max)s Rupiah.")
                % {"max": intcomma(PLACEMENT_WAGE_MAX)}
            }
        )
    job_seeker = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
    existing = Placement.objects.filter(
        job_seeker=job_seeker, start_date__gte=job_seeker.registered_on
    ).first()
    if existing is not None:
        raise Conflict(_("A placement is already recorded for this person."), existing.pk)
    errors = {}
    if job_seeker.status != JobSeeker.Status.ACTIVE:
        errors["job_seeker"] = _("The registration is %(status)s, not active.") % {
            "status": job_seeker.get_status_display()
        }
    if start_date < job_seeker.registered_on:
        errors["start_date"] = _("The job cannot start before the registration.")
    if start_date > timezone.localdate() + datetime.timedelta(days=90):
        errors["start_date"] = _("The start date is more than 90 days ahead.")
    if errors:
        raise ValidationError(errors)
    placement = Placement.objects.create(
        job_seeker=job_seeker,
        company=company,
        company_name=company_name,
        occupation=occupation,
        start_date=start_date,
        contract_type=contract_type,
        wage=wage,
        channel=channel,
        source=Placement.Source.SELF,
        recorded_by=by,
    )
    end_registration_as_placed(job_seeker, start_date)
    return placement
