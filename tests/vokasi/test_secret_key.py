"""Without DEBUG a real SECRET_KEY is required to serve, but not to inspect the project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, tmp_path: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **extra}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_web_server_refuses_to_start_without_a_secret_key(tmp_path):
    done = run("-c", "import vokasi.wsgi", tmp_path=tmp_path)

    assert done.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off" in done.stderr


def test_the_web_server_starts_with_a_secret_key(tmp_path):
    done = run("-c", "import vokasi.wsgi", tmp_path=tmp_path, SECRET_KEY="k" * 60)

    assert done.returncode == 0, done.stderr


def test_migrations_can_be_checked_without_a_secret_key(tmp_path):
    done = run("manage.py", "makemigrations", "--check", "--dry-run", tmp_path=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "No changes detected" in done.stdout


def test_the_deploy_check_names_a_missing_secret_key(tmp_path):
    done = run(
        "manage.py", "check", "--deploy", tmp_path=tmp_path, ALLOWED_HOSTS="vokasi.example.go.id"
    )

    assert "security.W009" in done.stderr + done.stdout
