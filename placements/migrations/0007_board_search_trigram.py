"""The public board's word search, answered from indexes on PostgreSQL.

``UPPER(title) LIKE '%BOILER%'`` (Django's ``icontains``) cannot use a B-tree: without
these, a search reads every open vacancy's row and description (8,627 of 90,000 at
``seed_demo --scale 300``: ~120 ms a query). A GIN index over trigrams of the upper-cased
title and description, kept for open vacancies only (the board shows nothing else), finds
the rows of a word directly (a rare word: ~1 ms). Made by hand as in trainees 0016, so
SQLite migrates unchanged and the migration state does not know them.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

#: index name -> indexed expression, on placements_vacancy, for open vacancies.
TRIGRAM_INDEXES = {
    "vacancy_open_title_trgm": "upper(title::text)",
    "vacancy_open_description_trgm": "upper(description)",
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON placements_vacancy "
            f"USING gin ({expression} gin_trgm_ops) WHERE status = 'open'"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0006_reporting_duty"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
