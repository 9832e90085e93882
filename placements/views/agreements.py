"""Agreement pages that write: record and edit an agreement, evaluate it, set a target,
link a cohort, vacancy or apprenticeship, record a student internship; and the signed
document's download. The agreement's own page and the list (with realisation) are in
``reports/views/agreements.py``.

Officers write the agreements their office is party to, admins all; a refused role gets
403 and an agreement outside the caller's scope 404. A refusal by a service comes back
as the form's errors (400 with the page) or, for the small forms on the agreement's
page, as a message on that page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from placements.forms.agreements import (
    AgreementForm,
    EvaluationForm,
    InternshipForm,
    LinkForm,
    PartyFormSet,
    TargetForm,
    UnlinkForm,
    organisation_choices,
)
from placements.services.agreements import (
    InternshipInput,
    apprenticeship_link_agreement,
    internship_record,
    internship_remove,
    vacancy_link_agreement,
)
from trainees.services.agreements import cohort_link_agreement, programme_link_agreement
from vokasi.agreements import services
from vokasi.agreements.documents import document_response
from vokasi.errors import Conflict, add_to_form
from vokasi.models import Agreement
from vokasi.roles import OFFICE, role_required
from vokasi.tabular.types import TableError


def _managed(request: HttpRequest, pk: int) -> Agreement:
    """The agreement, if the caller may see it (else 404) and change it (else 403); the
    views using it are for ``OFFICE`` only, so another role gets 403 before any lookup."""
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    services.require_manager(request.user, agreement)
    return agreement


def _detail(agreement: Agreement):
    return redirect("agreements:detail", pk=agreement.pk)


def _party_initial(agreement: Agreement | None, user) -> list[dict]:
    if agreement is None:
        first = {"organisation": f"office:{user.office_id}", "role": _("first party")}
        return [first, {}] if user.office_id else [{}, {}]
    rows = []
    for p in agreement.parties.all():
        key = "other" if p.kind == "other" else f"{p.kind}:{p.organisation_id}"
        rows.append(
            {
                "organisation": key,
                "other_name": p.other_name,
                "other_kind": p.other_kind,
                "role": p.role,
            }
        )
    return rows


def _agreement_initial(agreement: Agreement) -> dict:
    initial = {
        "kind": agreement.kind,
        "number": agreement.number,
        "title": agreement.title,
        "parent": agreement.parent_id,
        "signed_on": agreement.signed_on,
        "valid_from": agreement.valid_from,
        "valid_to": agreement.valid_to,
        "scope": [s.item for s in agreement.scope_items.all()],
    }
    from placements.forms.agreements import MEASURE_ITEM

    for scope in agreement.scope_items.all():
        for target in scope.targets.all():
            if MEASURE_ITEM.get(target.measure) == scope.item:
                initial[f"target_{target.measure}"] = target.target
    return initial


def _existing_targets(agreement: Agreement) -> dict:
    return {
        s.item: {t.measure: t.target for t in s.targets.all()} for s in agreement.scope_items.all()
    }


@role_required(OFFICE)
def agreement_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Record a new agreement (``pk`` None) or change one."""
    agreement = _managed(request, pk) if pk is not None else None
    choices = organisation_choices(request.user)
    status = 200
    if request.method == "POST":
        form = AgreementForm(request.POST, request.FILES, user=request.user, instance=agreement)
        parties = PartyFormSet(request.POST, prefix="party", form_kwargs={"choices": choices})
        if form.is_valid() and parties.is_valid():
            chosen = [p for p in (f.party() for f in parties.forms) if p is not None]
            keep = _existing_targets(agreement) if agreement else None
            data = form.data_for_service(chosen, keep)
            document = form.cleaned_data.get("document")
            try:
                if agreement is None:
                    agreement = services.agreement_create(
                        actor=request.user, data=data, document=document
                    )
                    messages.success(
                        request, _("Agreement %(n)s recorded.") % {"n": agreement.number}
                    )
                else:
                    services.agreement_update(
                        actor=request.user, agreement=agreement, data=data, document=document
                    )
                    messages.success(request, _("Agreement %(n)s saved.") % {"n": agreement.number})
                return _detail(agreement)
            except TableError as error:
                form.add_error("document", str(error))
                status = error.status
            except (ValidationError, Conflict) as error:
                # The parties' errors go above the form: it has no field of that name.
                add_to_form(form, error)
        status = max(status, 400)
    else:
        initial = _agreement_initial(agreement) if agreement else {"kind": "pks"}
        form = AgreementForm(initial=initial, user=request.user, instance=agreement)
        parties = PartyFormSet(
            prefix="party",
            initial=_party_initial(agreement, request.user),
            form_kwargs={"choices": choices},
        )
        parties.extra = 2
    return render(
        request,
        "placements/agreement_form.html",
        {"form": form, "parties": parties, "agreement": agreement},
        status=status,
    )


def _post_back(request: HttpRequest, agreement: Agreement, form, action) -> HttpResponse:
    """Run ``action(cleaned_data)`` for a small form on the agreement's page; any refusal
    is a message on the page (and a 302 back to it), nothing written."""
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return _detail(agreement)
    try:
        message = action(form.cleaned_data)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, message)
    return _detail(agreement)


@role_required(OFFICE)
@require_POST
def agreement_evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed(request, pk)

    def evaluate(data) -> str:
        services.agreement_evaluate(
            actor=request.user,
            agreement=agreement,
            evaluated_on=data["evaluated_on"],
            status=data["status"],
            note=data["note"],
        )
        return _("Evaluation of %(day)s recorded.") % {
            "day": data["evaluated_on"].strftime("%d-%m-%Y")
        }

    return _post_back(request, agreement, EvaluationForm(request.POST), evaluate)


@role_required(OFFICE)
@require_POST
def agreement_target(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed(request, pk)

    def set_target(data) -> str:
        services.agreement_target_set(
            actor=request.user,
            agreement=agreement,
            item=data["item"],
            measure=data["measure"],
            target=data["target"],
        )
        return _("Target saved.")

    return _post_back(request, agreement, TargetForm(request.POST), set_target)


@role_required(OFFICE)
@require_POST
def agreement_link(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed(request, pk)
    form = LinkForm(request.POST, user=request.user, agreement=agreement)

    def link(data) -> str:
        if data.get("cohort"):
            cohort_link_agreement(actor=request.user, cohort=data["cohort"], agreement=agreement)
            return _("Cohort %(name)s linked.") % {"name": data["cohort"].name}
        if data.get("vacancy"):
            vacancy_link_agreement(actor=request.user, vacancy=data["vacancy"], agreement=agreement)
            return _("Vacancy %(name)s linked.") % {"name": data["vacancy"].title}
        apprenticeship_link_agreement(
            actor=request.user, apprenticeship=data["apprenticeship"], agreement=agreement
        )
        return _("Apprenticeship linked.")

    if not form.is_valid():
        # An id outside the lists (another provider's cohort, a tampered value) is a 400
        # with the reason, as every page's bad input.
        return render(
            request,
            "placements/agreement_link_refused.html",
            {"agreement": agreement, "form": form},
            status=400,
        )
    return _post_back(request, agreement, form, link)


@role_required(OFFICE)
@require_POST
def agreement_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    """Unlink one cohort, programme, vacancy or apprenticeship (its agreement is cleared,
    kept in its change history), or remove an internship; the realisation follows."""
    agreement = _managed(request, pk)
    form = UnlinkForm(request.POST, user=request.user, agreement=agreement)
    if not form.is_valid():
        return render(
            request,
            "placements/agreement_link_refused.html",
            {"agreement": agreement, "form": form, "unlink": True},
            status=400,
        )

    def unlink(data) -> str:
        kind, record = form.chosen
        if kind == "cohort":
            cohort_link_agreement(actor=request.user, cohort=record, agreement=None)
            return _("Cohort %(name)s unlinked.") % {"name": str(record)}
        if kind == "programme":
            programme_link_agreement(actor=request.user, programme=record, agreement=None)
            return _("Programme %(name)s unlinked.") % {"name": record.name}
        if kind == "vacancy":
            vacancy_link_agreement(actor=request.user, vacancy=record, agreement=None)
            return _("Vacancy %(name)s unlinked.") % {"name": record.title}
        if kind == "apprenticeship":
            apprenticeship_link_agreement(actor=request.user, apprenticeship=record, agreement=None)
            return _("Apprenticeship unlinked.")
        internship_remove(actor=request.user, internship=record)
        return _("Internship of %(name)s removed.") % {"name": record.student_name}

    return _post_back(request, agreement, form, unlink)


@role_required(OFFICE)
def internship_new(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _managed(request, pk)
    status = 200
    if request.method == "POST":
        form = InternshipForm(request.POST, agreement=agreement)
        if form.is_valid():
            data = InternshipInput(**form.cleaned_data)
            try:
                internship_record(actor=request.user, agreement=agreement, data=data)
            except ValidationError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Internship of %(name)s recorded.") % {"name": data.student_name},
                )
                return _detail(agreement)
        status = 400
    else:
        today = timezone.localdate()
        form = InternshipForm(agreement=agreement, initial={"start_date": today})
    return render(
        request,
        "placements/internship_form.html",
        {"form": form, "agreement": agreement},
        status=status,
    )


@login_required
def agreement_document(request: HttpRequest, pk: int) -> FileResponse:
    """The signed copy, for whoever may read the agreement."""
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    return document_response(agreement)
