"""The placements side of erasing a person (``trainees.services.personal_data``).

Referrals, apprenticeships, placements and follow-ups stay (the reports count them);
what a person wrote about the person goes: decision notes, and the agreement number
that leads to the signed, named apprenticeship agreement. ``placements.contributions``
adds these to the erasure.
"""

from __future__ import annotations

from placements.models import Apprenticeship, FollowUp, Placement, Referral, ReferralDecision
from trainees.models import JobSeeker


def job_seeker_erase_decision_notes(person: JobSeeker) -> int:
    return (
        ReferralDecision.objects.filter(referral__job_seeker=person)
        .exclude(note="")
        .update(note="")
    )


def job_seeker_erase_agreement_numbers(person: JobSeeker) -> int:
    return (
        Apprenticeship.objects.filter(job_seeker=person)
        .exclude(agreement_no="")
        .update(agreement_no="")
    )


def job_seeker_erase_placements_history(person: JobSeeker) -> int:
    """Old versions of the person's referrals, decisions, apprenticeships, placements and
    follow-ups (they held the notes and agreement numbers erased above)."""
    from vokasi.audit import purge_histories

    referrals = list(Referral.objects.filter(job_seeker=person).values_list("pk", flat=True))
    placements = list(Placement.objects.filter(job_seeker=person).values_list("pk", flat=True))
    return (
        purge_histories(Referral, referrals)
        + purge_histories(
            ReferralDecision,
            ReferralDecision.objects.filter(referral__in=referrals).values_list("pk", flat=True),
        )
        + purge_histories(
            Apprenticeship,
            Apprenticeship.objects.filter(job_seeker=person).values_list("pk", flat=True),
        )
        + purge_histories(Placement, placements)
        + purge_histories(
            FollowUp, FollowUp.objects.filter(placement__in=placements).values_list("pk", flat=True)
        )
    )
