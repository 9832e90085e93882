"""Subject access (UU 27/2022): everything Vokasi holds about one person, read-only.

The same sections answer ``GET /api/v1/job-seekers/{id}/personal-data/`` (JSON, codes)
and the workbook on the person's page (one sheet per kind, words, every cell through
``vokasi.exports.safe_cell``). Who may ask is decided in
``trainees.services.personal_data.can_handle_personal_data``; erasure lives there too.
"""

from __future__ import annotations

import datetime
import decimal
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trainees.models import (
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    ReportBack,
    TrainingResult,
)
from trainees.timeline import timeline_for


@dataclass
class Section:
    """One kind of data held about the person: a JSON list and a sheet of the export."""

    key: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[dict]
    #: Coded columns and their words, for people reading the workbook (JSON keeps codes).
    choices: dict[str, dict] = field(default_factory=dict)

    def readable_rows(self) -> list[dict]:
        return [
            {
                key: str(self.choices[key].get(value, value))
                if key in self.choices and value not in (None, "")
                else value
                for key, value in row.items()
            }
            for row in self.rows
        ]


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _section(key: str, title, model, names: list[str], objects, extra=None) -> Section:
    """Rows of ``objects`` with the ``names`` fields (and computed ``extra`` columns)."""
    columns = [(name, _label(model, name)) for name in names]
    extra = extra or []
    columns += [(name, str(header)) for name, header, _get in extra]
    choices = {
        name: dict(model._meta.get_field(name).choices)
        for name in names
        if model._meta.get_field(name).choices
    }
    rows = []
    for obj in objects:
        row = {name: getattr(obj, name) for name in names}
        for name, _header, get in extra:
            row[name] = get(obj)
        rows.append(row)
    return Section(key, str(title), columns, rows, choices)


PERSON_FIELDS = [
    "registration_number",
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "marital_status",
    "religion",
    "address",
    "phone",
    "email",
    "major",
    "courses",
    "experience",
    "experience_years",
    "disability",
    "consent_share_contact",
    "consent_changed_at",
    "registered_on",
    "expires_on",
    "last_reported_on",
    "next_report_due",
    "status",
    "ended_on",
    "end_reason",
    "anonymised_at",
    "anonymisation_reason",
]


def _person_section(person: JobSeeker) -> Section:
    section = _section(
        "person",
        gettext_lazy("Registration (AK/I card)"),
        JobSeeker,
        PERSON_FIELDS,
        [person],
        extra=[
            ("office", gettext_lazy("labour office"), lambda p: p.office.name),
            ("region", gettext_lazy("kecamatan"), lambda p: f"{p.region_id} {p.region.name}"),
            ("education", gettext_lazy("education"), lambda p: p.education.name),
            (
                "occupation",
                gettext_lazy("occupation sought"),
                lambda p: f"{p.occupation_id} {p.occupation.name}" if p.occupation_id else "",
            ),
        ],
    )
    return section


def personal_data_sections(job_seeker: JobSeeker) -> list[Section]:
    """Everything held about one person, as sections (a bounded number of queries).

    Referrals, apprenticeships and placements live in ``placements``; they are read here
    through the job seeker's reverse relations, which needs no import from that app.
    """
    person = JobSeeker.objects.select_related("office", "region", "education", "occupation").get(
        pk=job_seeker.pk
    )
    sections = [_person_section(person)]
    sections.append(
        Section(
            "history",
            str(gettext_lazy("History")),
            [
                ("day", str(gettext_lazy("date"))),
                ("stage", str(gettext_lazy("stage"))),
                ("event", str(gettext_lazy("event"))),
                ("detail", str(gettext_lazy("detail"))),
            ],
            [
                {"day": e.day, "stage": e.stage, "event": str(e.title), "detail": str(e.detail)}
                for e in timeline_for(person)
            ],
        )
    )
    sections.append(
        _section(
            "skills",
            gettext_lazy("Skills"),
            JobSeekerSkill,
            ["source", "acquired_on", "certificate_no", "certificate_expires_on"],
            person.skill_rows.select_related("skill").order_by("skill_id"),
            extra=[
                ("skill", gettext_lazy("skill"), lambda r: r.skill_id),
                ("skill_name", gettext_lazy("skill name"), lambda r: r.skill.name),
            ],
        )
    )
    sections.append(
        _section(
            "reports_back",
            gettext_lazy("Reports back"),
            ReportBack,
            ["reported_on", "note"],
            person.reports.all(),
        )
    )
    enrollments = list(
        person.enrollments.select_related(
            "cohort__programme__provider", "result__assessment"
        ).order_by("enrolled_on", "pk")
    )
    cohort_columns = [
        ("programme", gettext_lazy("programme"), lambda e: e.cohort.programme.name),
        ("cohort", gettext_lazy("cohort"), lambda e: e.cohort.name),
        ("provider", gettext_lazy("provider"), lambda e: e.cohort.programme.provider.name),
        ("cohort_start", gettext_lazy("start date"), lambda e: e.cohort.start_date),
        ("cohort_end", gettext_lazy("end date"), lambda e: e.cohort.end_date),
    ]
    sections.append(
        _section(
            "enrollments",
            gettext_lazy("Enrollments"),
            Enrollment,
            ["status", "enrolled_on", "withdrawn_on", "withdrawal_reason"],
            enrollments,
            extra=cohort_columns,
        )
    )
    results = [e for e in enrollments if hasattr(e, "result")]
    sections.append(
        _section(
            "results",
            gettext_lazy("Training results"),
            TrainingResult,
            ["attendance_pct", "score", "outcome"],
            [e.result for e in results],
            extra=[
                (
                    "programme",
                    gettext_lazy("programme"),
                    lambda r: r.enrollment.cohort.programme.name,
                ),
                ("cohort", gettext_lazy("cohort"), lambda r: r.enrollment.cohort.name),
            ],
        )
    )
    sections.append(
        _section(
            "assessments",
            gettext_lazy("Competency assessments"),
            CompetencyAssessment,
            ["result", "assessed_on", "certificate_no", "certificate_expires_on", "needs_retest"],
            CompetencyAssessment.objects.filter(enrollment__job_seeker=person)
            .select_related("enrollment__cohort__programme")
            .order_by("assessed_on", "pk"),
            extra=[
                (
                    "programme",
                    gettext_lazy("programme"),
                    lambda a: a.enrollment.cohort.programme.name,
                ),
                ("cohort", gettext_lazy("cohort"), lambda a: a.enrollment.cohort.name),
            ],
        )
    )
    sections.extend(_placements_sections(person))
    return sections


def _placements_sections(person: JobSeeker) -> list[Section]:
    referrals = list(
        person.referrals.select_related("vacancy__company")
        .prefetch_related("decisions")
        .order_by("referred_at", "pk")
    )
    Referral = person.referrals.model
    vacancy_columns = [
        ("vacancy", gettext_lazy("vacancy"), lambda r: r.vacancy.title),
        ("company", gettext_lazy("company"), lambda r: r.vacancy.company.name),
    ]
    sections = [
        _section(
            "referrals",
            gettext_lazy("Referrals"),
            Referral,
            ["referred_at", "status", "match_score", "decided_at"],
            referrals,
            extra=vacancy_columns,
        )
    ]
    decisions = [(d, r) for r in referrals for d in r.decisions.all()]
    Decision = Referral.decisions.rel.related_model
    sections.append(
        _section(
            "decisions",
            gettext_lazy("Referral decisions"),
            Decision,
            ["decision", "decided_at", "start_date", "wage", "note"],
            [d for d, _r in decisions],
            extra=[
                ("vacancy", gettext_lazy("vacancy"), lambda d: d.referral.vacancy.title),
                ("company", gettext_lazy("company"), lambda d: d.referral.vacancy.company.name),
            ],
        )
    )
    Apprenticeship = person.apprenticeships.model
    sections.append(
        _section(
            "apprenticeships",
            gettext_lazy("Apprenticeships"),
            Apprenticeship,
            [
                "agreement_no",
                "programme_description",
                "start_date",
                "duration_months",
                "allowance",
                "status",
                "approved_on",
                "finished_on",
                "hired",
            ],
            person.apprenticeships.select_related("company").order_by("start_date", "pk"),
            extra=[("company", gettext_lazy("company"), lambda a: a.company.name)],
        )
    )
    placements = list(
        person.placements.select_related("company", "vacancy")
        .prefetch_related("follow_ups")
        .order_by("start_date", "pk")
    )
    Placement = person.placements.model
    sections.append(
        _section(
            "placements",
            gettext_lazy("Placements"),
            Placement,
            ["start_date", "contract_type", "wage", "channel", "source"],
            placements,
            extra=[
                ("company", gettext_lazy("company"), lambda p: p.employer_name),
                (
                    "vacancy",
                    gettext_lazy("vacancy"),
                    lambda p: p.vacancy.title if p.vacancy else "",
                ),
            ],
        )
    )
    FollowUp = Placement.follow_ups.rel.related_model
    sections.append(
        _section(
            "follow_ups",
            gettext_lazy("Follow-ups"),
            FollowUp,
            ["checked_on", "employed", "wage"],
            [f for p in placements for f in p.follow_ups.all()],
            extra=[("company", gettext_lazy("company"), lambda f: f.placement.employer_name)],
        )
    )
    return sections


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def personal_data_json(job_seeker: JobSeeker) -> dict:
    """The subject-access answer: the registration, then a list per kind of data."""
    sections = personal_data_sections(job_seeker)
    body: dict = {"generated_at": timezone.now().isoformat()}
    for section in sections:
        rows = [{k: _jsonable(v) for k, v in row.items()} for row in section.rows]
        body[section.key] = rows[0] if section.key == "person" else rows
    return body


def personal_data_xlsx(job_seeker: JobSeeker) -> bytes:
    """The same as a workbook a person can read: one sheet per kind of data."""
    from vokasi.exports import sheets_to_xlsx

    sheets = []
    for section in personal_data_sections(job_seeker):
        rows = section.readable_rows()
        if section.key == "person":
            # One record: field and value down the page reads better than one wide row.
            rows = [{"field": header, "value": rows[0][key]} for key, header in section.columns]
            columns = [("field", _("field")), ("value", _("value"))]
            sheets.append((section.title, rows, columns))
        else:
            sheets.append((section.title, rows, section.columns))
    return sheets_to_xlsx(sheets)
