"""The registration counter's pages through Django's test client."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from trainees.models import JobSeeker
from trainees.nik import build_nik
from vokasi.dates import add_months

pytestmark = pytest.mark.django_db


def form_data(**kw) -> dict:
    data = factories.job_seeker_payload(**kw)
    data["experience_years"] = 0
    data["consent_share_contact"] = "on"
    return data


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


def test_the_register_form_creates_a_card_and_shows_it(officer, world):
    data = form_data()
    response = officer.post(reverse("trainees:job-seeker-create"), data)
    person = JobSeeker.objects.get(nik=data["nik"])
    assert response.status_code == 302
    assert response["Location"] == reverse("trainees:job-seeker-detail", args=[person.pk])
    page = officer.get(response["Location"])
    assert person.registration_number in page.content.decode()
    assert person.office == world.office_a


def test_the_form_explains_a_nik_that_disagrees_with_the_birth_date(officer):
    nik = build_nik("36.72.04", datetime.date(1999, 8, 12), "P", 3)
    response = officer.post(reverse("trainees:job-seeker-create"), form_data(nik=nik))
    assert response.status_code == 200
    assert "12-08-99" in response.content.decode()
    assert "21-08-1999" in response.content.decode()
    assert not JobSeeker.objects.exists()


def test_the_form_links_to_the_existing_record_of_a_duplicate_nik(officer, world):
    existing = factories.job_seeker(world.office_a, sex="P", birth_date=datetime.date(1999, 8, 21))
    response = officer.post(
        reverse("trainees:job-seeker-create"), form_data(nik=existing.nik, name="Orang Lain")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="existing-link"' in html
    assert reverse("trainees:job-seeker-detail", args=[existing.pk]) in html
    assert JobSeeker.objects.count() == 1


def test_a_duplicate_at_another_office_names_that_office_without_a_link(officer, world):
    existing = factories.job_seeker(world.office_b, sex="P", birth_date=datetime.date(1999, 8, 21))
    response = officer.post(reverse("trainees:job-seeker-create"), form_data(nik=existing.nik))
    html = response.content.decode()
    assert world.office_b.name in html
    assert 'data-testid="existing-link"' not in html


def test_search_before_add_finds_by_nik_and_by_name_and_birth_date(officer, world):
    person = factories.job_seeker(world.office_a, name="Ahmad Fauzi")
    by_nik = officer.get(reverse("trainees:job-seeker-check"), {"nik": person.nik[:10]})
    assert "Ahmad Fauzi" in by_nik.content.decode()
    by_name = officer.get(
        reverse("trainees:job-seeker-check"),
        {"name": "ahmad  fauzi", "birth_date": person.birth_date.isoformat()},
    )
    assert "Ahmad Fauzi" in by_name.content.decode()
    nothing = officer.get(reverse("trainees:job-seeker-check"), {"name": "Zz"})
    assert "Ahmad" not in nothing.content.decode()


def test_search_before_add_does_not_show_other_offices_names(officer, world):
    other = factories.job_seeker(world.office_b, name="Rahasia Orang")
    html = officer.get(reverse("trainees:job-seeker-check"), {"nik": other.nik}).content.decode()
    assert "Rahasia" not in html
    assert world.office_b.name in html


def test_the_list_searches_filters_and_stays_within_the_office(officer, world):
    factories.job_seeker(world.office_a, name="Dewi Lestari", sex="P")
    factories.job_seeker(world.office_a, name="Bagus Pratama")
    factories.job_seeker(world.office_b, name="Dewi Lain", sex="P")
    url = reverse("trainees:job-seeker-list")
    html = officer.get(url, {"q": "dewi"}).content.decode()
    assert "Dewi Lestari" in html and "Bagus" not in html and "Dewi Lain" not in html
    html = officer.get(url, {"sex": "L"}).content.decode()
    assert "Bagus Pratama" in html and "Dewi" not in html


def test_the_list_filters_by_age_group_skill_and_due_report(officer, world):
    today = timezone.localdate()
    young = factories.job_seeker(
        world.office_a, name="Muda Sekali", birth_date=datetime.date(today.year - 18, 1, 1)
    )
    old = factories.job_seeker(
        world.office_a, name="Tua Sekali", birth_date=datetime.date(today.year - 50, 1, 1)
    )
    factories.give_skill(old, "LAS-GTAW")
    old.next_report_due = today - datetime.timedelta(days=3)
    old.save()
    url = reverse("trainees:job-seeker-list")
    html = officer.get(url, {"age": "15-19"}).content.decode()
    assert young.name in html and old.name not in html
    html = officer.get(url, {"skill": "LAS-GTAW"}).content.decode()
    assert old.name in html and young.name not in html
    html = officer.get(url, {"report": "overdue"}).content.decode()
    assert old.name in html and young.name not in html


def test_the_list_runs_a_bounded_number_of_queries(officer, world, django_assert_max_num_queries):
    for _ in range(60):
        factories.job_seeker(world.office_a)
    with django_assert_max_num_queries(12):
        response = officer.get(reverse("trainees:job-seeker-list"), {"sort": "name"})
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        officer.get(reverse("trainees:job-seeker-list"), {"page": 2, "q": "orang"})


def test_the_detail_page_shows_the_whole_pipeline_in_bounded_queries(
    officer, world, django_assert_max_num_queries
):
    person = factories.job_seeker(world.office_a)
    for code in ("LAS-SMAW", "LAS-GTAW", "LAS-GMAW"):
        cohort = factories.cohort(factories.programme(world.provider_a))
        factories.enrollment(cohort, person)
        factories.give_skill(person, code)
    with django_assert_max_num_queries(20):
        response = officer.get(reverse("trainees:job-seeker-detail", args=[person.pk]))
    html = response.content.decode()
    assert person.registration_number in html
    assert html.count("stage-training") == 3


def test_another_offices_person_is_not_found(officer, world):
    other = factories.job_seeker(world.office_b)
    assert officer.get(reverse("trainees:job-seeker-detail", args=[other.pk])).status_code == 404
    assert officer.get(reverse("trainees:job-seeker-card", args=[other.pk])).status_code == 404


def test_employers_and_trainers_may_not_open_the_pages(client, world):
    for user in (world.employer_a, world.trainer_a):
        client.force_login(user)
        assert client.get(reverse("trainees:job-seeker-list")).status_code == 403


def test_the_card_prints_number_nik_and_four_report_boxes(officer, world):
    person = factories.job_seeker(world.office_a)
    html = officer.get(reverse("trainees:job-seeker-card", args=[person.pk])).content.decode()
    assert person.registration_number in html and person.nik in html
    assert html.count('data-testid="report-box"') == 4
    assert add_months(person.registered_on, 6).strftime("%d-%m-%Y") in html


def test_report_back_and_end_buttons(officer, world):
    person = factories.job_seeker(world.office_a)
    officer.post(
        reverse("trainees:job-seeker-report", args=[person.pk]),
        {"reported_on": timezone.localdate().isoformat()},
    )
    person.refresh_from_db()
    assert person.reports.count() == 1
    officer.post(
        reverse("trainees:job-seeker-end", args=[person.pk]),
        {"reason": "moved", "ended_on": timezone.localdate().isoformat()},
    )
    person.refresh_from_db()
    assert (person.status, person.end_reason) == ("removed", "moved")


def test_editing_corrects_the_address(officer, world):
    person = factories.job_seeker(world.office_a)
    data = form_data(nik=person.nik, sex=person.sex, birth_date=person.birth_date, name=person.name)
    data["address"] = "Jl. Pindah No. 9"
    response = officer.post(reverse("trainees:job-seeker-edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.address == "Jl. Pindah No. 9"


def test_likely_duplicates_are_listed_and_can_be_merged(officer, world):
    keep = factories.job_seeker(world.office_a, name="Rina Marlina")
    dup = factories.job_seeker(world.office_a, name="rina  marlina")
    factories.job_seeker(world.office_a, name="Rina Lain")
    html = officer.get(reverse("trainees:job-seeker-duplicates")).content.decode()
    assert html.count('data-testid="duplicate-group"') == 1
    detail = officer.get(reverse("trainees:job-seeker-detail", args=[keep.pk])).content.decode()
    assert 'data-testid="likely-duplicates"' in detail
    officer.post(reverse("trainees:job-seeker-merge"), {"keep": keep.pk, "duplicate": dup.pk})
    dup.refresh_from_db()
    assert dup.end_reason == "data_error"
    html = officer.get(reverse("trainees:job-seeker-duplicates")).content.decode()
    assert 'data-testid="no-duplicates"' in html


def test_the_timeline_includes_referrals_and_placements(officer, world):
    from placements.models import Placement, Referral

    person = factories.job_seeker(world.office_a)
    vacancy = factories.vacancy(world.company_a, title="Welder Pipa")
    referral = Referral.objects.create(
        vacancy=vacancy, job_seeker=person, referred_at=timezone.now(), status="hired"
    )
    Placement.objects.create(
        job_seeker=person,
        company=world.company_a,
        vacancy=vacancy,
        referral=referral,
        start_date=timezone.localdate(),
        contract_type="pkwt",
        wage=5_200_000,
        source="referral",
    )
    html = officer.get(reverse("trainees:job-seeker-detail", args=[person.pk])).content.decode()
    assert "stage-referral" in html and "Welder Pipa" in html
    assert "stage-placement" in html and world.company_a.name in html


def test_the_officers_home_counts_overdue_and_due_report_backs(officer, world):
    today = timezone.localdate()
    late = factories.job_seeker(world.office_a)
    late.next_report_due = today - datetime.timedelta(days=2)
    late.save()
    soon = factories.job_seeker(world.office_a)
    soon.next_report_due = today + datetime.timedelta(days=5)
    soon.save()
    other = factories.job_seeker(world.office_b)
    other.next_report_due = today - datetime.timedelta(days=2)
    other.save()
    html = officer.get(reverse("home")).content.decode()
    assert "report=overdue" in html and "report=due" in html
    assert '<span class="count">1</span>' in html
