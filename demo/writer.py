"""Write planned model instances fast: plain tuples, ``COPY`` on PostgreSQL, ``executemany``
on SQLite, with primary keys given out here rather than by the database.

``bulk_create`` spends most of its time preparing each value of each instance through
the field API and, on PostgreSQL, sending multi-row ``INSERT … RETURNING``. The demo's
big tables (a million job seekers and their story at scale 300) need neither: the
generators already made valid Python values, and the keys can be numbered here so that
children refer to their parents before anything is written. Foreign keys are
``DEFERRABLE INITIALLY DEFERRED`` on both databases (Django creates them so), so rows may
arrive in any order within the transaction; the database still checks every reference
(and every unique and check constraint) before the commit.

Keys continue after the largest one in each table, and ``finish`` moves the sequences on
past what was written. This assumes nobody else inserts into these tables while the seed
runs, which holds for a demo database (the command runs in one transaction).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.management.color import no_style
from django.db import connections, models
from django.db.models import Max

from vokasi.db import insert_many

#: Field types whose Python values both drivers take as they are.
PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "EmailField",
        "IntegerField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallAutoField",
        "SmallIntegerField",
        "TextField",
        "URLField",
    }
)
#: ... and those psycopg also adapts itself (SQLite needs Django's text forms).
POSTGRES_PLAIN_TYPES = PLAIN_TYPES | {"DateField", "DateTimeField", "DecimalField"}

_PLAIN, _RELATION, _NOW, _DATE, _PREPARE = range(5)
_MISSING = object()


class RowWriter:
    """Numbers and writes instances of a model as rows, in the current transaction."""

    def __init__(self, connection, *, now: datetime.datetime) -> None:
        # The connection itself, not django.db.connection's per-attribute proxy.
        self.connection = connection = connections[connection.alias]
        self.postgres = connection.vendor == "postgresql"
        self.now = now
        self.next_id: dict[type[models.Model], int] = {}
        self.specs: dict[type[models.Model], list[tuple]] = {}
        self.written: dict[type[models.Model], int] = {}

    # ------------------------------------------------------------------ keys
    def number(self, model: type[models.Model], objs: Iterable[models.Model]) -> None:
        """Give each instance the next free primary key of its table."""
        next_id = self.next_id.get(model)
        if next_id is None:
            largest = model._base_manager.using(self.connection.alias).aggregate(m=Max("pk"))["m"]
            next_id = max((largest or 0) + 1, self._sequence_next(model))
        for obj in objs:
            obj.pk = next_id
            next_id += 1
        self.next_id[model] = next_id

    def _sequence_next(self, model: type[models.Model]) -> int:
        """The key the table's own sequence would give next (a database may start its
        sequences high; the demo's keys follow it rather than restart at 1)."""
        table, column = model._meta.db_table, model._meta.pk.column
        with self.connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    "SELECT pg_get_serial_sequence(%s, %s)",
                    [self.connection.ops.quote_name(table), column],
                )
                sequence = cursor.fetchone()[0]
                if sequence is None:
                    return 1
                cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
                last_value, is_called = cursor.fetchone()
                return last_value + 1 if is_called else last_value
            elif self.connection.vendor == "sqlite":
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                row = cursor.fetchone()
                last = row[0] if row else None
            else:
                last = None
        return (last or 0) + 1

    def finish(self) -> None:
        """Move each table's key sequence past the keys given out here (PostgreSQL)."""
        sql = self.connection.ops.sequence_reset_sql(no_style(), list(self.next_id))
        if sql:
            with self.connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)

    # ------------------------------------------------------------------ rows
    def spec(self, model: type[models.Model]) -> list[tuple]:
        spec = self.specs.get(model)
        if spec is None:
            plain = POSTGRES_PLAIN_TYPES if self.postgres else PLAIN_TYPES
            spec = []
            for field in model._meta.concrete_fields:
                if field.is_relation:
                    kind = _RELATION
                elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                    kind = _NOW
                elif field.get_internal_type() in plain:
                    kind = _PLAIN
                elif field.get_internal_type() == "DateField":
                    kind = _DATE  # SQLite: Django stores str(date)
                else:
                    kind = _PREPARE
                target = field.target_field.attname if field.is_relation else None
                spec.append((field, kind, field.attname, field.name, target))
            self.specs[model] = spec
        return spec

    def rows(self, model: type[models.Model], objs: Iterable[models.Model]):
        """Each instance as a tuple in ``concrete_fields`` order. A relation set to an
        instance takes that instance's key now (it may have been numbered after the
        assignment), as ``bulk_create`` does."""
        spec = self.spec(model)
        connection = self.connection
        now = self.now
        now_value = now if self.postgres else connection.ops.adapt_datetimefield_value(now)
        for obj in objs:
            values = obj.__dict__
            cache = obj._state.fields_cache
            row = []
            append = row.append
            for field, kind, attname, name, target in spec:
                if kind is _PLAIN:
                    append(values[attname])
                elif kind is _RELATION:
                    related = cache.get(name, _MISSING)
                    if related is _MISSING:
                        append(values[attname])
                    else:
                        append(None if related is None else getattr(related, target))
                elif kind is _NOW:
                    append(now_value)
                elif kind is _DATE:
                    value = values[attname]
                    append(None if value is None else value.isoformat())
                else:
                    append(field.get_db_prep_save(values[attname], connection))
            yield row

    def write(self, model: type[models.Model], objs: Iterable[models.Model]) -> int:
        """Write numbered instances (key already set, see ``number``)."""
        columns = [f.column for f in model._meta.concrete_fields]
        return self.write_rows(model, columns, self.rows(model, objs))

    def write_rows(self, model: type[models.Model], columns: list[str], rows) -> int:
        count = insert_many(model, columns, rows, using=self.connection.alias, prepared=True)
        self.written[model] = self.written.get(model, 0) + count
        return count


class PostgresLoad:
    """Load big tables the way ``pg_restore`` does: drop their plain indexes and their
    foreign keys, load, ANALYZE, then build each index once and add each foreign key back
    (PostgreSQL validates it with one join instead of one look-up per row queued until
    the commit). Primary keys, unique and check constraints stay, so every row is still
    checked as it arrives. Everything happens in the caller's transaction: if anything
    fails, the indexes and constraints come back with the rollback.

    The definitions are read from the catalogue, so indexes other migrations add are
    rebuilt as they were."""

    def __init__(self, connection, models_: Iterable[type[models.Model]]) -> None:
        self.connection = connection
        self.tables = [m._meta.db_table for m in models_]
        self.indexes: list[tuple[str, str]] = []
        self.foreign_keys: list[tuple[str, str, str]] = []

    def __enter__(self) -> PostgresLoad:
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            # ALTER TABLE refuses while checks of rows written earlier in the transaction
            # (the organisations) wait for the commit: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
                ORDER BY 1, 2
                """,
                [self.tables],
            )
            self.foreign_keys = cursor.fetchall()
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid::regclass::text = ANY(%s)
                  AND NOT i.indisprimary AND NOT i.indisunique
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                ORDER BY 1
                """,
                [self.tables],
            )
            self.indexes = cursor.fetchall()
            for table, name, _definition in self.foreign_keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
            for name, _definition in self.indexes:
                cursor.execute(f"DROP INDEX {name}")
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            return  # the transaction rolls back and the definitions with it
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in self.tables:
                cursor.execute(f"ANALYZE {quote(table)}")
            for _name, definition in self.indexes:
                cursor.execute(definition)
            for table, name, definition in self.foreign_keys:
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")


class SqliteLoad:
    """The same on SQLite: drop the tables' plain (non-unique) indexes, load, build them
    once. Foreign keys there are deferred counters, cheap to keep, and so are the
    indexes that start with a foreign key's column: while a reference waits for its
    parent (a referral's vacancy is written last), SQLite looks up the children of every
    parent row it inserts, and without such an index that look-up reads the whole child
    table each time."""

    def __init__(self, connection, models_: Iterable[type[models.Model]]) -> None:
        self.connection = connection
        self.tables = [m._meta.db_table for m in models_]
        self.indexes: list[tuple[str, str]] = []

    def __enter__(self) -> SqliteLoad:
        quote = self.connection.ops.quote_name
        marks = ", ".join(["%s"] * len(self.tables))
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})
                  AND upper(sql) NOT LIKE 'CREATE UNIQUE%%'
                ORDER BY name
                """,
                self.tables,
            )
            found = cursor.fetchall()
            self.indexes = []
            for name, definition in found:
                cursor.execute(f"PRAGMA index_info({quote(name)})")
                first = [row[2] for row in cursor.fetchall() if row[0] == 0]
                table = definition.split(" ON ", 1)[1].split("(", 1)[0].strip().strip('"')
                cursor.execute(f"PRAGMA foreign_key_list({quote(table)})")
                if first and first[0] in {row[3] for row in cursor.fetchall()}:
                    continue
                self.indexes.append((name, definition))
            for name, _definition in self.indexes:
                cursor.execute(f"DROP INDEX {quote(name)}")
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            return
        with self.connection.cursor() as cursor:
            for _name, definition in self.indexes:
                cursor.execute(definition)
