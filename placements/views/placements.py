"""Placements on the pages: the list, one placement with its follow-ups, recording a job a
person found themself (officer) and recording a follow-up (officer or company)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_tables2 import SingleTableView

from placements.forms.placements import FollowUpForm, PlacementRecordForm
from placements.models import Placement
from placements.services import placement_follow_up
from placements.services.placements import FOLLOW_UP_RECORDERS, placement_record
from placements.tables import PlacementTable
from trainees.models import JobSeeker
from vokasi.errors import Conflict, add_to_form
from vokasi.exports import ListExportMixin
from vokasi.models import Role
from vokasi.roles import OFFICE_AND_COMPANY, RoleRequiredMixin, has_role, is_officer

#: The labour office's counter: an officer acts for the people of their own office.
COUNTER = frozenset({Role.OFFICER})


def _placements(user):
    return Placement.objects.visible_to(user).select_related(
        "company", "job_seeker", "vacancy", "occupation"
    )


class PlacementListView(RoleRequiredMixin, ListExportMixin, SingleTableView):
    roles = OFFICE_AND_COMPANY
    export_name = gettext_lazy("placements")
    export_personal_data = "placements: list"
    table_class = PlacementTable
    template_name = "placements/placement_list.html"
    paginate_by = 50

    def get_queryset(self):
        return _placements(self.request.user).order_by("-start_date", "-id")


class PlacementDetailView(RoleRequiredMixin, View):
    """One placement, its follow-ups, and the form to record the next one."""

    roles = OFFICE_AND_COMPANY

    def get(self, request, pk: int):
        placement = get_object_or_404(_placements(request.user), pk=pk)
        return render(
            request,
            "placements/placement_detail.html",
            {
                "placement": placement,
                "follow_ups": placement.follow_ups.order_by("-checked_on"),
                "can_follow_up": has_role(request.user, FOLLOW_UP_RECORDERS),
                "form": FollowUpForm(),
                "is_officer": is_officer(request.user),
            },
        )


class PlacementRecordView(RoleRequiredMixin, View):
    """An officer records a job the person found themself: the placement is created and
    the registration ends as placed, both by ``placement_record``."""

    roles = COUNTER

    def dispatch(self, request, *args, **kwargs):
        if has_role(request.user, self.roles):
            self.person = get_object_or_404(
                JobSeeker.objects.visible_to(request.user), pk=kwargs["pk"]
            )
            if self.person.status != JobSeeker.Status.ACTIVE or self.person.is_anonymised:
                messages.error(
                    request,
                    _("The registration is %(status)s, not active.")
                    % {"status": self.person.get_status_display()},
                )
                return redirect("trainees:job-seeker-detail", pk=self.person.pk)
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form, status=200):
        return render(
            self.request,
            "placements/placement_record.html",
            {"person": self.person, "form": form},
            status=status,
        )

    def get(self, request, pk: int):
        return self._render(PlacementRecordForm(user=request.user))

    def post(self, request, pk: int):
        form = PlacementRecordForm(request.POST, user=request.user)
        if not form.is_valid():
            return self._render(form, 400)
        try:
            placement = placement_record(
                job_seeker=self.person, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_to_form(form, error)
            return self._render(form, 400)
        except Conflict as conflict:
            form.add_error(None, str(conflict.message))
            return self._render(form, 409)
        messages.success(
            request,
            _("The job at %(company)s is recorded; the registration ended as placed.")
            % {"company": placement.employer_name},
        )
        return redirect("trainees:job-seeker-detail", pk=self.person.pk)


class FollowUpRecordView(RoleRequiredMixin, View):
    """Is the person still employed? The person's office or the placement's company
    answers; ``placement_follow_up`` keeps the rules (not before the start, not in the
    future, one check a day)."""

    roles = FOLLOW_UP_RECORDERS

    def dispatch(self, request, *args, **kwargs):
        if has_role(request.user, self.roles):
            self.placement = get_object_or_404(_placements(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _next(self) -> str:
        """Where to go afterwards: back to the list the row came from, else the placement."""
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=False
        ):
            return target
        return ""

    def _render(self, form, status=200):
        return render(
            self.request,
            "placements/follow_up_form.html",
            {
                "placement": self.placement,
                "follow_ups": self.placement.follow_ups.order_by("-checked_on"),
                "form": form,
                "next": self._next(),
                "is_officer": is_officer(self.request.user),
            },
            status=status,
        )

    def get(self, request, pk: int):
        return self._render(FollowUpForm())

    def post(self, request, pk: int):
        form = FollowUpForm(request.POST)
        if not form.is_valid():
            return self._render(form, 400)
        try:
            _follow_up, created = placement_follow_up(
                placement=self.placement, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_to_form(form, error)
            return self._render(form, 400)
        except Conflict as conflict:
            form.add_error("checked_on", str(conflict.message))
            return self._render(form, 409)
        if created:
            messages.success(
                request,
                _("The follow-up of %(name)s is recorded.")
                % {"name": self.placement.job_seeker.name},
            )
        else:
            messages.info(request, _("This follow-up was already recorded."))
        return redirect(self._next() or self.placement_url())

    def placement_url(self) -> str:
        return reverse("placements:placement-detail", args=[self.placement.pk])
