"""POST/GET/PATCH /api/v1/vacancies/ and /close/: every field and rule of API.md."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from placements.models import Vacancy
from tests import factories

URL = "/api/v1/vacancies/"
TODAY = timezone.localdate()


def payload(**kw) -> dict:
    data = {
        "external_ref": "HR-2026-0042",
        "kind": "job",
        "title": "Welder SMAW 3G",
        "description": "Pengelasan pipa.",
        "occupation": "7212",
        "required_skills": ["LAS-SMAW"],
        "preferred_skills": ["LAS-SMAW3G"],
        "openings": 5,
        "education_min": "smk",
        "region": "36.72.04",
        "wage_min": 5_100_000,
        "wage_max": 6_500_000,
        "employment_type": "pkwt",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=30)).isoformat(),
    }
    data.update(kw)
    return {k: v for k, v in data.items() if v is not ...}


@pytest.fixture
def employer_api(world, api):
    return api.as_user(world.employer_a)


def test_employer_posts_a_vacancy_for_its_own_company(world, employer_api):
    response = employer_api.post(URL, payload(company=world.company_b.pk), format="json")
    assert response.status_code == 201, response.data
    body = response.json()
    vacancy = Vacancy.objects.get(pk=body["id"])
    assert vacancy.company == world.company_a  # a client cannot choose the company
    assert vacancy.created_by == world.employer_a
    assert body["company"] == {"id": world.company_a.pk, "name": world.company_a.name}
    assert body["required_skills"] == ["LAS-SMAW"]
    assert body["preferred_skills"] == ["LAS-SMAW3G"]
    assert body["filled"] == 0
    assert body["status"] == "open"
    assert body["occupation"] == "7212" and body["region"] == "36.72.04"


def test_posting_the_same_vacancy_twice_with_the_same_external_ref_keeps_one(employer_api):
    first = employer_api.post(URL, payload(), format="json")
    second = employer_api.post(URL, payload(), format="json")
    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert Vacancy.objects.filter(external_ref="HR-2026-0042").count() == 1


def test_skill_order_does_not_make_a_retry_different(employer_api):
    first = employer_api.post(URL, payload(required_skills=["LAS-SMAW", "LAS-GTAW"]), format="json")
    second = employer_api.post(
        URL, payload(required_skills=["LAS-GTAW", "LAS-SMAW"]), format="json"
    )
    assert (first.status_code, second.status_code) == (201, 200)


def test_a_different_vacancy_under_a_used_external_ref_is_a_conflict(employer_api):
    first = employer_api.post(URL, payload(), format="json")
    second = employer_api.post(URL, payload(openings=6), format="json")
    assert second.status_code == 409
    assert second.json()["existing_id"] == first.json()["id"]
    assert "detail" in second.json()
    assert Vacancy.objects.count() == 1


def test_two_companies_may_use_the_same_external_ref(world, api):
    assert api.as_user(world.employer_a).post(URL, payload(), format="json").status_code == 201
    assert api.as_user(world.employer_b).post(URL, payload(), format="json").status_code == 201


def test_without_external_ref_each_post_is_a_new_vacancy(employer_api):
    for _ in range(2):
        assert employer_api.post(URL, payload(external_ref=...), format="json").status_code == 201
    assert Vacancy.objects.count() == 2


def test_an_apprenticeship_vacancy(employer_api):
    response = employer_api.post(
        URL,
        payload(kind="apprenticeship", employment_type="magang", duration_months=6),
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.json()["duration_months"] == 6


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"openings": 0}, "openings"),
        ({"openings": 1001}, "openings"),
        ({"openings": "lima"}, "openings"),
        ({"wage_min": 7_000_000, "wage_max": 6_000_000}, "wage_max"),
        ({"wage_min": -1}, "wage_min"),
        ({"occupation": "9999"}, "occupation"),
        ({"region": "36.72"}, "region"),
        ({"region": "99.99.99"}, "region"),
        ({"education_min": "sma_plus"}, "education_min"),
        ({"required_skills": ["NOPE-1"]}, "required_skills"),
        ({"required_skills": "LAS-SMAW"}, "required_skills"),
        ({"preferred_skills": ["LAS-SMAW"], "required_skills": ["LAS-SMAW"]}, "preferred_skills"),
        ({"kind": "internship"}, "kind"),
        ({"employment_type": "kontrak"}, "employment_type"),
        ({"kind": "apprenticeship", "employment_type": "magang"}, "duration_months"),
        (
            {"kind": "apprenticeship", "employment_type": "magang", "duration_months": 13},
            "duration_months",
        ),
        ({"kind": "apprenticeship", "duration_months": 6}, "employment_type"),
        ({"duration_months": 6}, "duration_months"),
        ({"employment_type": "magang"}, "employment_type"),
        ({"closes_on": (TODAY - datetime.timedelta(days=1)).isoformat()}, "closes_on"),
        (
            {
                "opens_on": (TODAY + datetime.timedelta(days=10)).isoformat(),
                "closes_on": (TODAY + datetime.timedelta(days=5)).isoformat(),
            },
            "closes_on",
        ),
        ({"closes_on": "31-12-2026"}, "closes_on"),
        ({"title": ""}, "title"),
        ({"title": ...}, "title"),
        ({"occupation": ...}, "occupation"),
        ({"closes_on": ...}, "closes_on"),
        ({"title": None}, "title"),
        ({"openings": True}, "openings"),
        ({"external_ref": "x" * 65}, "external_ref"),
    ],
)
def test_an_invalid_vacancy_is_refused_with_the_field_named(employer_api, changes, field):
    response = employer_api.post(URL, payload(**changes), format="json")
    assert response.status_code == 400, response.data
    assert field in response.json(), response.json()
    assert all(isinstance(m, str) for m in response.json()[field])
    assert not Vacancy.objects.exists()


def test_messages_are_indonesian_by_default_and_english_on_request(employer_api):
    bad = payload(wage_min=7_000_000, wage_max=6_000_000, openings=0)
    indonesian = employer_api.post(URL, bad, format="json").json()
    english = employer_api.post(URL, bad, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["openings"] == ["Ensure this value is greater than or equal to 1."]
    assert indonesian["openings"] != english["openings"]
    bad = payload(wage_min=7_000_000, wage_max=6_000_000)
    indonesian = employer_api.post(URL, bad, format="json").json()
    english = employer_api.post(URL, bad, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["wage_max"] == ["The maximum wage must not be below the minimum wage."]
    assert indonesian["wage_max"] == ["Upah maksimum tidak boleh di bawah upah minimum."]


def test_unknown_and_read_only_fields_are_ignored(employer_api):
    response = employer_api.post(
        URL, payload(colour="blue", filled=3, status="closed", id=999), format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert "colour" not in body
    assert (body["filled"], body["status"]) == (0, "open")
    assert body["id"] != 999


def test_a_malformed_json_body_is_a_400(employer_api):
    response = employer_api.post(URL, '{"title": "Welder",', content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_json_body_that_is_not_an_object_is_a_400(employer_api):
    response = employer_api.post(URL, "[1, 2, 3]", content_type="application/json")
    assert response.status_code == 400


def test_a_2_mb_json_body_is_refused_without_a_server_error(employer_api):
    huge = payload(description="x" * (2 * 1024 * 1024))
    response = employer_api.post(URL, huge, format="json")
    assert response.status_code == 413
    assert response.json()["detail"]
    assert not Vacancy.objects.exists()


def test_a_form_encoded_body_is_not_json(employer_api):
    response = employer_api.post(URL, "title=x", content_type="text/plain")
    assert response.status_code == 415


def test_employer_lists_only_its_own_vacancies_newest_first(world, employer_api):
    older = factories.vacancy(world.company_a, opens_on=TODAY - datetime.timedelta(days=10))
    newer = factories.vacancy(world.company_a, opens_on=TODAY - datetime.timedelta(days=1))
    factories.vacancy(world.company_b)
    body = employer_api.get(URL).json()
    assert body["count"] == 2
    assert [v["id"] for v in body["results"]] == [newer.pk, older.pk]
    assert set(body) == {"count", "next", "previous", "results"}


def test_vacancies_filter_by_status_kind_occupation_skill_and_opening_date(world, employer_api):
    welder = factories.vacancy(world.company_a, opens_on=TODAY - datetime.timedelta(days=20))
    forklift = factories.vacancy(
        world.company_a, occupation_id="8344", required_skills=[], preferred_skills=["LAS-SMAW"]
    )
    apprentice = factories.vacancy(
        world.company_a,
        kind="apprenticeship",
        employment_type="magang",
        duration_months=6,
        required_skills=["LAS-GTAW"],
    )
    closed = factories.vacancy(world.company_a, status="closed", close_reason="cancelled")

    def ids(query: str) -> set[int]:
        return {v["id"] for v in employer_api.get(URL + query).json()["results"]}

    assert ids("?status=closed") == {closed.pk}
    assert ids("?kind=apprenticeship") == {apprentice.pk}
    assert ids("?occupation=8344") == {forklift.pk}
    assert ids("?skill=LAS-SMAW") == {welder.pk, forklift.pk, closed.pk}
    since = (TODAY - datetime.timedelta(days=5)).isoformat()
    assert ids(f"?opened_since={since}") == {forklift.pk, apprentice.pk, closed.pk}
    assert employer_api.get(URL + "?status=nonsense").status_code == 400


def test_pagination_is_stable_and_bounded(world, employer_api):
    for _ in range(7):
        factories.vacancy(world.company_a, opens_on=TODAY)
    page1 = employer_api.get(URL + "?page_size=3").json()
    page2 = employer_api.get(URL + "?page_size=3&page=2").json()
    page3 = employer_api.get(URL + "?page_size=3&page=3").json()
    seen = [v["id"] for p in (page1, page2, page3) for v in p["results"]]
    assert len(seen) == len(set(seen)) == 7
    assert page1["next"] and page3["next"] is None
    assert employer_api.get(URL + "?page=99").status_code == 404


@pytest.mark.parametrize("size", [1, 30])
def test_the_list_runs_a_bounded_number_of_queries(
    world, employer_api, django_assert_max_num_queries, size
):
    for _ in range(size):
        factories.vacancy(world.company_a, preferred_skills=["LAS-GTAW"])
    with django_assert_max_num_queries(4):
        assert len(employer_api.get(URL + "?page_size=1000").json()["results"]) == size


def test_employer_reads_its_vacancy(employer_api, vacancy_a):
    body = employer_api.get(f"{URL}{vacancy_a.pk}/").json()
    assert body["id"] == vacancy_a.pk and body["external_ref"] == "HR-A-1"


def test_reading_a_vacancy_is_two_queries(world, employer_api, django_assert_num_queries):
    vacancy = factories.vacancy(
        world.company_a, required_skills=["LAS-SMAW", "LAS-GTAW"], preferred_skills=["LAS-GMAW"]
    )
    # The vacancy with its company's name, then its skills.
    with django_assert_num_queries(2):
        body = employer_api.get(f"{URL}{vacancy.pk}/").json()
    assert body["required_skills"] == ["LAS-GTAW", "LAS-SMAW"]
    assert body["company"] == {"id": world.company_a.pk, "name": world.company_a.name}


def test_patch_changes_only_the_fields_given(employer_api, vacancy_a):
    response = employer_api.patch(
        f"{URL}{vacancy_a.pk}/", {"openings": 4, "preferred_skills": ["LAS-GTAW"]}, format="json"
    )
    assert response.status_code == 200, response.data
    vacancy_a.refresh_from_db()
    assert vacancy_a.openings == 4
    assert vacancy_a.title == "Welder SMAW"
    assert vacancy_a.required_skill_codes == ["LAS-SMAW"]
    assert vacancy_a.preferred_skill_codes == ["LAS-GTAW"]


def test_openings_cannot_go_below_those_already_hired(employer_api, vacancy_a):
    Vacancy.objects.filter(pk=vacancy_a.pk).update(filled=2, openings=3)
    response = employer_api.patch(f"{URL}{vacancy_a.pk}/", {"openings": 1}, format="json")
    assert response.status_code == 400
    assert "openings" in response.json()


def test_openings_equal_to_those_hired_fill_the_vacancy_and_more_reopen_it(employer_api, vacancy_a):
    Vacancy.objects.filter(pk=vacancy_a.pk).update(filled=1, openings=2)
    body = employer_api.patch(f"{URL}{vacancy_a.pk}/", {"openings": 1}, format="json").json()
    assert body["status"] == "filled"
    body = employer_api.patch(f"{URL}{vacancy_a.pk}/", {"openings": 3}, format="json").json()
    assert (body["status"], body["close_reason"]) == ("open", "")


def test_an_existing_vacancy_may_keep_a_closing_date_in_the_past(employer_api, world):
    vacancy = factories.vacancy(
        world.company_a,
        opens_on=TODAY - datetime.timedelta(days=40),
        closes_on=TODAY - datetime.timedelta(days=1),
    )
    response = employer_api.patch(f"{URL}{vacancy.pk}/", {"title": "Welder"}, format="json")
    assert response.status_code == 200


def test_patch_cannot_make_a_vacancy_invalid(employer_api, vacancy_a):
    response = employer_api.patch(f"{URL}{vacancy_a.pk}/", {"wage_max": 1}, format="json")
    assert response.status_code == 400 and "wage_max" in response.json()
    response = employer_api.patch(
        f"{URL}{vacancy_a.pk}/", {"kind": "apprenticeship"}, format="json"
    )
    assert response.status_code == 400
    assert {"duration_months", "employment_type"} <= set(response.json())


def test_patch_to_an_external_ref_used_by_another_vacancy_is_a_conflict(world, employer_api):
    first = factories.vacancy(world.company_a, external_ref="X-1")
    second = factories.vacancy(world.company_a, external_ref="X-2")
    response = employer_api.patch(f"{URL}{second.pk}/", {"external_ref": "X-1"}, format="json")
    assert response.status_code == 409
    assert response.json()["existing_id"] == first.pk


def test_put_and_delete_are_not_offered(employer_api, vacancy_a):
    assert employer_api.put(f"{URL}{vacancy_a.pk}/", payload(), format="json").status_code == 405
    assert employer_api.delete(f"{URL}{vacancy_a.pk}/").status_code == 405


def test_closing_a_vacancy_records_the_reason_and_day(employer_api, vacancy_a):
    response = employer_api.post(f"{URL}{vacancy_a.pk}/close/", {"reason": "cancelled"})
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["close_reason"], body["closed_on"]) == (
        "closed",
        "cancelled",
        TODAY.isoformat(),
    )
    # A retry changes nothing; a different reason is refused; a closed vacancy is frozen.
    assert (
        employer_api.post(f"{URL}{vacancy_a.pk}/close/", {"reason": "cancelled"}).status_code == 200
    )
    assert (
        employer_api.post(f"{URL}{vacancy_a.pk}/close/", {"reason": "expired"}).status_code == 400
    )
    response = employer_api.patch(f"{URL}{vacancy_a.pk}/", {"title": "x"}, format="json")
    assert response.status_code == 400


@pytest.mark.parametrize("body", [{}, {"reason": "bored"}, {"reason": None}])
def test_closing_needs_a_known_reason(employer_api, vacancy_a, body):
    response = employer_api.post(f"{URL}{vacancy_a.pk}/close/", body, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
