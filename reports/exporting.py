"""CSV and XLSX downloads of a report frame, through the shared ``vokasi.exports``.

The frame is the one the page renders; a totals row is appended as on the page. Every
cell passes through ``vokasi.exports`` which neutralises spreadsheet formulas.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from django.http import HttpResponse
from django.utils.text import slugify

from reports import ipk
from vokasi import exports


def with_totals(frame: pd.DataFrame, totals: dict, label_column: str, label: str) -> pd.DataFrame:
    if frame.empty and not totals:
        return frame
    row = {column: totals.get(column) for column in frame.columns}
    row[label_column] = label
    return pd.concat([frame, pd.DataFrame([row], columns=frame.columns)], ignore_index=True)


def export_response(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    *,
    fmt: str,
    title: str,
    filename: str,
) -> HttpResponse:
    """``columns`` is ``[(frame column, header), ...]`` in the order to write."""
    columns = [(name, str(header)) for name, header in columns]
    if fmt == "xlsx":
        body = exports.frame_to_xlsx(frame, columns, str(title)[:31])
    else:
        body = exports.frame_to_csv(frame, columns)
    return exports.download(body, f"{slugify(filename)}.{fmt}")


def ipk_export_response(tables, period, fmt: str) -> HttpResponse:
    """The IPK tables of ``period`` as one CSV or XLSX download (page and API alike)."""
    return export_response(
        ipk.as_frame(tables),
        ipk.export_columns(),
        fmt=fmt,
        title=f"IPK {period.code}",
        filename=f"ipk-{period.code}",
    )
