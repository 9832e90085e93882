"""The apprenticeship pages: the list per role, the office's approval with the rules'
messages, the company's end, and tampered posts that change nothing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import Apprenticeship, Placement
from tests import factories
from trainees.models import JobSeeker

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def proposed(vacancy, person, **kw):
    return factories.apprenticeship(
        vacancy,
        person,
        start_date=kw.pop("start_date", TODAY + datetime.timedelta(days=7)),
        status=Apprenticeship.Status.PROPOSED,
        approved_on=None,
        **kw,
    )


@pytest.fixture
def vacancy_a(world):
    return factories.vacancy(
        world.company_a, title="Magang Las", kind="apprenticeship", duration_months=6
    )


@pytest.fixture
def pending(world, vacancy_a):
    return proposed(vacancy_a, factories.job_seeker(world.office_a, name="Budi Santoso"))


@pytest.fixture
def running(world, vacancy_a):
    return factories.apprenticeship(
        vacancy_a, factories.job_seeker(world.office_a, name="Rudi Hartono")
    )


def as_user(client, user):
    client.force_login(user)
    return client


# The list


def test_an_officer_lists_the_apprenticeships_of_the_offices_people_only(
    client, world, pending, vacancy_a, django_assert_max_num_queries
):
    proposed(vacancy_a, factories.job_seeker(world.office_b, name="Orang Serang"))
    for _ in range(10):
        factories.apprenticeship(vacancy_a, factories.job_seeker(world.office_a))
    as_user(client, world.officer_a)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("placements:apprenticeship-list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Budi Santoso" in html and "Orang Serang" not in html
    assert reverse("placements:apprenticeship-detail", args=[pending.pk]) in html


def test_the_status_filter_keeps_the_awaiting_ones(client, world, pending, running):
    as_user(client, world.officer_a)
    html = client.get(reverse("placements:apprenticeship-list") + "?status=proposed").content
    assert b"Budi Santoso" in html and b"Rudi Hartono" not in html


def test_a_company_lists_its_own_apprenticeships_only(client, world, running):
    other = factories.vacancy(world.company_b, kind="apprenticeship", duration_months=6)
    factories.apprenticeship(other, factories.job_seeker(world.office_a, name="Magang Lain"))
    html = as_user(client, world.employer_a).get(reverse("placements:apprenticeship-list")).content
    assert b"Rudi Hartono" in html and b"Magang Lain" not in html


def test_the_officers_home_task_leads_to_the_agreements_awaiting_approval(client, world, pending):
    html = as_user(client, world.officer_a).get(reverse("home")).content.decode()
    assert reverse("placements:apprenticeship-list") + "?status=proposed" in html


def test_the_navigation_links_the_apprenticeships_for_officers_and_companies(client, world):
    url = reverse("placements:apprenticeship-list")
    for user in (world.officer_a, world.employer_a):
        assert f'href="{url}"' in as_user(client, user).get(reverse("home")).content.decode()


# Who may see one


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer_a", 200),
        ("employer_a", 200),
        ("admin", 200),
        ("officer_b", 404),
        ("employer_b", 404),
        ("trainer_a", 403),
    ],
)
def test_one_apprenticeship_per_role(client, world, pending, who, status):
    response = as_user(client, getattr(world, who)).get(
        reverse("placements:apprenticeship-detail", args=[pending.pk])
    )
    assert response.status_code == status


def test_the_approval_form_is_the_offices_and_the_end_form_the_companys(
    client, world, pending, running
):
    officer_page = as_user(client, world.officer_a).get(
        reverse("placements:apprenticeship-detail", args=[pending.pk])
    )
    assert b'data-testid="approve"' in officer_page.content
    company_pending = as_user(client, world.employer_a).get(
        reverse("placements:apprenticeship-detail", args=[pending.pk])
    )
    assert b'data-testid="approve"' not in company_pending.content
    assert b'data-testid="finish"' not in company_pending.content  # not approved yet
    company_running = client.get(reverse("placements:apprenticeship-detail", args=[running.pk]))
    assert b'data-testid="finish"' in company_running.content


# Approval


def approve(client, item, **data):
    return client.post(reverse("placements:apprenticeship-approve", args=[item.pk]), data)


def test_the_officer_approves_and_the_agreement_number_is_kept(client, world, pending):
    response = approve(as_user(client, world.officer_a), pending, agreement_no="PKS/01/2026")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Apprenticeship.Status.APPROVED
    assert pending.approved_by == world.officer_a and pending.approved_on == TODAY
    assert pending.agreement_no == "PKS/01/2026"
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="approved-on"' in page


def test_the_quota_message_is_shown_and_nothing_is_approved(client, world, vacancy_a):
    small = factories.company(name="PT Kecil", workforce=10)  # at most 2 apprentices
    vacancy = factories.vacancy(small, kind="apprenticeship", duration_months=6)
    for _ in range(2):
        factories.apprenticeship(vacancy, factories.job_seeker(world.office_a))
    third = proposed(vacancy, factories.job_seeker(world.office_a))
    response = approve(as_user(client, world.officer_a), third)
    assert response.status_code == 400
    html = response.content.decode()
    assert "PT Kecil" in html and "20%" in html and 'data-testid="approve-errors"' in html
    third.refresh_from_db()
    assert third.status == Apprenticeship.Status.PROPOSED and third.approved_on is None


def test_the_age_message_is_shown_and_nothing_is_approved(client, world, vacancy_a):
    young = factories.job_seeker(
        world.office_a, name="Adik Muda", birth_date=TODAY.replace(year=TODAY.year - 16)
    )
    item = proposed(vacancy_a, young)
    response = approve(as_user(client, world.officer_a), item)
    assert response.status_code == 400
    html = response.content.decode()
    assert "17" in html and "Adik Muda" in html and 'data-testid="approve-errors"' in html
    item.refresh_from_db()
    assert item.status == Apprenticeship.Status.PROPOSED


def test_the_duration_message_is_shown(client, world, vacancy_a):
    item = proposed(vacancy_a, factories.job_seeker(world.office_a), duration_months=18)
    response = approve(as_user(client, world.officer_a), item)
    assert response.status_code == 400
    assert "12" in response.content.decode() and "18" in response.content.decode()


def test_the_page_speaks_indonesian_by_default(client, world, vacancy_a):
    small = factories.company(name="PT Kecil", workforce=5)  # at most 1 apprentice
    vacancy = factories.vacancy(small, kind="apprenticeship", duration_months=6)
    factories.apprenticeship(vacancy, factories.job_seeker(world.office_a))
    item = proposed(vacancy, factories.job_seeker(world.office_a))
    html = approve(as_user(client, world.officer_a), item).content.decode()
    assert "Setujui perjanjian" in html


def test_approving_twice_is_refused_with_a_message(client, world, running):
    response = approve(as_user(client, world.officer_a), running)
    assert response.status_code == 400


def test_another_office_cannot_approve_and_companies_and_trainers_may_not(client, world, pending):
    assert approve(as_user(client, world.officer_b), pending).status_code == 404
    assert approve(as_user(client, world.employer_a), pending).status_code == 403
    assert approve(as_user(client, world.trainer_a), pending).status_code == 403
    pending.refresh_from_db()
    assert pending.status == Apprenticeship.Status.PROPOSED


def test_a_too_long_agreement_number_is_refused_and_nothing_is_written(client, world, pending):
    response = approve(as_user(client, world.officer_a), pending, agreement_no="x" * 61)
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == Apprenticeship.Status.PROPOSED


@pytest.mark.parametrize("pk", ["abc", "2.421", "99999999999999999999"])
def test_a_tampered_id_in_the_address_is_not_found(client, world, pk):
    as_user(client, world.officer_a)
    response = client.post(f"/apprenticeships/{pk}/approve/", {"agreement_no": "X"})
    assert response.status_code == 404


# The company's end


def finish(client, item, **data):
    return client.post(reverse("placements:apprenticeship-finish", args=[item.pk]), data)


def test_the_company_finishes_completed_and_hired_and_a_placement_is_recorded(
    client, world, running
):
    response = finish(
        as_user(client, world.employer_a),
        running,
        outcome="completed",
        hired="yes",
        finished_on=TODAY.isoformat(),
        wage="5400000",
        contract_type="pkwtt",
    )
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.status == Apprenticeship.Status.COMPLETED and running.hired is True
    placement = Placement.objects.get(apprenticeship=running)
    assert placement.source == Placement.Source.APPRENTICESHIP
    assert placement.start_date == TODAY + datetime.timedelta(days=1)
    assert (placement.wage, placement.contract_type) == (5_400_000, "pkwtt")
    assert JobSeeker.objects.get(pk=running.job_seeker_id).status == JobSeeker.Status.PLACED
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="hired"' in page and "5.400.000" in page


def test_the_company_finishes_dropped_without_a_placement(client, world, running):
    finish(
        as_user(client, world.employer_a),
        running,
        outcome="dropped",
        hired="no",
        finished_on=TODAY.isoformat(),
    )
    running.refresh_from_db()
    assert running.status == Apprenticeship.Status.DROPPED and running.hired is False
    assert not Placement.objects.filter(apprenticeship=running).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"outcome": "abc", "hired": "no"},
        {"outcome": "completed", "hired": "2.421"},
        {"outcome": "completed", "hired": "no", "finished_on": "abc"},
        {"outcome": "completed", "hired": "yes", "wage": "2.421"},
        {"outcome": "completed", "hired": "yes", "wage": "99999999999999999999"},
        {"outcome": "completed", "hired": "yes", "contract_type": "abc"},
        {"outcome": "running", "hired": "no"},
    ],
)
def test_tampered_end_posts_answer_400_and_write_nothing(client, world, running, data):
    data = {"finished_on": TODAY.isoformat(), **data}
    response = finish(as_user(client, world.employer_a), running, **data)
    assert response.status_code == 400
    running.refresh_from_db()
    assert running.status == Apprenticeship.Status.APPROVED and running.finished_on is None
    assert not Placement.objects.exists()


def test_the_services_refusals_show_on_the_end_form(client, world, running):
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    response = finish(
        as_user(client, world.employer_a),
        running,
        outcome="completed",
        hired="no",
        finished_on=future,
    )
    assert response.status_code == 400
    assert response.context["finish_form"].errors["finished_on"]
    running.refresh_from_db()
    assert running.status == Apprenticeship.Status.APPROVED


def test_another_company_cannot_finish_and_officers_may_not(client, world, running):
    data = {"outcome": "completed", "hired": "no", "finished_on": TODAY.isoformat()}
    assert finish(as_user(client, world.employer_b), running, **data).status_code == 404
    assert finish(as_user(client, world.officer_a), running, **data).status_code == 403
    assert finish(as_user(client, world.trainer_a), running, **data).status_code == 403
    running.refresh_from_db()
    assert running.status == Apprenticeship.Status.APPROVED


def test_a_proposed_apprenticeship_cannot_finish(client, world, pending):
    response = finish(
        as_user(client, world.employer_a),
        pending,
        outcome="completed",
        hired="no",
        finished_on=TODAY.isoformat(),
    )
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == Apprenticeship.Status.PROPOSED
