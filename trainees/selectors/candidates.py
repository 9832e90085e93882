"""Candidates for a cohort: whom a user may enroll, and how well each person fits the
programme (skills, occupation sought, education, kecamatan), with the reasons shown.

Visibility always starts from ``Model.objects.visible_to(user)``.
"""

from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from trainees.models import (
    Cohort,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    Programme,
)
from trainees.selectors.job_seekers import job_seeker_search
from trainees.selectors.training import occupations_asking_for
from trainees.services.training import BUSY
from vokasi.dates import birth_range
from vokasi.models import Role, Skill, User
from vokasi.roles import OFFICE, has_role, role_of


def enrollable_job_seekers(user: User) -> QuerySet[JobSeeker]:
    """Whom this user may put into a cohort.

    Officers choose among their own office's active registrations. A provider recruits
    from every labour office's active registrations (that is what registration is for),
    but sees them only through the candidate list's few fields until they enroll.
    """
    active = JobSeeker.objects.filter(status=JobSeeker.Status.ACTIVE, anonymised_at__isnull=True)
    role = role_of(user)
    if role == Role.OFFICER:
        return JobSeeker.objects.visible_to(user).filter(
            status=JobSeeker.Status.ACTIVE, anonymised_at__isnull=True
        )
    if role in (Role.TRAINER, Role.ADMIN):
        return active
    return JobSeeker.objects.none()


#: Points of each fit factor (sum 100); the candidate list explains them per person.
FIT_POINTS = {"skills": 45, "occupation": 25, "education": 15, "kecamatan": 15}


def programme_skill_codes(programme: Programme) -> list[str]:
    return sorted(programme.skills.values_list("code", flat=True))


def programme_occupations(programme: Programme, skills: list[str]) -> list[str]:
    """KBJI occupations whose vacancies ask for what the programme teaches.

    Vacancies live in the placements app, which adds them through
    ``occupations_asking_for``; a person seeking one of these works towards what the units
    lead to.
    """
    if not skills:
        return []
    return sorted({code for provider in occupations_asking_for for code in provider(skills)})


def _count(rows: QuerySet) -> Coalesce:
    counted = rows.order_by().values("job_seeker").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def cohort_candidates(cohort: Cohort, user: User, search: str = "") -> QuerySet[JobSeeker]:
    """Eligible job seekers for a cohort, best fit for the programme first, each scored.

    Hard requirements (active, education, age at the start, not already in this or an
    overlapping cohort) filter; ``search`` (name, NIK or AK/I number, as on the job-seeker
    list) narrows. The fit factors (``FIT_POINTS``) score how well the person fits what
    the programme teaches: related skills held (the programme's own units, or else skills
    of its vocation; none for someone already certified in every unit), an occupation
    sought that the units lead to (``programme_occupations``), education meeting the
    entry requirement, and living near the provider (its kecamatan, or at least its
    city). ``explain_candidates`` turns the scores into sentences for one page.
    """
    programme = cohort.programme
    skills = programme_skill_codes(programme)
    occupations = programme_occupations(programme, skills)
    people = _eligible_people(cohort, user, search)
    points = FIT_POINTS
    provider_region = programme.provider.region_id
    return (
        people.annotate(
            fit_skills=Case(
                *_skill_fit(programme, skills), default=Value(0), output_field=IntegerField()
            ),
            fit_occupation=Case(
                When(occupation_id__in=occupations, then=Value(points["occupation"])),
                default=Value(0),
                output_field=IntegerField(),
            )
            if occupations
            else Value(0, output_field=IntegerField()),
            # Everyone listed meets the entry requirement (a hard filter).
            fit_education=Value(points["education"], output_field=IntegerField()),
            fit_kecamatan=Case(
                When(region_id=provider_region, then=Value(points["kecamatan"])),
                When(
                    region__code__startswith=provider_region[:5],
                    then=Value(points["kecamatan"] // 2),
                ),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .annotate(fit=_sum("fit_skills", "fit_occupation", "fit_education", "fit_kecamatan"))
        .order_by("-fit", "registered_on", "pk")
    )


def _eligible_people(cohort: Cohort, user: User, search: str) -> QuerySet[JobSeeker]:
    """The people ``user`` may enrol who meet the cohort's hard requirements (education,
    age at the start) and are in neither this cohort nor an overlapping one, narrowed by
    ``search``."""
    programme = cohort.programme
    people = enrollable_job_seekers(user).select_related("education", "region", "occupation")
    if search:
        # Providers see candidates' NIKs masked: they find one by the whole NIK only.
        sees_nik = has_role(user, OFFICE)
        people = job_seeker_search(people, search, nik_fragments=sees_nik)
    if programme.education_min_id:
        people = people.filter(education__level__gte=programme.education_min.level)
    earliest, latest = birth_range(cohort.start_date, programme.age_min, programme.age_max)
    if earliest:
        people = people.filter(birth_date__gte=earliest)
    if latest:
        people = people.filter(birth_date__lte=latest)
    in_this = Enrollment.objects.filter(cohort=cohort, job_seeker=OuterRef("pk")).exclude(
        status=Enrollment.Status.WITHDRAWN
    )
    overlapping = Enrollment.objects.filter(
        job_seeker=OuterRef("pk"),
        status__in=BUSY,
        cohort__start_date__lte=cohort.end_date,
        cohort__end_date__gte=cohort.start_date,
    )
    return people.exclude(Exists(in_this)).exclude(Exists(overlapping))


def _skill_fit(programme: Programme, skills: list[str]) -> list[When]:
    """The cases of the skills factor: nothing for someone certified in every unit, full
    points for half the units or more, two thirds for fewer, a third for related skills
    of the programme's vocation."""
    points = FIT_POINTS
    # Who holds what is read once per factor from the skill index (one hashed set of
    # holders each), not once per candidate: the page ranks every eligible person.
    holders = JobSeekerSkill.objects.order_by().values("job_seeker_id")
    own = holders.filter(skill_id__in=skills)
    # Skills of the same vocation as codes, so the skill index answers without a join.
    vocation_skills = sorted(
        set(Skill.objects.filter(vocation_id=programme.vocation_id).values_list("code", flat=True))
        - set(skills)
    )
    skill_fit = []
    if skills:
        # Certified in every unit already: the programme has nothing left to teach.
        certified = (
            own.filter(source=JobSeekerSkill.Source.CERTIFIED)
            .annotate(n=Count("skill_id"))
            .filter(n__gte=len(skills))
        )
        at_least_half = own.annotate(n=Count("skill_id")).filter(n__gte=(len(skills) + 1) // 2)
        skill_fit += [
            When(pk__in=certified.values("job_seeker_id"), then=Value(0)),
            When(pk__in=at_least_half.values("job_seeker_id"), then=Value(points["skills"])),
            When(pk__in=own, then=Value(points["skills"] * 2 // 3)),
        ]
    related = holders.filter(skill_id__in=vocation_skills)
    skill_fit.append(When(pk__in=related, then=Value(points["skills"] // 3)))
    return skill_fit


def explain_candidates(cohort: Cohort, people: list[JobSeeker]) -> None:
    """Give each person of one page of ``cohort_candidates`` its ``reasons``.

    ``reasons`` is a list of (sentence, points), one per fit factor, naming the skills
    held; one query for the page's skill rows.
    """
    programme = cohort.programme
    skills = programme_skill_codes(programme)
    occupations = set(programme_occupations(programme, skills)) if people else set()
    own, related, certified = _skills_held(programme, skills, people)
    provider = programme.provider
    minimum = programme.education_min
    for person in people:
        person.reasons = [
            _skill_reason(person, programme, skills, own, related, certified),
            _occupation_reason(person, occupations),
            _education_reason(person, minimum),
            _kecamatan_reason(person, provider),
        ]


def _skills_held(
    programme: Programme, skills: list[str], people: list[JobSeeker]
) -> tuple[dict[int, list[str]], dict[int, list[str]], dict[int, int]]:
    """For one page of people: the names of the programme's units each holds, of the
    related skills of its vocation each holds, and how many units each is certified in."""
    rows = (
        JobSeekerSkill.objects.filter(job_seeker__in=[p.pk for p in people])
        .filter(Q(skill_id__in=skills) | Q(skill__vocation_id=programme.vocation_id))
        .select_related("skill")
        .order_by("-source", "skill__name")
    )
    related: dict[int, list[str]] = {}
    own: dict[int, list[str]] = {}
    certified: dict[int, int] = {}
    for row in rows if people else []:
        if row.skill_id in skills:
            own.setdefault(row.job_seeker_id, []).append(row.skill.name)
            if row.source == JobSeekerSkill.Source.CERTIFIED:
                certified[row.job_seeker_id] = certified.get(row.job_seeker_id, 0) + 1
        else:
            related.setdefault(row.job_seeker_id, []).append(row.skill.name)
    return own, related, certified


def _skill_reason(person, programme, skills, own, related, certified) -> tuple[str, int]:
    held = own.get(person.pk, [])
    if skills and certified.get(person.pk, 0) >= len(skills):
        return (_("already certified in every unit of the programme"), 0)
    if held:
        return (
            _("holds %(held)d of the programme's %(total)d units: %(names)s")
            % {"held": len(held), "total": len(skills), "names": ", ".join(held)},
            person.fit_skills,
        )
    if person.pk in related:
        return (
            _("holds related %(vocation)s skills: %(names)s")
            % {
                "vocation": programme.vocation.name,
                "names": ", ".join(related[person.pk]),
            },
            person.fit_skills,
        )
    return (_("no related skills yet"), 0)


def _occupation_reason(person, occupations: set[str]) -> tuple[str, int]:
    if person.occupation_id is None:
        return (_("no occupation sought recorded"), 0)
    if person.occupation_id in occupations:
        return (
            _("seeks work as %(occupation)s, which these units lead to")
            % {"occupation": person.occupation.name},
            person.fit_occupation,
        )
    return (_("seeks work as %(occupation)s") % {"occupation": person.occupation.name}, 0)


def _education_reason(person, minimum) -> tuple[str, int]:
    if minimum is not None:
        education = _("%(has)s meets the requirement (%(needs)s or equivalent)") % {
            "has": person.education.name,
            "needs": minimum.name,
        }
    else:
        education = _("%(has)s, no education required") % {"has": person.education.name}
    return (education, person.fit_education)


def _kecamatan_reason(person, provider) -> tuple[str, int]:
    if person.region_id == provider.region_id:
        where = _("lives in %(kecamatan)s, the provider's kecamatan")
    elif person.fit_kecamatan:
        where = _("lives in %(kecamatan)s, in the provider's city")
    else:
        where = _("lives in %(kecamatan)s, outside the provider's city")
    return (where % {"kecamatan": person.region.name}, person.fit_kecamatan)


def _sum(*names: str):
    total = F(names[0])
    for name in names[1:]:
        total = total + F(name)
    return total
