"""``PUT, GET /api/v1/agreements/{id}/document/``: the officers who manage the agreement
and admins upload the signed PDF (415 for anything else, 413 above the upload limit);
whoever reads the agreement downloads it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from vokasi.models import Agreement

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def agreement(world):
    return factories.agreement(
        world.office_a, providers=[world.provider_a], companies=[world.company_a]
    )


def url(agreement) -> str:
    return f"/api/v1/agreements/{agreement.pk}/document/"


def put(api, user, agreement, name: str, data: bytes):
    return api.as_user(user).put(
        url(agreement), {"file": SimpleUploadedFile(name, data)}, format="multipart"
    )


def _stored(agreement) -> bytes | None:
    document = Agreement.objects.get(pk=agreement.pk).document
    if not document:
        return None
    with document.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize("who", ["officer_a", "admin"])
def test_a_pdf_is_kept_and_every_reader_downloads_it(api, world, agreement, who):
    assert api.as_user(world.officer_a).get(url(agreement)).status_code == 404  # none yet
    response = put(api, getattr(world, who), agreement, "signed.pdf", PDF)
    assert response.status_code == 200, response.content
    assert response.json()["document"] is True
    assert response.json()["id"] == agreement.pk
    assert _stored(agreement) == PDF
    for reader in ("officer_a", "trainer_a", "employer_a", "admin"):
        download = api.as_user(getattr(world, reader)).get(url(agreement))
        assert download.status_code == 200, reader
        assert download["Content-Type"] == "application/pdf"
        assert b"".join(download.streaming_content) == PDF
    # A second upload replaces the copy on file.
    assert put(api, world.officer_a, agreement, "v2.pdf", PDF + b"%v2\n").status_code == 200
    assert _stored(agreement) == PDF + b"%v2\n"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
        ("signed.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),  # the name lies
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
        ("text.pdf", b"just some text"),
    ],
)
def test_anything_but_a_pdf_answers_415_and_keeps_nothing(api, world, agreement, name, data):
    response = put(api, world.officer_a, agreement, name, data)
    assert response.status_code == 415
    assert response.json()["detail"]
    assert _stored(agreement) is None


def test_a_file_over_the_limit_answers_413(api, world, agreement, settings):
    settings.VOKASI_UPLOAD_MAX_BYTES = 1024
    response = put(api, world.officer_a, agreement, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 413
    assert _stored(agreement) is None


def test_an_empty_file_or_none_answers_400(api, world, agreement):
    assert put(api, world.officer_a, agreement, "empty.pdf", b"").status_code == 400
    response = api.as_user(world.officer_a).put(url(agreement), {}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()
    assert _stored(agreement) is None


@pytest.mark.parametrize(
    ("who", "expected"),
    [("trainer_a", 403), ("employer_a", 403), ("officer_b", 404), (None, 401)],
)
def test_others_may_not_upload(api, world, agreement, who, expected):
    user = getattr(world, who) if who else None
    response = put(api, user, agreement, "signed.pdf", PDF)
    assert response.status_code == expected
    assert _stored(agreement) is None


def test_another_office_cannot_download(api, world, agreement):
    put(api, world.officer_a, agreement, "signed.pdf", PDF)
    assert api.as_user(world.officer_b).get(url(agreement)).status_code == 404
    assert api.as_user(world.trainer_b).get(url(agreement)).status_code == 404
