"""CSV and XLSX downloads of a report frame, through the shared ``vokasi.exports``.

The frame is the one the page renders; a totals row is appended as on the page. Every
cell passes through ``vokasi.exports`` which neutralises spreadsheet formulas and types
the cells (each report's columns say which are counts, rates, amounts: ``reports/columns.py``).
The IPK workbook is laid out like the printed form: a sheet per table.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reports import ipk
from vokasi import exports
from vokasi.jobs.exports import export_later


def with_totals(frame: pd.DataFrame, totals: dict, label_column: str, label: str) -> pd.DataFrame:
    if frame.empty and not totals:
        return frame
    row = {column: totals.get(column) for column in frame.columns}
    row[label_column] = label
    return pd.concat([frame, pd.DataFrame([row], columns=frame.columns)], ignore_index=True)


def page_download(
    request,
    frame: pd.DataFrame,
    total: dict,
    columns: Sequence[tuple],
    *,
    title: str,
    filename: str,
    label=None,
) -> HttpResponse | None:
    """A report page's answer to ``?format=csv|xlsx``: the frame with its totals row as a
    file (a worker's job when the frame is large), or None when no file is asked for.
    ``label`` turns the frame's codes into words, as the page shows them."""
    fmt = exports.requested_format(request)
    if not fmt:
        return None
    if later := export_later(request, rows=len(frame)):
        return later
    frame = with_totals(frame, total, "name", _("Total"))
    if label is not None:
        frame = label(frame)
    return export_response(frame, columns, fmt=fmt, title=title, filename=filename)


def export_response(
    frame: pd.DataFrame,
    columns: Sequence[tuple],
    *,
    fmt: str,
    title: str,
    filename: str,
    api: bool = False,
) -> HttpResponse:
    """``columns`` is ``[(frame column, header[, kind]), ...]`` in the order to write.
    Pages write CSV for the user's Excel; the API (``api=True``) keeps the plain CSV its
    clients have always parsed (``,`` and a decimal point) whatever the language."""
    columns = [(c[0], str(c[1]), *c[2:]) for c in columns]
    if fmt == "xlsx":
        body = exports.frame_to_xlsx(frame, columns, str(title)[:31])
    else:
        body = exports.rows_to_csv(
            frame.to_dict("records"), columns, language="en" if api else None
        )
    return exports.download(body, f"{slugify(filename)}.{fmt}")


def ipk_export_response(tables, period, fmt: str, office=None, api: bool = False):
    """The IPK tables of ``period`` as one download. On the page the workbook has a sheet
    per table as printed; the CSV, and the API's files (whose clients read one flat
    table), are one list of every table's rows."""
    if fmt == "xlsx" and not api:
        return exports.download(ipk_workbook(tables, period, office), f"ipk-{period.code}.xlsx")
    return export_response(
        ipk.as_frame(tables),
        ipk.export_columns(),
        fmt=fmt,
        title=f"IPK {period.code}",
        filename=f"ipk-{period.code}",
        api=api,
    )


# ------------------------------------------------------------------ the IPK workbook

TOTAL_KEY = "__total__"


def _stock_labels(kind: str) -> dict[str, str]:
    placed = _("Filled (dipenuhi)") if kind == "vacancies" else _("Placed (ditempatkan)")
    return {
        "sisa_lalu": _("Remaining last period (sisa lalu)"),
        "terdaftar": _("Registered (terdaftar)"),
        "ditempatkan": placed,
        "dihapuskan": _("Removed (dihapuskan)"),
        "sisa_akhir": _("Remaining (sisa akhir)"),
    }


def _ipk_block(table: ipk.Table, title_lines: list[str]) -> exports.Sheet:
    """One printed table: title lines, a header line of the stock columns each spanning its
    L/P/total sub-columns, the sub-column line, the rows and the total row (bold)."""
    stocks = ["ditempatkan"] if table.kind == "placements" else ipk.STOCK
    labels = _stock_labels(table.kind)
    columns: list[tuple] = [("name", table.dimension, exports.TEXT)]
    groups: list[tuple[str, int]] = [("", 1)]
    for stock in stocks:
        groups.append((labels[stock], len(table.splits) + 1))
        for split in table.splits:
            columns.append((f"{stock}_{split}", split, exports.COUNT))
        columns.append((f"{stock}_total", _("Total"), exports.COUNT))
    rows = []
    for source in [*table.rows, table.total]:
        row = {"key": TOTAL_KEY if source is table.total else source["key"]}
        row["name"] = source["name"]
        for stock in stocks:
            for split in [*table.splits, "total"]:
                row[f"{stock}_{split}"] = source[split].get(stock)
        rows.append(row)
    return exports.Sheet(
        title=table.code,
        rows=rows,
        columns=columns,
        title_lines=title_lines,
        header_groups=[groups],
        bold_rows=frozenset({TOTAL_KEY}),
    )


def ipk_workbook(tables: dict[str, ipk.Table], period, office=None) -> bytes:
    """III/1 … III/8, a sheet each, as on the printed form: the table's name, the period
    and the office on top; III/1's vacancy part (III/1b) under its job-seeker part."""
    office_name = office.name if office is not None else _("All labour offices")
    period_line = f"{period.label} ({period.start:%d-%m-%Y} – {period.end:%d-%m-%Y})"

    def heading(table: ipk.Table) -> list[str]:
        return [
            _("LABOUR MARKET INFORMATION (IPK)"),
            _("Table") + f" {table.code.replace('III/1b', 'III/1')} · {table.title}",
            period_line,
            str(office_name),
        ]

    sheets: dict[str, exports.Sheet] = {}
    for code, table in tables.items():
        if code == "III/1b" and "III/1" in sheets:
            below = _ipk_block(table, [str(table.title)])
            sheets["III/1"].blocks = [*sheets["III/1"].blocks, below]
            continue
        sheets[code] = _ipk_block(table, heading(table))
    for sheet in sheets.values():
        sheet.title = sheet.title.replace("/", "-")  # "/" is not allowed in a sheet name
    return exports.sheets_to_xlsx(sheets.values())
