"""Plain multi-row inserts for the results import's largest tables.

``bulk_create`` builds a model instance and prepares every field of every row in Python;
for 100,000 results and their skill rows that costs more than the database does. Here
the caller hands over values already in their column types, sent as multi-row
``INSERT ... VALUES`` statements of up to 1,000 rows. Use it only for new
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
    adapters = [_adapter(field) for field in model_fields]
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) VALUES ".format(
        quote(meta.db_table), ", ".join(quote(f.column) for f in model_fields)
    )
    one = "({})".format(", ".join(["%s"] * len(model_fields)))
    # Multi-row VALUES, bounded by the backend's parameter limit (SQLite: 32,766).
    per_statement = max(1, min(1000, 30_000 // len(model_fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = [
                adapt(value) if adapt and value is not None else value
                for row in chunk
                for adapt, value in zip(adapters, row, strict=True)
            ]
            cursor.execute(head + ", ".join([one] * len(chunk)), params)
    return len(rows)
