"""The shared tabular import mechanism: read an uploaded .xlsx or .csv as text, report
row errors, and describe what an import did.

Importers (job seekers, cohort results) declare their ``Column``s, call ``read_table``,
validate the frame in bulk, and answer with an ``ImportResult``.
"""

from vokasi.tabular.reading import (
    estimate_rows,
    for_a_worker,
    normalise_header,
    precheck,
    read_table,
)
from vokasi.tabular.report import errors_to_csv, errors_to_xlsx
from vokasi.tabular.types import Column, ImportResult, RowError, Table, TableError

__all__ = [
    "Column",
    "ImportResult",
    "RowError",
    "Table",
    "TableError",
    "errors_to_csv",
    "errors_to_xlsx",
    "estimate_rows",
    "for_a_worker",
    "normalise_header",
    "precheck",
    "read_table",
]
