"""The job-seeker list: its table and its filters, built for a million rows.

Every filter turns into an indexed condition (the search: fragments of the name, NIK or
AK/I number through trigram indexes on PostgreSQL, ``job_seeker_search``; birth-date
ranges for age groups; an EXISTS for a skill), and the page is paginated lazily so no
query counts the whole table.
"""

from __future__ import annotations

import datetime

import django_filters
import django_tables2 as tables
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from trainees.models import JobSeeker, JobSeekerSkill, Sex
from trainees.selectors import DUE_SOON_DAYS, job_seeker_search, report_status
from vokasi import exports
from vokasi.age_groups import AGE_GROUPS
from vokasi.dates import birth_range
from vokasi.models import EducationLevel, Region, Skill

STATUS_BADGE = {"active": "ok", "placed": "ok", "expired": "warn", "removed": "bad"}
REPORT_BADGE = {"overdue": "bad", "due": "warn", "ok": ""}


class JobSeekerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("NIK, AK/I number or name"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=JobSeeker.Status.choices)
    region = django_filters.ModelChoiceFilter(
        label=_("Kecamatan"), queryset=Region.objects.filter(level=Region.Level.DISTRICT)
    )
    education = django_filters.ModelChoiceFilter(
        label=_("Education"), queryset=EducationLevel.objects.order_by("rank")
    )
    sex = django_filters.ChoiceFilter(label=_("Sex"), choices=Sex.choices)
    age = django_filters.ChoiceFilter(
        label=_("Age group"),
        choices=[(group.key, group.key) for group in AGE_GROUPS],
        method="filter_age",
    )
    skill = django_filters.ModelChoiceFilter(
        label=_("Skill"),
        queryset=Skill.objects.order_by("code"),
        method="filter_skill",
    )
    report = django_filters.ChoiceFilter(
        label=_("Report back"),
        choices=[("overdue", _("overdue")), ("due", _("due within 30 days"))],
        method="filter_report",
    )

    class Meta:
        model = JobSeeker
        fields: list[str] = []

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        if office is not None:
            # An officer's kecamatan are those of their own city.
            self.filters["region"].queryset = Region.objects.filter(
                level=Region.Level.DISTRICT, parent_id=office.region_id
            )

    def search(self, queryset, name, value):
        return job_seeker_search(queryset, value)

    def filter_age(self, queryset, name, value):
        for group in AGE_GROUPS:
            if group.key == value:
                earliest, latest = birth_range(timezone.localdate(), group.lowest, group.highest)
                queryset = queryset.filter(birth_date__lte=latest)
                if earliest:
                    queryset = queryset.filter(birth_date__gte=earliest)
        return queryset

    def filter_skill(self, queryset, name, value):
        return queryset.filter(
            Exists(JobSeekerSkill.objects.filter(job_seeker=OuterRef("pk"), skill=value))
        )

    def filter_report(self, queryset, name, value):
        today = timezone.localdate()
        active = Q(status=JobSeeker.Status.ACTIVE)
        if value == "overdue":
            return queryset.filter(active, next_report_due__lt=today)
        return queryset.filter(
            active,
            next_report_due__gte=today,
            next_report_due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )


class JobSeekerTable(tables.Table):
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
    registered_on = tables.DateColumn(
        verbose_name=_("Registered"), format="d-m-Y", order_by=("registered_on", "id")
    )
    next_report_due = tables.DateColumn(verbose_name=_("Report back due"), format="d-m-Y")
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

    def render_status(self, record):
        return format_html(
            '<span class="badge {}">{}</span>',
            STATUS_BADGE.get(record.status, ""),
            record.get_status_display(),
        )

    def value_status(self, record):
        return record.get_status_display()

    def value_next_report_due(self, record, value):
        return value if report_status(record) else None

    def render_next_report_due(self, record, value):
        state = report_status(record)
        if not state:
            return "—"
        return format_html(
            '<span class="badge {}">{}</span>', REPORT_BADGE[state], value.strftime("%d-%m-%Y")
        )
