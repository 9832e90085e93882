"""Small factories for tests: valid, related objects with one call, overridable by keyword."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from trainees.models import (
    Cohort,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    Programme,
    format_registration_number,
)
from trainees.nik import build_nik
from vokasi.models import (
    Company,
    EducationLevel,
    LabourOffice,
    Occupation,
    Region,
    Role,
    Sector,
    Skill,
    TrainingProvider,
    User,
    Vocation,
)

_serial = itertools.count(1)
PASSWORD = "vokasi-test-password"


def next_serial() -> int:
    return next(_serial)


def labour_office(code: str = "3672", region: str = "36.72", **kw) -> LabourOffice:
    defaults = {"name": f"Disnaker {code}", "region_id": region}
    defaults.update(kw)
    return LabourOffice.objects.create(code=code, **defaults)


def training_provider(code: str | None = None, **kw) -> TrainingProvider:
    n = next_serial()
    defaults = {
        "code": code or f"TP-{n}",
        "name": f"Balai Pelatihan {n}",
        "kind": TrainingProvider.Kind.BBPVP,
        "region_id": "36.73.01",
    }
    defaults.update(kw)
    return TrainingProvider.objects.create(**defaults)


def company(**kw) -> Company:
    n = next_serial()
    defaults = {
        "name": f"PT Contoh Industri {n}",
        "nib": f"{9120000000000 + n}",
        "status": Company.Status.VERIFIED,
        "sector": Sector.objects.get(code="C"),
        "workforce": 500,
        "region_id": "36.72.04",
        "apindo_member_no": f"APINDO-T-{n:05d}",
    }
    defaults.update(kw)
    return Company.objects.create(**defaults)


def user(role: str, username: str | None = None, **kw) -> User:
    username = username or f"{role}{next_serial()}"
    return User.objects.create_user(username=username, password=PASSWORD, role=role, **kw)


def officer(office: LabourOffice, **kw) -> User:
    return user(Role.OFFICER, office=office, **kw)


def trainer(provider: TrainingProvider, **kw) -> User:
    return user(Role.TRAINER, provider=provider, **kw)


def employer(company_: Company, **kw) -> User:
    return user(Role.EMPLOYER, company=company_, **kw)


def admin(**kw) -> User:
    return User.objects.create_superuser(
        username=kw.pop("username", f"admin{next_serial()}"), password=PASSWORD, **kw
    )


def job_seeker(office: LabourOffice, **kw) -> JobSeeker:
    """An active registered job seeker with a NIK that agrees with birth date and sex."""
    n = next_serial()
    sex = kw.pop("sex", "L")
    birth_date = kw.pop("birth_date", datetime.date(1998, 3, 14))
    region = kw.pop("region_id", "36.72.04")
    registered_on = kw.pop("registered_on", timezone.localdate() - datetime.timedelta(days=30))
    defaults = {
        "nik": build_nik(region, birth_date, sex, n % 10000),
        "registration_number": format_registration_number(office.code, registered_on.year, n),
        "name": f"Orang Contoh {n}",
        "birth_place": "Cilegon",
        "address": f"Jl. Contoh No. {n}",
        "education": EducationLevel.objects.get(code="smk"),
        "registered_on": registered_on,
        "expires_on": registered_on.replace(year=registered_on.year + 2),
        "next_report_due": registered_on + datetime.timedelta(days=182),
    }
    defaults.update(kw)
    return JobSeeker.objects.create(
        office=office, sex=sex, birth_date=birth_date, region_id=region, **defaults
    )


def give_skill(
    person: JobSeeker,
    code: str,
    source: int = JobSeekerSkill.Source.DECLARED,
    since: datetime.date | None = None,
):
    """The skill held at ``source`` from ``since`` (default: the registration day)."""
    since = since or person.registered_on
    return JobSeekerSkill.objects.create(
        job_seeker=person,
        skill=Skill.objects.get(code=code),
        source=source,
        certificate_no="LSP-TEST/0001" if source == JobSeekerSkill.Source.CERTIFIED else "",
        declared_from=since if source == JobSeekerSkill.Source.DECLARED else None,
        trained_from=since if source == JobSeekerSkill.Source.TRAINED else None,
        certified_from=since if source == JobSeekerSkill.Source.CERTIFIED else None,
    )


def programme(provider: TrainingProvider, vocation: str = "LAS", **kw) -> Programme:
    n = next_serial()
    skills = kw.pop("skills", None)
    defaults = {"code": f"PRG-{n}", "name": f"Program {n}", "jp_hours": 240, "funding": "apbn"}
    defaults.update(kw)
    prog = Programme.objects.create(
        provider=provider, vocation=Vocation.objects.get(code=vocation), **defaults
    )
    prog.skills.set(skills or Skill.objects.filter(vocation_id=vocation)[:3])
    return prog


def cohort(prog: Programme, **kw) -> Cohort:
    n = next_serial()
    start = kw.pop("start_date", timezone.localdate() + datetime.timedelta(days=14))
    defaults = {
        "name": f"Angkatan {n}",
        "end_date": start + datetime.timedelta(days=45),
        "place": "Workshop Las",
        "quota": 16,
        "status": Cohort.Status.OPEN,
    }
    defaults.update(kw)
    return Cohort.objects.create(programme=prog, start_date=start, **defaults)


def enrollment(cohort_: Cohort, person: JobSeeker, **kw) -> Enrollment:
    kw.setdefault("enrolled_on", timezone.localdate())
    return Enrollment.objects.create(cohort=cohort_, job_seeker=person, **kw)


def occupation(code: str = "7212") -> Occupation:
    return Occupation.objects.get(code=code)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def vacancy(company_: Company, **kw):
    from placements.models import Vacancy, VacancySkill

    required = kw.pop("required_skills", ["LAS-SMAW"])
    preferred = kw.pop("preferred_skills", [])
    today = timezone.localdate()
    defaults = {
        "title": "Welder SMAW",
        "occupation_id": "7212",
        "openings": 3,
        "education_min_id": "smk",
        "region_id": "36.72.04",
        "wage_min": 5_100_000,
        "wage_max": 6_000_000,
        "employment_type": "pkwt",
        "opens_on": today - datetime.timedelta(days=3),
        "closes_on": today + datetime.timedelta(days=30),
    }
    defaults.update(kw)
    vac = Vacancy.objects.create(company=company_, **defaults)
    VacancySkill.objects.bulk_create(
        [VacancySkill(vacancy=vac, skill_id=code, required=True) for code in required]
        + [VacancySkill(vacancy=vac, skill_id=code, required=False) for code in preferred]
    )
    return vac


def job_seeker_payload(**kw) -> dict:
    """What an officer types to register a person (API field names), NIK agreeing."""
    n = next_serial()
    sex = kw.pop("sex", "P")
    birth_date = kw.pop("birth_date", datetime.date(1999, 8, 21))
    region = kw.pop("region", "36.72.04")
    data = {
        "nik": build_nik(region, birth_date, sex, n % 10000),
        # Letters, not digits: names are compared normalised (letters only).
        "name": "Siti " + "".join(chr(ord("A") + int(d)) for d in str(n)).title(),
        "birth_place": "Cilegon",
        "birth_date": birth_date.isoformat(),
        "sex": sex,
        "marital_status": "belum_kawin",
        "address": f"Jl. Raya Anyer No. {n}",
        "region": region,
        "phone": "081234567890",
        "email": "",
        "education": "smk",
        "major": "Teknik Pengelasan",
        "skills": ["LAS-SMAW"],
        "consent_share_contact": True,
    }
    data.update(kw)
    return data


def referral(vacancy_, person: JobSeeker, **kw):
    from placements.models import Referral

    kw.setdefault("referred_at", timezone.now() - datetime.timedelta(days=2))
    return Referral.objects.create(vacancy=vacancy_, job_seeker=person, **kw)


def placement(vacancy_, person: JobSeeker, **kw):
    from placements.models import Placement

    defaults = {
        "company": vacancy_.company,
        "start_date": timezone.localdate() - datetime.timedelta(days=60),
        "contract_type": "pkwt",
        "wage": 5_200_000,
        "source": Placement.Source.REFERRAL,
    }
    defaults.update(kw)
    return Placement.objects.create(job_seeker=person, vacancy=vacancy_, **defaults)


def apprenticeship(vacancy_, person: JobSeeker, **kw):
    from placements.models import Apprenticeship

    start = timezone.localdate() - datetime.timedelta(days=90)
    defaults = {
        "company": vacancy_.company,
        "start_date": start,
        "duration_months": 6,
        "allowance": 2_500_000,
        "status": Apprenticeship.Status.APPROVED,
        "approved_on": start - datetime.timedelta(days=7),
    }
    defaults.update(kw)
    return Apprenticeship.objects.create(job_seeker=person, vacancy=vacancy_, **defaults)


def end_registration(person: JobSeeker, ended_on: datetime.date, reason: str = "placed"):
    """End a registration as the services would: status follows the reason."""
    status = {"placed": "placed", "expired": "expired"}.get(reason, "removed")
    JobSeeker.objects.filter(pk=person.pk).update(
        status=status, ended_on=ended_on, end_reason=reason
    )
    person.refresh_from_db()
    return person


def placement_at(person: JobSeeker, company_: Company, **kw):
    from placements.models import Placement

    defaults = {
        "start_date": timezone.localdate(),
        "contract_type": "pkwt",
        "wage": 5_100_000,
        "channel": "akl",
        "source": "referral" if kw.get("vacancy") else "self",
    }
    defaults.update(kw)
    return Placement.objects.create(job_seeker=person, company=company_, **defaults)


def apprenticeship_at(person: JobSeeker, company_: Company, **kw):
    from placements.models import Apprenticeship

    start = kw.pop("start_date", timezone.localdate())
    defaults = {
        "duration_months": 6,
        "allowance": 2_500_000,
        "status": "running",
        "approved_on": start,
    }
    defaults.update(kw)
    return Apprenticeship.objects.create(
        job_seeker=person, company=company_, start_date=start, **defaults
    )


def follow_up(placement_, checked_on: datetime.date, employed: bool = True, **kw):
    from placements.models import FollowUp

    return FollowUp.objects.create(
        placement=placement_, checked_on=checked_on, employed=employed, **kw
    )


def training_result(enrollment_: Enrollment, outcome: str = "completed", **kw):
    from trainees.models import TrainingResult

    defaults = {"attendance_pct": 95, "score": 80}
    defaults.update(kw)
    return TrainingResult.objects.create(enrollment=enrollment_, outcome=outcome, **defaults)


def assessment(enrollment_: Enrollment, result: str = "K", **kw):
    from trainees.models import CompetencyAssessment

    defaults = {
        "assessed_on": enrollment_.cohort.end_date,
        "certificate_no": f"LSP-TEST/{next_serial():05d}" if result == "K" else "",
    }
    defaults.update(kw)
    return CompetencyAssessment.objects.create(enrollment=enrollment_, result=result, **defaults)


def agreement(
    office: LabourOffice,
    *,
    providers=(),
    companies=(),
    others=(),
    targets: dict | None = None,
    **kw,
):
    """An agreement kept by ``office`` (its first party), with the organisations named as
    parties (``others``: names of other bodies) and ``targets`` ``{item: {measure: n}}``."""
    from vokasi.models import Agreement, AgreementParty, AgreementScope, AgreementTarget

    n = next_serial()
    today = timezone.localdate()
    defaults = {
        "kind": "pks",
        "number": f"PKS/{n:03d}/DISNAKER/2026",
        "title": f"Kerja sama pelatihan {n}",
        "signed_on": today - datetime.timedelta(days=200),
        "valid_from": today - datetime.timedelta(days=180),
        "valid_to": today + datetime.timedelta(days=185),
    }
    defaults.update(kw)
    made = Agreement.objects.create(office=office, **defaults)
    parties = [AgreementParty(kind="office", office=office, role="pihak pertama")]
    parties += [AgreementParty(kind="provider", provider=p, role="pihak kedua") for p in providers]
    parties += [AgreementParty(kind="company", company=c, role="pihak ketiga") for c in companies]
    parties += [
        AgreementParty(kind="other", other_name=name, other_kind="health", role="tuan rumah")
        for name in others
    ]
    for position, party in enumerate(parties):
        party.agreement, party.position = made, position
    AgreementParty.objects.bulk_create(parties)
    for item, measures in (targets or {"training": {"trained": 10}}).items():
        scope = AgreementScope.objects.create(agreement=made, item=item)
        for measure, target in measures.items():
            AgreementTarget.objects.create(scope=scope, measure=measure, target=target)
    return made
