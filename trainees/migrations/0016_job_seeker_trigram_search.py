"""Search by any fragment of the name, the NIK or the AK/I number, fast at a million rows.

``LIKE '%RAHMAWATI%'`` cannot use a B-tree; on PostgreSQL a GIN index over trigrams
(pg_trgm, a trusted extension the database owner may create) answers it from the index.
SQLite has neither, and searches one office's rows there; the indexes are made here by
hand, not declared in ``Meta.indexes``, so SQLite migrates unchanged and the migration
state (``makemigrations --check``) does not know them.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

#: index name -> column, on trainees_jobseeker.
TRIGRAM_INDEXES = {
    "js_name_trgm": "name_normalised",
    "js_nik_trgm": "nik",
    "js_number_trgm": "registration_number",
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON trainees_jobseeker "
            f"USING gin ({column} gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("trainees", "0015_skill_dates_index"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
