"""Certification: what a training result means for the skills a person holds.

A *Kompeten* assessment certifies every competency unit of the programme for that
person (certificate number, date, expiry after ``CERTIFICATE_VALID_YEARS``). Completing
the training without a K makes them *trained*. A certified skill is never downgraded by
another cohort; only a correction of the very result that certified it takes it back.
Matching and the reports read ``JobSeekerSkill``; nothing else needs to change.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from trainees.models import (
    CompetencyAssessment,
    Enrollment,
    JobSeekerSkill,
    TrainingResult,
)

Source = JobSeekerSkill.Source


def certificate_expiry(assessed_on: datetime.date) -> datetime.date:
    years = settings.VOKASI["CERTIFICATE_VALID_YEARS"]
    try:
        return assessed_on.replace(year=assessed_on.year + years)
    except ValueError:  # 29 February
        return assessed_on.replace(year=assessed_on.year + years, day=28)


def _desired(
    enrollment: Enrollment,
    result: TrainingResult | None,
    assessment: CompetencyAssessment | None,
) -> dict | None:
    """The skill row this enrollment's result justifies, or None for none."""
    if assessment is not None and assessment.result == CompetencyAssessment.Result.COMPETENT:
        return {
            "source": Source.CERTIFIED,
            "acquired_on": assessment.assessed_on,
            "certificate_no": assessment.certificate_no,
            "certificate_expires_on": assessment.certificate_expires_on
            or certificate_expiry(assessment.assessed_on),
        }
    if result is not None and result.outcome == TrainingResult.Outcome.COMPLETED:
        return {
            "source": Source.TRAINED,
            "acquired_on": enrollment.cohort.end_date,
            "certificate_no": "",
            "certificate_expires_on": None,
        }
    return None


def certification_apply(*, enrollments: list[Enrollment]) -> dict[str, int]:
    """Bring the skill rows of these trainees in line with their results, in bulk.

    ``enrollments`` must carry ``cohort``, ``result`` and ``result.assessment`` already
    loaded (the results import has them); the programme's skills are read once per cohort,
    the existing skill rows in one query, and the changes written with bulk operations.
    """
    if not enrollments:
        return {"created": 0, "updated": 0, "deleted": 0}
    programme_skills: dict[int, list[str]] = {}
    for enrollment in enrollments:
        programme_id = enrollment.cohort.programme_id
        if programme_id not in programme_skills:
            programme_skills[programme_id] = list(
                enrollment.cohort.programme.skills.values_list("code", flat=True)
            )
    skill_codes = {code for codes in programme_skills.values() for code in codes}
    people = {e.job_seeker_id for e in enrollments}
    existing = {
        (row.job_seeker_id, row.skill_id): row
        for row in JobSeekerSkill.objects.filter(job_seeker_id__in=people, skill_id__in=skill_codes)
    }
    to_create: list[JobSeekerSkill] = []
    to_update: dict[int, JobSeekerSkill] = {}
    to_delete: list[int] = []
    for enrollment in enrollments:
        result = getattr(enrollment, "result", None)
        assessment = result.assessment if result is not None else None
        want = _desired(enrollment, result, assessment)
        for code in programme_skills[enrollment.cohort.programme_id]:
            row = existing.get((enrollment.job_seeker_id, code))
            if want is None:
                # Only what this enrollment itself granted is taken back.
                if row is not None and row.enrollment_id == enrollment.pk:
                    to_delete.append(row.pk)
                continue
            if row is None:
                row = JobSeekerSkill(
                    job_seeker_id=enrollment.job_seeker_id,
                    skill_id=code,
                    enrollment=enrollment,
                    **want,
                )
                existing[(enrollment.job_seeker_id, code)] = row
                to_create.append(row)
                continue
            if row.source > want["source"] and row.enrollment_id != enrollment.pk:
                continue  # never downgrade what another cohort certified
            if (
                row.source == Source.CERTIFIED
                and want["source"] == Source.CERTIFIED
                and row.enrollment_id != enrollment.pk
                and row.acquired_on
                and row.acquired_on > want["acquired_on"]
            ):
                continue  # a newer certificate from elsewhere stands
            if row.source == want["source"] == Source.TRAINED and row.enrollment_id not in (
                None,
                enrollment.pk,
            ):
                continue  # already trained by another cohort
            changed = False
            for field, value in want.items():
                if getattr(row, field) != value:
                    setattr(row, field, value)
                    changed = True
            if row.enrollment_id != enrollment.pk:
                row.enrollment_id = enrollment.pk
                changed = True
            if changed and row.pk is not None:
                to_update[row.pk] = row
    if to_create:
        JobSeekerSkill.objects.bulk_create(to_create, batch_size=2000)
    if to_update:
        JobSeekerSkill.objects.bulk_update(
            list(to_update.values()),
            ["source", "acquired_on", "certificate_no", "certificate_expires_on", "enrollment"],
            batch_size=2000,
        )
    if to_delete:
        JobSeekerSkill.objects.filter(pk__in=to_delete).delete()
    return {"created": len(to_create), "updated": len(to_update), "deleted": len(to_delete)}
