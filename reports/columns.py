"""Export headers of each report, ``[(frame column, header[, kind])]``: one list for CSV and
XLSX. The kind types the workbook's cells (``vokasi.exports``): counts, rates, amounts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports import headers
from vokasi.exports import COUNT, DATE, ID, MONEY, NUMBER, RATE


def link_and_match() -> list[tuple]:
    return [
        ("key", _("Code")),
        ("name", _("Name")),
        ("demand", _("Demand (openings)"), COUNT),
        ("supply_certified", _("Supply: certified"), COUNT),
        ("supply_trained", _("Supply: trained"), COUNT),
        ("supply_declared", _("Supply: declared"), COUNT),
        ("supply", _("Supply: total"), COUNT),
        ("pipeline", _("In training (pipeline)"), COUNT),
        ("placed", _("Placed"), COUNT),
        ("gap", _("Gap"), COUNT),
        ("ratio", _("Supply ÷ demand"), NUMBER),
        ("demand_per_seeker", _("Openings per job seeker"), NUMBER),
        ("label", _("Status")),
    ]


def recommendation() -> list[tuple]:
    return [
        ("key", _("Code")),
        ("name", _("Name")),
        ("vocation_name", _("Vocation")),
        ("demand", _("Demand (openings)"), COUNT),
        ("supply", _("Supply: total"), COUNT),
        ("pipeline", _("In training (pipeline)"), COUNT),
        ("unmet", _("Unmet demand"), COUNT),
        ("cohorts", headers.cohorts(), COUNT),
        ("programmes", _("Programmes that teach it")),
    ]


def outcomes() -> list[tuple]:
    from reports import costs
    from reports.outcomes import horizons

    near, far, retention = horizons()
    return [
        ("key", _("Code")),
        ("name", _("Name")),
        ("enrolled", _("Trainees enrolled"), COUNT),
        ("completed", _("Completed"), COUNT),
        ("completion_rate", _("Completion rate"), RATE),
        ("assessed", _("Assessed"), COUNT),
        ("certified", _("Certified (K)"), COUNT),
        ("certification_rate", _("Certification rate"), RATE),
        ("placed_90d", headers.placed(near), COUNT),
        ("placement_rate_90d", headers.placement_rate(near), RATE),
        ("placed_180d", headers.placed(far), COUNT),
        ("placement_rate_180d", headers.placement_rate(far), RATE),
        ("median_days_to_placement", _("Median days to placement"), COUNT),
        ("median_starting_wage", _("Median starting wage (Rp)"), MONEY),
        ("followed_6m", headers.followed(retention), COUNT),
        ("retained_6m", headers.retained(retention), COUNT),
        ("retention_rate_6m", _("Retention rate"), RATE),
        ("apprenticeships_finished", _("Apprenticeships finished"), COUNT),
        ("apprenticeships_hired", _("Apprenticeships ending in a hire"), COUNT),
        ("apprenticeship_hire_rate", _("Apprenticeship-to-hire rate"), RATE),
        ("running_cohorts", _("Cohorts still running"), COUNT),
        ("in_training", _("Trainees still in training"), COUNT),
        *costs.outcome_export_columns(),
    ]


def vacancies() -> list[tuple]:
    return [
        ("id", _("Vacancy"), ID),
        ("title", _("Job title")),
        ("company__name", _("Company")),
        ("occupation_id", _("Occupation (KBJI)")),
        ("region__name", _("Workplace")),
        ("openings", _("Openings"), COUNT),
        ("filled", _("Filled"), COUNT),
        ("opens_on", _("Opens on"), DATE),
        ("closes_on", _("Closes on"), DATE),
    ]


def funnel() -> list[tuple]:
    return [
        ("stage", _("Stage")),
        ("people", _("People"), COUNT),
        ("median_days", _("Median days from registration"), NUMBER),
    ]
