"""GET/PATCH /api/v1/company/: the caller's company; only contact fields change."""

from __future__ import annotations

URL = "/api/v1/company/"


def test_employer_reads_its_own_company(world, api):
    body = api.as_user(world.employer_a).get(URL).json()
    assert body["id"] == world.company_a.pk
    assert body["nib"] == world.company_a.nib
    assert body["sector"] == "C"


def test_employer_changes_contact_fields_and_nothing_else(world, api):
    response = api.as_user(world.employer_a).patch(
        URL,
        {
            "contact_name": "Ibu Ratna",
            "contact_phone": "0254-123456",
            "contact_email": "hr@baja.example.id",
            "name": "PT Lain",
            "workforce": 1,
        },
        format="json",
    )
    assert response.status_code == 200, response.data
    world.company_a.refresh_from_db()
    assert world.company_a.contact_name == "Ibu Ratna"
    assert world.company_a.contact_email == "hr@baja.example.id"
    assert world.company_a.name == "PT Baja Selat Sunda"
    assert world.company_a.workforce == 500


def test_a_bad_contact_email_is_refused(world, api):
    response = api.as_user(world.employer_a).patch(URL, {"contact_email": "nope"}, format="json")
    assert response.status_code == 400
    assert "contact_email" in response.json()
