"""Placements: a person starting a job, and the one way one is created."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from placements.models import Apprenticeship, Placement, Referral, Vacancy
from placements.services.errors import Conflict
from trainees.models import JobSeeker
from trainees.services.registration import job_seeker_end_placed
from vokasi.models import Company, Occupation, User


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
        refuse_second_placement(person, referral=referral, apprenticeship=apprenticeship)
        try:
            with transaction.atomic():
                placement = Placement.objects.create(
                    job_seeker=person,
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
        except IntegrityError:
            # The other request's placement committed first: it stands, this is a repeat.
            refuse_second_placement(person, referral=referral, apprenticeship=apprenticeship)
            raise
        if person.status == JobSeeker.Status.ACTIVE:
            job_seeker_end_placed(job_seeker=person, placement=placement)
    for field in ("status", "end_reason", "ended_on", "next_report_due"):
        setattr(job_seeker, field, getattr(person, field))
    return placement


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
