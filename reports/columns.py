"""Export headers of each report, ``[(frame column, header)]``: one list for CSV and XLSX."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports import headers


def link_and_match() -> list[tuple[str, str]]:
    return [
        ("key", _("Code")),
        ("name", _("Name")),
        ("demand", _("Demand (openings)")),
        ("supply_certified", _("Supply: certified")),
        ("supply_trained", _("Supply: trained")),
        ("supply_declared", _("Supply: declared")),
        ("supply", _("Supply: total")),
        ("pipeline", _("In training (pipeline)")),
        ("placed", _("Placed")),
        ("gap", _("Gap")),
        ("ratio", _("Supply ÷ demand")),
        ("demand_per_seeker", _("Openings per job seeker")),
        ("label", _("Status")),
    ]


def recommendation() -> list[tuple[str, str]]:
    return [
        ("key", _("Code")),
        ("name", _("Name")),
        ("vocation_name", _("Vocation")),
        ("demand", _("Demand (openings)")),
        ("supply", _("Supply: total")),
        ("pipeline", _("In training (pipeline)")),
        ("unmet", _("Unmet demand")),
        ("cohorts", headers.cohorts()),
        ("programmes", _("Programmes that teach it")),
    ]


def outcomes() -> list[tuple[str, str]]:
    from reports.outcomes import horizons

    near, far, retention = horizons()
    return [
        ("key", _("Code")),
        ("name", _("Name")),
        ("enrolled", _("Trainees enrolled")),
        ("completed", _("Completed")),
        ("completion_rate", _("Completion rate")),
        ("assessed", _("Assessed")),
        ("certified", _("Certified (K)")),
        ("certification_rate", _("Certification rate")),
        ("placed_90d", headers.placed(near)),
        ("placement_rate_90d", headers.placement_rate(near)),
        ("placed_180d", headers.placed(far)),
        ("placement_rate_180d", headers.placement_rate(far)),
        ("median_days_to_placement", _("Median days to placement")),
        ("median_starting_wage", _("Median starting wage (Rp)")),
        ("followed_6m", headers.followed(retention)),
        ("retained_6m", headers.retained(retention)),
        ("retention_rate_6m", _("Retention rate")),
        ("apprenticeships_finished", _("Apprenticeships finished")),
        ("apprenticeships_hired", _("Apprenticeships ending in a hire")),
        ("apprenticeship_hire_rate", _("Apprenticeship-to-hire rate")),
        ("running_cohorts", _("Cohorts still running")),
        ("in_training", _("Trainees still in training")),
    ]


def vacancies() -> list[tuple[str, str]]:
    return [
        ("id", _("Vacancy")),
        ("title", _("Job title")),
        ("company__name", _("Company")),
        ("occupation_id", _("Occupation (KBJI)")),
        ("region__name", _("Workplace")),
        ("openings", _("Openings")),
        ("filled", _("Filled")),
        ("opens_on", _("Opens on")),
        ("closes_on", _("Closes on")),
    ]


def funnel() -> list[tuple[str, str]]:
    return [
        ("stage", _("Stage")),
        ("people", _("People")),
        ("median_days", _("Median days from registration")),
    ]
