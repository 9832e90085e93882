"""GET/POST /api/v1/programmes/: scoped to the trainer's provider, officers read all."""

from __future__ import annotations

import pytest

from tests import factories
from tests.trainees.language import english  # noqa: F401
from trainees.models import Programme

pytestmark = pytest.mark.django_db

URL = "/api/v1/programmes/"


def payload(**overrides):
    data = {
        "vocation": "LAS",
        "code": "LAS-SMAW-01",
        "name": "Pengelasan SMAW 1G/2G",
        "skills": ["LAS-SMAW", "LAS-BLUEPRINT"],
        "jp_hours": 240,
        "education_min": "smp",
        "age_min": 17,
        "age_max": 35,
        "funding": "apbn",
    }
    data.update(overrides)
    return data


def test_a_trainer_creates_a_programme_for_its_own_provider(api, world):
    response = api.as_user(world.trainer_a).post(URL, payload(provider="BLK-CLG"), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["provider"] == "BBPVP-SRG"
    assert sorted(body["skills"]) == ["LAS-BLUEPRINT", "LAS-SMAW"]
    programme = Programme.objects.get(pk=body["id"])
    assert programme.provider == world.provider_a
    assert programme.education_min_id == "smp"
    assert (programme.age_min, programme.age_max) == (17, 35)


def test_a_repeated_code_answers_409_with_the_existing_programme(api, world):
    first = api.as_user(world.trainer_a).post(URL, payload(), format="json").json()
    response = api.post(URL, payload(name="Another name"), format="json")
    assert response.status_code == 409
    assert response.json()["existing_id"] == first["id"]
    assert Programme.objects.count() == 1


def test_another_provider_may_use_the_same_code(api, world):
    assert api.as_user(world.trainer_a).post(URL, payload(), format="json").status_code == 201
    assert api.as_user(world.trainer_b).post(URL, payload(), format="json").status_code == 201


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"skills": []}, "skills"),
        ({"jp_hours": 0}, "jp_hours"),
        ({"age_min": 40, "age_max": 30}, "age_max"),
        ({"funding": "hibah"}, "funding"),
        ({"education_min": "sltp"}, "education_min"),
        ({"skills": ["NOPE"]}, "skills"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_programmes_are_refused_field_by_field(api, world, overrides, field):
    response = api.as_user(world.trainer_a).post(URL, payload(**overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Programme.objects.exists()


def test_an_admin_must_name_the_provider(api, world):
    response = api.as_user(world.admin).post(URL, payload(), format="json")
    assert response.status_code == 400
    assert "provider" in response.json()
    response = api.post(URL, payload(provider="BLK-CLG"), format="json")
    assert response.status_code == 201
    assert response.json()["provider"] == "BLK-CLG"


def test_officers_read_every_programme_but_may_not_create(api, world):
    factories.programme(world.provider_a)
    factories.programme(world.provider_b)
    response = api.as_user(world.officer_a).get(URL)
    assert response.json()["count"] == 2
    assert api.post(URL, payload(), format="json").status_code == 403


def test_a_trainer_sees_only_its_providers_programmes(api, world):
    own = factories.programme(world.provider_a)
    other = factories.programme(world.provider_b)
    response = api.as_user(world.trainer_a).get(URL)
    assert [row["id"] for row in response.json()["results"]] == [own.pk]
    assert api.get(f"{URL}{other.pk}/").status_code == 404


def test_companies_may_not_use_the_training_endpoints(api, world):
    assert api.as_user(world.employer_a).get(URL).status_code == 403
    assert api.post(URL, payload(), format="json").status_code == 403


def test_programmes_filter_by_vocation_and_funding(api, world):
    las = factories.programme(world.provider_a, "LAS", funding="apbn")
    factories.programme(world.provider_a, "LIS", funding="apbd")
    response = api.as_user(world.officer_a).get(URL, {"vocation": "LAS", "funding": "apbn"})
    assert [row["id"] for row in response.json()["results"]] == [las.pk]


def test_the_list_runs_a_bounded_number_of_queries(api, world, django_assert_max_num_queries):
    for _ in range(25):
        factories.programme(world.provider_a)
    api.as_user(world.officer_a)
    with django_assert_max_num_queries(6):
        response = api.get(URL, {"page_size": 100})
    assert response.json()["count"] == 25
