"""Follow-ups that are due and not recorded: the officer's (and company's) chase list,
each row with the way to record it."""

from __future__ import annotations

import django_tables2 as tables
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from placements.selectors.pending import follow_up_months, follow_ups_due
from placements.tables import FollowUpDueTable
from vokasi import exports
from vokasi.roles import OFFICE_AND_COMPANY, role_required


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
