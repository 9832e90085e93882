"""No log line carries personal data from a database error or a request body.

A NIK that passes validation but fails in the database made PostgreSQL's "DETAIL:
Failing row contains (…)" — the whole row, NIK, name and address — land in the error log.
"""

from __future__ import annotations

import io
import logging

import pytest
from rest_framework.test import APIClient

from tests import factories
from vokasi.logging_json import ScrubFilter, scrub

pytestmark = pytest.mark.django_db

SECRET_NIK = "367204610899000X"
SECRET_NAME = "Siti Rahasia Pribadi"
SECRET_ADDRESS = "Jl. Tersembunyi No. 77"


@pytest.fixture
def log_output():
    """What the configured console handler writes, as the production log would hold it."""
    handlers = logging.getLogger().handlers
    handler = next(h for h in handlers if any(isinstance(f, ScrubFilter) for f in h.filters))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_row_the_database_refuses_is_not_written_to_the_log(world, monkeypatch, log_output):
    # A validation gap: the service lets a NIK through that the database's check refuses.
    monkeypatch.setattr("trainees.services.registration.rules.nik_problems", lambda *a, **k: [])
    monkeypatch.setattr(
        "trainees.services.registration.registering.normalise_nik", lambda value: value
    )
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(world.officer_a)
    payload = factories.job_seeker_payload(nik=SECRET_NIK, name=SECRET_NAME, address=SECRET_ADDRESS)
    response = client.post("/api/v1/job-seekers/?nik=" + SECRET_NIK, payload, format="json")
    assert response.status_code == 500
    written = log_output.getvalue()
    assert "Internal Server Error" in written
    for secret in (SECRET_NIK, SECRET_NAME, SECRET_ADDRESS):
        assert secret not in written


@pytest.mark.parametrize(
    "text",
    [
        "new row violates check constraint\nDETAIL:  Failing row contains (1, "
        f"{SECRET_NIK}, {SECRET_NAME}, {SECRET_ADDRESS}).",
        f"duplicate key value\nDETAIL:  Key (nik)=({SECRET_NIK}) already exists.",
        f"IntegrityError: Failing row contains ({SECRET_NIK}, {SECRET_NAME}).",
    ],
)
def test_database_details_are_scrubbed_from_messages_and_tracebacks(text, log_output):
    logger = logging.getLogger("vokasi.test")
    logger.error("saving failed: %s", text)
    try:
        raise RuntimeError(text)
    except RuntimeError:
        logger.exception("saving failed")
    written = log_output.getvalue()
    assert "saving failed" in written
    for secret in (SECRET_NIK, SECRET_NAME, SECRET_ADDRESS):
        assert secret not in written
    assert SECRET_NIK not in scrub(text)


def test_a_request_body_attached_to_a_record_is_not_written(log_output):
    logging.getLogger("vokasi.test").warning(
        "refused", extra={"body": f'{{"nik": "{SECRET_NIK}"}}', "data": {"name": SECRET_NAME}}
    )
    written = log_output.getvalue()
    assert "refused" in written
    assert SECRET_NIK not in written and SECRET_NAME not in written
