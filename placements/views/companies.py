"""The company register's pages (officers: their office's register; admins: all), and a
company administrator's page of colleagues."""

from __future__ import annotations

import re
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from placements.filters import CompanyRegisterPageFilter
from placements.forms.companies import CompanyForm, InviteForm, SuspendForm
from placements.models import Vacancy
from placements.services.companies import (
    company_register,
    company_reinstate,
    company_suspend,
    company_update,
    company_verify,
)
from placements.services.company_import import COLUMNS as IMPORT_COLUMNS
from placements.services.company_import import TEMPLATE_HEADERS, companies_import
from placements.services.company_users import company_user_deactivate, company_user_invite
from placements.tables import CompanyTable, company_status_badge
from vokasi.errors import Conflict, add_to_form
from vokasi.exports import ListExportMixin
from vokasi.models import ApiKey, Company, User
from vokasi.roles import COMPANY, OFFICE, RoleRequiredMixin, is_admin, is_officer, role_required
from vokasi.views.uploads import template_response, upload_checked

#: Errors listed on the import page; all of them are in the downloadable file.
#: Vacancies listed on a company's page, newest first.
VACANCIES_SHOWN = 20


def _company(request: HttpRequest, pk: int) -> Company:
    return get_object_or_404(
        Company.objects.in_register_of(request.user).select_related(
            "sector", "region", "office", "status_changed_by"
        ),
        pk=pk,
    )


class CompanyListView(RoleRequiredMixin, ListExportMixin, SingleTableMixin, FilterView):
    roles = OFFICE
    export_name = _lazy("companies")
    table_class = CompanyTable
    filterset_class = CompanyRegisterPageFilter
    template_name = "placements/company_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Company.objects.in_register_of(self.request.user)
            .select_related("region")
            .order_by("name", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["awaiting"] = (
            Company.objects.in_register_of(self.request.user)
            .filter(status=Company.Status.UNVERIFIED)
            .count()
        )
        return context


def _existing_link(request, error: Conflict) -> Company | None:
    """The company that already has the NIB, when the caller's register holds it."""
    if error.existing_id is None:
        return None
    return Company.objects.in_register_of(request.user).filter(pk=error.existing_id).first()


@role_required(OFFICE)
def company_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Put a company on the register, or change what it records."""
    company = _company(request, pk) if pk is not None else None
    choose_office = company is None and is_admin(request.user)
    status, existing = 200, None
    if request.method == "POST":
        form = CompanyForm(request.POST, choose_office=choose_office)
        if form.is_valid():
            try:
                if company is None:
                    company = company_register(
                        data=form.company_data(),
                        by=request.user,
                        office=form.cleaned_data.get("office"),
                    )
                    messages.success(
                        request,
                        _("%(name)s is on the register, awaiting verification.")
                        % {"name": company.name},
                    )
                else:
                    company_update(company=company, changes=form.company_data(), by=request.user)
                    messages.success(request, _("The company's record is saved."))
                return redirect("placements:company-detail", pk=company.pk)
            except Conflict as error:
                add_to_form(form, error)
                existing = _existing_link(request, error)
            except ValidationError as error:
                add_to_form(form, error)
        status = 400
    elif company is not None:
        initial = {
            field: getattr(company, field)
            for field in CompanyForm.base_fields
            if field not in ("sector", "region", "office")
        }
        # The NPWP as the register stores it, digits only (a legacy formatted one too).
        initial.update(
            sector=company.sector_id,
            region=company.region_id,
            npwp=re.sub(r"\D", "", company.npwp),
        )
        form = CompanyForm(initial=initial)
    else:
        form = CompanyForm(choose_office=choose_office)
    return render(
        request,
        "placements/company_form.html",
        {"form": form, "company": company, "existing": existing},
        status=status,
    )


@role_required(OFFICE)
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk)
    vacancies = (
        Vacancy.objects.filter(company=company)
        .select_related("occupation")
        .order_by("-opens_on", "-id")[:VACANCIES_SHOWN]
    )
    return render(
        request,
        "placements/company_detail.html",
        {
            "company": company,
            "status_badge": company_status_badge(company.status, company.get_status_display()),
            "users": company.users.order_by("-is_active", "username"),
            "vacancies": vacancies,
            "vacancy_count": Vacancy.objects.filter(company=company).count(),
            "suspend_form": SuspendForm(),
            "invite_form": InviteForm(),
        },
    )


def _status_change(request: HttpRequest, pk: int, change, success: str, **kwargs):
    company = _company(request, pk)
    try:
        change(company=company, by=request.user, **kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success % {"name": company.name})
    return redirect("placements:company-detail", pk=company.pk)


@require_POST
@role_required(OFFICE)
def company_verify_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(request, pk, company_verify, _("%(name)s is verified."))


@require_POST
@role_required(OFFICE)
def company_suspend_view(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk)
    form = SuspendForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("placements:company-detail", pk=company.pk)
    return _status_change(
        request,
        pk,
        company_suspend,
        _("%(name)s is suspended."),
        reason=form.cleaned_data["reason"],
    )


@require_POST
@role_required(OFFICE)
def company_reinstate_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(request, pk, company_reinstate, _("%(name)s is reinstated."))


def _invite(request: HttpRequest, company: Company) -> bool:
    """Send the invitation the form posted; says on the next page what happened."""
    form = InviteForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for message in errors:
                messages.error(request, f"{form.fields[field].label}: {message}")
        return False
    try:
        user = company_user_invite(
            company=company,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            username=form.cleaned_data["username"],
            admin=form.cleaned_data["company_admin"],
            by=request.user,
            site_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(
        request,
        _("%(username)s is invited: %(email)s gets a link to choose a password.")
        % {"username": user.username, "email": user.email},
    )
    return True


@require_POST
@role_required(OFFICE)
def company_invite(request: HttpRequest, pk: int) -> HttpResponse:
    company = _company(request, pk)
    _invite(request, company)
    return redirect("placements:company-detail", pk=company.pk)


# -------------------------------------------------------------------------- import


def _import_office(request):
    """The office whose register an import fills: the officer's own."""
    if not is_officer(request.user) or request.user.office is None:
        raise PermissionDenied(_("Only a labour-office officer imports companies."))
    return request.user.office


@role_required(OFFICE)
def company_import(request: HttpRequest) -> HttpResponse:
    """Upload a list of companies; check it first (dry run), then register them all."""
    office = _import_office(request)
    context: dict = {"max_mb": settings.VOKASI_UPLOAD_MAX_BYTES // 1_048_576}
    status = 200
    if request.method == "POST":
        outcome, status, result = upload_checked(
            request, partial(companies_import, office=office, by=request.user)
        )
        context.update(outcome)
        if result is not None and result.ok and not result.dry_run:
            messages.success(
                request,
                _("%(created)s companies put on the register.")
                % {"created": intcomma(result.created)},
            )
    context["columns"] = IMPORT_COLUMNS
    return render(request, "placements/company_import.html", context, status=status)


@role_required(OFFICE)
def company_import_template(request: HttpRequest) -> HttpResponse:
    """An empty sheet with the expected headers, to fill in and upload."""
    return template_response(TEMPLATE_HEADERS, "perusahaan.csv")


# --------------------------------------------------------------- the company's users


def _company_admin(request: HttpRequest) -> None:
    if not request.user.company_admin:
        raise PermissionDenied(_("Only the company's administrator manages its users."))


@role_required(COMPANY)
def company_users(request: HttpRequest) -> HttpResponse:
    """The company's users; its administrator invites, deactivates and revokes keys."""
    company = request.user.company
    if request.method == "POST":
        _company_admin(request)
        _invite(request, company)
        return redirect("placements:company-users")
    users = company.users.order_by("-is_active", "username")
    keys = (
        ApiKey.objects.filter(user__company=company)
        .exclude(user=request.user)
        .select_related("user")
        .order_by("user__username", "-created_at")
        if request.user.company_admin
        else ApiKey.objects.none()
    )
    return render(
        request,
        "placements/company_users.html",
        {"company": company, "users": users, "keys": keys, "invite_form": InviteForm()},
    )


@require_POST
@role_required(COMPANY)
def company_user_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    _company_admin(request)
    colleague = get_object_or_404(User, pk=pk, company_id=request.user.company_id)
    try:
        company_user_deactivate(user=colleague, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(username)s can no longer log in; their keys are revoked.")
            % {"username": colleague.username},
        )
    return redirect("placements:company-users")
