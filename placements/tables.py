from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from placements.models import Placement, Vacancy

STATUS_BADGE = {"open": "ok", "filled": "warn", "closed": "bad"}


class VacancyTable(tables.Table):
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

    def render_status(self, record, value):
        return format_html(
            '<span class="badge {}">{}</span>', STATUS_BADGE.get(record.status, ""), value
        )

    def render_occupation(self, record):
        return record.occupation.code


class PlacementTable(tables.Table):
    person = tables.LinkColumn(
        "placements:placement-detail",
        args=[tables.A("pk")],
        accessor="job_seeker__name",
        verbose_name=_("name"),
        orderable=False,
    )
    company = tables.Column(accessor="employer_name", verbose_name=_("company"), orderable=False)
    vacancy = tables.Column(accessor="vacancy__title", verbose_name=_("vacancy"), default="—")
    start_date = tables.DateColumn(format="d-m-Y")
    wage = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})

    class Meta:
        model = Placement
        fields = ["person", "company", "vacancy", "start_date", "contract_type", "wage", "source"]
        order_by = ["-start_date"]
        attrs = {"class": "table", "data-testid": "placement-table"}

    def render_wage(self, value):
        from django.contrib.humanize.templatetags.humanize import intcomma

        return f"Rp {intcomma(value)}"
