"""Follow-ups that are due and not recorded: the officer's (and company's) chase list,
each row with the way to record it."""

from __future__ import annotations

import django_tables2 as tables
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from placements.selectors.pending import follow_up_months, follow_ups_due
from placements.views.placements import FOLLOW_UP_RECORDERS
from vokasi import exports
from vokasi.dates import add_months
from vokasi.roles import OFFICE_AND_COMPANY, has_role, is_officer, role_required


class FollowUpDueTable(tables.Table):
    job_seeker = tables.Column(accessor="job_seeker__name", verbose_name=_("Name"))
    company = tables.Column(accessor="employer_name", verbose_name=_("Company"), orderable=False)
    start_date = tables.DateColumn(format="d-m-Y", verbose_name=_("Start date"))
    due_on = tables.Column(empty_values=(), orderable=False, verbose_name=_("Due on"))
    contract_type = tables.Column(verbose_name=_("Contract"))
    actions = tables.Column(
        empty_values=(), orderable=False, verbose_name=_("Actions"), exclude_from_export=True
    )

    class Meta:
        attrs = {"class": "table", "data-testid": "follow-ups-due"}
        order_by = ("start_date",)

    def __init__(self, *args, months: int, user, back: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.months = months
        self.is_officer = is_officer(user)
        self.can_record = has_role(user, FOLLOW_UP_RECORDERS)
        self.back = back
        if not self.can_record:
            self.columns.hide("actions")

    def render_job_seeker(self, record, value) -> str:
        # The officer goes to the person's page; a company sees only its placement.
        if self.is_officer:
            url = reverse("trainees:job-seeker-detail", args=[record.job_seeker_id])
        else:
            url = reverse("placements:placement-detail", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, value)

    export_kinds = {"due_on": exports.DATE}

    def render_due_on(self, record) -> str:
        return add_months(record.start_date, self.months).strftime("%d-%m-%Y")

    def render_actions(self, record) -> str:
        record_url = reverse("placements:placement-follow-up", args=[record.pk])
        return format_html(
            '<a class="button primary" href="{}?{}" data-testid="record-follow-up">{}</a> '
            '<a href="{}">{}</a>',
            record_url,
            urlencode({"next": self.back}),
            _("Record follow-up"),
            reverse("placements:placement-detail", args=[record.pk]),
            _("Placement"),
        )

    def value_job_seeker(self, value):
        return value

    def value_due_on(self, record):
        return add_months(record.start_date, self.months)


@role_required(OFFICE_AND_COMPANY)
def follow_ups_due_list(request):
    user = request.user
    choices = follow_up_months()
    try:
        months = int(request.GET.get("months", choices[0]))
    except ValueError:
        months = choices[0]
    if months not in choices:
        months = choices[0]
    table = FollowUpDueTable(
        follow_ups_due(user, months=months),
        months=months,
        user=user,
        back=request.get_full_path(),
    )
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    fmt = exports.requested_format(request)
    if fmt:
        return exports.export_table(
            request,
            table,
            fmt=fmt,
            name=_("follow-ups-due"),
            parts=[months],
            personal_data="follow-ups due",
        )
    return render(
        request,
        "placements/follow_ups_due.html",
        {"table": table, "months": months, "choices": choices},
    )
