"""/api/v1/companies/: the register an office keeps, per endpoint and role."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from openapi_schema_validator import OAS30Validator

from tests import factories
from tests.vokasi.authorization import company_fields
from vokasi.models import Company, User

pytestmark = pytest.mark.django_db

URL = "/api/v1/companies/"


@pytest.fixture
def on_register(world):
    """A company on office A's register, awaiting verification, and one on B's."""
    a = factories.company(office=world.office_a, status=Company.Status.UNVERIFIED)
    b = factories.company(office=world.office_b, status=Company.Status.UNVERIFIED)
    return a, b


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    return json.loads(response.content)


def validate(schema: dict, path: str, method: str, status: int, body) -> None:
    answer = schema["paths"][path][method]["responses"][str(status)]
    shape = answer["content"]["application/json"]["schema"]
    OAS30Validator({**shape, "components": schema["components"]}).validate(body)


def test_an_officer_lists_only_the_companies_of_its_offices_register(
    api, world, on_register, django_assert_max_num_queries
):
    a, b = on_register
    with django_assert_max_num_queries(6):
        response = api.as_user(world.officer_a).get(URL)
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert a.pk in ids and b.pk not in ids
    assert world.company_a.pk not in ids  # on no office's register


def test_an_admin_lists_every_company(api, world, on_register):
    response = api.as_user(world.admin).get(URL, {"status": "unverified"})
    ids = {row["id"] for row in response.json()["results"]}
    assert set(map(lambda c: c.pk, on_register)) <= ids


def test_the_list_filters_by_status_sector_kecamatan_and_words(api, world, on_register):
    a, _b = on_register
    factories.company(office=world.office_a, name="PT Pelabuhan Merak", sector_id="5222")
    client = api.as_user(world.officer_a)
    names = lambda **q: [r["name"] for r in client.get(URL, q).json()["results"]]  # noqa: E731
    assert names(q="pelabuhan merak") == ["PT Pelabuhan Merak"]
    assert names(sector="5222") == ["PT Pelabuhan Merak"]
    assert names(sector="52") == ["PT Pelabuhan Merak"]  # KBLI 52 holds 5222
    assert names(status="unverified") == [a.name]
    assert names(q=a.nib) == [a.name]
    assert client.get(URL, {"status": "nonsense"}).status_code == 400


def test_an_officer_registers_a_company_unverified_on_its_own_register(api, world, schema):
    response = api.as_user(world.officer_a).post(URL, company_fields(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "unverified" and body["verified_on"] is None
    assert body["npwp"] == "013000666091000"
    company = Company.objects.get(pk=body["id"])
    assert company.office == world.office_a
    assert company.status_changed_by == world.officer_a
    validate(schema, "/api/v1/companies/", "post", 201, body)


def test_an_admin_names_the_office_of_the_register(api, world):
    response = api.as_user(world.admin).post(
        URL, company_fields(office=world.office_b.pk), format="json"
    )
    assert response.status_code == 201
    assert Company.objects.get(pk=response.json()["id"]).office == world.office_b


def test_an_officer_cannot_put_a_company_on_another_offices_register(api, world):
    response = api.as_user(world.officer_a).post(
        URL, company_fields(office=world.office_b.pk), format="json"
    )
    assert response.status_code == 201
    assert Company.objects.get(pk=response.json()["id"]).office == world.office_a


def test_a_nib_already_registered_answers_409_with_the_existing_id(api, world, on_register):
    _a, b = on_register
    response = api.as_user(world.officer_a).post(URL, company_fields(nib=b.nib), format="json")
    assert response.status_code == 409
    assert response.json()["existing_id"] == b.pk
    assert Company.objects.filter(nib=b.nib).count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nib", "12345"),
        ("nib", "12345678901234"),
        ("nib", "abcdefghijklm"),
        ("npwp", "01.300.066.7-091.000"),
        ("npwp", "abc"),
        ("sector", "99999"),
        ("region", "36.72"),
        ("region", "99.99.99"),
        ("workforce", "abc"),
        ("workforce", -1),
        ("workforce", 10**20),
        ("contact_email", "not-an-email"),
        ("name", ""),
    ],
)
def test_bad_input_answers_400_naming_the_field(api, world, field, value, schema):
    response = api.as_user(world.officer_a).post(
        URL, company_fields(**{field: value}), format="json"
    )
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Company.objects.filter(name__startswith="PT Register Baru").exists()
    validate(schema, "/api/v1/companies/", "post", 400, response.json())


def test_a_nib_with_dots_and_an_npwp_of_16_digits_are_accepted_as_digits(api, world):
    response = api.as_user(world.officer_a).post(
        URL, company_fields(nib="8.120.000.111.222", npwp="3172021508900001"), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["nib"] == "8120000111222"
    assert response.json()["npwp"] == "3172021508900001"


def test_patch_changes_only_the_fields_given(api, world, on_register, schema):
    a, _b = on_register
    response = api.as_user(world.officer_a).patch(
        f"{URL}{a.pk}/", {"workforce": 900, "region": "367201"}, format="json"
    )
    assert response.status_code == 200, response.json()
    a.refresh_from_db()
    assert (a.workforce, a.region_id, a.status) == (900, "36.72.01", "unverified")
    validate(schema, "/api/v1/companies/{id}/", "patch", 200, response.json())


def test_patch_to_another_companys_nib_answers_409(api, world, on_register):
    a, b = on_register
    response = api.as_user(world.admin).patch(f"{URL}{a.pk}/", {"nib": b.nib}, format="json")
    assert response.status_code == 409
    assert response.json()["existing_id"] == b.pk


def test_status_cannot_be_written_through_patch(api, world, on_register):
    a, _b = on_register
    response = api.as_user(world.officer_a).patch(
        f"{URL}{a.pk}/", {"status": "verified"}, format="json"
    )
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.status == "unverified"


def test_an_officer_of_another_office_gets_404(api, world, on_register):
    a, _b = on_register
    client = api.as_user(world.officer_b)
    assert client.get(f"{URL}{a.pk}/").status_code == 404
    assert client.patch(f"{URL}{a.pk}/", {"workforce": 1}, format="json").status_code == 404
    assert client.post(f"{URL}{a.pk}/verify/").status_code == 404
    assert (
        client.post(f"{URL}{a.pk}/users/", {"username": "x", "email": "x@example.com"}).status_code
        == 404
    )
    a.refresh_from_db()
    assert a.status == "unverified" and a.workforce == 500


@pytest.mark.parametrize("pk", ["abc", "2.421", "99999999999999999999999"])
def test_a_tampered_id_answers_404(api, world, pk):
    assert api.as_user(world.officer_a).get(f"{URL}{pk}/").status_code == 404


@pytest.mark.parametrize("who", ["trainer_a", "employer_a"])
def test_trainers_and_employers_are_refused(api, world, on_register, who):
    a, _b = on_register
    client = api.as_user(getattr(world, who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, company_fields(), format="json").status_code == 403
    assert client.post(f"{URL}{a.pk}/verify/").status_code == 403


def test_verify_records_who_and_when_and_is_idempotent(api, world, on_register, schema):
    a, _b = on_register
    client = api.as_user(world.officer_a)
    response = client.post(f"{URL}{a.pk}/verify/")
    assert response.status_code == 200
    assert response.json()["status"] == "verified" and response.json()["verified_on"]
    validate(schema, "/api/v1/companies/{id}/verify/", "post", 200, response.json())
    a.refresh_from_db()
    assert a.status_changed_by == world.officer_a and a.status_changed_at is not None
    first = a.status_changed_at
    assert client.post(f"{URL}{a.pk}/verify/").status_code == 200
    a.refresh_from_db()
    assert a.status_changed_at == first
    assert a.history.filter(status="verified").exists()


def test_a_suspended_company_is_not_verified_through_the_api(api, world):
    company = factories.company(office=world.office_a, status=Company.Status.SUSPENDED)
    response = api.as_user(world.officer_a).post(f"{URL}{company.pk}/verify/")
    assert response.status_code == 400
    assert "status" in response.json()


def test_users_creates_an_employer_of_that_company_and_mails_a_link(api, world, on_register):
    a, _b = on_register
    response = api.as_user(world.officer_a).post(
        f"{URL}{a.pk}/users/", {"username": "hr.krakatau", "email": "hr@krakatau.co.id"}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["username"] == "hr.krakatau" and body["company"] == a.pk
    user = User.objects.get(pk=body["id"])
    assert user.role == "employer" and user.company == a
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hr@krakatau.co.id"]
    assert "/password/set/" in mail.outbox[0].body


def test_a_username_taken_answers_400_naming_username(api, world, on_register, schema):
    a, _b = on_register
    response = api.as_user(world.officer_a).post(
        f"{URL}{a.pk}/users/", {"username": "employer_a", "email": "hr@example.com"}
    )
    assert response.status_code == 400
    assert "username" in response.json()
    validate(schema, "/api/v1/companies/{id}/users/", "post", 400, response.json())


def test_a_bad_email_answers_400_naming_email(api, world, on_register):
    a, _b = on_register
    response = api.as_user(world.admin).post(
        f"{URL}{a.pk}/users/", {"username": "baru", "email": "bukan-email"}
    )
    assert response.status_code == 400 and "email" in response.json()
    assert not User.objects.filter(username="baru").exists()


def test_the_schema_describes_the_list_answer(api, world, on_register, schema):
    response = api.as_user(world.officer_a).get(URL)
    validate(schema, "/api/v1/companies/", "get", 200, response.json())
    one = api.as_user(world.officer_a).get(f"{URL}{on_register[0].pk}/")
    validate(schema, "/api/v1/companies/{id}/", "get", 200, one.json())
