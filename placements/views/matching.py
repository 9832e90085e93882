"""The officer's match page: ranked candidates for a vacancy, and referring them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from placements.forms import ReferForm
from placements.matching import candidates_for
from placements.models import Vacancy
from placements.services.referring import AlreadyReferred, referral_create
from vokasi.models import Role


def _officer_or_admin(user) -> None:
    if not (user.is_superuser or user.role in (Role.OFFICER, Role.ADMIN)):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_matches(request, pk: int):
    _officer_or_admin(request.user)
    vacancy = get_object_or_404(
        Vacancy.objects.visible_to(request.user).select_related(
            "company", "occupation", "region", "education_min"
        ),
        pk=pk,
    )
    status = 200
    if request.method == "POST":
        form = ReferForm(request.POST, user=request.user)
        if form.is_valid():
            _refer(request, vacancy, form.cleaned_data["job_seeker"])
            return redirect("placements:vacancy-matches", pk=vacancy.pk)
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        status = 400
    matches = candidates_for(vacancy, user=request.user, limit=50)
    skills = list(vacancy.skill_rows.select_related("skill").order_by("-required", "skill_id"))
    return render(
        request,
        "placements/vacancy_matches.html",
        {"vacancy": vacancy, "matches": matches, "skills": skills},
        status=status,
    )


def _refer(request, vacancy: Vacancy, people) -> None:
    referred = 0
    for person in people:
        try:
            referral_create(vacancy=vacancy, job_seeker=person, referred_by=request.user)
            referred += 1
        except AlreadyReferred:
            messages.warning(request, _("%(name)s was already referred.") % {"name": person.name})
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
    if referred:
        messages.success(
            request,
            _("%(count)d job seeker(s) referred to %(title)s.")
            % {"count": referred, "title": vacancy.title},
        )
