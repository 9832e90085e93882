"""Registration at the labour office: the AK/I card from first visit to its end.

Every write to a job seeker's registration goes through here: the web form, the API
and the bulk import call these functions and never repeat a rule.
"""

from __future__ import annotations

from trainees.services.registration.ending import (
    END_STATUS,
    job_seeker_end,
    job_seeker_end_placed,
    job_seekers_expire,
)
from trainees.services.registration.merging import job_seeker_merge
from trainees.services.registration.numbers import allocate_registration_numbers
from trainees.services.registration.periods import next_due_after, report_due_dates
from trainees.services.registration.registering import (
    DuplicateNik,
    job_seeker_register,
    job_seeker_update,
)
from trainees.services.registration.report_back import REPORT_EARLY_DAYS, job_seeker_report_back
from trainees.services.registration.validation import PERSON_FIELDS, known_districts
from vokasi.dates import add_months

__all__ = [
    "END_STATUS",
    "PERSON_FIELDS",
    "REPORT_EARLY_DAYS",
    "DuplicateNik",
    "add_months",
    "allocate_registration_numbers",
    "job_seeker_end",
    "job_seeker_end_placed",
    "job_seeker_merge",
    "job_seeker_register",
    "job_seeker_report_back",
    "job_seeker_update",
    "job_seekers_expire",
    "known_districts",
    "next_due_after",
    "report_due_dates",
]
