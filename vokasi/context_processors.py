"""Navigation per role, built once per request for the base layout (its paths reversed
once per process: ``vokasi.home.constant_url``)."""

from __future__ import annotations

from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vokasi.home import constant_url
from vokasi.models import Role
from vokasi.roles import role_of

# (url name, label, roles that see it). Entries whose URL is not installed are skipped,
# so each app adds its pages here by name and they appear once their URLs exist.
NAVIGATION = [
    ("home", _("Home"), {Role.OFFICER, Role.TRAINER, Role.EMPLOYER, Role.ADMIN}),
    ("trainees:job-seeker-list", _("Job seekers"), {Role.OFFICER, Role.ADMIN}),
    ("trainees:programme-list", _("Programmes"), {Role.OFFICER, Role.TRAINER, Role.ADMIN}),
    ("trainees:cohort-list", _("Cohorts"), {Role.OFFICER, Role.TRAINER, Role.ADMIN}),
    ("placements:vacancy-list", _("Vacancies"), {Role.OFFICER, Role.EMPLOYER, Role.ADMIN}),
    ("placements:referral-list", _("Referrals"), {Role.OFFICER, Role.ADMIN}),
    ("placements:placement-list", _("Placements"), {Role.OFFICER, Role.EMPLOYER, Role.ADMIN}),
    ("placements:hire-list", _("Hire reports"), {Role.OFFICER, Role.EMPLOYER, Role.ADMIN}),
    (
        "placements:follow-ups-due",
        pgettext_lazy("navigation", "Follow-ups"),
        {Role.OFFICER, Role.EMPLOYER, Role.ADMIN},
    ),
    (
        "placements:apprenticeship-list",
        _("Apprenticeships"),
        {Role.OFFICER, Role.EMPLOYER, Role.ADMIN},
    ),
    ("placements:company-list", _("Companies"), {Role.OFFICER, Role.ADMIN}),
    ("agreements:list", _("Agreements"), {Role.OFFICER, Role.TRAINER, Role.EMPLOYER, Role.ADMIN}),
    ("placements:apikey-list", _("API keys"), {Role.EMPLOYER}),
    ("placements:company-users", _("Colleagues"), {Role.EMPLOYER}),
    ("reports:index", _("Reports"), {Role.OFFICER, Role.TRAINER, Role.ADMIN}),
    ("audit-changes", _("Audit"), {Role.ADMIN}),
    ("admin:index", _("Administration"), {Role.ADMIN}),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    role = role_of(user)
    items = []
    for name, label, roles in NAVIGATION:
        if role not in roles:
            continue
        try:
            url = constant_url(name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": request.path == url})
    return {"navigation": items}
