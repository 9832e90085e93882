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


def _costs_per_outcome(page: dict[str, str]) -> list[Column]:
    """The four costs per outcome (whole Rupiah); ``page``: those the page shows, with
    their page headers."""
    return [
        Column(name, header, MONEY, page.get(name), on_page=name in page)
        for name, header in (
            ("cost_per_participant", _("Cost per participant (Rp)")),
            ("cost_per_completer", _("Cost per completer (Rp)")),
            ("cost_per_certified", _("Cost per certified person (Rp)")),
            ("cost_per_placement", _("Cost per placement (Rp)")),
        )
    ]


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


def outcomes_spec() -> list[Column]:
    from reports.outcomes import horizons

    near, far, retention = horizons()
    return [
        _code(),
        Column("name", _("Name")),
        *_training_outcome_columns(),
        *_placement_outcome_columns(near, far),
        *_retention_and_apprenticeship_columns(retention),
        *_tracer_and_cost_columns(),
    ]


def _training_outcome_columns() -> list[Column]:
    return [
        Column("enrolled", _("Trainees enrolled"), COUNT),
        Column("completed", _("Completed"), COUNT),
        Column("completion_rate", _("Completion rate"), RATE, _("Completion")),
        Column("assessed", _("Assessed"), COUNT, on_page=False),
        Column("certified", _("Certified (K)"), COUNT),
        Column("certification_rate", _("Certification rate"), RATE, _("K among assessed")),
    ]


def _placement_outcome_columns(near: int, far: int) -> list[Column]:
    """Placed within the near and the far horizon (days), and how soon and at what wage."""
    return [
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
    ]


def _retention_and_apprenticeship_columns(retention: int) -> list[Column]:
    """Retained after ``retention`` days, apprenticeships ending in a hire, and the cohorts
    and trainees still running."""
    return [
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
    ]


def _tracer_and_cost_columns() -> list[Column]:
    """The tracer and the costs (``reports/costs.py``)."""
    return [
        Column("employed_or_self_employed", _("Employed or self-employed"), COUNT),
        Column(
            "employed_or_self_employed_rate",
            _("Employed or self-employed rate"),
            RATE,
            on_page=False,
        ),
        *_costs_per_outcome(
            page={
                "cost_per_completer": _("Cost per completer"),
                "cost_per_placement": _("Cost per placement"),
            }
        ),
    ]


def costs_spec() -> list[Column]:
    """The cost-per-outcome table (``reports.costs.cost_table``)."""
    return [
        _code(),
        Column("name", _("Name")),
        Column("cohorts", _("Cohorts"), COUNT),
        Column("lines", _("Funding lines"), COUNT, on_page=False),
        Column("seats", _("Seats (packages)"), COUNT, _("Seats")),
        Column("budgeted", _("Budget (Rp)"), MONEY, _("Budget")),
        Column("spent", _("Spent (Rp)"), MONEY, _("Spent")),
        Column("over_budget", _("Lines over budget"), COUNT, on_page=False),
        Column("participants", _("Participants (share)"), NUMBER, on_page=False),
        Column("completers", _("Completers (share)"), NUMBER, on_page=False),
        Column("certified", _("Certified (share)"), NUMBER, on_page=False),
        Column("placed", _("Placed (share)"), NUMBER, on_page=False),
        *_costs_per_outcome(
            page={
                "cost_per_participant": _("Per participant"),
                "cost_per_completer": _("Per completer"),
                "cost_per_certified": _("Per certified person"),
                "cost_per_placement": _("Per placement"),
            }
        ),
    ]


def compliance_spec(by: str = "company") -> list[Column]:
    """The compliance report (``reports.compliance``): counts, then the shares the page
    charts; by company also the status and the last report date."""
    per_company = by == "company"
    return [
        Column(
            "key",
            _("Company id") if per_company else _("Code"),
            ID if per_company else None,
            on_page=False,
        ),
        Column("name", _("Name")),
        *(
            [
                Column("status_label", _("Status")),
                Column("overdue", _("Overdue vacancies"), COUNT, _("Overdue")),
                Column("last_report", _("Last report"), DATE),
            ]
            if per_company
            else []
        ),
        Column(
            "companies",
            _("Companies on the register"),
            COUNT,
            _("Companies"),
            on_page=not per_company,
        ),
        Column(
            "companies_reporting",
            _("Companies reporting"),
            COUNT,
            _("Reporting"),
            on_page=not per_company,
        ),
        Column("reporting_rate", _("Reporting rate"), RATE, on_page=not per_company),
        Column("vacancies", _("Vacancies reported"), COUNT, _("Vacancies")),
        Column("openings", _("Openings"), COUNT),
        Column("fills_reported", _("Vacancies reported filled"), COUNT, _("Fills reported")),
        Column("hires", _("Hires reported"), COUNT, _("Hires")),
        Column("hires_local", _("Hires living in the city"), COUNT, _("Local hires")),
        Column("local_share", _("Local-hire share"), RATE, _("Local share")),
        Column("hires_referred", _("Hires referred by the labour office"), COUNT, on_page=False),
        Column("referred_share", _("Share through Vokasi"), RATE, _("Through Vokasi")),
        Column("hires_trained", _("Hires trained before"), COUNT, on_page=False),
        Column("trained_share", _("Share previously trained"), RATE, _("Trained before")),
        *([] if per_company else [Column("overdue", _("Overdue vacancies"), COUNT, _("Overdue"))]),
    ]


def compliance(by: str = "company") -> list[tuple]:
    return export_columns(compliance_spec(by))


def link_and_match() -> list[tuple]:
    return export_columns(link_and_match_spec())


def recommendation() -> list[tuple]:
    return export_columns(recommendation_spec())


def outcomes() -> list[tuple]:
    return export_columns(outcomes_spec())


def costs() -> list[tuple]:
    return export_columns(costs_spec())


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


def agreements() -> list[tuple]:
    return [
        ("agreement", _("Agreement"), ID),
        ("number", _("Number")),
        ("title", _("Title")),
        ("status", _("Status")),
        ("valid_to", _("Valid to"), DATE),
        ("scope", _("Scope item")),
        ("measure", _("Measure")),
        ("target", _("Target"), COUNT),
        ("realised", _("Realised in the period"), COUNT),
        ("realised_to_date", _("Realised to date"), COUNT),
        ("share", _("Realised ÷ target"), RATE),
    ]
