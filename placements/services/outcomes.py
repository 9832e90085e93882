"""After the hire: follow-ups of placements and the end of apprenticeships."""

from __future__ import annotations

import datetime

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import Apprenticeship, FollowUp, Placement
from placements.services.registration import end_registration_as_placed
from vokasi.bounds import WAGE_MAX
from vokasi.errors import Conflict
from vokasi.models import User

#: The highest monthly wage a follow-up may state, in whole Rupiah.
FOLLOW_UP_WAGE_MAX = WAGE_MAX  # the one bound of a monthly wage (vokasi.bounds)


@transaction.atomic
def placement_follow_up(
    *,
    placement: Placement,
    by: User | None,
    checked_on: datetime.date,
    employed: bool,
    wage: int | None = None,
) -> tuple[FollowUp, bool]:
    """Record whether the person is still employed; returns ``(follow_up, created)``.

    One check per day: repeating it with the same answer returns the recorded one.
    """
    if checked_on < placement.start_date:
        raise ValidationError(
            {"checked_on": _("A follow-up cannot be before the start date of the job.")}
        )
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": _("A follow-up cannot be in the future.")})
    if wage is not None and not employed:
        raise ValidationError({"wage": _("Give a wage only when the person is still employed.")})
    if wage is not None and not 0 <= wage <= FOLLOW_UP_WAGE_MAX:
        raise ValidationError(
            {
                "wage": _("The monthly wage must lie between 0 and %(max)s Rupiah.")
                % {"max": intcomma(FOLLOW_UP_WAGE_MAX)}
            }
        )
    existing = FollowUp.objects.filter(placement=placement, checked_on=checked_on).first()
    if existing is None:
        try:
            # The constraint followup_once_a_day decides between simultaneous requests.
            with transaction.atomic():
                follow_up = FollowUp.objects.create(
                    placement=placement,
                    checked_on=checked_on,
                    employed=employed,
                    wage=wage,
                    recorded_by=by,
                )
            return follow_up, True
        except IntegrityError:
            existing = FollowUp.objects.filter(placement=placement, checked_on=checked_on).first()
            if existing is None:
                raise
    if existing.employed == employed and existing.wage == wage:
        return existing, False
    raise Conflict(
        _("A different follow-up is already recorded on this day."), existing_id=existing.pk
    )


@transaction.atomic
def apprenticeship_finish(
    *,
    apprenticeship: Apprenticeship,
    by: User | None,
    outcome: str,
    hired: bool,
    finished_on: datetime.date,
    wage: int | None = None,
    contract_type: str = Placement.ContractType.PKWT,
) -> Apprenticeship:
    """End an apprenticeship (completed or dropped). ``hired`` creates a placement.

    The placement starts the day after the apprenticeship ends, at ``wage`` (default:
    the vacancy's minimum wage, else the allowance).
    """
    appr = (
        Apprenticeship.objects.select_for_update(of=("self",))
        .select_related("vacancy", "job_seeker")
        .get(pk=apprenticeship.pk)
    )
    if outcome not in (Apprenticeship.Status.COMPLETED, Apprenticeship.Status.DROPPED):
        raise ValidationError({"outcome": _("Unknown outcome %(o)s.") % {"o": outcome}})
    if appr.status in (Apprenticeship.Status.COMPLETED, Apprenticeship.Status.DROPPED):
        raise Conflict(_("This apprenticeship has already ended."), existing_id=appr.pk)
    if appr.status == Apprenticeship.Status.PROPOSED:
        raise Conflict(
            _("The labour office has not approved this apprenticeship yet."), existing_id=appr.pk
        )
    if finished_on < appr.start_date:
        raise ValidationError({"finished_on": _("An apprenticeship cannot end before it starts.")})
    if finished_on > timezone.localdate():
        raise ValidationError({"finished_on": _("The end date cannot be in the future.")})
    if contract_type not in Placement.ContractType.values:
        raise ValidationError({"contract_type": _("Unknown contract type.")})
    appr.status = outcome
    appr.finished_on = finished_on
    appr.hired = hired
    appr.save(update_fields=["status", "finished_on", "hired"])
    if hired:
        start = finished_on + datetime.timedelta(days=1)
        wage = wage or (appr.vacancy.wage_min if appr.vacancy else None) or appr.allowance
        Placement.objects.create(
            job_seeker=appr.job_seeker,
            company_id=appr.company_id,
            vacancy=None,
            apprenticeship=appr,
            start_date=start,
            contract_type=contract_type,
            wage=wage,
            source=Placement.Source.APPRENTICESHIP,
            recorded_by=by,
        )
        end_registration_as_placed(appr.job_seeker, start)
    return appr
