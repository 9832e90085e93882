"""Training: the programme catalogue, cohorts over the last 18 months and the next 3,
enrollments within quota and entry requirements, results, assessments and the skills
they give."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from trainees.models import (
    Cohort,
    CompetencyAssessment,
    Enrollment,
    JobSeekerSkill,
    Programme,
    TrainingResult,
)
from vokasi import reference
from vokasi.dates import add_months, age_on

from . import names as fictional
from .catalogue import PROGRAMMES
from .common import DAY, Demo, Holding, Person, make, weighted

Source = JobSeekerSkill.Source


def train(demo: Demo, cohorts: list[Cohort]) -> None:
    """Fill ``cohorts`` (those that have started or are open) with people of the chunk."""
    pools = vocation_pools(demo)
    for cohort in sorted(cohorts, key=lambda c: (c.start_date, c.name)):
        if cohort.status != Cohort.Status.PLANNED:
            enroll(demo, cohort, pools)


def build_programmes(demo: Demo) -> None:
    for provider, code, name, vocation, jp, edu, age_max, funding, skills in PROGRAMMES:
        skills = [s for s in skills if s in demo.skill_vocation]
        if vocation not in demo.skills_by_vocation or not skills:
            continue
        programme = Programme(
            provider=demo.providers[provider],
            vocation_id=vocation,
            code=code,
            name=name,
            jp_hours=jp,
            education_min_id=edu if edu in demo.education_levels else None,
            age_min=17 if age_max else None,
            age_max=age_max,
            funding=funding,
        )
        demo.programmes.append(programme)
        demo.programme_skills[id(programme)] = skills


def duration_days(programme: Programme) -> int:
    """40 JP a week, Monday to Friday: 160 JP is four weeks."""
    return math.ceil(programme.jp_hours / 40) * 7 - 3


def monday(day: datetime.date) -> datetime.date:
    return day - day.weekday() * DAY


def build_cohorts(demo: Demo) -> None:
    rng = demo.rng
    today = demo.today
    running, opening, planned = demo.n(3), demo.n(2.5), demo.n(1.5)
    finished = max(1, demo.n(30, minimum=6) - running - opening - planned)
    kinds = (
        [Cohort.Status.FINISHED] * finished
        + [Cohort.Status.RUNNING] * running
        + [Cohort.Status.OPEN] * opening
        + [Cohort.Status.PLANNED] * planned
    )
    for status in kinds:
        programme = rng.choice(demo.programmes)
        length = duration_days(programme)
        if status == Cohort.Status.FINISHED:
            start = monday(today - rng.randint(length + 7, 548) * DAY)
        elif status == Cohort.Status.RUNNING:
            start = monday(today - rng.randint(0, length - 7) * DAY)
            while start + length * DAY < today:
                start += 7 * DAY
        elif status == Cohort.Status.OPEN:
            start = monday(today + rng.randint(14, 40) * DAY)
        else:
            start = monday(today + rng.randint(50, 92) * DAY)
        provider = programme.provider
        demo.cohorts.append(
            Cohort(
                programme=programme,
                name="",
                start_date=start,
                end_date=start + length * DAY,
                place=(
                    f"Workshop {demo_vocation_name(programme.vocation_id)}, {provider.name}"
                    if provider.kind == "bbpvp"
                    else f"Ruang praktik {programme.vocation_id}, {provider.name}"
                ),
                quota=20 if rng.random() < 0.2 else 16,
                instructor=instructor_name(demo),
                status=status,
            )
        )
    # "Angkatan n Tahun yyyy", numbered per programme and year in start order.
    numbers: dict[tuple[str, int], int] = {}
    for cohort in sorted(demo.cohorts, key=lambda c: c.start_date):
        key = (cohort.programme.code, cohort.start_date.year)
        numbers[key] = numbers.get(key, 0) + 1
        cohort.name = f"Angkatan {numbers[key]} Tahun {cohort.start_date.year}"


def demo_vocation_name(code: str) -> str:
    return dict(reference.VOCATIONS).get(code, code)


def instructor_name(demo: Demo) -> str:
    rng = demo.rng
    given = fictional.MALE_GIVEN_NAMES if rng.random() < 0.8 else fictional.FEMALE_GIVEN_NAMES
    return f"{rng.choice(given)} {rng.choice(fictional.FAMILY_OR_SECOND_NAMES)}, S.T."


def vocation_pools(demo: Demo) -> dict[str, list[Person]]:
    pools: dict[str, list[Person]] = {}
    for person in demo.people:
        pools.setdefault(person.vocation, []).append(person)
    return pools


def eligible(demo: Demo, person: Person, cohort: Cohort, programme: Programme) -> bool:
    start, end = cohort.start_date, cohort.end_date
    if not (person.reg <= start - 3 * DAY and end < person.end_limit):
        return False
    age = age_on(person.birth, start)
    if age < (programme.age_min or 16) or (programme.age_max and age > programme.age_max):
        return False
    minimum = demo.education_levels.get(programme.education_min_id or "", 0)
    return person.level >= minimum and not person.overlaps(start, end)


def enroll(demo: Demo, cohort: Cohort, pools: dict[str, list[Person]]) -> None:
    rng = demo.rng
    programme = cohort.programme
    if cohort.status == Cohort.Status.OPEN:
        target = rng.randint(cohort.quota // 4, cohort.quota - 4)
    else:
        target = rng.randint(cohort.quota - 2, cohort.quota)
    same_vocation = pools.get(programme.vocation_id, [])
    chosen: list[Person] = []
    taken: set[int] = set()
    for _attempt in range(target * 40):
        if len(chosen) >= target:
            break
        pool = same_vocation if same_vocation and rng.random() < 0.75 else demo.people
        person = rng.choice(pool)
        if person.index not in taken and eligible(demo, person, cohort, programme):
            taken.add(person.index)
            chosen.append(person)
    for person in chosen:
        person.busy.append((cohort.start_date, cohort.end_date))
        enrolled_on = max(person.reg, cohort.start_date - rng.randint(3, 21) * DAY)
        enrollment = make(
            Enrollment,
            cohort=cohort,
            job_seeker=person.obj,
            enrolled_on=min(enrolled_on, demo.today),
            enrolled_by=trainer_or_officer(demo, programme),
        )
        demo.enrollments.append(enrollment)
        if cohort.status == Cohort.Status.FINISHED:
            finish(demo, person, enrollment)
        elif cohort.status == Cohort.Status.RUNNING and rng.random() < 0.05:
            enrollment.status = Enrollment.Status.DROPPED


def trainer_or_officer(demo: Demo, programme: Programme):
    if programme.provider.code == "BBPVP-SRG":
        return demo.users["trainer"]
    return demo.officer_of["3672"]


def finish(demo: Demo, person: Person, enrollment: Enrollment) -> None:
    """The result of a finished cohort, its assessment and the skills it gives."""
    rng = demo.rng
    cohort = enrollment.cohort
    outcome = weighted(
        rng,
        (
            (Enrollment.Status.COMPLETED, 85),
            (Enrollment.Status.FAILED, 5),
            (Enrollment.Status.DROPPED, 10),
        ),
    )
    enrollment.status = outcome
    if outcome == Enrollment.Status.COMPLETED:
        attendance, score = rng.uniform(82, 100), rng.uniform(70, 98)
    elif outcome == Enrollment.Status.FAILED:
        attendance, score = rng.uniform(65, 95), rng.uniform(50, 69)
    else:
        attendance, score = rng.uniform(60, 75), rng.uniform(50, 65)
    demo.results.append(
        make(
            TrainingResult,
            enrollment=enrollment,
            attendance_pct=Decimal(f"{attendance:.2f}"),
            score=Decimal(f"{score:.2f}"),
            outcome=outcome,
            updated_by=trainer_or_officer(demo, cohort.programme),
        )
    )
    if outcome != Enrollment.Status.COMPLETED:
        return
    person.completed_training = True
    skills = demo.programme_skills[id(cohort.programme)]
    assessed_on = cohort.end_date + rng.randint(2, 14) * DAY
    if rng.random() < 0.9 and assessed_on < demo.today:
        if rng.random() < 0.8:
            certify(demo, person, enrollment, assessed_on, skills)
            return
        demo.assessments.append(
            make(
                CompetencyAssessment,
                enrollment=enrollment,
                result=CompetencyAssessment.Result.NOT_YET,
                assessed_on=assessed_on,
                needs_retest=True,
            )
        )
    for code in skills:
        held = person.skills.get(code)
        if held is None or held.source < Source.TRAINED:
            person.skills[code] = Holding(
                Source.TRAINED, cohort.end_date, acquired_on=cohort.end_date, enrollment=enrollment
            ).after(held)


def certify(demo: Demo, person: Person, enrollment: Enrollment, assessed_on, skills) -> None:
    lsp = "LSP-SRG" if enrollment.cohort.programme.provider.code == "BBPVP-SRG" else "LSP-CLG"
    serial = demo.counters.get("certificate", 1200) + demo.rng.randint(1, 9)
    demo.counters["certificate"] = serial
    number = f"{lsp}/{assessed_on.year}/{serial:07d}"
    expires = add_months(assessed_on, 36)
    demo.assessments.append(
        make(
            CompetencyAssessment,
            enrollment=enrollment,
            result=CompetencyAssessment.Result.COMPETENT,
            assessed_on=assessed_on,
            certificate_no=number,
            certificate_expires_on=expires,
        )
    )
    for code in skills:
        person.skills[code] = Holding(
            Source.CERTIFIED,
            assessed_on,
            acquired_on=assessed_on,
            certificate_no=number,
            certificate_expires_on=expires,
            enrollment=enrollment,
            dates={Source.TRAINED: enrollment.cohort.end_date},  # certified after completing
        ).after(person.skills.get(code))
