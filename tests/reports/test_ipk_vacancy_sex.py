"""IPK vacancy tables split by the sex a vacancy asks for (Perpres 57/2023 Pasal 5):
``L`` in the L column, ``P`` in P, ``any`` in L/P; a rejected vacancy is no reported
demand, a submitted one is. Every cell recomputed by a plain loop over the vacancies."""

from __future__ import annotations

import datetime
from collections import defaultdict

import pytest

from placements.models import Apprenticeship, Placement, Vacancy
from reports.ipk import ipk_tables
from reports.periods import Period
from reports.scope import scope_for
from tests import factories
from vokasi.models import Company, Sector

D = datetime.date
MARCH = Period("month", 2026, 3)
COLUMNS = ("sisa_lalu", "terdaftar", "ditempatkan", "dihapuskan", "sisa_akhir")
TABLES = {
    "III/1b": lambda v: "all",
    "III/4": lambda v: v.education_min_id or "-",
    "III/5": lambda v: v.occupation_id[0],
    "III/6": lambda v: v.company.sector.category,
}


@pytest.fixture
def vacancies(world):
    a = world.company_a
    b = world.company_b
    b.sector = Sector.objects.get(code="H")
    b.save()
    pending = factories.company(status=Company.Status.UNVERIFIED, office=world.office_a)

    def vac(company, sex, openings, opens, **kw):
        if sex != "any":
            kw["sex_reason"] = "Pekerjaan membutuhkannya"
        kw.setdefault("closes_on", D(2026, 5, 31))
        return factories.vacancy(company, sex=sex, openings=openings, opens_on=opens, **kw)

    made = {
        "welder_l": vac(a, "L", 5, D(2026, 2, 1)),
        "sewing_p": vac(a, "P", 4, D(2026, 3, 2), occupation_id="7531", education_min_id="sma"),
        "any": vac(b, "any", 6, D(2026, 3, 5), occupation_id="8344"),
        "closed_p": vac(
            b,
            "P",
            3,
            D(2026, 2, 10),
            closes_on=D(2026, 3, 31),
            closed_on=D(2026, 3, 20),
            status="closed",
            close_reason="cancelled",
        ),
        "submitted_l": vac(pending, "L", 2, D(2026, 3, 9), status="submitted"),
        "rejected_p": vac(
            pending, "P", 7, D(2026, 3, 9), status="rejected", rejection_reason="Tanpa alasan"
        ),
        "apprentice_l": vac(
            a,
            "L",
            2,
            D(2026, 3, 1),
            kind="apprenticeship",
            employment_type="magang",
            duration_months=6,
        ),
        "elsewhere": vac(a, "P", 9, D(2026, 3, 1), region_id="36.73.01"),
    }
    person = lambda: factories.job_seeker(world.office_a)  # noqa: E731
    factories.placement_at(person(), a, vacancy=made["welder_l"], start_date=D(2026, 2, 20))
    factories.placement_at(person(), a, vacancy=made["welder_l"], start_date=D(2026, 3, 10))
    factories.placement_at(person(), a, vacancy=made["sewing_p"], start_date=D(2026, 3, 15))
    factories.placement_at(person(), b, vacancy=made["any"], start_date=D(2026, 3, 25))
    factories.placement_at(person(), b, vacancy=made["closed_p"], start_date=D(2026, 3, 1))
    factories.placement_at(person(), b, vacancy=made["any"], start_date=D(2026, 4, 2))
    factories.apprenticeship_at(
        person(), a, vacancy=made["apprentice_l"], start_date=D(2026, 3, 16)
    )
    return made


def recomputed(office, period) -> dict[tuple[str, str, str], dict[str, int]]:
    """(table, key, column) → the five counts, from a loop over every vacancy row."""
    start, end = period.start, period.end
    cells: dict = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for v in Vacancy.objects.select_related("company__sector"):
        if v.status == "rejected" or not v.region_id.startswith(office.region_id + "."):
            continue
        if v.opens_on > end:
            continue
        model = Placement if v.kind == "job" else Apprenticeship
        starts = list(model.objects.filter(vacancy=v).values_list("start_date", flat=True))
        before = v.openings if v.opens_on < start else 0
        new = v.openings if v.opens_on >= start else 0
        filled_before = sum(1 for s in starts if s < start)
        filled = sum(1 for s in starts if start <= s <= end)
        removed_before = removed = 0
        if v.closed_on and v.closed_on <= end:
            unfilled = max(v.openings - len(starts), 0)
            if v.closed_on < start:
                removed_before = unfilled
            else:
                removed = unfilled
        lalu = before - filled_before - removed_before
        counts = {
            "sisa_lalu": lalu,
            "terdaftar": new,
            "ditempatkan": filled,
            "dihapuskan": removed,
            "sisa_akhir": lalu + new - filled - removed,
        }
        column = "LP" if v.sex == "any" else v.sex
        for table, key_of in TABLES.items():
            for split in (column, "total"):
                cell = cells[(table, key_of(v), split)]
                for name in COLUMNS:
                    cell[name] += counts[name]
    return cells


def test_each_vacancy_cell_by_sex_agrees_with_a_plain_loop(world, vacancies):
    tables = ipk_tables(MARCH, scope_for(world.officer_a))
    expected = recomputed(world.office_a, MARCH)
    checked = 0
    for code in TABLES:
        for row in tables[code].rows:
            for split in ("L", "P", "LP", "total"):
                want = expected.get((code, row["key"], split), dict.fromkeys(COLUMNS, 0))
                assert row[split] == want, (code, row["key"], split)
                checked += 1
    assert checked > 40


def test_the_split_follows_the_vacancy_sex_and_leaves_out_rejected(world, vacancies):
    summary = ipk_tables(MARCH, scope_for(world.officer_a))["III/1b"]
    row = next(r for r in summary.rows if r["key"] == "all")
    # L: welder 5 (1 filled in February, 1 in March), apprenticeship 2 (1), submitted 2.
    assert row["L"] == {
        "sisa_lalu": 4,
        "terdaftar": 4,
        "ditempatkan": 2,
        "dihapuskan": 0,
        "sisa_akhir": 6,
    }
    # P: sewing 4 (1 filled), the closed one 3 (1 filled, 2 removed); not the rejected 7.
    assert row["P"] == {
        "sisa_lalu": 3,
        "terdaftar": 4,
        "ditempatkan": 2,
        "dihapuskan": 2,
        "sisa_akhir": 3,
    }
    assert row["LP"]["terdaftar"] == 6 and row["LP"]["ditempatkan"] == 1
