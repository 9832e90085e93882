from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from placements.models import Placement, Vacancy
from vokasi import exports

STATUS_BADGE = {"open": "ok", "filled": "warn", "closed": "bad"}


class VacancyTable(tables.Table):
    id = tables.Column(verbose_name=_("Id"), visible=False)  # in the downloads only
    title = tables.LinkColumn("placements:vacancy-detail", args=[tables.A("pk")])
    company = tables.Column(accessor="company__name", verbose_name=_("company"))
    openings = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    filled = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    opens_on = tables.DateColumn(format="d-m-Y")
    closes_on = tables.DateColumn(format="d-m-Y")
    status = tables.Column()

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "title",
            "company",
            "kind",
            "occupation",
            "openings",
            "filled",
            "opens_on",
            "closes_on",
            "status",
        ]
        order_by = ["-opens_on"]
        attrs = {"class": "table", "data-testid": "vacancy-table"}

    export_kinds = {"id": exports.ID, "openings": exports.COUNT, "filled": exports.COUNT}

    def render_status(self, record, value):
        return format_html(
            '<span class="badge {}">{}</span>', STATUS_BADGE.get(record.status, ""), value
        )

    def value_status(self, value):
        return value

    def render_occupation(self, record):
        return record.occupation.code


class PlacementTable(tables.Table):
    id = tables.Column(verbose_name=_("Id"), visible=False)  # in the downloads only
    person = tables.Column(accessor="job_seeker__name", verbose_name=_("name"), orderable=False)
    company = tables.Column(accessor="company__name", verbose_name=_("company"))
    vacancy = tables.Column(accessor="vacancy__title", verbose_name=_("vacancy"), default="—")
    start_date = tables.DateColumn(format="d-m-Y")
    wage = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})

    class Meta:
        model = Placement
        fields = [
            "id",
            "person",
            "company",
            "vacancy",
            "start_date",
            "contract_type",
            "wage",
            "source",
        ]
        order_by = ["-start_date"]
        attrs = {"class": "table", "data-testid": "placement-table"}

    export_kinds = {"id": exports.ID, "wage": exports.MONEY}

    def value_wage(self, value):
        return value

    def render_wage(self, value):
        from django.contrib.humanize.templatetags.humanize import intcomma

        return f"Rp {intcomma(value)}"
