"""Apprenticeship pages: the list, one agreement, the office's approval and the company's end.

The rules (duration, allowance, age at the start, the company's share of apprentices,
what an end records) live in ``apprenticeship_approve`` and ``apprenticeship_finish``,
the services the API calls too; the pages only collect the input and show the refusals.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from placements.filters import ApprenticeshipPageFilter
from placements.forms.apprenticeships import ApprovalForm, FinishForm
from placements.models import Apprenticeship
from placements.services import apprenticeship_finish
from placements.services.apprenticeships import apprenticeship_approve, apprenticeship_capacity
from placements.tables import ApprenticeshipTable
from vokasi.errors import Conflict, add_to_form
from vokasi.exports import ListExportMixin
from vokasi.roles import COMPANY, OFFICE, OFFICE_AND_COMPANY, RoleRequiredMixin, has_role


class ApprenticeshipListView(RoleRequiredMixin, ListExportMixin, SingleTableMixin, FilterView):
    """Officers: the apprenticeships of their office's people; companies: their own."""

    roles = OFFICE_AND_COMPANY
    export_name = gettext_lazy("apprenticeships")
    export_personal_data = "apprenticeships: list"
    table_class = ApprenticeshipTable
    filterset_class = ApprenticeshipPageFilter
    template_name = "placements/apprenticeship_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Apprenticeship.objects.visible_to(self.request.user)
            .select_related("company", "job_seeker", "vacancy")
            .order_by("-start_date", "-id")
        )


def _apprenticeship(request, pk: int) -> Apprenticeship:
    return get_object_or_404(
        Apprenticeship.objects.visible_to(request.user).select_related(
            "company", "job_seeker", "job_seeker__office", "vacancy", "approved_by", "placement"
        ),
        pk=pk,
    )


def _detail(request, item: Apprenticeship, *, approval=None, finish=None, status: int = 200):
    is_office = has_role(request.user, OFFICE)
    can_approve = is_office and item.status == Apprenticeship.Status.PROPOSED
    can_finish = has_role(request.user, COMPANY) and item.status in (
        Apprenticeship.Status.APPROVED,
        Apprenticeship.Status.RUNNING,
    )
    context = {
        "item": item,
        "age_at_start": item.job_seeker.age_on(item.start_date),
        "capacity": apprenticeship_capacity(item.company),
        "is_office": is_office,
        "can_approve": can_approve,
        "can_finish": can_finish,
        "approval_form": approval or ApprovalForm(initial={"agreement_no": item.agreement_no}),
        "finish_form": finish
        or FinishForm(initial={"finished_on": timezone.localdate(), "contract_type": "pkwt"}),
    }
    return render(request, "placements/apprenticeship_detail.html", context, status=status)


class ApprenticeshipDetailView(RoleRequiredMixin, View):
    roles = OFFICE_AND_COMPANY

    def get(self, request, pk: int):
        return _detail(request, _apprenticeship(request, pk))


class ApprenticeshipApproveView(RoleRequiredMixin, View):
    """The labour office of the apprentice approves the agreement (or learns why not)."""

    roles = OFFICE
    http_method_names = ["post"]

    def post(self, request, pk: int):
        item = _apprenticeship(request, pk)
        form = ApprovalForm(request.POST)
        if form.is_valid():
            try:
                apprenticeship_approve(apprenticeship=item, by=request.user, **form.cleaned_data)
            except (ValidationError, Conflict) as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The apprenticeship agreement is approved."))
                return redirect("placements:apprenticeship-detail", pk=item.pk)
        return _detail(request, item, approval=form, status=400)


class ApprenticeshipFinishView(RoleRequiredMixin, View):
    """The company records the end: completed or dropped, hired or not."""

    roles = COMPANY
    http_method_names = ["post"]

    def post(self, request, pk: int):
        item = _apprenticeship(request, pk)
        form = FinishForm(request.POST)
        if form.is_valid():
            try:
                apprenticeship_finish(apprenticeship=item, by=request.user, **form.cleaned_data)
            except (ValidationError, Conflict) as error:
                add_to_form(form, error)
            else:
                messages.success(request, _("The end of the apprenticeship is recorded."))
                return redirect("placements:apprenticeship-detail", pk=item.pk)
        return _detail(request, item, finish=form, status=400)
