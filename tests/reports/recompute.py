"""The report definitions again, record by record in plain Python, for the tests to compare
the reports with: nothing here shares code with ``reports/``."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.utils import timezone

from placements.models import Placement, Vacancy
from trainees.models import Enrollment, JobSeeker


def is_open(vacancy: Vacancy, start: datetime.date, end: datetime.date) -> bool:
    """Open from opens_on to the earlier of closes_on and closed_on."""
    last = vacancy.closes_on
    if vacancy.closed_on is not None:
        if vacancy.closed_on < vacancy.opens_on:
            return False
        last = min(last, vacancy.closed_on)
    return vacancy.opens_on <= end and last >= start


def source_on(row, day: datetime.date) -> int | None:
    for source, since in ((3, row.certified_from), (2, row.trained_from), (1, row.declared_from)):
        if since is not None and since <= day:
            return source
    return None


def is_active(person: JobSeeker, day: datetime.date) -> bool:
    return person.registered_on <= day and (person.ended_on is None or person.ended_on > day)


def in_training(enrollment: Enrollment, day: datetime.date) -> bool:
    cohort = enrollment.cohort
    if not (enrollment.enrolled_on <= day and cohort.start_date <= day < cohort.end_date):
        return False
    if enrollment.withdrawn_on is not None:
        return enrollment.withdrawn_on > day
    return enrollment.status != "withdrawn"


def as_of(end: datetime.date) -> datetime.date:
    return min(end, timezone.localdate())


def link_and_match_by_skill(start, end, office=None) -> dict:
    """{skill: {column: n}} for the link-and-match report by skill."""
    expected = defaultdict(lambda: defaultdict(int))
    for vacancy in Vacancy.objects.prefetch_related("skill_rows"):
        if office and not vacancy.region_id.startswith(office.region_id + "."):
            continue
        if is_open(vacancy, start, end):
            for row in vacancy.skill_rows.all():
                if row.required:
                    expected[row.skill_id]["demand"] += vacancy.openings
    names = {3: "supply_certified", 2: "supply_trained", 1: "supply_declared"}
    people = JobSeeker.objects.prefetch_related("skill_rows")
    if office:
        people = people.filter(office=office)
    for person in people:
        if not is_active(person, end):
            continue
        for row in person.skill_rows.all():
            source = source_on(row, end)
            if source:
                expected[row.skill_id][names[source]] += 1
                expected[row.skill_id]["supply"] += 1
    for code, people_in in pipeline_by_skill(end, office).items():
        expected[code]["pipeline"] = len(people_in)
    placements = Placement.objects.filter(vacancy__isnull=False).select_related("job_seeker")
    for placement in placements.prefetch_related("vacancy__skill_rows"):
        if not start <= placement.start_date <= end:
            continue
        if office and placement.job_seeker.office_id != office.pk:
            continue
        for row in placement.vacancy.skill_rows.all():
            if row.required:
                expected[row.skill_id]["placed"] += 1
    return expected


def pipeline_by_skill(end, office=None) -> dict[str, set]:
    day = as_of(end)
    pipeline = defaultdict(set)
    enrollments = Enrollment.objects.select_related("cohort", "job_seeker")
    for enrollment in enrollments.prefetch_related("cohort__programme__skills"):
        if office and enrollment.job_seeker.office_id != office.pk:
            continue
        if in_training(enrollment, day):
            for skill in enrollment.cohort.programme.skills.all():
                pipeline[skill.code].add(enrollment.job_seeker_id)
    return pipeline
