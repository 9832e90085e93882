"""Plain multi-row inserts for the results import's largest tables.

``bulk_create`` builds a model instance and prepares every field of every row in Python;
for 100,000 results and their skill rows that costs more than the database does. Here
the caller hands over values already in their column types and one ``executemany``
per chunk sends them (psycopg pipelines it; SQLite runs it in C). Use it only for new
rows whose values the caller has validated; constraints still apply in the database.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def _adapter(field: models.Field):
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


def insert_many(model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple]) -> int:
    """INSERT ``rows`` (tuples in the order of ``fields``) into ``model``'s table."""
    if not rows:
        return 0
    meta = model._meta
    model_fields = [meta.get_field(name) for name in fields]
    adapters = [(i, _adapter(f)) for i, f in enumerate(model_fields) if _adapter(f)]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in model_fields),
        ", ".join(["%s"] * len(model_fields)),
    )
    if adapters:
        adapted = []
        for row in rows:
            row = list(row)
            for i, adapt in adapters:
                if row[i] is not None:
                    row[i] = adapt(row[i])
            adapted.append(row)
        rows = adapted
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
    return len(rows)
