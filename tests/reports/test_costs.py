"""Cost per outcome, worked out by hand, with cohorts paid from several funding lines.

Programme "Las" (provider A):
- cohort C1, 4 trainees (a L, b L, c P, d P): a, b, c completed; a and b Kompeten; a placed
  20 days after the end; b self-employed at 3 months (tracer). Lines: APBN spent
  Rp 30.000.000 (budget 32.000.000, 10 seats) and CSR of company X spent Rp 10.000.000
  (budget 8.000.000: over budget, 4 seats). Shares by spending: APBN 0,75, CSR 0,25.
- cohort C2, 2 trainees (e L, f L), both completed and placed, e Kompeten. One CSR line
  of X, spent Rp 6.000.000.
Programme "Listrik": cohort C3, 2 trainees (g P, h P), completed, no funding recorded;
g employed at 6 months (tracer).

By source:
- APBN: participants 0,75·4 = 3; completers 2,25; certified 1,5; placed 0,75; spent 30 M
  → 10.000.000 / 13.333.333 / 20.000.000 / 40.000.000.
- CSR: participants 1 + 2 = 3; completers 0,75 + 2 = 2,75; certified 0,5 + 1 = 1,5;
  placed 0,25 + 2 = 2,25; spent 16 M → 5.333.333 / 5.818.182 / 10.666.667 / 7.111.111.
By programme: Las 46 M over 6 / 5 / 3 / 3 → 7.666.667 / 9.200.000 / 15.333.333 /
15.333.333; Listrik has no cost.
Outcome rows by sex: C1's 40 M is carried 10 M per trainee, C2's 6 M 3 M each. Men (a, b,
e, f) carry 26 M over 4 → 6.500.000 per participant; women c, d carry 20 M over the 2
women of funded cohorts → 10.000.000 (g, h of the unfunded C3 are left out).
"""

from __future__ import annotations

import datetime

import pytest

from reports import columns as report_columns
from reports import costs
from reports.outcomes import Params, outcomes, records, totals
from reports.scope import scope_for
from tests import factories
from trainees.models import FundingLine, GraduateStatus

D = datetime.date
FROM, TO = D(2026, 1, 1), D(2026, 6, 30)


@pytest.fixture
def funded(world):
    las = factories.programme(world.provider_a, "LAS", name="Las", funding="apbn")
    lis = factories.programme(world.provider_a, "LIS", name="Listrik", funding="apbd")
    c1 = factories.cohort(las, start_date=D(2026, 1, 5), end_date=D(2026, 2, 28))
    c2 = factories.cohort(las, start_date=D(2026, 3, 1), end_date=D(2026, 4, 30))
    c3 = factories.cohort(lis, start_date=D(2026, 3, 1), end_date=D(2026, 4, 30))

    def trainee(cohort, sex, outcome="completed", competent=None):
        person = factories.job_seeker(world.office_a, sex=sex, registered_on=D(2025, 12, 1))
        enrollment = factories.enrollment(
            cohort, person, enrolled_on=cohort.start_date, status=outcome
        )
        factories.training_result(enrollment, outcome)
        if competent:
            factories.assessment(enrollment, "K")
        return enrollment

    a = trainee(c1, "L", competent=True)
    b = trainee(c1, "L", competent=True)
    trainee(c1, "P")
    trainee(c1, "P", outcome="failed")
    e = trainee(c2, "L", competent=True)
    f = trainee(c2, "L")
    g = trainee(c3, "P")
    trainee(c3, "P")
    x = world.company_a
    factories.placement_at(a.job_seeker, x, start_date=D(2026, 3, 20))
    factories.placement_at(e.job_seeker, x, start_date=D(2026, 5, 10))
    factories.placement_at(f.job_seeker, x, start_date=D(2026, 6, 10))
    GraduateStatus.objects.create(
        enrollment=b, months_after=3, status="self_employed", sector_id="C",
        checked_on=D(2026, 5, 30),
    )  # fmt: skip
    GraduateStatus.objects.create(
        enrollment=g, months_after=6, status="employed", checked_on=D(2026, 10, 30)
    )
    FundingLine.objects.create(
        cohort=c1, source="apbn", budgeted=32_000_000, spent=30_000_000, seats=10
    )
    FundingLine.objects.create(
        cohort=c1, source="csr", sponsor=x, budgeted=8_000_000, spent=10_000_000, seats=4
    )
    FundingLine.objects.create(
        cohort=c2, source="csr", sponsor=x, budgeted=6_000_000, spent=6_000_000, seats=2
    )
    return {"las": las, "lis": lis, "x": x}


def _rows(frame):
    return {row["key"]: row for row in costs.records(frame)}


def _table(world, by):
    params = Params(date_from=FROM, date_to=TO)
    return _rows(costs.cost_table(params, scope_for(world.admin), by=by))


def test_cost_by_source_shares_each_cohort_in_proportion_to_spending(world, funded):
    rows = _table(world, "source")
    assert set(rows) == {"apbn", "csr"}
    apbn, csr = rows["apbn"], rows["csr"]
    assert (apbn["participants"], apbn["completers"], apbn["certified"], apbn["placed"]) == (
        3.0, 2.25, 1.5, 0.75,
    )  # fmt: skip
    assert [apbn[c] for c in costs.COST_COLUMNS] == [10_000_000, 13_333_333, 20_000_000, 40_000_000]
    assert (csr["participants"], csr["completers"], csr["certified"], csr["placed"]) == (
        3.0, 2.75, 1.5, 2.25,
    )  # fmt: skip
    assert [csr[c] for c in costs.COST_COLUMNS] == [5_333_333, 5_818_182, 10_666_667, 7_111_111]
    assert (csr["spent"], csr["budgeted"], csr["seats"], csr["over_budget"]) == (
        16_000_000, 14_000_000, 6, 1,
    )  # fmt: skip
    assert (csr["cohorts"], apbn["cohorts"]) == (2, 1)


def test_cost_by_sponsor_and_by_programme(world, funded):
    sponsor = _table(world, "sponsor")
    assert sponsor[str(funded["x"].pk)]["cost_per_completer"] == 5_818_182
    assert sponsor["-"]["spent"] == 30_000_000  # APBN names no sponsor
    programme = _table(world, "programme")
    assert set(programme) == {str(funded["las"].pk)}  # Listrik has no funding recorded
    las = programme[str(funded["las"].pk)]
    assert [las[c] for c in costs.COST_COLUMNS] == [7_666_667, 9_200_000, 15_333_333, 15_333_333]


def test_outcome_rows_carry_cost_and_employed_or_self_employed(world, funded):
    scope = scope_for(world.admin)
    params = Params(date_from=FROM, date_to=TO, by="programme")
    frame = outcomes(params, scope)
    rows = {row["name"]: row for row in records(frame)}
    las, lis = rows["Las"], rows["Listrik"]
    assert [las[c] for c in costs.COST_COLUMNS] == [7_666_667, 9_200_000, 15_333_333, 15_333_333]
    assert [lis[c] for c in costs.COST_COLUMNS] == [None, None, None, None]
    # a and e and f placed, b self-employed; g employed (tracer) in Listrik.
    assert (las["employed_or_self_employed"], lis["employed_or_self_employed"]) == (4, 1)
    assert las["employed_or_self_employed_rate"] == round(4 / 6, 4)
    total = totals(frame, params, scope)
    assert total["employed_or_self_employed"] == 5
    assert total["cost_per_participant"] == 7_666_667  # 46 M over the 6 funded trainees
    by_sex = {row["key"]: row for row in records(outcomes(Params(FROM, TO, by="sex"), scope))}
    assert by_sex["L"]["cost_per_participant"] == 6_500_000
    assert by_sex["P"]["cost_per_participant"] == 10_000_000


def test_outcomes_by_sponsor_group_cohorts_under_their_main_sponsor(world, funded):
    scope = scope_for(world.admin)
    frame = outcomes(Params(FROM, TO, by="sponsor"), scope)
    rows = {row["key"]: row for row in records(frame)}
    # C1 and C2 both have X's CSR line; C3 has no sponsor.
    assert rows[str(funded["x"].pk)]["enrolled"] == 6
    assert rows["-"]["enrolled"] == 2
    # C1 and C2 carry their whole spending (46 M) over their 6 trainees.
    assert rows[str(funded["x"].pk)]["cost_per_participant"] == 7_666_667
    assert rows["-"]["cost_per_participant"] is None


def test_the_page_shows_the_cost_table_from_its_column_spec(client, world, funded):
    client.force_login(world.admin)
    query = f"from={FROM.isoformat()}&to={TO.isoformat()}&by=source"
    response = client.get(f"/reports/costs/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    for column in report_columns.costs_spec():
        assert (str(column.shown_as) in html) == column.on_page, column.name
    assert 'data-testid="cost-table"' in html and 'data-testid="cost-row-apbn"' in html
    # The files carry every column of the spec, the export-only ones too.
    header = client.get(f"/reports/costs/?{query}&format=csv").content.decode("utf-8-sig")
    assert len(header.splitlines()[0].split(";")) == len(report_columns.costs_spec())
