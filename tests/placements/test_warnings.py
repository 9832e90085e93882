"""Written warnings (Perpres 57/2023 Pasal 17): the API and the pages, the letter's checks,
a duplicate number, tampered input."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from placements.models import CompanyWarning

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture
def company(world):
    company = world.company_a
    company.office = world.office_a
    company.save(update_fields=["office"])
    return company


def url(company) -> str:
    return f"/api/v1/companies/{company.pk}/warnings/"


def body(**kw) -> dict:
    data = {"number": "560/12/Disnaker", "date": TODAY.isoformat(), "reason": "Tidak melapor"}
    data.update(kw)
    return data


def test_an_officer_records_a_warning_and_lists_it(api, world, company):
    response = api.as_user(world.officer_a).post(url(company), body(), format="json")
    assert response.status_code == 201
    created = response.json()
    assert (created["number"], created["company"], created["has_document"]) == (
        "560/12/Disnaker",
        company.pk,
        False,
    )
    warning = CompanyWarning.objects.get(pk=created["id"])
    assert warning.recorded_by == world.officer_a
    listed = api.as_user(world.officer_a).get(url(company)).json()
    assert [w["id"] for w in listed] == [warning.pk]


def test_the_same_number_again_answers_409_with_the_existing_id(api, world, company):
    first = api.as_user(world.officer_a).post(url(company), body(), format="json").json()
    response = api.as_user(world.officer_a).post(url(company), body(), format="json")
    assert response.status_code == 409
    assert response.json()["existing_id"] == first["id"]
    assert CompanyWarning.objects.count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        {"date": "abc"},
        {"date": (TODAY + datetime.timedelta(days=3)).isoformat()},
        {"number": ""},
        {"number": "x" * 61},
        {"reason": "   "},
        {"date": "2.421"},
    ],
)
def test_bad_input_answers_400_and_writes_nothing(api, world, company, bad):
    response = api.as_user(world.officer_a).post(url(company), body(**bad), format="json")
    assert response.status_code == 400
    assert not CompanyWarning.objects.exists()


def test_another_offices_company_is_not_found_and_other_roles_are_refused(api, world, company):
    assert api.as_user(world.officer_b).post(url(company), body(), format="json").status_code == 404
    assert (
        api.as_user(world.officer_a).get("/api/v1/companies/99999999/warnings/").status_code == 404
    )
    for user in (world.trainer_a, world.employer_a):
        assert api.as_user(user).post(url(company), body(), format="json").status_code == 403
    assert not CompanyWarning.objects.exists()


def test_the_letter_must_be_a_pdf(api, world, company):
    fake = SimpleUploadedFile("surat.pdf", b"PK\x03\x04 not a pdf", "application/pdf")
    response = api.as_user(world.officer_a).post(
        url(company), {**body(), "document": fake}, format="multipart"
    )
    assert response.status_code == 415, response.json()
    assert "PDF" in str(response.json())
    assert not CompanyWarning.objects.exists()
    letter = SimpleUploadedFile("surat.pdf", PDF, "application/pdf")
    response = api.as_user(world.officer_a).post(
        url(company), {**body(), "document": letter}, format="multipart"
    )
    assert response.status_code == 201
    assert response.json()["has_document"] is True


def test_the_letter_may_not_be_too_large(api, world, company, settings):
    settings.VOKASI_UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("surat.pdf", PDF + b"0" * 200, "application/pdf")
    response = api.as_user(world.officer_a).post(
        url(company), {**body(), "document": big}, format="multipart"
    )
    assert response.status_code == 413
    assert not CompanyWarning.objects.exists()


# ------------------------------------------------------------------------ the pages


def test_the_page_records_a_warning_with_its_letter_and_then_the_answer(client, world, company):
    client.force_login(world.officer_a)
    new = f"/companies/{company.pk}/warnings/new/"
    assert client.get(new).status_code == 200
    letter = SimpleUploadedFile("surat.pdf", PDF, "application/pdf")
    response = client.post(new, {**body(), "document": letter})
    assert response.status_code == 302
    warning = CompanyWarning.objects.get()
    assert warning.document
    assert client.get(f"/warnings/{warning.pk}/document/").status_code == 200
    html = client.get(f"/companies/{company.pk}/warnings/").content.decode()
    assert "560/12/Disnaker" in html
    answer = f"/warnings/{warning.pk}/answer/"
    response = client.post(answer, {"answer": "Sudah melapor", "answered_on": TODAY.isoformat()})
    assert response.status_code == 302
    warning.refresh_from_db()
    assert (warning.answer, warning.answered_on) == ("Sudah melapor", TODAY)
    assert "Sudah melapor" in client.get("/warnings/").content.decode()


def test_the_company_downloads_its_letter_and_another_company_does_not(client, world, company):
    warning = CompanyWarning.objects.create(
        company=company, number="1", date=TODAY, reason="x", document="warnings/x.pdf"
    )
    client.force_login(world.employer_b)
    assert client.get(f"/warnings/{warning.pk}/document/").status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"number": ""}, "number"),
        ({"date": "abc"}, "date"),
        ({"date": "2.421"}, "date"),
        ({"date": "99999-01-01"}, "date"),
    ],
)
def test_tampered_page_posts_answer_400_and_write_nothing(client, world, company, data, field):
    client.force_login(world.officer_a)
    response = client.post(f"/companies/{company.pk}/warnings/new/", body(**data))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not CompanyWarning.objects.exists()


def test_a_duplicate_number_on_the_page_is_a_form_error(client, world, company):
    CompanyWarning.objects.create(company=company, number="560/12/Disnaker", date=TODAY, reason="x")
    client.force_login(world.officer_a)
    response = client.post(f"/companies/{company.pk}/warnings/new/", body())
    assert response.status_code == 400
    assert "number" in response.context["form"].errors
    assert CompanyWarning.objects.count() == 1


def test_a_wrong_letter_type_on_the_page_is_a_form_error(client, world, company):
    client.force_login(world.officer_a)
    fake = SimpleUploadedFile("surat.pdf", b"GIF89a....", "application/pdf")
    response = client.post(f"/companies/{company.pk}/warnings/new/", {**body(), "document": fake})
    assert response.status_code == 400
    assert "document" in response.context["form"].errors
    assert not CompanyWarning.objects.exists()


def test_an_answer_before_the_warning_is_refused(client, world, company):
    warning = CompanyWarning.objects.create(company=company, number="1", date=TODAY, reason="x")
    client.force_login(world.officer_a)
    earlier = (TODAY - datetime.timedelta(days=5)).isoformat()
    response = client.post(
        f"/warnings/{warning.pk}/answer/", {"answer": "ok", "answered_on": earlier}
    )
    assert response.status_code == 400
    warning.refresh_from_db()
    assert warning.answered_on is None


def test_an_officer_of_another_office_cannot_reach_the_pages(client, world, company):
    warning = CompanyWarning.objects.create(company=company, number="1", date=TODAY, reason="x")
    client.force_login(world.officer_b)
    assert client.get(f"/companies/{company.pk}/warnings/new/").status_code == 404
    assert client.post(f"/warnings/{warning.pk}/answer/", {"answer": "x"}).status_code == 404
    assert "PT Baja" not in client.get("/warnings/").content.decode()
