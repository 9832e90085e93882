"""Close the stories (registration status, reports back, vacancy status) and write them:
the organisations with ``bulk_create``, everything big through ``RowWriter``."""

from __future__ import annotations

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
from vokasi.dates import add_months
from vokasi.models import Company, LabourOffice, TrainingProvider, User

from .common import DAY, Demo, make
from .writer import RowWriter

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
                make(
                    ReportBack,
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


def skill_rows(demo: Demo):
    Source = JobSeekerSkill.Source
    for person in demo.people:
        obj = person.obj
        for code, held in person.skills.items():
            yield make(
                JobSeekerSkill,
                job_seeker=obj,
                skill_id=code,
                source=held.source,
                acquired_on=held.acquired_on,
                certificate_no=held.certificate_no,
                certificate_expires_on=held.certificate_expires_on,
                enrollment=held.enrollment,
                declared=held.source > Source.DECLARED and Source.DECLARED in held.dates,
                declared_from=held.dates.get(Source.DECLARED),
                trained_from=held.dates.get(Source.TRAINED),
                certified_from=held.dates.get(Source.CERTIFIED),
            )


def write_organisations(demo: Demo) -> None:
    """Offices, providers, companies and users (thousands at most): ``bulk_create``."""
    save(LabourOffice, list(demo.offices.values()))
    save(TrainingProvider, list(demo.providers.values()))
    save(Company, demo.companies)
    save(User, list(demo.users.values()))


def write_training_offer(demo: Demo) -> None:
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


def save(model, objs) -> None:
    model.objects.bulk_create(objs, batch_size=BATCH)


def number_vacancies(demo: Demo, writer: RowWriter) -> None:
    """Vacancies get their keys now (referrals point at them) but are written last, once
    the chunks have decided how many places each filled; their skills are written now."""
    writer.number(Vacancy, (plan.obj for plan in demo.vacancies))
    writer.number(VacancySkill, demo.vacancy_skills)
    writer.write(VacancySkill, demo.vacancy_skills)
    demo.vacancy_skills = []


def write_vacancies(demo: Demo, writer: RowWriter) -> None:
    writer.write(Vacancy, (plan.obj for plan in demo.vacancies))


def write_chunk(demo: Demo, writer: RowWriter) -> None:
    """Number and write the chunk's people and their story (rows may refer to each other
    in any order: the keys are given out first, and foreign keys are checked at commit)."""
    skills = list(skill_rows(demo))
    tables = (
        (JobSeeker, [person.obj for person in demo.people]),
        (ReportBack, demo.reports),
        (Enrollment, demo.enrollments),
        (TrainingResult, demo.results),
        (CompetencyAssessment, demo.assessments),
        (JobSeekerSkill, skills),
        (Referral, demo.referrals),
        (ReferralDecision, demo.decisions),
        (Apprenticeship, demo.apprenticeships),
        (Placement, demo.placements),
        (FollowUp, demo.follow_ups),
    )
    for model, objs in tables:
        writer.number(model, objs)
    for model, objs in tables:
        writer.write(model, objs)
