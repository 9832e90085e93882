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
from vokasi.contributions import Registry

#: Sections other apps add (``provider(person) -> list[Section]``), after trainees' own.
section_providers: Registry = Registry("personal-data sections")


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


def model_section(key: str, title, model, names: list[str], objects, extra=None) -> Section:
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
    section = model_section(
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

    The apps above ``trainees`` (placements: referrals, decisions, apprenticeships,
    placements, follow-ups) add their sections to ``section_providers`` from their
    ``contributions`` module.
    """
    person = JobSeeker.objects.select_related("office", "region", "education", "occupation").get(
        pk=job_seeker.pk
    )
    sections = [
        _person_section(person),
        _history_section(person),
        *_registration_sections(person),
        *_training_sections(person),
    ]
    for provider in section_providers:
        sections.extend(provider(person))
    return sections


def _history_section(person: JobSeeker) -> Section:
    return Section(
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


def _registration_sections(person: JobSeeker) -> list[Section]:
    """The skills held and the reports back."""
    return [
        model_section(
            "skills",
            gettext_lazy("Skills"),
            JobSeekerSkill,
            ["source", "acquired_on", "certificate_no", "certificate_expires_on"],
            person.skill_rows.select_related("skill").order_by("skill_id"),
            extra=[
                ("skill", gettext_lazy("skill"), lambda r: r.skill_id),
                ("skill_name", gettext_lazy("skill name"), lambda r: r.skill.name),
            ],
        ),
        model_section(
            "reports_back",
            gettext_lazy("Reports back"),
            ReportBack,
            ["reported_on", "note"],
            person.reports.all(),
        ),
    ]


def _training_sections(person: JobSeeker) -> list[Section]:
    """Enrollments, their results and the competency assessments."""
    enrollments = list(
        person.enrollments.select_related(
            "cohort__programme__provider", "result__assessment"
        ).order_by("enrolled_on", "pk")
    )
    return [
        _enrollments_section(enrollments),
        _results_section(enrollments),
        _assessments_section(person),
    ]


def _enrollments_section(enrollments: list[Enrollment]) -> Section:
    """The person's enrollments, each with its cohort's programme, provider and dates."""
    cohort_columns = [
        ("programme", gettext_lazy("programme"), lambda e: e.cohort.programme.name),
        ("cohort", gettext_lazy("cohort"), lambda e: e.cohort.name),
        ("provider", gettext_lazy("provider"), lambda e: e.cohort.programme.provider.name),
        ("cohort_start", gettext_lazy("start date"), lambda e: e.cohort.start_date),
        ("cohort_end", gettext_lazy("end date"), lambda e: e.cohort.end_date),
    ]
    return model_section(
        "enrollments",
        gettext_lazy("Enrollments"),
        Enrollment,
        ["status", "enrolled_on", "withdrawn_on", "withdrawal_reason"],
        enrollments,
        extra=cohort_columns,
    )


def _results_section(enrollments: list[Enrollment]) -> Section:
    """The training result of each enrollment that has one."""
    results = [e for e in enrollments if hasattr(e, "result")]
    return model_section(
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


def _assessments_section(person: JobSeeker) -> Section:
    """The competency assessments of all the person's enrollments."""
    return model_section(
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
