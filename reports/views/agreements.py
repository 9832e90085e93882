"""The agreements' pages that read: the list, one agreement with its monitoring and
evaluation (realisation against every target, by quarter, with charts), and the M&E
report across agreements (page, print layout, CSV, XLSX). Nothing here counts anything:
``reports/agreements.py`` does."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.forms.agreements import EvaluationForm, LinkForm, TargetForm
from placements.models import Apprenticeship, Internship, Vacancy
from reports import agreements as me
from reports import charts, columns, formatting
from reports.exporting import export_response
from reports.forms import RangeForm
from reports.scope import reader_scope
from reports.tables import query_without
from trainees.models import Cohort, Programme, Scholarship
from vokasi.agreements.services import can_manage, can_write_agreements
from vokasi.exports import requested_format
from vokasi.models import Agreement
from vokasi.roles import TRAINING, has_role, role_required

STATUS_BADGE = {"on_track": "ok", "completed": "ok", "behind": "warn", "at_risk": "bad"}


def status_label(code: str) -> str:
    return {
        "on_track": _("on track"),
        "behind": _("behind"),
        "at_risk": _("at risk"),
        "completed": _("completed"),
        "expired": _("expired"),
    }.get(code, code)


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    """The agreements the caller may read, each with its status; ``?attention=expiring``
    or ``behind`` narrows to the home page's tasks."""
    today = timezone.localdate()
    agreements = list(
        me.with_targets(Agreement.objects.visible_to(request.user)).order_by(
            "-valid_from", "number", "pk"
        )
    )
    ids = [a.pk for a in agreements]
    targeted = {t.measure for a in agreements for s in a.scope_items.all() for t in s.targets.all()}
    found = me.events(ids, targeted)
    latest = me.latest_evaluations(ids)
    rows = []
    for agreement in agreements:
        status = me.status(
            agreement,
            me.target_rows(agreement, found, today=today),
            latest.get(agreement.pk),
            today,
        )
        rows.append(
            {
                "agreement": agreement,
                "status": status,
                "label": status_label(status),
                "badge": STATUS_BADGE.get(status, ""),
            }
        )
    attention = request.GET.get("attention")
    if attention == "expiring":
        soon = today + datetime.timedelta(days=me.EXPIRING_DAYS)
        rows = [r for r in rows if today <= r["agreement"].valid_to <= soon]
    elif attention == "behind":
        rows = [r for r in rows if r["status"] in ("behind", "at_risk")]
    return render(
        request,
        "reports/agreement_list.html",
        {
            "rows": rows,
            "can_create": can_write_agreements(request.user),
            # The M&E report is a reports page: not for the companies.
            "can_read_report": has_role(request.user, TRAINING),
            "attention": attention,
        },
    )


def _charts(result: dict) -> list[charts.Chart]:
    counted = [r for r in result["rows"] if r.realised is not None and r.target]
    out = []
    if counted:
        out.append(
            charts.Chart(
                title=_("Realisation against target"),
                categories=[f"{r.measure_label} ({r.item_label})" for r in counted],
                series=[
                    charts.Series(_("Realised ÷ target"), [min(r.share, 9.99) for r in counted]),
                    charts.Series(_("Expected by now"), [r.expected / r.target for r in counted]),
                ],
                fmt=formatting.percent,
                max_value=max(1.0, *(min(r.share, 9.99) for r in counted)),
                testid="chart-realisation",
            )
        )
    periods = result["periods"]
    measures = [c for c in periods.columns if c not in ("period", "from", "to")]
    if len(periods) and measures:
        labels = {r.measure: r.measure_label for r in result["rows"]}
        out.append(
            charts.Chart(
                title=_("Realisation per quarter"),
                categories=list(periods["period"]),
                series=[charts.Series(labels[m], periods[m].tolist()) for m in measures],
                kind="vbar",
                testid="chart-quarters",
            )
        )
    return out


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        me.with_targets(Agreement.objects.visible_to(request.user)), pk=pk
    )
    result = me.realisation(agreement)
    manage = can_manage(request.user, agreement)
    context = {
        "agreement": agreement,
        "result": result,
        **_quarter_table(result),
        "status_label": status_label(result["status"]),
        "status_badge": STATUS_BADGE.get(result["status"], ""),
        "charts": _charts(result),
        "evaluations": agreement.evaluations.select_related("recorded_by"),
        **_internships_and_scholarships(agreement),
        **_linked_cohorts(agreement),
        **_linked_vacancies(agreement),
        "implementations": agreement.implementations.all(),
        "can_manage": manage,
    }
    if manage:
        context.update(_management(request.user, agreement))
    return render(request, "reports/agreement_detail.html", context)


def _quarter_table(result: dict) -> dict:
    """The realisation per quarter as a table: a column per measure."""
    periods = result["periods"]
    measures = [c for c in periods.columns if c not in ("period", "from", "to")]
    labels = {r.measure: r.measure_label for r in result["rows"]}
    return {
        "quarter_headers": [labels[m] for m in measures],
        "quarter_rows": [
            (record["period"], [record[m] for m in measures])
            for record in periods.to_dict("records")
        ]
        if measures
        else [],
    }


def _internships_and_scholarships(agreement: Agreement) -> dict:
    return {
        "internships": Internship.objects.filter(agreement=agreement).select_related(
            "institution__provider", "host__company"
        ),
        "scholarships": Scholarship.objects.filter(agreement=agreement).select_related(
            "job_seeker"
        ),
        "has_scholarship_scope": any(s.item == "scholarship" for s in agreement.scope_items.all()),
    }


def _linked_cohorts(agreement: Agreement) -> dict:
    """The latest 50 cohorts under the agreement (its own, or their programme's), with
    their trainees and completions, and how many there are."""
    linked = Cohort.objects.filter(
        Q(agreement=agreement) | Q(agreement__isnull=True, programme__agreement=agreement)
    )
    shown = list(linked.order_by("-start_date", "-pk").values_list("pk", flat=True)[:50])
    cohorts = (
        Cohort.objects.filter(pk__in=shown)
        .select_related("programme__provider")
        .annotate(
            trainees=Count("enrollments", filter=~Q(enrollments__status="withdrawn")),
            completed=Count("enrollments", filter=Q(enrollments__result__outcome="completed")),
        )
        .order_by("-start_date", "-pk")
    )
    return {"cohorts": cohorts, "cohort_count": linked.count()}


def _linked_vacancies(agreement: Agreement) -> dict:
    """The latest 20 vacancies under the agreement, how many, and its apprenticeships."""
    return {
        "vacancies": Vacancy.objects.filter(agreement=agreement)
        .select_related("company")
        .order_by("-opens_on", "-pk")[:20],
        "vacancy_count": Vacancy.objects.filter(agreement=agreement).count(),
        # Naming the agreement, or through a linked vacancy: two counts, each on its
        # index, rather than one OR across the join (a scan of every vacancy).
        "apprenticeships": Apprenticeship.objects.filter(agreement=agreement).count()
        + Apprenticeship.objects.filter(vacancy__agreement=agreement)
        .exclude(agreement=agreement)
        .count(),
    }


def _management(user, agreement: Agreement) -> dict:
    """What a user who manages the agreement sees besides: its programmes and
    apprenticeships, and the forms to evaluate, set targets and link records."""
    return {
        "programmes": Programme.objects.filter(agreement=agreement)
        .select_related("provider")
        .order_by("name", "pk"),
        "linked_apprenticeships": Apprenticeship.objects.filter(agreement=agreement)
        .select_related("job_seeker", "company")
        .order_by("-start_date", "-pk")[:50],
        "evaluation_form": EvaluationForm(initial={"evaluated_on": timezone.localdate()}),
        "target_form": TargetForm(),
        "link_form": LinkForm(user=user, agreement=agreement),
        "has_institution": agreement.parties.filter(kind="provider").exists(),
    }


@role_required(TRAINING)
def agreements_report(request: HttpRequest) -> HttpResponse:
    """The M&E report: every agreement's targets, realised in the period and to date."""
    scope = reader_scope(request)
    form = RangeForm(request.GET, scope=scope)
    context = {"form": form, "scope": scope}
    if not form.is_valid():
        return render(request, "reports/agreements.html", context, status=400)
    date_from, date_to = form.cleaned_data["from"], form.cleaned_data["to"]
    agreements = Agreement.objects.visible_to(request.user)
    if scope.office is not None:
        agreements = agreements.filter(parties__office=scope.office).distinct()
    rows = me.report(agreements, date_from, date_to)
    fmt = requested_format(request)
    if fmt:
        return export_response(
            me.report_frame(rows),
            columns.agreements(),
            fmt=fmt,
            title=_("Agreements: monitoring and evaluation"),
            filename=_("agreements") + f"-{date_from}-{date_to}",
        )
    for row in rows:
        row["label"] = status_label(row["status"])
        row["badge"] = STATUS_BADGE.get(row["status"], "")
        for target in row["targets"]:
            target["scope_label"] = me.ScopeItem(target["scope"]).label
            target["measure_label"] = me.Measure(target["measure"]).label
            done = target["realised_to_date"]
            target["share"] = (
                done / target["target"] if done is not None and target["target"] else None
            )
    context.update(ready=True, rows=rows, date_from=date_from, date_to=date_to, office=scope.office)
    template = (
        "reports/agreements_print.html" if request.GET.get("print") else "reports/agreements.html"
    )
    if request.GET.get("print"):
        context["screen_query"] = query_without(request, "print", "format")
    return render(request, template, context)


# The agreements' own pages, mounted at /agreements/ (``vokasi/urls.py``) under their own
# namespace; the agreements report is one of the reports' pages (``reports/urls.py``).
app_name = "agreements"

urlpatterns = [
    path("", agreement_list, name="list"),
    path("<int:pk>/", agreement_detail, name="detail"),
]
