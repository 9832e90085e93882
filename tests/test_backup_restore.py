"""The README's backup and restore commands give back the same database (PostgreSQL).

Seeds demo data, dumps it with ``pg_dump --format=custom``, restores the dump into a
fresh database with ``pg_restore`` and compares every table: the row count and a digest
of every row. Identical rows give identical reports, so every IPK table gives the same
figures, balanced the same way, after a restore as before.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL"),
    pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed"),
]

# Every row's text, in a fixed order, hashed: equal digests mean equal tables.
DIGEST = "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t"
# The IPK III/1 inputs per office, read back from both databases.
IPK_IDENTITY = """
SELECT office_id, count(*) AS registered,
       count(*) FILTER (WHERE ended_on IS NOT NULL) AS ended,
       count(*) FILTER (WHERE ended_on IS NULL) AS remaining
FROM trainees_jobseeker GROUP BY office_id ORDER BY office_id
"""


def conninfo(name: str) -> dict:
    db = connection.settings_dict
    return {
        "dbname": name,
        "user": db["USER"],
        "password": db["PASSWORD"],
        "host": db["HOST"] or "127.0.0.1",
        "port": str(db["PORT"] or 5432),
    }


def tables_of(cursor) -> list[str]:
    cursor.execute(
        "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    )
    return [row[0] for row in cursor.fetchall()]


def snapshot(name: str) -> dict:
    with psycopg.connect(**conninfo(name)) as db, db.cursor() as cursor:
        result = {}
        for table in tables_of(cursor):
            cursor.execute(DIGEST.format(table))
            result[table] = cursor.fetchone()
        cursor.execute(IPK_IDENTITY)
        result["ipk"] = cursor.fetchall()
        return result


def test_a_dump_restored_into_a_fresh_database_is_the_same_database(tmp_path):
    with override_settings(DEBUG=True):
        call_command("seed_demo", scale=0.05, seed=11, chunk_people=200, stdout=io.StringIO())
    source = connection.settings_dict["NAME"]
    info = conninfo(source)
    env = {**os.environ, "PGPASSWORD": info["password"]}
    where = ["--host", info["host"], "--port", info["port"], "--username", info["user"]]
    dump = tmp_path / "vokasi.dump"
    restored = f"{source}_restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(
        ["pg_dump", "--format=custom", *where, "--file", str(dump), source], env=env, check=True
    )
    subprocess.run(["createdb", *where, restored], env=env, check=True)
    try:
        subprocess.run(
            [
                "pg_restore",
                *where,
                "--no-owner",
                "--exit-on-error",
                "--dbname",
                restored,
                str(dump),
            ],
            env=env,
            check=True,
        )
        before, after = snapshot(source), snapshot(restored)
    finally:
        subprocess.run(["dropdb", *where, "--if-exists", restored], env=env, check=True)
    assert before["trainees_jobseeker"][0] > 100, "seeded"
    assert after == before
