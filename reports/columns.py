"""The columns of each report, declared once: the page table (``reports.tables``), the
CSV and XLSX files (``[(frame column, header[, kind])]``, ``export_columns``) and the
API's rows (the frame's columns, by the same names) all follow these lists.

A column's kind types the workbook's cells (``vokasi.exports``: counts, rates, amounts)
and picks how the page shows it (``reports.tables.PAGE_COLUMNS``). The page may show a
shorter header, and leaves out the columns that only the files carry (the code, which the
page shows beside the name, and the detail counts behind a rate).
Headers are built when asked for, so they follow the language of the request and the
settings they name (``reports.headers``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reports import headers
from vokasi.exports import COUNT, DATE, ID, MONEY, NUMBER, RATE


@dataclass(frozen=True)
class Column:
    #: The frame column (and the API row key).
    name: str
    #: The header in the files, and on the page unless ``page_header`` says otherwise.
    header: str
    #: The cell kind (``vokasi.exports``); None: text.
    kind: str | None = None
    page_header: str | None = None
    #: False: in the files only.
    on_page: bool = True

    def export(self) -> tuple:
        return (self.name, self.header, self.kind) if self.kind else (self.name, self.header)

    @property
    def shown_as(self) -> str:
        return self.page_header or self.header


def export_columns(spec: list[Column]) -> list[tuple]:
    return [column.export() for column in spec]


def _code() -> Column:
    return Column("key", _("Code"), on_page=False)


def link_and_match_spec() -> list[Column]:
    return [
        _code(),
        Column("name", _("Name")),
        Column("demand", _("Demand (openings)"), COUNT),
        Column("supply_certified", _("Supply: certified"), COUNT),
        Column("supply_trained", _("Supply: trained"), COUNT),
        Column("supply_declared", _("Supply: declared"), COUNT),
        Column("supply", _("Supply: total"), COUNT),
        Column("pipeline", _("In training (pipeline)"), COUNT),
        Column("placed", _("Placed"), COUNT),
        Column("gap", _("Gap"), COUNT),
        Column("ratio", _("Supply ÷ demand"), NUMBER),
        Column("demand_per_seeker", _("Openings per job seeker"), NUMBER),
        Column("label", _("Status")),
    ]


def recommendation_spec() -> list[Column]:
    return [
        _code(),
        Column("name", _("Name"), page_header=_("Skill")),
        Column("vocation_name", _("Vocation")),
        Column("demand", _("Demand (openings)"), COUNT),
        Column("supply", _("Supply: total"), COUNT),
        Column("pipeline", _("In training (pipeline)"), COUNT),
        Column("unmet", _("Unmet demand"), COUNT),
        Column("cohorts", headers.cohorts(), COUNT),
        Column("programmes", _("Programmes that teach it")),
    ]


<<<<<<< HEAD
def outcomes_spec() -> list[Column]:
=======
def outcomes() -> list[tuple]:
    from reports import costs
>>>>>>> funding
    from reports.outcomes import horizons

    near, far, retention = horizons()
    return [
<<<<<<< HEAD
        _code(),
        Column("name", _("Name")),
        Column("enrolled", _("Trainees enrolled"), COUNT),
        Column("completed", _("Completed"), COUNT),
        Column("completion_rate", _("Completion rate"), RATE, _("Completion")),
        Column("assessed", _("Assessed"), COUNT, on_page=False),
        Column("certified", _("Certified (K)"), COUNT),
        Column("certification_rate", _("Certification rate"), RATE, _("K among assessed")),
        Column("placed_90d", headers.placed(near), COUNT, headers.placed(near, short=True)),
        Column(
            "placement_rate_90d",
            headers.placement_rate(near),
            RATE,
            headers.placement_rate(near, short=True),
        ),
        Column("placed_180d", headers.placed(far), COUNT, headers.placed(far, short=True)),
        Column(
            "placement_rate_180d",
            headers.placement_rate(far),
            RATE,
            headers.placement_rate(far, short=True),
        ),
        Column("median_days_to_placement", _("Median days to placement"), COUNT),
        Column(
            "median_starting_wage",
            _("Median starting wage (Rp)"),
            MONEY,
            _("Median starting wage"),
        ),
        Column("followed_6m", headers.followed(retention), COUNT, on_page=False),
        Column("retained_6m", headers.retained(retention), COUNT, on_page=False),
        Column("retention_rate_6m", _("Retention rate"), RATE, headers.retained(retention)),
        Column("apprenticeships_finished", _("Apprenticeships finished"), COUNT, on_page=False),
        Column(
            "apprenticeships_hired",
            _("Apprenticeships ending in a hire"),
            COUNT,
            on_page=False,
        ),
        Column(
            "apprenticeship_hire_rate",
            _("Apprenticeship-to-hire rate"),
            RATE,
            _("Apprenticeship to hire"),
        ),
        Column("running_cohorts", _("Cohorts still running"), COUNT),
        Column("in_training", _("Trainees still in training"), COUNT),
=======
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
>>>>>>> funding
    ]


def link_and_match() -> list[tuple]:
    return export_columns(link_and_match_spec())


def recommendation() -> list[tuple]:
    return export_columns(recommendation_spec())


def outcomes() -> list[tuple]:
    return export_columns(outcomes_spec())


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
