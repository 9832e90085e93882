"""Certification: what a training result means for the skills a person holds.

A *Kompeten* assessment certifies every competency unit of the programme for that
person (certificate number, date, expiry after ``CERTIFICATE_VALID_YEARS``). Completing
the training without a K makes them *trained*. A certified skill is never downgraded by
another cohort; only a correction of the very result that certified it takes it back.
Matching and the reports read ``JobSeekerSkill``; nothing else needs to change. Each row
keeps from when each source counts (``trained_from``: the cohort's last day;
``certified_from``: the assessment), so a past period's report reads the skills as held
then; a result taken back removes the dates it had given.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from trainees.models import Cohort, CompetencyAssessment, JobSeekerSkill, TrainingResult
from vokasi.dates import add_years
from vokasi.db import insert_many

Source = JobSeekerSkill.Source
CREATED_FIELDS = (
    "job_seeker",
    "skill",
    "enrollment",
    "source",
    "acquired_on",
    "certificate_no",
    "certificate_expires_on",
    "trained_from",
    "certified_from",
    "declared_from",
)


@dataclass(frozen=True)
class TraineeResult:
    """What certification needs to know of one trainee's reported result."""

    enrollment_id: int
    job_seeker_id: int
    outcome: str  # TrainingResult.Outcome, or "" when nothing is reported
    competency: str = ""  # "K", "BK" or ""
    assessed_on: datetime.date | None = None
    certificate_no: str = ""


def certificate_expiry(assessed_on: datetime.date) -> datetime.date:
    years = settings.VOKASI["CERTIFICATE_VALID_YEARS"]
    return add_years(assessed_on, years)


def _desired(cohort: Cohort, item: TraineeResult) -> dict | None:
    """The skill row this result justifies, or None for none."""
    completed = item.outcome == TrainingResult.Outcome.COMPLETED
    if item.competency == CompetencyAssessment.Result.COMPETENT and item.assessed_on:
        return {
            "source": Source.CERTIFIED,
            "acquired_on": item.assessed_on,
            "certificate_no": item.certificate_no,
            "certificate_expires_on": certificate_expiry(item.assessed_on),
            "trained_from": cohort.end_date if completed else None,
            "certified_from": item.assessed_on,
        }
    if completed:
        return {
            "source": Source.TRAINED,
            "acquired_on": cohort.end_date,
            "certificate_no": "",
            "certificate_expires_on": None,
            "trained_from": cohort.end_date,
            "certified_from": None,
        }
    return None


def _keep_existing(row: JobSeekerSkill, want: dict, enrollment_id: int) -> bool:
    """True when another cohort's better (or newer) claim on the skill must stand."""
    if row.enrollment_id == enrollment_id:
        return False
    if row.source > want["source"]:
        return True  # never downgrade what another cohort certified
    if row.source == want["source"] == Source.CERTIFIED:
        return bool(row.acquired_on and row.acquired_on > want["acquired_on"])
    return row.source == want["source"] == Source.TRAINED and row.enrollment_id is not None


def certification_apply(*, cohort: Cohort, results: Iterable[TraineeResult]) -> dict[str, int]:
    """Bring the skill rows of these trainees of ``cohort`` in line with their results.

    One query for the programme's skills, one for the existing rows, bulk writes.
    """
    results = list(results)
    if not results:
        return {"created": 0, "updated": 0, "deleted": 0}
    skills = list(cohort.programme.skills.values_list("code", flat=True))
    existing = _existing_skill_rows(results, skills)
    to_create: list[tuple] = []
    to_update: dict[int, JobSeekerSkill] = {}
    to_delete: list[int] = []
    for item in results:
        want = _desired(cohort, item)
        for code in skills:
            row = existing.get((item.job_seeker_id, code))
            if want is None:
                if row is not None and row.pk and row.enrollment_id == item.enrollment_id:
                    _take_back(row, to_update, to_delete)
                continue
            if row is None:
                to_create.append(
                    (
                        item.job_seeker_id,
                        code,
                        item.enrollment_id,
                        *(want[field] for field in CREATED_FIELDS[3:-1]),
                        None,  # declared_from: the person had not declared it
                    )
                )
                continue
            if _keep_existing(row, want, item.enrollment_id):
                continue
            # What is wanted may change for the person's next units (an earlier training).
            want = _bring_in_line(row, want, item.enrollment_id, to_update)
    _write_skill_rows(to_create, to_update, to_delete)
    return {"created": len(to_create), "updated": len(to_update), "deleted": len(to_delete)}


def _existing_skill_rows(
    results: list[TraineeResult], skills: list[str]
) -> dict[tuple[int, str], JobSeekerSkill]:
    """The trainees' rows of the programme's skills, by (person, skill), in chunks."""
    existing: dict[tuple[int, str], JobSeekerSkill] = {}
    people = [item.job_seeker_id for item in results]
    for start in range(0, len(people), 5000):
        for row in JobSeekerSkill.objects.filter(
            job_seeker_id__in=people[start : start + 5000], skill_id__in=skills
        ):
            existing[(row.job_seeker_id, row.skill_id)] = row
    return existing


def _take_back(row: JobSeekerSkill, to_update: dict, to_delete: list) -> None:
    """Take back a skill this enrollment itself granted: one the person had declared goes
    back to declared, any other goes."""
    if row.declared:
        row.source, row.enrollment_id, row.declared = Source.DECLARED, None, False
        row.acquired_on, row.certificate_no = None, ""
        row.certificate_expires_on = None
        row.trained_from = row.certified_from = None
        to_update[row.pk] = row
    else:
        to_delete.append(row.pk)


def _bring_in_line(row: JobSeekerSkill, want: dict, enrollment_id, to_update: dict) -> dict:
    """Set ``row`` to what is wanted for ``enrollment_id``, queued for update if anything
    changed; answer what was wanted, dated by an earlier training where there was one."""
    changed = row.enrollment_id != enrollment_id
    if row.source == Source.DECLARED:
        row.declared = changed = True
    if changed and row.trained_from:
        # Trained earlier in another cohort: that training still dates the skill.
        earlier = min(row.trained_from, want["trained_from"] or row.trained_from)
        want = {**want, "trained_from": earlier}
    row.enrollment_id = enrollment_id
    for field, value in want.items():
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed = True
    if changed and row.pk is not None:
        to_update[row.pk] = row
    return want


def _write_skill_rows(to_create: list[tuple], to_update: dict, to_delete: list[int]) -> None:
    insert_many(JobSeekerSkill, CREATED_FIELDS, to_create)
    if to_update:
        JobSeekerSkill.objects.bulk_update(
            list(to_update.values()),
            [
                "source",
                "acquired_on",
                "certificate_no",
                "certificate_expires_on",
                "enrollment",
                "declared",
                "trained_from",
                "certified_from",
            ],
            batch_size=1000,
        )
    for start in range(0, len(to_delete), 5000):
        JobSeekerSkill.objects.filter(pk__in=to_delete[start : start + 5000]).delete()
