"""The officer's matching pages: ranked candidates for a vacancy, and referring them; and
referring one person, from their page, to a vacancy that fits them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from placements.forms.matching import ReferForm, VacancyChoiceForm
from placements.matching import candidates_for
from placements.models import Vacancy
from placements.services.referrals import AlreadyReferred, referral_create
from trainees.models import JobSeeker
from vokasi.roles import OFFICE, role_required


@role_required(OFFICE)
@require_http_methods(["GET", "POST"])
def vacancy_matches(request, pk: int):
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
    today = timezone.localdate()
    for match in matches:  # shown beside the vacancy's age limit
        match.age = match.job_seeker.age_on(today)
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


@role_required(OFFICE)
@require_POST
def job_seeker_refer(request, pk: int):
    """Refer the person to one vacancy (the "refer" buttons on the person's page)."""
    person = get_object_or_404(JobSeeker.objects.visible_to(request.user), pk=pk)
    back = redirect(reverse("trainees:job-seeker-detail", args=[person.pk]) + "#vacancies")
    form = VacancyChoiceForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(
                request, _("The referral was not made: %(why)s") % {"why": " ".join(errors)}
            )
        return back
    vacancy = form.cleaned_data["vacancy"]
    try:
        referral_create(vacancy=vacancy, job_seeker=person, referred_by=request.user)
    except AlreadyReferred:
        messages.warning(
            request,
            _("%(name)s was already referred to %(title)s.")
            % {"name": person.name, "title": vacancy.title},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is referred to %(title)s at %(company)s.")
            % {"name": person.name, "title": vacancy.title, "company": vacancy.company.name},
        )
    return back
