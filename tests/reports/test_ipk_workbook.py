"""The IPK workbook is laid out like the printed form: a sheet per table III/1 … III/8,
title rows (table, period, office), a header of the stock columns over L/P/total, the rows,
a total row; every count a number."""

from __future__ import annotations

import pytest

from tests.exports import filename, no_formulas, workbook
from tests.reports.test_ipk_tables import office  # noqa: F401  (the hand-built March)

URL = "/reports/ipk/"
MARCH = {"kind": "month", "year": "2026", "month": "3"}


@pytest.fixture
def book(client, world, office):  # noqa: F811
    client.force_login(world.officer_a)
    response = client.get(URL, {**MARCH, "format": "xlsx"})
    assert response.status_code == 200
    assert filename(response) == "ipk-2026-03.xlsx"
    return workbook(response)


def values(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_one_sheet_per_table(book):
    assert book.sheetnames == [f"III-{n}" for n in range(1, 9)]
    no_formulas(book)


def test_the_title_rows_name_the_table_the_period_and_the_office(book, world):
    rows = values(book["III-1"])
    assert rows[0][0] == "INFORMASI PASAR KERJA (IPK)"
    assert rows[1][0].startswith("Tabel III/1 · ")
    assert "01-03-2026" in rows[2][0] and "31-03-2026" in rows[2][0]
    assert rows[3][0] == world.office_a.name


def test_iii_1_has_the_stock_headers_over_l_p_total_and_balances(book):
    sheet = book["III-1"]
    rows = values(sheet)
    groups, header = rows[4], rows[5]
    assert groups[1] == "Sisa periode lalu"
    assert groups[4] == "Terdaftar"
    assert header[1:4] == ["L", "P", "Jumlah"]
    assert "B5:D5" in {str(r) for r in sheet.merged_cells.ranges}  # sisa lalu spans L/P/total
    by_name = {}
    for row in rows[6:]:
        by_name.setdefault(row[0], row)  # the first "Jumlah" is the job seekers' total
    # 30-44, men: 1 left from last month, 1 placed, 0 left (see test_ipk_tables)
    assert by_name["30–44"][1] == 1  # sisa lalu L
    assert by_name["30–44"][7] == 1  # ditempatkan L
    total = by_name["Jumlah"]
    assert [total[i] for i in (3, 6, 9, 12, 15)] == [3, 4, 1, 2, 4]
    assert all(isinstance(total[i], int) for i in range(1, 16))
    assert sheet.cell(row=7, column=2).number_format == "#,##0"


def test_iii_1_carries_the_vacancy_part_below(book):
    rows = values(book["III-1"])
    start = next(i for i, row in enumerate(rows) if row[0] and "ringkasan" in row[0])
    groups, header, openings, total = rows[start + 1 : start + 5]
    assert groups[1] == "Sisa periode lalu" and groups[9] == "Dipenuhi"
    assert header[1:5] == ["L", "P", "LP", "Jumlah"]
    # sisa lalu, terdaftar, dipenuhi, dihapuskan, sisa akhir (LP = either sex)
    assert [openings[i] for i in (3, 7, 11, 15, 19)] == [4, 6, 4, 3, 3]
    assert total[0] == "Jumlah"


def test_placement_tables_have_one_placed_column_per_sex(book):
    rows = values(book["III-7"])
    assert rows[4][1] == "Ditempatkan"
    assert rows[5][1:4] == ["L", "P", "Jumlah"]
    # The hand-built March: one man placed, at a company of KBLI H (III/7 = III/2's placed).
    transport = next(row for row in rows[6:] if row[0].startswith("Pengangkutan"))  # KBLI H
    assert list(transport[1:4]) == [1, 0, 1]
    assert list(rows[-1]) == ["Jumlah", 1, 0, 1]


def test_english_users_get_english_titles(client, world, office):  # noqa: F811
    client.force_login(world.officer_a)
    client.cookies["django_language"] = "en"
    book = workbook(client.get(URL, {**MARCH, "format": "xlsx"}))
    rows = values(book["III-2"])
    assert rows[0][0] == "LABOUR MARKET INFORMATION (IPK)"
    assert rows[1][0].startswith("Table III/2 · Job seekers by education and sex")
