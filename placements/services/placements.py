"""Placements: a person starting a job. ``placement_create`` is the one way one is
created; the office records a job a person found themself (``placement_record``), and the
office or the company checks later that the person is still employed
(``placement_follow_up``)."""

from __future__ import annotations

import datetime

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import Apprenticeship, FollowUp, Placement, Referral, Vacancy
from trainees.models import JobSeeker
from trainees.services.registration import job_seeker_end_placed
from vokasi.bounds import WAGE_MAX
from vokasi.errors import Conflict
from vokasi.models import Company, Occupation, Role, User
from vokasi.roles import OFFICE, require_role


def placement_create(
    *,
    job_seeker: JobSeeker,
    source: str,
    start_date: datetime.date,
    contract_type: str,
    wage: int,
    company: Company | None = None,
    company_name: str = "",
    vacancy: Vacancy | None = None,
    referral: Referral | None = None,
    apprenticeship: Apprenticeship | None = None,
    occupation: Occupation | None = None,
    channel: str = Placement.Channel.AKL,
    by: User | None,
) -> Placement:
    """Hire: record the placement and end the person's registration as placed, once.

    The only writer of placements, private to the services: a company hiring a referred
    person (``referral_decide``), the office recording a job the person found
    (``placement_record``) and a company hiring its apprentice (``apprenticeship_finish``)
    all come here, and so does every page and endpoint through them. The callers check
    their own input; this keeps what every hire shares:

    - at most one placement per hire: a referral or an apprenticeship leads to one (their
      one-to-one columns decide, also between two requests at the same moment), a job the
      person found to one per registration (``existing_placement``); a second answers
      ``Conflict`` with ``existing_id`` and writes nothing;
    - the person's row is locked first, so hires of the same person queue, and the second
      sees what the first wrote;
    - the registration ends as placed on the start date (never before the registration);
      one that already ended (expired, removed, or placed by an earlier job) stays as it
      is, and the placement counts either way.
    """
    with transaction.atomic():
        person = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
        placement = _insert_placement(
            person,
            company=company,
            company_name=company_name,
            occupation=occupation,
            vacancy=vacancy,
            referral=referral,
            apprenticeship=apprenticeship,
            start_date=start_date,
            contract_type=contract_type,
            wage=wage,
            channel=channel,
            source=source,
            recorded_by=by,
        )
        if person.status == JobSeeker.Status.ACTIVE:
            job_seeker_end_placed(job_seeker=person, placement=placement)
    for field in ("status", "end_reason", "ended_on", "next_report_due"):
        setattr(job_seeker, field, getattr(person, field))
    return placement


def _insert_placement(person: JobSeeker, **fields) -> Placement:
    """Insert the placement of ``person`` (locked) unless this hire already has one: then
    ``Conflict``, also when a simultaneous request's placement committed first."""
    hire = {"referral": fields["referral"], "apprenticeship": fields["apprenticeship"]}
    refuse_second_placement(person, **hire)
    try:
        with transaction.atomic():
            return Placement.objects.create(job_seeker=person, **fields)
    except IntegrityError:
        # The other request's placement committed first: it stands, this is a repeat.
        refuse_second_placement(person, **hire)
        raise


def existing_placement(
    person: JobSeeker,
    *,
    referral: Referral | None = None,
    apprenticeship: Apprenticeship | None = None,
) -> Placement | None:
    """The placement already recorded for this hire: the referral's, the apprenticeship's,
    or, for a job the person found, any placement since the registration began."""
    if referral is not None:
        found = Placement.objects.filter(referral=referral)
    elif apprenticeship is not None:
        found = Placement.objects.filter(apprenticeship=apprenticeship)
    else:
        found = Placement.objects.filter(job_seeker=person, start_date__gte=person.registered_on)
    return found.order_by("pk").first()


def refuse_second_placement(
    person: JobSeeker,
    *,
    referral: Referral | None = None,
    apprenticeship: Apprenticeship | None = None,
) -> None:
    """``Conflict`` naming the placement already recorded for this hire, if there is one."""
    existing = existing_placement(person, referral=referral, apprenticeship=apprenticeship)
    if existing is not None:
        raise Conflict(_("A placement is already recorded for this person."), existing.pk)


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
    _check_company_given(company, company_name)
    if occupation is not None and not (len(occupation.code) == 4 and occupation.code.isdigit()):
        raise ValidationError({"occupation": _("Choose a 4-digit KBJI occupation.")})
    if company is None:
        company, company_name = _registered_company(company_name)
    _check_terms(contract_type=contract_type, channel=channel, wage=wage)
    job_seeker = JobSeeker.objects.select_for_update().get(pk=job_seeker.pk)
    # A second recording is a conflict before it is an ended registration (409, not 400).
    refuse_second_placement(job_seeker)
    _check_registration_open(job_seeker, start_date)
    return placement_create(
        job_seeker=job_seeker,
        company=company,
        company_name=company_name,
        occupation=occupation,
        start_date=start_date,
        contract_type=contract_type,
        wage=wage,
        channel=channel,
        source=Placement.Source.SELF,
        by=by,
    )


def _check_company_given(company: Company | None, company_name: str) -> None:
    """A registered company or a typed name (within the column's length), not both."""
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


def _registered_company(company_name: str) -> tuple[Company | None, str]:
    """``(company, "")`` when the typed name is exactly one registered company's, else
    ``(None, company_name)``."""
    registered = list(Company.objects.filter(name__iexact=company_name)[:2])
    if len(registered) == 1:
        return registered[0], ""
    return None, company_name


def _check_terms(*, contract_type: str, channel: str, wage: int) -> None:
    """The contract type and channel are known ones, the wage within its bound."""
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


def _check_registration_open(job_seeker: JobSeeker, start_date: datetime.date) -> None:
    """The registration is active and the job starts within it, at most 90 days ahead."""
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


#: Who records follow-ups: the person's office and the placement's company (as the API).
FOLLOW_UP_RECORDERS = frozenset({Role.OFFICER, Role.EMPLOYER})
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
