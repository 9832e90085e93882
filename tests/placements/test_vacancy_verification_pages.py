"""The office's verification pages (the queue, publish, reject, take down) and the
company's form with the Pasal 5 fields; tampered posts change nothing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import Vacancy
from tests import factories
from vokasi.models import Company

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def registered(world):
    for company, office in ((world.company_a, world.office_a), (world.company_b, world.office_b)):
        company.office = office
        company.save(update_fields=["office"])
    return world


@pytest.fixture
def submitted(registered):
    company = factories.company(
        name="PT Belum Terverifikasi", status=Company.Status.UNVERIFIED, office=registered.office_a
    )
    return factories.vacancy(company, title="Operator las kapal", status="submitted")


@pytest.fixture
def officer(client, registered):
    client.force_login(registered.officer_a)
    return client


def verify(client, vacancy, **data):
    return client.post(reverse("placements:vacancy-verify", args=[vacancy.pk]), data)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def test_the_queue_lists_the_offices_submitted_vacancies(officer, registered, submitted):
    other = factories.company(status=Company.Status.UNVERIFIED, office=registered.office_b)
    elsewhere = factories.vacancy(other, title="Di kantor lain", status="submitted")
    factories.vacancy(registered.company_a, title="Sudah terbit")
    response = officer.get(reverse("placements:vacancies-awaiting-verification"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Operator las kapal" in page
    assert elsewhere.title not in page and "Sudah terbit" not in page


def test_the_officers_home_counts_vacancies_awaiting_verification(officer, submitted):
    response = officer.get("/")
    task = next(t for t in response.context["tasks"] if "verifikasi" in str(t.title))
    assert task.count == 1
    assert task.url == reverse("placements:vacancies-awaiting-verification")


def test_the_vacancy_page_offers_the_decision_only_to_the_register_office(
    client, registered, submitted
):
    client.force_login(registered.officer_a)
    page = client.get(reverse("placements:vacancy-detail", args=[submitted.pk]))
    assert page.context["can_verify"] and 'data-testid="vacancy-publish"' in page.content.decode()
    client.force_login(registered.officer_b)
    page = client.get(reverse("placements:vacancy-detail", args=[submitted.pk]))
    assert not page.context["can_verify"]


def test_publishing_from_the_page(officer, registered, submitted):
    response = verify(officer, submitted, decision="publish")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "open" and submitted.verified_by == registered.officer_a


def test_rejecting_from_the_page_needs_a_reason(officer, submitted):
    response = verify(officer, submitted, decision="reject", reason="")
    assert response.status_code == 302
    assert any("alasan" in m for m in messages_of(response))
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    verify(officer, submitted, decision="reject", reason="Batas usia tanpa alasan")
    submitted.refresh_from_db()
    assert (submitted.status, submitted.rejection_reason) == ("rejected", "Batas usia tanpa alasan")


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"decision": "abc"},
        {"decision": "2.421"},
        {"decision": "publish", "reason": "x" * 501},
    ],
)
def test_tampered_decisions_change_nothing_and_say_why(officer, submitted, data):
    response = verify(officer, submitted, **data)
    assert response.status_code == 302
    assert messages_of(response)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_deciding_twice_is_explained(officer, submitted):
    verify(officer, submitted, decision="publish")
    response = verify(officer, submitted, decision="reject", reason="Terlambat")
    assert any("menunggu verifikasi" in m for m in messages_of(response))
    submitted.refresh_from_db()
    assert submitted.status == "open"


def test_another_office_and_bad_ids_get_404(client, registered, submitted):
    client.force_login(registered.officer_b)
    assert verify(client, submitted, decision="publish").status_code == 404
    client.force_login(registered.officer_a)
    assert client.post("/vacancies/99999999999/verify/", {"decision": "publish"}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_taking_down_from_the_page(officer, registered):
    vacancy = factories.vacancy(registered.company_a)
    url = reverse("placements:vacancy-take-down", args=[vacancy.pk])
    response = officer.post(url, {"reason": ""})
    assert response.status_code == 302 and messages_of(response)
    vacancy.refresh_from_db()
    assert vacancy.status == "open"
    officer.post(url, {"reason": "Iklan menyesatkan"})
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.close_reason) == ("closed", "taken_down")


def test_the_company_sees_the_status_and_the_reason(client, registered, submitted):
    submitted.status, submitted.rejection_reason = "rejected", "Upah tidak dicantumkan"
    submitted.save()
    employer = factories.employer(submitted.company)
    client.force_login(employer)
    page = client.get(reverse("placements:vacancy-detail", args=[submitted.pk])).content.decode()
    assert "Upah tidak dicantumkan" in page
    assert 'data-testid="vacancy-resubmit-hint"' in page


def test_the_matching_page_of_a_submitted_vacancy_says_it_is_not_open(officer, submitted):
    response = officer.get(reverse("placements:vacancy-matches", args=[submitted.pk]))
    assert response.status_code == 200
    assert 'data-testid="not-matchable"' in response.content.decode()
    assert response.context["matches"] == []


# ------------------------------------------------------------- the company's form


def form(**kw) -> dict:
    data = {
        "title": "Juru las ruang terbatas",
        "kind": "job",
        "occupation": "7212",
        "required_skills": ["LAS-SMAW"],
        "openings": 2,
        "region": "36.72.02",
        "employment_type": "pkwt",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=20)).isoformat(),
    }
    data.update(kw)
    return data


@pytest.fixture
def employer(client, world):
    client.force_login(world.employer_a)
    return client


def test_the_form_posts_the_pasal_5_fields(employer, world):
    response = employer.post(
        reverse("placements:vacancy-create"),
        form(
            age_min="18",
            age_max="45",
            age_reason="Ruang sempit di lambung kapal",
            sex="L",
            sex_reason="Asrama pekerja hanya untuk laki-laki di lokasi",
            experience_months="12",
            how_to_apply="rekrutmen@contoh.co.id",
        ),
    )
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert (vacancy.age_min, vacancy.age_max, vacancy.sex, vacancy.experience_months) == (
        18,
        45,
        "L",
        12,
    )
    assert vacancy.status == "open"  # the company is verified


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"sex": "P"}, "sex_reason"),
        ({"sex": "X"}, "sex"),
        ({"age_max": "40"}, "age_reason"),
        ({"age_min": "abc", "age_reason": "x"}, "age_min"),
        ({"age_min": "2.421", "age_reason": "x"}, "age_min"),
        ({"age_min": "14", "age_reason": "x"}, "age_min"),
        ({"age_max": "10" * 20, "age_reason": "x"}, "age_max"),
        ({"age_min": "50", "age_max": "30", "age_reason": "x"}, "age_max"),
        ({"experience_months": "-1"}, "experience_months"),
    ],
)
def test_bad_pasal_5_input_answers_400_on_the_field(employer, fields, field):
    response = employer.post(reverse("placements:vacancy-create"), form(**fields))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Vacancy.objects.exists()


def test_an_unverified_companys_vacancy_is_submitted(client, world):
    world.company_a.status = Company.Status.UNVERIFIED
    world.company_a.save()
    client.force_login(world.employer_a)
    client.post(reverse("placements:vacancy-create"), form())
    assert Vacancy.objects.get().status == "submitted"
