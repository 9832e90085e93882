"""The pipeline funnel page (labour office): stages reached, days taken, people behind."""

from __future__ import annotations

import dataclasses

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from reports import charts, funnel
from reports.forms import RangeForm
from reports.scope import scope_for
from trainees.models import JobSeeker, Programme, Sex
from vokasi import exports
from vokasi.audit import Action, record_access
from vokasi.jobs.exports import export_later
from vokasi.models import Region, Vocation
from vokasi.roles import OFFICE, role_required

DRILL_LIMIT = 200


class FunnelForm(RangeForm):
    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["programme"] = forms.ModelChoiceField(
            Programme.objects.all(), required=False, label=_("Programme"), empty_label=_("All")
        )
        self.fields["vocation"] = forms.ModelChoiceField(
            Vocation.objects.all(), required=False, label=_("Vocation"), empty_label=_("All")
        )
        self.fields["region"] = forms.ModelChoiceField(
            Region.objects.filter(level=Region.Level.DISTRICT),
            required=False,
            label=_("Kecamatan"),
            empty_label=_("All"),
        )
        self.fields["sex"] = forms.ChoiceField(
            choices=[("", _("All")), *Sex.choices], required=False, label=_("Sex")
        )


def funnel_filters(form: FunnelForm, scope) -> funnel.Filters:
    """The funnel's filters from a valid form: the page and the API read them alike."""
    data = form.cleaned_data
    office = data.get("office") or scope.office
    return funnel.Filters(
        date_from=data["from"],
        date_to=data["to"],
        office_id=office.pk if office else None,
        region_id=data["region"].pk if data.get("region") else None,
        sex=data.get("sex") or None,
        programme_id=data["programme"].pk if data.get("programme") else None,
        vocation_id=data["vocation"].pk if data.get("vocation") else None,
    )


@role_required(OFFICE)
def pipeline_funnel(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = scope_for(user, request.GET.get("office"))
    form = FunnelForm(request.GET, scope=scope)
    context = {"form": form, "scope": scope}
    if form.is_valid():
        filters = funnel_filters(form, scope)
        stages, frame = funnel.funnel(JobSeeker.objects.visible_to(user), filters)
        chosen = request.GET.get("stage")
        people = []
        if chosen and scope.can_see_people:
            ids = funnel.people_at(frame, chosen)[:DRILL_LIMIT]
            people = list(
                JobSeeker.objects.visible_to(user)
                .filter(pk__in=ids)
                .select_related("region", "education")
                .order_by("name")
            )
        fmt = exports.requested_format(request)
        if fmt and (later := export_later(request, rows=len(people) or len(stages))):
            return later
        if fmt:
            return funnel_export(request, fmt, stages, chosen if people else None, people)
        if people:
            record_access(request, "view", "funnel: people", object_id=chosen, people=len(people))
        context.update(
            stages=stages,
            chart=charts.Chart(
                title=str(_("People who reached each stage")),
                categories=[stage.label for stage in stages],
                series=[charts.Series(str(_("people")), [stage.people for stage in stages])],
                testid="chart-pipeline-funnel",
            ),
            chosen=chosen,
            people=people,
            drill_limit=DRILL_LIMIT,
        )
    context["retention_days"] = funnel.retention_days()
    return render(request, "reports/funnel.html", context)


def funnel_export(request, fmt: str, stages, chosen: str | None, people) -> HttpResponse:
    """The stages as the page shows them; with a stage chosen (and people allowed), the
    people behind it, whose export is logged."""
    if chosen:
        record_access(
            request, Action.EXPORT, "funnel: people", object_id=chosen, people=len(people)
        )
        rows = [
            {
                "id": person.pk,
                "registration_number": person.registration_number,
                "name": person.name,
                "region": person.region.name if person.region else "",
                "education": str(person.education or ""),
            }
            for person in people
        ]
        columns = [
            ("id", _("Id"), exports.ID),
            ("registration_number", _("AK/I number")),
            ("name", _("Name")),
            ("region", _("Kecamatan")),
            ("education", _("Education")),
        ]
        parts = [chosen]
    else:
        rows = [dataclasses.asdict(stage) for stage in stages]
        columns = [
            ("label", _("Stage")),
            ("people", _("People"), exports.COUNT),
            ("share", _("Of those registered"), exports.RATE),
            ("median_days", _("Median days since registration"), exports.NUMBER),
        ]
        parts = []
    return exports.rows_response(
        rows, columns, fmt=fmt, title=_("Pipeline funnel"), name=_("pipeline-funnel"), parts=parts
    )
