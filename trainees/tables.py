"""django-tables2 tables of the trainees pages: job seekers (built for a million rows: the
page is paginated lazily so no query counts the whole table), programmes, cohorts, rosters.
They are ``vokasi.tables`` tables, which do their per-column work once per table.
"""

from __future__ import annotations

import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trainees.models import Cohort, Enrollment, JobSeeker, Programme
from trainees.selectors.job_seekers import report_status
from vokasi import exports, formatting
from vokasi.tables import DateColumn, Table

STATUS_BADGE = {
    "planned": "",
    "open": "ok",
    "running": "warn",
    "finished": "",
    "enrolled": "",
    "completed": "ok",
    "failed": "bad",
    "dropped": "bad",
    "withdrawn": "",
    # job seekers
    "active": "ok",
    "placed": "ok",
    "expired": "warn",
    "removed": "bad",
}
REPORT_BADGE = {"overdue": "bad", "due": "warn", "ok": ""}


def badge(value: str, label: str) -> str:
    return formatting.badge(STATUS_BADGE.get(value, ""), label)


class ProgrammeTable(Table):
    name = tables.Column(
        verbose_name=_("Name"), linkify=("trainees:programme-detail", {"pk": tables.A("pk")})
    )
    code = tables.Column(verbose_name=_("Code"))
    provider = tables.Column(verbose_name=_("Training provider"), order_by="provider__name")
    vocation = tables.Column(verbose_name=_("Vocation"), order_by="vocation__name")
    jp_hours = tables.Column(verbose_name=_("JP"), attrs={"td": {"class": "num"}})
    education_min = tables.Column(verbose_name=_("Minimum education"), default="—")
    ages = tables.Column(verbose_name=_("Age"), empty_values=(), orderable=False)
    funding = tables.Column(verbose_name=_("Funding"))
    cohort_count = tables.Column(verbose_name=_("Cohorts"), attrs={"td": {"class": "num"}})

    class Meta:
        model = Programme
        fields = ()
        sequence = (
            "name",
            "code",
            "provider",
            "vocation",
            "jp_hours",
            "education_min",
            "ages",
            "funding",
            "cohort_count",
        )
        empty_text = _("No programmes yet.")

    def render_ages(self, record: Programme) -> str:
        if record.age_min is None and record.age_max is None:
            return "—"
        return f"{record.age_min or ''}–{record.age_max or ''}"


class CohortTable(Table):
    id = tables.Column(verbose_name=_("Id"), visible=False)  # in the downloads only
    name = tables.Column(
        verbose_name=_("Cohort"), linkify=("trainees:cohort-detail", {"pk": tables.A("pk")})
    )
    programme = tables.Column(verbose_name=_("Programme"), order_by="programme__name")
    provider = tables.Column(
        verbose_name=_("Training provider"),
        accessor="programme__provider",
        order_by="programme__provider__name",
    )
    start_date = DateColumn(verbose_name=_("Start"), format="d-m-Y")
    end_date = DateColumn(verbose_name=_("End"), format="d-m-Y")
    place = tables.Column(verbose_name=_("Place"))
    places = tables.Column(
        verbose_name=_("Enrolled / quota"),
        empty_values=(),
        order_by="enrolled",
        attrs={"td": {"class": "num"}},
        exclude_from_export=True,
    )
    # The downloads give the two numbers of "Enrolled / quota" a column each.
    enrolled = tables.Column(verbose_name=_("Enrolled"), visible=False)
    quota = tables.Column(verbose_name=_("Quota"), visible=False)
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Cohort
        fields = ()
        sequence = (
            "id",
            "name",
            "programme",
            "provider",
            "start_date",
            "end_date",
            "place",
            "places",
            "enrolled",
            "quota",
            "status",
        )
        empty_text = _("No cohorts yet.")

    export_kinds = {"id": exports.ID, "enrolled": exports.COUNT, "quota": exports.COUNT}

    def render_places(self, record: Cohort) -> str:
        return f"{record.enrolled} / {record.quota}"

    def render_status(self, record: Cohort) -> str:
        return badge(record.status, record.get_status_display())

    def value_status(self, record: Cohort) -> str:
        return record.get_status_display()


class RosterTable(Table):
    registration_number = tables.Column(
        verbose_name=_("AK/I number"), accessor="job_seeker__registration_number", visible=False
    )  # in the downloads only
    name = tables.Column(verbose_name=_("Name"), accessor="job_seeker__name")
    # Masked like every list; the provider's full NIKs are in the results template file.
    nik = tables.Column(verbose_name=_("NIK"), accessor="job_seeker__masked_nik", orderable=False)
    education = tables.Column(verbose_name=_("Education"), accessor="job_seeker__education")
    region = tables.Column(verbose_name=_("Kecamatan"), accessor="job_seeker__region__name")
    status = tables.Column(verbose_name=_("Status"))
    attendance = tables.Column(
        verbose_name=_("Attendance %"),
        accessor="result__attendance_pct",
        default="—",
        attrs={"td": {"class": "num"}},
    )
    score = tables.Column(
        verbose_name=_("Score"),
        accessor="result__score",
        default="—",
        attrs={"td": {"class": "num"}},
    )
    competency = tables.Column(
        verbose_name=_("Competency"), accessor="result__assessment__result", default="—"
    )
    certificate = tables.Column(
        verbose_name=_("Certificate"), accessor="result__assessment__certificate_no", default="—"
    )
    actions = tables.TemplateColumn(
        verbose_name="",
        orderable=False,
        template_name="trainees/cohort_roster_actions.html",
        exclude_from_export=True,
    )

    class Meta:
        model = Enrollment
        fields = ()
        orderable = False
        empty_text = _("No trainees enrolled yet.")
        sequence = ("registration_number", "...")

    export_kinds = {"attendance": exports.NUMBER, "score": exports.NUMBER}

    def render_status(self, record: Enrollment) -> str:
        return badge(record.status, record.get_status_display())

    def value_status(self, record: Enrollment) -> str:
        return record.get_status_display()

    def value_competency(self, value) -> str:
        return value

    def render_competency(self, record: Enrollment) -> str:
        assessment = record.result.assessment
        css = "ok" if assessment.result == "K" else "warn"
        label = _("Competent") if assessment.result == "K" else _("Not yet competent")
        return formatting.badge(css, label)


class JobSeekerTable(Table):
    # In the downloads only (``?format=csv|xlsx``); the page links the AK/I number instead.
    id = tables.Column(verbose_name=_("Id"), visible=False)
    registration_number = tables.Column(
        verbose_name=_("AK/I number"),
        linkify=("trainees:job-seeker-detail", {"pk": tables.A("pk")}),
    )
    name = tables.Column(verbose_name=_("Name"), order_by=("name_normalised", "id"))
    masked_nik = tables.Column(verbose_name=_("NIK"), orderable=False, accessor="masked_nik")
    sex = tables.Column(verbose_name=_("Sex"))
    age = tables.Column(verbose_name=_("Age"), accessor="birth_date", order_by=("-birth_date",))
    education = tables.Column(verbose_name=_("Education"), accessor="education__name")
    region = tables.Column(verbose_name=_("Kecamatan"), accessor="region__name")
    registered_on = DateColumn(
        verbose_name=_("Registered"), format="d-m-Y", order_by=("registered_on", "id")
    )
    next_report_due = DateColumn(verbose_name=_("Report back due"), format="d-m-Y")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = JobSeeker
        fields: list[str] = []
        sequence = (
            "id",
            "registration_number",
            "name",
            "masked_nik",
            "sex",
            "age",
            "education",
            "region",
            "registered_on",
            "next_report_due",
            "status",
        )
        attrs = {"class": "table", "data-testid": "job-seeker-table"}
        order_by = ("-registered_on",)

    export_kinds = {"id": exports.ID, "age": exports.COUNT}

    def render_age(self, record):
        return record.age_on(timezone.localdate())

    def render_status(self, record, value):
        # ``value`` is the status's label already (django-tables2 reads a choice's display).
        return formatting.badge(STATUS_BADGE.get(record.status, ""), value)

    def value_status(self, record):
        return record.get_status_display()

    def value_next_report_due(self, record, value):
        return value if report_status(record) else None

    def render_next_report_due(self, record, value):
        state = report_status(record)
        if not state:
            return "—"
        return formatting.badge(REPORT_BADGE[state], value.strftime("%d-%m-%Y"))
