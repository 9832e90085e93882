"""The authorization matrix: the README's table, the world it is checked against, and one
request per cell.

The README's "Who may do what" section holds a table with one row per route (method, URL
pattern as in the URL conf, optionally a ``?query`` for an export) and one column per
role. This module reads that table, lists every route the project serves (for the
completeness test), builds a small world owned by organisation A, fills a route's
parameters with A's objects and sends the request as a role, with a valid body where the
role may write.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient

from tests import factories
from tests.trainees.results_files import HEADER_EN, csv_bytes, rows_for, running_cohort
from vokasi.auth import api_key_issue

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Who may do what"

#: The README's role columns, in order, and the ``world`` attribute each one logs in as.
ROLES = {
    "anonymous": None,
    "officer A": "officer_a",
    "officer B": "officer_b",
    "trainer A": "trainer_a",
    "trainer B": "trainer_b",
    "employer A": "employer_a",
    "employer B": "employer_b",
    "admin": "admin",
}

#: Routes that are Django's own machinery, not Vokasi's pages (they have no row).
NOT_IN_THE_MATRIX = (
    re.compile(r"^/admin/"),  # Django admin: superusers only, tested in tests/vokasi/test_admin.py
    re.compile(r"^/i18n/"),  # set_language: a cookie for anyone, no data
    re.compile(r"^/media/"),  # development-only static serving
)

TODAY = timezone.localdate()


@dataclass(frozen=True)
class Row:
    method: str
    route: str  # "/api/v1/vacancies/{pk}/" or "/reports/ipk/?format=csv"
    expected: dict[str, int]

    @property
    def path(self) -> str:
        return urlsplit(self.route).path

    @property
    def query(self) -> str:
        return urlsplit(self.route).query

    @property
    def kind(self) -> str:
        if "format=csv" in self.query or "format=xlsx" in self.query:
            return "export"
        if self.path.endswith((".csv", ".xlsx")):
            return "export"
        return "api" if self.path.startswith("/api/") else "page"

    @property
    def writes(self) -> bool:
        return self.method not in ("GET", "HEAD", "OPTIONS")


def readme_rows(text: str | None = None) -> list[Row]:
    """The rows of the machine-readable table under "Who may do what"."""
    text = README.read_text(encoding="utf-8") if text is None else text
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    rows: list[Row] = []
    header: list[str] | None = None
    for line in section.splitlines():
        if not line.startswith("|"):
            header = None if not rows else header
            continue
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if cells[:2] == ["method", "route"]:
            header = cells
            assert header[2:] == list(ROLES), f"role columns must be {list(ROLES)}: {header}"
            continue
        if header is None or set(cells[0]) <= {"-", ":"}:
            continue
        method, route, *statuses = cells
        assert len(statuses) == len(ROLES), f"{method} {route}: {len(statuses)} statuses"
        rows.append(Row(method.upper(), route, dict(zip(ROLES, map(int, statuses), strict=True))))
    return rows


def _pattern_text(pattern) -> str:
    text = str(pattern)
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text)  # DRF router regexes
    text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)  # path converters
    return text.replace("^", "").replace("$", "").replace("\\.", ".")


def project_routes() -> set[str]:
    """Every URL pattern the project serves, as the README writes it."""

    def walk(resolver, prefix: str):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + _pattern_text(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + _pattern_text(entry.pattern)

    routes = {"/" + route for route in walk(get_resolver(), "")}
    return {r for r in routes if not any(rule.match(r) for rule in NOT_IN_THE_MATRIX)}


class Objects:
    """What organisation A owns, built on first use so each test builds only what it needs."""

    def __init__(self, world, user=None):
        self.world = world
        self.user = user

    # What a body names belongs to the caller's own organisation where it has one (officer
    # B registers B's people, trainer B plans B's cohorts), otherwise to A.
    @property
    def own_office(self):
        return getattr(self.user, "office", None) or self.world.office_a

    @property
    def own_provider(self):
        return getattr(self.user, "provider", None) or self.world.provider_a

    @property
    def own_region(self) -> str:
        return self.own_office.region_id + ".01"

    def new_person(self) -> int:
        return factories.job_seeker(self.own_office, region_id=self.own_region).pk

    @cached_property
    def own_programme(self):
        if self.own_provider == self.world.provider_a:
            return self.programme
        return factories.programme(self.own_provider)

    @cached_property
    def own_duplicates(self):
        keep = factories.job_seeker(self.own_office, name="Rina Marlina")
        return keep, factories.job_seeker(self.own_office, name="rina  marlina")

    @cached_property
    def person(self):
        """A's job seeker, enrolled in A's cohort (so its trainers may read the record)."""
        person = factories.job_seeker(
            self.world.office_a, name="Siti Nuraini", consent_share_contact=True
        )
        factories.enrollment(self.cohort, person)
        return person

    @cached_property
    def programme(self):
        return factories.programme(self.world.provider_a)

    @cached_property
    def cohort(self):
        return factories.cohort(self.programme)

    @cached_property
    def enrollment(self):
        return self.person.enrollments.get()

    @cached_property
    def graduate(self):
        """A's person who completed A's cohort four months ago (traced; funding set)."""
        end = TODAY - datetime.timedelta(days=120)
        cohort = factories.cohort(
            self.programme,
            start_date=end - datetime.timedelta(days=45),
            end_date=end,
            status="finished",
        )
        person = factories.job_seeker(self.world.office_a)
        enrollment = factories.enrollment(cohort, person, status="completed")
        factories.training_result(enrollment)
        return enrollment

    @cached_property
    def commitment(self):
        from trainees.models import CsrCommitment

        return CsrCommitment.objects.create(
            sponsor=self.world.company_a,
            title="75 paket pelatihan",
            year=2026,
            seats=75,
            amount=375_000_000,
        )

    @cached_property
    def results_cohort(self):
        return running_cohort(self.world, trainees=1)

    @cached_property
    def vacancy(self):
        return factories.vacancy(self.world.company_a, openings=2)

    @cached_property
    def registered_vacancy(self):
        """A's vacancy, its company on office A's register (office A verifies it)."""
        company = self.world.company_a
        if company.office_id is None:
            company.office = self.world.office_a
            company.save(update_fields=["office"])
        return self.vacancy

    @cached_property
    def submitted_vacancy(self):
        """A vacancy awaiting office A's verification."""
        return factories.vacancy(self.registered_vacancy.company, openings=2, status="submitted")

    @cached_property
    def referral(self):
        return factories.referral(self.vacancy, self.person, match_score=80)

    @cached_property
    def placement(self):
        return factories.placement(self.vacancy, factories.job_seeker(self.world.office_a))

    @cached_property
    def hire(self):
        """A hire company A reported; A is on office A's register."""
        from placements.models import Hire

        company = self.world.company_a
        company.office = self.world.office_a
        company.save(update_fields=["office"])
        return Hire.objects.create(
            company=company,
            name="Ahmad Fauzi",
            sex="L",
            birth_year=1999,
            education_id="smk",
            domicile_id="36.72.04",
            occupation_id="7212",
            start_date=TODAY,
            employment_type="pkwt",
            wage=5_200_000,
        )

    @cached_property
    def apprenticeship(self):
        person = factories.job_seeker(self.world.office_a)
        return factories.apprenticeship(self.vacancy, person)

    @cached_property
    def pending_apprenticeship(self):
        from placements.models import Apprenticeship

        person = factories.job_seeker(self.world.office_a)
        return factories.apprenticeship(
            self.vacancy,
            person,
            start_date=TODAY + datetime.timedelta(days=7),
            status=Apprenticeship.Status.PROPOSED,
            approved_on=None,
        )

    @cached_property
    def job(self):
        """A finished export of officer A's with its file (a job is its owner's and the
        admins')."""
        from django.core.files.base import ContentFile

        from vokasi.jobs.models import Job

        job = Job(
            owner=self.world.officer_a,
            kind="export",
            status=Job.Status.DONE,
            params={"path": "/job-seekers/", "query": "format=csv", "language": "id"},
            result={"filename": "pencari-kerja.csv", "rows": 0, "bytes": 4},
        )
        job.output.save("pencari-kerja.csv", ContentFile(b"id\r\n"), save=False)
        job.save()
        return job

    @cached_property
    def agreement(self):
        """A's agreement: office A, provider A, company A and a city hospital are parties;
        its signed PDF is on file."""
        from django.core.files.base import ContentFile

        made = factories.agreement(
            self.world.office_a,
            providers=[self.world.provider_a],
            companies=[self.world.company_a],
            others=["RSUD Kota Cilegon"],
            targets={
                "training": {"trained": 16},
                "internship": {"interned": 4},
                "scholarship": {"scholarships": 2},
            },
        )
        made.document.save("pks.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
        return made

    @cached_property
    def register_company(self):
        """A company on office A's register, awaiting verification."""
        from vokasi.models import Company

        return factories.company(
            office=self.world.office_a, status=Company.Status.UNVERIFIED, name="PT Register A"
        )

    @cached_property
    def colleague(self):
        """Another user of company A, for its administrator to manage."""
        return factories.employer(self.world.company_a)

    def as_company_admin(self) -> None:
        """The calling employer administers its company (the colleagues' routes)."""
        if self.user is not None and self.user.company_id:
            type(self.user).objects.filter(pk=self.user.pk).update(company_admin=True)

    @cached_property
    def registered_company(self):
        """A's company on office A's register (the reporting duty's pages and API)."""
        company = self.world.company_a
        company.office = self.world.office_a
        company.save(update_fields=["office"])
        return company

    @cached_property
    def warning(self):
        """A written warning to A's company, with its letter."""
        from django.core.files.base import ContentFile

        from placements.models import CompanyWarning

        warning = CompanyWarning(
            company=self.registered_company,
            number=f"560/{factories.next_serial()}/Disnaker",
            date=TODAY,
            reason="Tidak melaporkan pengisian lowongan",
        )
        warning.document.save("letter.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
        warning.save()
        return warning

    @cached_property
    def scholarship(self):
        """A scholarship under A's agreement, still awarded."""
        from trainees.models import Scholarship

        return Scholarship.objects.create(
            agreement=self.agreement,
            recipient_name="Siti Nurhaliza",
            institution="Poltekkes Kemenkes Banten",
            study_programme="D3 Keperawatan",
            awarded_on=TODAY,
            amount=12_000_000,
        )

    @cached_property
    def api_key(self):
        key, _raw = api_key_issue(user=self.world.employer_a, name="HR system")
        return key


#: Which object fills ``{pk}`` for the routes under each prefix.
PK_OWNER = {
    "/api/v1/skills/": lambda o: "LAS-SMAW",
    "/api/v1/occupations/": lambda o: "7212",
    "/api/v1/sectors/": lambda o: "24",
    "/api/v1/regions/": lambda o: "36.72.04",
    "/api/v1/education-levels/": lambda o: "smk",
    "/api/v1/offices/": lambda o: o.world.office_a.pk,
    "/api/v1/providers/": lambda o: o.world.provider_a.pk,
    "/api/v1/job-seekers/": lambda o: o.person.pk,
    "/job-seekers/": lambda o: o.person.pk,
    "/api/v1/programmes/": lambda o: o.programme.pk,
    "/programmes/": lambda o: o.programme.pk,
    "/api/v1/cohorts/{pk}/results/": lambda o: o.results_cohort.pk,
    "/cohorts/{pk}/tracer/": lambda o: o.graduate.cohort_id,
    "/api/v1/enrollments/{pk}/tracer/": lambda o: o.graduate.pk,
    "/csr/": lambda o: o.commitment.pk,
    "/cohorts/{pk}/results/": lambda o: o.results_cohort.pk,
    "/api/v1/cohorts/": lambda o: o.cohort.pk,
    "/cohorts/": lambda o: o.cohort.pk,
    "/api/v1/enrollments/": lambda o: o.enrollment.pk,
    "/api/v1/public/vacancies/": lambda o: o.vacancy.pk,
    "/lowongan/": lambda o: o.vacancy.pk,
    "/api/v1/vacancies/": lambda o: o.vacancy.pk,
    "/vacancies/": lambda o: o.vacancy.pk,
    "/api/v1/vacancies/{pk}/verify/": lambda o: o.submitted_vacancy.pk,
    "/vacancies/{pk}/verify/": lambda o: o.submitted_vacancy.pk,
    "/api/v1/vacancies/{pk}/take-down/": lambda o: o.registered_vacancy.pk,
    "/vacancies/{pk}/take-down/": lambda o: o.registered_vacancy.pk,
    "/api/v1/referrals/": lambda o: o.referral.pk,
    "/referrals/": lambda o: o.referral.pk,
    "/api/v1/placements/": lambda o: o.placement.pk,
    "/api/v1/hires/": lambda o: o.hire.pk,
    "/companies/{pk}/hires/": lambda o: o.hire.company_id,
    "/placements/": lambda o: o.placement.pk,
    "/api/v1/apprenticeships/{pk}/approve/": lambda o: o.pending_apprenticeship.pk,
    "/api/v1/apprenticeships/": lambda o: o.apprenticeship.pk,
    "/apprenticeships/{pk}/approve/": lambda o: o.pending_apprenticeship.pk,
    "/apprenticeships/": lambda o: o.apprenticeship.pk,
    "/api-keys/": lambda o: o.api_key.pk,
    "/api/v1/agreements/": lambda o: o.agreement.pk,
    "/agreements/": lambda o: o.agreement.pk,
    "/jobs/": lambda o: o.job.pk,
    "/api/v1/companies/": lambda o: o.register_company.pk,
    "/companies/": lambda o: o.register_company.pk,
    "/company/users/": lambda o: o.colleague.pk,
    "/warnings/": lambda o: o.warning.pk,
    "/api/v1/jobs/": lambda o: o.job.pk,
}


def fill(route: str, objects: Objects, *, prefix: str | None = None) -> str:
    """The route (or a query naming ``{pk}``, with its route as ``prefix``) with A's
    objects in its parameters."""
    url = route
    if "{pk}" in url:
        owner = prefix or route
        prefix = max((p for p in PK_OWNER if owner.startswith(p)), key=len)
        url = url.replace("{pk}", str(PK_OWNER[prefix](objects)))
    if "{enrollment_pk}" in url:
        url = url.replace("{enrollment_pk}", str(objects.enrollment.pk))
    for name in ("{scholarship_pk}", "{scholarship_id}"):  # the page's and the API's
        if name in url:
            url = url.replace(name, str(objects.scholarship.pk))
    url = url.replace("{uidb64}", "MQ").replace("{token}", "set-password")
    return url.replace("{by}", "skill").replace("{key}", "LAS-SMAW")


def _hire_fields(**kw) -> dict:
    return {
        "name": "Rina Marlina",
        "sex": "P",
        "birth_year": 2001,
        "education": "sma",
        "domicile": "outside",
        "occupation": "7212",
        "start_date": TODAY.isoformat(),
        "employment_type": "pkwt",
        "wage": 5_000_000,
        **kw,
    }


def _hire_file() -> bytes:
    row = _hire_fields(referensi="HIRE-FILE-1")
    row.update(domicile="luar kota", wage=str(row["wage"]), birth_year=str(row["birth_year"]))
    return _csv([row])


def _vacancy_fields() -> dict:
    return {
        "title": "Welder",
        "kind": "job",
        "occupation": "7212",
        "required_skills": ["LAS-SMAW"],
        "openings": 2,
        "region": "36.72.04",
        "employment_type": "pkwt",
        "wage_min": 5_000_000,
        "wage_max": 6_000_000,
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=20)).isoformat(),
    }


def _person_form(objects: Objects, existing=None) -> dict:
    if existing is None:
        data = factories.job_seeker_payload(region=objects.own_region)
    else:
        data = factories.job_seeker_payload(
            nik=existing.nik, sex=existing.sex, birth_date=existing.birth_date
        )
        data["name"] = existing.name
    data["experience_years"] = 0
    data["consent_share_contact"] = "on"
    return data


def _person_put(objects: Objects) -> dict:
    person = objects.person
    data = factories.job_seeker_payload(
        nik=person.nik, sex=person.sex, birth_date=person.birth_date
    )
    data["name"] = person.name
    return data


def _results_rows(objects: Objects) -> dict:
    rows = rows_for(objects.results_cohort)
    return {"rows": [dict(zip(HEADER_EN, row, strict=True)) for row in rows]}


def _import_rows(objects: Objects) -> dict:
    from tests.trainees.test_job_seeker_import import person_row
    from trainees.nik import build_nik

    born = datetime.date(1995, 5, 17)
    row = person_row(1, Kecamatan=objects.own_region, **{"Tanggal Lahir": "17-05-1995"})
    row["NIK"] = build_nik(objects.own_region, born, "P", 4321)
    return {"rows": [row], "office": objects.own_office.code}


def _cohort_fields(objects: Objects) -> dict:
    return {
        "programme": objects.own_programme.pk,
        "name": "Angkatan 9",
        "start_date": (TODAY + datetime.timedelta(days=30)).isoformat(),
        "end_date": (TODAY + datetime.timedelta(days=75)).isoformat(),
        "place": "Workshop Las",
        "quota": 16,
        "status": "open",
    }


def _programme_fields(objects: Objects) -> dict:
    return {
        "provider": objects.own_provider.pk,
        "vocation": "LAS",
        "code": "LAS-09",
        "name": "Juru Las SMAW",
        "skills": ["LAS-SMAW"],
        "jp_hours": 240,
        "education_min": "smp",
        "funding": "apbn",
    }


def _agreement_api(objects: Objects) -> dict:
    return {
        "kind": "pks",
        "number": f"PKS/{factories.next_serial():04d}/MATRIX",
        "title": "Kerja sama pelatihan las",
        "parties": [
            {"kind": "office", "id": objects.own_office.pk, "role": "pihak pertama"},
            {"kind": "provider", "id": objects.world.provider_a.pk, "role": "pihak kedua"},
        ],
        "signed_on": (TODAY - datetime.timedelta(days=10)).isoformat(),
        "valid_from": TODAY.isoformat(),
        "valid_to": (TODAY + datetime.timedelta(days=365)).isoformat(),
        "scope": [{"item": "training", "targets": [{"measure": "trained", "target": 32}]}],
    }


def _agreement_form(objects: Objects, number: str | None = None) -> dict:
    return {
        "kind": "pks",
        "number": number or f"PKS/{factories.next_serial():04d}/MATRIX",
        "title": "Kerja sama pelatihan las",
        "signed_on": (TODAY - datetime.timedelta(days=10)).isoformat(),
        "valid_from": TODAY.isoformat(),
        "valid_to": (TODAY + datetime.timedelta(days=365)).isoformat(),
        "scope": ["training", "internship"],
        "target_trained": "32",
        "party-TOTAL_FORMS": "3",
        "party-INITIAL_FORMS": "0",
        "party-0-organisation": f"office:{objects.own_office.pk}",
        "party-0-role": "pihak pertama",
        "party-1-organisation": f"provider:{objects.world.provider_a.pk}",
        "party-1-role": "pihak kedua",
        "party-2-organisation": "other",
        "party-2-other_name": "RSUD Kota Cilegon",
        "party-2-other_kind": "health",
    }


def _internship_form(objects: Objects) -> dict:
    agreement = objects.agreement
    return {
        "student_name": "Siti Rahmawati",
        "student_number": "P27220024001",
        "institution": agreement.parties.get(kind="provider").pk,
        "host": agreement.parties.get(kind="other").pk,
        "start_date": TODAY.isoformat(),
        "end_date": (TODAY + datetime.timedelta(days=42)).isoformat(),
        "supervisor": "Ns. Dewi Lestari",
        "outcome": "ongoing",
    }


def _unlink_cohort(objects: Objects) -> dict:
    """A's cohort, linked to A's agreement first, to be unlinked."""
    cohort = objects.cohort
    cohort.agreement = objects.agreement
    cohort.save(update_fields=["agreement"])
    return {"cohort": cohort.pk}


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def company_fields(**changes) -> dict:
    """A company for the register, valid everywhere (a fresh NIB each time)."""
    n = factories.next_serial()
    return {
        "name": f"PT Register Baru {n}",
        "nib": f"{8120000000000 + n}",
        "npwp": "01.300.066.6-091.000",
        "sector": "24",
        "region": "36.72.04",
        "address": "Jl. Industri No. 5",
        "workforce": 250,
        "contact_name": "Ibu Ratna",
        "contact_email": "hr@example.co.id",
        "contact_phone": "0254 311000",
        **changes,
    }


def _invite(o) -> dict:
    o.as_company_admin()
    return {"email": f"rekan{factories.next_serial()}@example.co.id", "name": "Budi Santoso"}


def _company_import(o) -> dict:
    return {"file": _upload("perusahaan.csv", _csv([company_fields()])), "dry_run": "1"}


def _anonymise(o) -> dict:
    """Anonymising needs an ended registration: end A's person first, then give a reason."""
    from trainees.services.registration import job_seeker_end

    if o.person.status == "active":
        job_seeker_end(job_seeker=o.person, reason="withdrawn")
    return {"reason": "Permintaan tertulis 1-11-2026", "confirm": "on"}


def _funding_page(o) -> dict:
    return {
        "line-TOTAL_FORMS": "1",
        "line-INITIAL_FORMS": "0",
        "line-0-source": "csr",
        "line-0-sponsor": str(o.world.company_a.pk),
        "line-0-budgeted": "64000000",
        "line-0-spent": "66000000",
        "line-0-seats": "16",
    }


def _tracer_file(o) -> dict:
    checked = (TODAY - datetime.timedelta(days=10)).isoformat()
    rows = [
        {
            "nik": o.graduate.job_seeker.nik,
            "bulan": "3",
            "status": "wirausaha",
            "kbli": "C",
            "tanggal": checked,
        }
    ]
    return {"file": _upload("tracer.csv", _csv(rows))}


#: A valid body for each write route, built from A's objects.
BODIES = {
    ("PATCH", "/api/v1/cohorts/{pk}/"): lambda o: {
        "funding": [
            {"source": "apbn", "budget": 48_000_000, "spent": 45_500_000, "seats": 12},
            {
                "source": "csr",
                "sponsor": o.world.company_a.pk,
                "budget": 16_000_000,
                "spent": 17_000_000,
                "seats": 4,
            },
        ]
    },
    ("POST", "/api/v1/enrollments/{pk}/tracer/"): lambda o: {
        "checked_on": (TODAY - datetime.timedelta(days=5)).isoformat(),
        "status": "self_employed",
        "sector": "C",
    },
    ("POST", "/cohorts/{pk}/funding/"): _funding_page,
    ("POST", "/cohorts/{pk}/tracer/"): lambda o: {
        "enrollment": str(o.graduate.pk),
        "months_after": "3",
        "status": "employed",
        "checked_on": (TODAY - datetime.timedelta(days=3)).isoformat(),
    },
    ("POST", "/cohorts/{pk}/tracer/upload/"): _tracer_file,
    ("POST", "/csr/new/"): lambda o: {
        "sponsor": str(o.world.company_a.pk),
        "title": "Pelatihan las 75 paket",
        "year": "2026",
        "seats": "75",
        "amount": "375000000",
    },
    ("POST", "/api/v1/job-seekers/{pk}/anonymise/"): _anonymise,
    ("POST", "/job-seekers/{pk}/anonymise/"): _anonymise,
    ("POST", "/job-seekers/{pk}/consent/"): lambda o: {"consent": "no"},
    # API
    ("POST", "/api/v1/job-seekers/"): lambda o: {
        **factories.job_seeker_payload(region=o.own_region),
        "office": o.own_office.code,
    },
    ("POST", "/api/v1/job-seekers/import/"): _import_rows,
    ("PUT", "/api/v1/job-seekers/{pk}/"): _person_put,
    ("PATCH", "/api/v1/job-seekers/{pk}/"): lambda o: {"address": "Jl. Pindah No. 9"},
    ("POST", "/api/v1/job-seekers/{pk}/report/"): lambda o: {"note": "lapor"},
    ("POST", "/api/v1/programmes/"): lambda o: {
        **_programme_fields(o),
        "provider": o.own_provider.code,
    },
    ("POST", "/api/v1/cohorts/"): _cohort_fields,
    ("POST", "/api/v1/cohorts/{pk}/enrollments/"): lambda o: {"job_seeker": o.new_person()},
    ("POST", "/api/v1/enrollments/{pk}/withdraw/"): lambda o: {"reason": "Diterima kerja"},
    ("POST", "/api/v1/cohorts/{pk}/results/"): _results_rows,
    ("PATCH", "/api/v1/company/"): lambda o: {"contact_name": "Ibu Ratna"},
    ("POST", "/api/v1/referrals/{pk}/decision/"): lambda o: {"decision": "interview"},
    ("POST", "/api/v1/apprenticeships/{pk}/approve/"): lambda o: {"agreement_no": "PKS-1"},
    ("POST", "/api/v1/vacancies/"): lambda o: _vacancy_fields(),
    ("PUT", "/api/v1/vacancies/{pk}/"): lambda o: _vacancy_fields(),
    ("PATCH", "/api/v1/vacancies/{pk}/"): lambda o: {"title": "Welder 3G"},
    ("POST", "/api/v1/vacancies/{pk}/close/"): lambda o: {"reason": "cancelled"},
    ("POST", "/api/v1/vacancies/{pk}/verify/"): lambda o: {"decision": "publish"},
    ("POST", "/api/v1/vacancies/{pk}/take-down/"): lambda o: {"reason": "Iklan menyesatkan"},
    ("POST", "/api/v1/placements/"): lambda o: {
        "job_seeker": o.new_person(),
        "company": o.world.company_a.pk,
        "start_date": TODAY.isoformat(),
        "contract_type": "pkwt",
        "wage": 5_000_000,
    },
    ("POST", "/api/v1/hires/"): lambda o: _hire_fields(),
    ("POST", "/api/v1/placements/{pk}/follow-ups/"): lambda o: {
        "checked_on": TODAY.isoformat(),
        "employed": True,
    },
    ("POST", "/api/v1/apprenticeships/{pk}/finish/"): lambda o: {
        "outcome": "dropped",
        "hired": False,
        "finished_on": TODAY.isoformat(),
    },
    ("POST", "/api/v1/referrals/"): lambda o: {
        "vacancy": o.vacancy.pk,
        "job_seeker": o.new_person(),
    },
    # Pages
    ("POST", "/login/"): lambda o: {"username": "nobody", "password": "wrong"},
    ("POST", "/logout/"): lambda o: {},
    ("POST", "/job-seekers/new/"): lambda o: _person_form(o),
    ("POST", "/job-seekers/{pk}/edit/"): lambda o: _person_form(o, existing=o.person),
    ("POST", "/job-seekers/{pk}/report/"): lambda o: {"reported_on": TODAY.isoformat()},
    ("POST", "/job-seekers/{pk}/end/"): lambda o: {
        "reason": "moved",
        "ended_on": TODAY.isoformat(),
    },
    ("POST", "/job-seekers/{pk}/placement/"): lambda o: {
        "company": o.world.company_a.pk,
        "start_date": TODAY.isoformat(),
        "occupation": "7212",
        "contract_type": "pkwt",
        "wage": 5_000_000,
        "channel": "akl",
    },
    ("POST", "/job-seekers/merge/"): lambda o: {
        "keep": o.own_duplicates[0].pk,
        "duplicate": o.own_duplicates[1].pk,
    },
    ("POST", "/job-seekers/import/"): lambda o: {
        "file": _upload("daftar.csv", _csv(_import_rows(o)["rows"])),
        "dry_run": "1",
    },
    ("POST", "/programmes/new/"): _programme_fields,
    ("POST", "/cohorts/new/"): _cohort_fields,
    ("POST", "/cohorts/{pk}/status/"): lambda o: {"status": "running"},
    ("POST", "/cohorts/{pk}/enroll/"): lambda o: {"job_seeker": o.new_person()},
    ("POST", "/cohorts/{pk}/enrollments/{enrollment_pk}/withdraw/"): lambda o: {
        "reason": "Diterima kerja"
    },
    ("POST", "/cohorts/{pk}/results/"): lambda o: {
        "file": _upload("hasil.csv", csv_bytes(rows_for(o.results_cohort)))
    },
    ("POST", "/vacancies/new/"): lambda o: _vacancy_fields(),
    ("POST", "/vacancies/{pk}/edit/"): lambda o: _vacancy_fields(),
    ("POST", "/vacancies/{pk}/close/"): lambda o: {"reason": "cancelled"},
    ("POST", "/vacancies/{pk}/verify/"): lambda o: {"decision": "publish"},
    ("POST", "/vacancies/{pk}/take-down/"): lambda o: {"reason": "Iklan menyesatkan"},
    ("POST", "/vacancies/{pk}/matches/"): lambda o: {"job_seeker": o.new_person()},
    ("POST", "/referrals/{pk}/decide/"): lambda o: {"decision": "interview"},
    ("POST", "/hires/new/"): lambda o: _hire_fields(),
    ("POST", "/hires/upload/"): lambda o: {"file": _upload("penerimaan.csv", _hire_file())},
    ("POST", "/placements/{pk}/follow-up/"): lambda o: {
        "checked_on": TODAY.isoformat(),
        "employed": "yes",
        "wage": 5_400_000,
    },
    ("POST", "/job-seekers/{pk}/refer/"): lambda o: {"vacancy": o.vacancy.pk},
    ("POST", "/apprenticeships/{pk}/approve/"): lambda o: {"agreement_no": "PKS-1"},
    ("POST", "/apprenticeships/{pk}/finish/"): lambda o: {
        "outcome": "dropped",
        "hired": "no",
        "finished_on": TODAY.isoformat(),
    },
    ("POST", "/api-keys/"): lambda o: {"name": "SAP HR", "days": 90},
    ("POST", "/api/v1/agreements/"): _agreement_api,
    ("PUT", "/api/v1/agreements/{pk}/document/"): lambda o: {
        "file": _upload("pks-signed.pdf", b"%PDF-1.4\n1 0 obj\n%%EOF\n")
    },
    ("POST", "/agreements/new/"): _agreement_form,
    ("POST", "/agreements/{pk}/edit/"): lambda o: _agreement_form(o, o.agreement.number),
    ("POST", "/agreements/{pk}/evaluations/"): lambda o: {
        "evaluated_on": TODAY.isoformat(),
        "status": "on_track",
        "note": "Monev triwulan: sesuai jadwal",
    },
    ("POST", "/agreements/{pk}/targets/"): lambda o: {
        "item": "training",
        "measure": "certified",
        "target": 12,
    },
    ("POST", "/agreements/{pk}/links/"): lambda o: {"cohort": o.cohort.pk},
    ("POST", "/agreements/{pk}/unlink/"): _unlink_cohort,
    ("POST", "/agreements/{pk}/internships/new/"): _internship_form,
    ("POST", "/agreements/{pk}/scholarships/new/"): lambda o: {
        "recipient_name": "Siti Nurhaliza",
        "institution": "Poltekkes Kemenkes Banten",
        "study_programme": "D3 Keperawatan",
        "awarded_on": TODAY.isoformat(),
        "amount": "12000000",
        "status": "awarded",
    },
    ("POST", "/agreements/{pk}/scholarships/{scholarship_pk}/status/"): lambda o: {
        "status": "completed",
        "ended_on": TODAY.isoformat(),
    },
    ("PATCH", "/api/v1/agreements/{pk}/scholarships/{scholarship_id}/"): lambda o: {
        "status": "completed",
    },
    ("POST", "/api/v1/agreements/{pk}/scholarships/"): lambda o: {
        "recipient_name": "Siti Nurhaliza",
        "institution": "Poltekkes Kemenkes Banten",
        "study_programme": "D3 Keperawatan",
        "awarded_on": TODAY.isoformat(),
        "amount": 12_000_000,
    },
    ("POST", "/api-keys/{pk}/revoke/"): lambda o: {},
    ("POST", "/api/v1/companies/"): lambda o: company_fields(),
    ("PATCH", "/api/v1/companies/{pk}/"): lambda o: {"workforce": 300},
    ("POST", "/api/v1/companies/{pk}/verify/"): lambda o: {},
    ("POST", "/api/v1/companies/{pk}/users/"): lambda o: {
        "username": f"hr{factories.next_serial()}",
        "email": "hr@example.co.id",
    },
    ("POST", "/password/set/{uidb64}/{token}/"): lambda o: {
        "new_password1": "Kuat-sekali-2026",
        "new_password2": "Kuat-sekali-2026",
    },
    ("POST", "/companies/new/"): lambda o: company_fields(),
    ("POST", "/companies/{pk}/edit/"): lambda o: company_fields(
        nib=o.register_company.nib, name=o.register_company.name
    ),
    ("POST", "/companies/{pk}/verify/"): lambda o: {},
    ("POST", "/companies/{pk}/suspend/"): lambda o: {"reason": "Alamat tidak ditemukan"},
    ("POST", "/companies/{pk}/reinstate/"): lambda o: {},
    ("POST", "/companies/{pk}/users/"): _invite,
    ("POST", "/companies/import/"): _company_import,
    ("POST", "/company/users/"): _invite,
    ("POST", "/company/users/{pk}/deactivate/"): lambda o: o.as_company_admin() or {},
    ("POST", "/api/v1/companies/{pk}/warnings/"): lambda o: {
        "number": f"560/{factories.next_serial()}/Disnaker",
        "date": TODAY.isoformat(),
        "reason": "Lowongan tidak dilaporkan terisi",
    },
    ("POST", "/companies/{pk}/warnings/new/"): lambda o: {
        "number": f"560/{factories.next_serial()}/Disnaker",
        "date": TODAY.isoformat(),
        "reason": "Lowongan tidak dilaporkan terisi",
    },
    ("POST", "/warnings/{pk}/answer/"): lambda o: {
        "answer": "Akan segera melapor",
        "answered_on": TODAY.isoformat(),
    },
    ("POST", "/jobs/{pk}/discard/"): lambda o: {},
}


def send(row: Row, role: str, world, *, body: dict | None = None, empty: bool = False):
    """Send ``row``'s request as ``role`` with A's objects; ``empty`` sends no body."""
    user = getattr(world, ROLES[role]) if ROLES[role] else None
    objects = Objects(world, user)
    url = fill(row.path, objects)
    if row.query:
        url += "?" + fill(row.query, objects, prefix=row.path)
    if body is None and row.writes and not empty:
        body = BODIES[(row.method, row.route)](objects)
    method = row.method.lower()
    if row.kind == "page" or (row.kind == "export" and not row.path.startswith("/api/")):
        client = Client()
        if user is not None:
            client.force_login(user)
        if body is None:
            return getattr(client, method)(url)
        return getattr(client, method)(url, body)
    client = APIClient()
    if user is not None:
        _key, raw = api_key_issue(user=user, name="matrix")
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    # A body carrying a file (an upload) goes as multipart, every other as JSON.
    files = any(hasattr(value, "read") for value in (body or {}).values())
    return getattr(client, method)(url, body or {}, format="multipart" if files else "json")
