"""Close the stories (registration status, reports back, vacancy status) and save
everything with ``bulk_create`` in foreign-key order."""

from __future__ import annotations

from django.db import connection

from placements.models import (
    Apprenticeship,
    FollowUp,
    Placement,
    Referral,
    ReferralDecision,
    Vacancy,
    VacancySkill,
)
from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    Programme,
    ReportBack,
    TrainingResult,
)
from vokasi.models import Company, LabourOffice, TrainingProvider, User

from .common import DAY, Demo, add_months

BATCH = 2000


def close_registrations(demo: Demo) -> None:
    """Placed, removed, expired or still active, then the 6-monthly reports back until then."""
    rng = demo.rng
    status, reason = JobSeeker.Status, JobSeeker.EndReason
    for person in demo.people:
        obj = person.obj
        if person.placement:
            obj.status, obj.ended_on, obj.end_reason = (
                status.PLACED,
                person.placement.start_date,
                reason.PLACED,
            )
        elif person.removal:
            obj.status, obj.ended_on, obj.end_reason = (
                status.REMOVED,
                person.removal,
                person.removal_reason,
            )
        elif person.expires <= demo.today:
            obj.status, obj.ended_on, obj.end_reason = (
                status.EXPIRED,
                person.expires,
                reason.EXPIRED,
            )
        cutoff = min(demo.today, obj.ended_on - DAY) if obj.ended_on else demo.today
        last = None
        due = add_months(person.reg, 6)
        while due <= cutoff and rng.random() < 0.7:
            day = min(cutoff, demo.weekday(due + rng.randint(-14, 21) * DAY))
            if day <= (last or person.reg):
                break
            demo.reports.append(
                ReportBack(
                    job_seeker=obj,
                    reported_on=day,
                    recorded_by=demo.officer_for(person),
                    note="Lapor 6 bulanan; masih mencari kerja.",
                )
            )
            last = day
            due = add_months(day, 6)
        obj.last_reported_on = last
        if obj.status == status.ACTIVE:
            obj.next_report_due = add_months(last or person.reg, 6)


def close_vacancies(demo: Demo) -> None:
    rng = demo.rng
    for plan in demo.vacancies:
        vacancy = plan.obj
        vacancy.filled = plan.filled
        if plan.filled >= vacancy.openings:
            vacancy.status = Vacancy.Status.FILLED
            vacancy.close_reason = Vacancy.CloseReason.FILLED
            vacancy.closed_on = plan.filled_on
        elif vacancy.closes_on >= demo.today:
            vacancy.status = Vacancy.Status.OPEN
        else:
            vacancy.status = Vacancy.Status.CLOSED
            if rng.random() < 0.2 and plan.filled == 0:
                vacancy.close_reason = Vacancy.CloseReason.CANCELLED
                earliest = max(vacancy.opens_on, plan.last_activity or vacancy.opens_on)
                span = max(0, (vacancy.closes_on - earliest).days)
                vacancy.closed_on = earliest + rng.randint(0, span) * DAY
            else:
                vacancy.close_reason = Vacancy.CloseReason.EXPIRED
                vacancy.closed_on = vacancy.closes_on


def skill_rows(demo: Demo) -> list[JobSeekerSkill]:
    return [
        JobSeekerSkill(
            job_seeker=person.obj,
            skill_id=code,
            source=held.source,
            acquired_on=held.acquired_on,
            certificate_no=held.certificate_no,
            certificate_expires_on=held.certificate_expires_on,
            enrollment=held.enrollment,
        )
        for person in demo.people
        for code, held in person.skills.items()
    ]


def write(demo: Demo) -> None:
    def save(model, objs) -> None:
        model.objects.bulk_create(objs, batch_size=BATCH)

    if connection.vendor == "sqlite":
        # A bigger page cache for this one big transaction (256 MB; the default is 2 MB).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")

    save(LabourOffice, list(demo.offices.values()))
    save(TrainingProvider, list(demo.providers.values()))
    save(Company, demo.companies)
    save(User, list(demo.users.values()))
    save(JobSeeker, [p.obj for p in demo.people])
    save(Programme, demo.programmes)
    through = Programme.skills.through
    save(
        through,
        [
            through(programme=programme, skill_id=code)
            for programme in demo.programmes
            for code in demo.programme_skills[id(programme)]
        ],
    )
    save(Cohort, demo.cohorts)
    save(Enrollment, demo.enrollments)
    save(TrainingResult, demo.results)
    save(CompetencyAssessment, demo.assessments)
    save(JobSeekerSkill, skill_rows(demo))
    save(ReportBack, demo.reports)
    save(Vacancy, [plan.obj for plan in demo.vacancies])
    save(VacancySkill, demo.vacancy_skills)
    save(Referral, demo.referrals)
    save(ReferralDecision, demo.decisions)
    save(Apprenticeship, demo.apprenticeships)
    save(Placement, demo.placements)
    save(FollowUp, demo.follow_ups)
