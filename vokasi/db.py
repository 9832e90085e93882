"""Database helpers shared by the apps, one heading per mechanism.

Each section stands alone (its own imports inside the functions where they are few), so
that a new mechanism is added as a new section below the others.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

# =============================================================================
# Bulk writing: many new rows in one command (COPY on PostgreSQL, executemany on SQLite)
# =============================================================================
#
# ``bulk_create`` builds an instance and prepares every field of every row in Python,
# and on PostgreSQL sends multi-row ``INSERT … RETURNING``; for a job fair's list of
# 50,000 people, a cohort's results or the demo's million rows that costs more than the
# database does. Callers here hand over rows of values already checked (the rules ran
# before), and the rows go to the database as they are. Constraints (unique, foreign
# keys, checks) still apply in the database, which is what the import's retry relies on:
# a NIK registered meanwhile raises Django's ``IntegrityError`` here, as ``save`` would.

#: Rows per ``executemany`` call on SQLite (the iterator is consumed in slices).
SQLITE_BATCH = 5000


def insert_many(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence],
    *,
    using: str = DEFAULT_DB_ALIAS,
    prepared: bool = False,
) -> int:
    """INSERT ``rows`` (sequences in the order of ``fields``) into ``model``'s table;
    answers how many.

    ``fields`` are field names, attnames (``office_id``) or columns. Unless ``prepared``,
    dates, timestamps and decimals are adapted by the backend's own ``adapt_*`` methods
    (each distinct value once); a caller that already did (or the demo, whose values
    both drivers take as they are) passes ``prepared=True``. Runs in the caller's
    transaction.
    """
    connection = connections[using]
    meta = model._meta
    model_fields = [meta.get_field(name) for name in fields]
    if not prepared:
        adapters = [_cached(_adapter(field, connection)) for field in model_fields]
        if any(adapters):
            rows = (
                [
                    adapt(value) if adapt and value is not None else value
                    for adapt, value in zip(adapters, row, strict=True)
                ]
                for row in rows
            )
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    names = ", ".join(quote(field.column) for field in model_fields)
    counter = _Counter(rows)
    with connection.cursor() as wrapper, connection.wrap_database_errors:
        cursor = wrapper.cursor  # the driver's own: no per-row wrapping or query logging
        if connection.vendor == "postgresql":
            # COPY streams the rows in one command: an order of magnitude faster than
            # one INSERT per row, even pipelined.
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in counter:
                    copy.write_row(row)
        else:
            mark = "?" if connection.vendor == "sqlite" else "%s"
            sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(fields))})"
            iterator = iter(counter)
            while batch := list(itertools.islice(iterator, SQLITE_BATCH)):
                cursor.executemany(sql, batch)
    return counter.count


def column_rows(
    model: type[models.Model],
    values: dict[str, object],
    count: int,
    *,
    using: str = DEFAULT_DB_ALIAS,
) -> tuple[list[str], Iterator[tuple]]:
    """Every column of ``model`` but the key, and ``count`` rows for them.

    ``values`` maps a column to a list (one value a row) or one value for every row; any
    column it does not name gets the field's default, so a field added to the model
    later is never silently skipped. Feed the answer to ``insert_many``.
    """
    connection = connections[using]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    unknown = set(values) - {f.column for f in fields}
    if unknown:
        raise ValueError(f"not columns of {model.__name__}: {sorted(unknown)}")
    columns = [
        values[f.column] if f.column in values else f.get_db_prep_save(f.get_default(), connection)
        for f in fields
    ]
    rows = zip(
        *(c if isinstance(c, list) else itertools.repeat(c, count) for c in columns),
        strict=False,
    )
    return [f.column for f in fields], rows


class _Counter:
    """Counts the rows an iterator gives as they are written."""

    def __init__(self, rows: Iterable[Sequence]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def _adapter(field: models.Field, connection) -> Callable | None:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda value: ops.adapt_decimalfield_value(
            value, field.max_digits, field.decimal_places
        )
    return None


def _cached(adapt: Callable | None) -> Callable | None:
    """Dates, timestamps and scores repeat across rows: adapt each distinct value once."""
    if adapt is None:
        return None
    seen: dict = {}

    def adapted(value):
        if value not in seen:
            seen[value] = adapt(value)
        return seen[value]

    return adapted


# =============================================================================
# Heavy reads: planner settings for one large aggregate answered while a person waits
# =============================================================================


@contextlib.contextmanager
def planner_settings(
    work_mem_mb: int, *, parallel: bool = True, using: str = DEFAULT_DB_ALIAS
) -> Iterator[None]:
    """On PostgreSQL, run the block with settings fit for one large aggregate (a report,
    the ranking of candidates) answered while a person waits.

    - no JIT: the planner switches it on for queries it estimates as expensive, and
      compiling them took longer than running them (1.5 s of 1.7 s for the outcome counts
      on 20,000 enrollments; 0.7 s of 10 s for matching at a million people);
    - ``work_mem`` of ``work_mem_mb``, so that grouping a million people hashes in memory
      instead of spilling to disk in 4 MB pieces;
    - ``parallel=False``: no parallel workers (matching: each one rebuilt the whole
      aggregate on its own).

    ``set_config(..., true)`` (``SET LOCAL``) lasts until the end of the transaction, which
    the block opens when none is open, so nothing leaks into the pooled connection; inside
    a caller's transaction it lasts until that ends. Elsewhere (SQLite) the block just runs.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)"
            + ("" if parallel else ", set_config('max_parallel_workers_per_gather', '0', true)"),
            [f"{int(work_mem_mb)}MB"],
        )
        yield
