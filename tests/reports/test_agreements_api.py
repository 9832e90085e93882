"""GET, POST /api/v1/agreements/, GET /api/v1/agreements/{id}/ and the M&E report API."""

from __future__ import annotations

import pytest

from tests import factories
from vokasi.models import Agreement


def body(world, office=None, **kw) -> dict:
    data = {
        "kind": "pks",
        "number": "560/017/PKS-DISNAKER/2026",
        "title": "PKS Tripartit pelatihan, pemagangan dan penempatan",
        "parties": [
            {"kind": "office", "id": (office or world.office_a).pk, "role": "pihak pertama"},
            {"kind": "provider", "id": world.provider_a.pk, "role": "pihak kedua"},
            {"kind": "other", "name": "DPK Apindo Kota Cilegon", "other_kind": "association"},
            {"kind": "company", "id": world.company_a.pk, "role": "anggota"},
        ],
        "signed_on": "2026-01-10",
        "valid_from": "2026-02-01",
        "valid_to": "2027-01-31",
        "scope": [
            {"item": "training", "targets": [{"measure": "trained", "target": 64},
                                             {"measure": "amount", "target": 480_000_000}]},
            {"item": "placement", "targets": [{"measure": "placed", "target": 40}]},
        ],
    }  # fmt: skip
    data.update(kw)
    return data


def test_officer_records_an_agreement_and_reads_it_back_with_realisation(api, world):
    response = api.as_user(world.officer_a).post("/api/v1/agreements/", body(world), format="json")
    assert response.status_code == 201, response.content
    got = response.json()
    assert got["kind"] == "pks" and got["office"] == world.office_a.pk
    assert [p["kind"] for p in got["parties"]] == ["office", "provider", "other", "company"]
    assert got["parties"][2] == {
        "kind": "other", "id": None, "name": "DPK Apindo Kota Cilegon", "role": ""
    }  # fmt: skip
    assert got["scope"][0]["targets"] == [
        {"measure": "trained", "target": 64},
        {"measure": "amount", "target": 480_000_000},
    ]
    # Nothing spent on linked cohorts yet.
    assert {"item": "training", "measure": "amount", "value": 0} in got["realised"]
    assert {"item": "training", "measure": "trained", "value": 0} in got["realised"]
    assert got["status"] in ("on_track", "behind", "expired")
    detail = api.get(f"/api/v1/agreements/{got['id']}/")
    assert detail.status_code == 200 and detail.json()["number"] == got["number"]


def test_the_same_number_in_the_same_office_answers_409_with_the_existing_id(api, world):
    first = api.as_user(world.officer_a).post("/api/v1/agreements/", body(world), format="json")
    again = api.post("/api/v1/agreements/", body(world), format="json")
    assert again.status_code == 409
    assert again.json()["existing_id"] == first.json()["id"]


NEGATIVE_TRAINED = {"measure": "trained", "target": -5}
NEGATIVE_AMOUNT = {"measure": "amount", "target": -1}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"valid_to": "2026-01-31"}, "valid_to"),
        ({"scope": [{"item": "training", "targets": [NEGATIVE_TRAINED]}]}, "scope"),
        ({"scope": [{"item": "training", "targets": [NEGATIVE_AMOUNT]}]}, "scope"),
        ({"scope": [{"item": "teleport", "targets": []}]}, "scope"),
        ({"scope": [{"item": "training"}, {"item": "training"}]}, "scope"),
        ({"kind": "treaty"}, "kind"),
        ({"parties": [{"kind": "provider", "id": 1}]}, "parties"),
    ],
)  # fmt: skip
def test_bad_input_answers_400_and_writes_nothing(api, world, change, field):
    response = api.as_user(world.officer_a).post(
        "/api/v1/agreements/", body(world, **change), format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Agreement.objects.exists()


def test_an_officer_must_name_their_own_office_as_a_party(api, world):
    response = api.as_user(world.officer_b).post("/api/v1/agreements/", body(world), format="json")
    assert response.status_code == 400
    assert "parties" in response.json()


def test_a_pks_implements_an_mou_not_another_pks(api, world):
    pks = factories.agreement(world.office_a, kind="pks")
    response = api.as_user(world.officer_a).post(
        "/api/v1/agreements/", body(world, parent=pks.pk), format="json"
    )
    assert response.status_code == 400 and "parent" in response.json()
    mou = factories.agreement(world.office_a, kind="mou")
    ok = api.post("/api/v1/agreements/", body(world, parent=mou.pk), format="json")
    assert ok.status_code == 201 and ok.json()["parent"] == mou.pk


def test_each_role_sees_the_agreements_its_organisation_is_party_to(api, world):
    mine = factories.agreement(
        world.office_a, providers=[world.provider_a], companies=[world.company_a]
    )
    other = factories.agreement(world.office_b, providers=[world.provider_b])
    seen = {}
    for name in (
        "officer_a",
        "officer_b",
        "trainer_a",
        "trainer_b",
        "employer_a",
        "employer_b",
        "admin",
    ):
        response = api.as_user(getattr(world, name)).get("/api/v1/agreements/")
        assert response.status_code == 200
        seen[name] = {row["id"] for row in response.json()["results"]}
    assert seen == {
        "officer_a": {mine.pk},
        "officer_b": {other.pk},
        "trainer_a": {mine.pk},
        "trainer_b": {other.pk},
        "employer_a": {mine.pk},
        "employer_b": set(),
        "admin": {mine.pk, other.pk},
    }  # fmt: skip


def test_trainers_and_employers_never_write(api, world):
    for user in (world.trainer_a, world.employer_a):
        response = api.as_user(user).post("/api/v1/agreements/", body(world), format="json")
        assert response.status_code == 403


def test_admin_records_an_agreement_kept_by_the_first_office_party(api, world):
    data = body(world, office=world.office_b)
    response = api.as_user(world.admin).post("/api/v1/agreements/", data, format="json")
    assert response.status_code == 201
    assert response.json()["office"] == world.office_b.pk


def test_the_list_answers_in_a_fixed_number_of_queries(api, world, django_assert_max_num_queries):
    for _ in range(6):
        factories.agreement(world.office_a, providers=[world.provider_a])
    api.as_user(world.officer_a)
    with django_assert_max_num_queries(20):
        response = api.get("/api/v1/agreements/")
    assert response.json()["count"] == 6


def test_the_report_answers_json_csv_and_xlsx(api, world):
    factories.agreement(world.office_a, providers=[world.provider_a], number="PKS/1/2026")
    api.as_user(world.officer_a)
    response = api.get("/api/v1/reports/agreements/?from=2026-01-01&to=2026-12-31")
    assert response.status_code == 200
    got = response.json()
    assert got["from"] == "2026-01-01" and got["to"] == "2026-12-31"
    row = got["rows"][0]
    assert row["number"] == "PKS/1/2026"
    assert row["targets"] == [
        {
            "scope": "training",
            "measure": "trained",
            "target": 10,
            "realised": 0,
            "realised_to_date": 0,
        }
    ]
    csv = api.get("/api/v1/reports/agreements/?format=csv&from=2026-01-01&to=2026-12-31")
    assert csv.status_code == 200 and b"PKS/1/2026" in csv.content
    xlsx = api.get("/api/v1/reports/agreements/?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert api.as_user(world.employer_a).get("/api/v1/reports/agreements/").status_code == 403
    bad = api.as_user(world.officer_a).get(
        "/api/v1/reports/agreements/?from=2026-12-31&to=2026-01-01"
    )
    assert bad.status_code == 400
