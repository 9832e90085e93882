"""The placements sections of a person's personal-data export (subject access, UU
27/2022): referrals and the companies' decisions, apprenticeships, placements and their
follow-ups. ``trainees.selectors.personal_data`` builds the export; placements adds these
through ``placements.contributions``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from placements.models import Apprenticeship, FollowUp, Placement, Referral, ReferralDecision
from trainees.models import JobSeeker
from trainees.selectors.personal_data import Section, model_section


def job_seeker_personal_data_sections(person: JobSeeker) -> list[Section]:
    """The placements sections of the personal-data export (a bounded number of queries)."""
    return [
        *_referral_sections(person),
        _apprenticeship_section(person),
        *_placement_sections(person),
    ]


def _referral_sections(person: JobSeeker) -> list[Section]:
    referrals = list(
        Referral.objects.filter(job_seeker=person)
        .select_related("vacancy__company")
        .prefetch_related("decisions")
        .order_by("referred_at", "pk")
    )
    vacancy_columns = [
        ("vacancy", gettext_lazy("vacancy"), lambda r: r.vacancy.title),
        ("company", gettext_lazy("company"), lambda r: r.vacancy.company.name),
    ]
    sections = [
        model_section(
            "referrals",
            gettext_lazy("Referrals"),
            Referral,
            ["referred_at", "status", "match_score", "decided_at"],
            referrals,
            extra=vacancy_columns,
        )
    ]
    decisions = [(d, r) for r in referrals for d in r.decisions.all()]
    sections.append(
        model_section(
            "decisions",
            gettext_lazy("Referral decisions"),
            ReferralDecision,
            ["decision", "decided_at", "start_date", "wage", "note"],
            [d for d, _r in decisions],
            extra=[
                ("vacancy", gettext_lazy("vacancy"), lambda d: d.referral.vacancy.title),
                ("company", gettext_lazy("company"), lambda d: d.referral.vacancy.company.name),
            ],
        )
    )
    return sections


def _apprenticeship_section(person: JobSeeker) -> Section:
    return model_section(
        "apprenticeships",
        gettext_lazy("Apprenticeships"),
        Apprenticeship,
        [
            "agreement_no",
            "programme_description",
            "start_date",
            "duration_months",
            "allowance",
            "status",
            "approved_on",
            "finished_on",
            "hired",
        ],
        Apprenticeship.objects.filter(job_seeker=person)
        .select_related("company")
        .order_by("start_date", "pk"),
        extra=[("company", gettext_lazy("company"), lambda a: a.company.name)],
    )


def _placement_sections(person: JobSeeker) -> list[Section]:
    placements = list(
        Placement.objects.filter(job_seeker=person)
        .select_related("company", "vacancy")
        .prefetch_related("follow_ups")
        .order_by("start_date", "pk")
    )
    sections = [
        model_section(
            "placements",
            gettext_lazy("Placements"),
            Placement,
            ["start_date", "contract_type", "wage", "channel", "source"],
            placements,
            extra=[
                ("company", gettext_lazy("company"), lambda p: p.employer_name),
                (
                    "vacancy",
                    gettext_lazy("vacancy"),
                    lambda p: p.vacancy.title if p.vacancy else "",
                ),
            ],
        )
    ]
    sections.append(
        model_section(
            "follow_ups",
            gettext_lazy("Follow-ups"),
            FollowUp,
            ["checked_on", "employed", "wage"],
            [f for p in placements for f in p.follow_ups.all()],
            extra=[("company", gettext_lazy("company"), lambda f: f.placement.employer_name)],
        )
    )
    return sections
