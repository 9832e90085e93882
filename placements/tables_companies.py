"""The company register's list: its table and filters."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from vokasi import exports
from vokasi.models import Company, Region, Sector

COMPANY_STATUS_BADGE = {"verified": "ok", "unverified": "warn", "suspended": "bad"}


class CompanyTable(tables.Table):
    id = tables.Column(verbose_name=_("Id"), visible=False)  # in the downloads only
    name = tables.LinkColumn("placements:company-detail", args=[tables.A("pk")])
    nib = tables.Column(verbose_name=_("NIB"))
    sector = tables.Column(accessor="sector_id", verbose_name=_("KBLI"))
    region = tables.Column(accessor="region__name", verbose_name=_("kecamatan"))
    workforce = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    status = tables.Column()

    class Meta:
        model = Company
        fields = ["id", "name", "nib", "sector", "region", "workforce", "status"]
        order_by = ["name"]
        attrs = {"class": "table", "data-testid": "company-table"}

    export_kinds = {"id": exports.ID, "workforce": exports.COUNT}

    def render_status(self, record, value):
        return format_html(
            '<span class="badge {}">{}</span>', COMPANY_STATUS_BADGE.get(record.status, ""), value
        )

    def value_status(self, value):
        return value


class CompanyRegisterPageFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name or NIB"), method="words")
    status = django_filters.ChoiceFilter(label=_("status"), choices=Company.Status.choices)
    sector = django_filters.ModelChoiceFilter(
        label=_("KBLI sector"), queryset=Sector.objects.order_by("code"), method="in_sector"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("kecamatan"),
        queryset=Region.objects.filter(level=Region.Level.DISTRICT).order_by("code"),
    )

    class Meta:
        model = Company
        fields = ["q", "status", "sector", "region"]

    def in_sector(self, queryset, name, value):
        return queryset.in_sector(value.pk)

    def words(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(nib__startswith=word))
        return queryset
