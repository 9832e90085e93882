"""What ``placements`` adds to the registries of the apps below it
(``vokasi.contributions``), so that ``trainees`` and ``vokasi`` never read placements'
tables themselves: the home page's tasks, a person's timeline, the sections of the
personal-data export and the places an anonymisation erases, a cohort's placed trainees
and the occupations vacancies ask a programme's skills for. Discovered at start-up.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from placements.models import Apprenticeship, Placement, Vacancy
from placements.selectors.personal_data import job_seeker_personal_data_sections
from placements.services.personal_data import (
    job_seeker_erase_agreement_numbers,
    job_seeker_erase_decision_notes,
    job_seeker_erase_placements_history,
)
from placements.tables import APPRENTICESHIP_STATUS_BADGE, STATUS_BADGE
from placements.tasks import placement_tasks
from placements.timeline import placement_events
from trainees import timeline
from trainees.selectors import personal_data as personal_data_reads
from trainees.selectors import training as training_reads
from trainees.services import personal_data
from vokasi import formatting, home

home.providers.register(placement_tasks)
timeline.providers.register(placement_events)
personal_data_reads.section_providers.register(job_seeker_personal_data_sections)

for place, erase in [
    ("placements.ReferralDecision.note", job_seeker_erase_decision_notes),
    ("placements.Apprenticeship.agreement_no", job_seeker_erase_agreement_numbers),
    (
        "change history of referrals, decisions, apprenticeships, placements, follow-ups",
        job_seeker_erase_placements_history,
    ),
]:
    personal_data.erasure_providers.register(personal_data.ErasurePlace(place, erase))


@training_reads.started_work_since.register
def started_work_since(day) -> Q:
    """An enrollment whose trainee started a job on or after ``day``."""
    return Q(
        Exists(Placement.objects.filter(job_seeker=OuterRef("job_seeker"), start_date__gte=day))
    )


@training_reads.started_work_between.register
def started_work_between(first_day, last_day) -> Q:
    """An enrollment whose trainee started a job between the two days, both included."""
    return Q(
        Exists(
            Placement.objects.filter(
                job_seeker=OuterRef("job_seeker"),
                start_date__gte=first_day,
                start_date__lte=last_day,
            )
        )
    )


@training_reads.occupations_asking_for.register
def occupations_asking_for(skills: list[str]):
    """KBJI codes of the occupations of vacancies that ask for any of ``skills``."""
    return (
        Vacancy.objects.reported()
        .filter(skill_rows__skill_id__in=skills)
        .order_by()
        .values_list("occupation_id", flat=True)
        .distinct()
    )


# The colour of a vacancy's and an apprenticeship's status on its page, as in the lists.
formatting.status_colours.register((Vacancy, STATUS_BADGE))
formatting.status_colours.register((Apprenticeship, APPRENTICESHIP_STATUS_BADGE))
