"""Export headers of each report, ``[(frame column, header)]``: one list for CSV and XLSX."""

from __future__ import annotations

from django.utils.translation import gettext as _


def link_and_match() -> list[tuple[str, str]]:
    return [
        ("key", _("Code")),
        ("name", _("Name")),
        ("demand", _("Demand (openings)")),
        ("supply_certified", _("Supply: certified")),
        ("supply_trained", _("Supply: trained")),
        ("supply_declared", _("Supply: declared")),
        ("supply", _("Supply: total")),
        ("pipeline", _("Pipeline")),
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
        ("pipeline", _("Pipeline")),
        ("unmet", _("Unmet demand")),
        ("cohorts", _("Cohorts of 16 to open")),
        ("programmes", _("Programmes that teach it")),
    ]
