"""At the desk, on the demo data (ids above 100,000): an officer refers several ticked
candidates from a vacancy's match page, and merges two registrations of one person."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from placements.matching import candidates_for
from placements.models import Referral, Vacancy
from tests import factories
from tests.browser.conftest import DEMO_PASSWORD, login
from trainees.models import JobSeeker
from vokasi.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_refers_three_ticked_candidates_from_the_match_page(page, demo):
    officer = User.objects.get(username="officer")
    vacancy = next(
        v
        for v in Vacancy.objects.visible_to(officer).filter(status="open").order_by("-pk")
        if len(candidates_for(v, user=officer, limit=3)) == 3
    )
    chosen = [m.job_seeker for m in candidates_for(vacancy, user=officer, limit=3)]
    assert all(person.pk > 100_000 for person in chosen)
    before = Referral.objects.filter(vacancy=vacancy).count()

    login(page, "officer", DEMO_PASSWORD)
    page.goto(f"/vacancies/{vacancy.pk}/")
    page.click("[data-testid=vacancy-matches-link]")
    for person in chosen:
        page.get_by_label(f"Beri pengantar kerja kepada {person.name}", exact=True).check()
    page.get_by_role("button", name="Beri pengantar kerja kepada pencari kerja terpilih").click()
    expect(page.locator(".messages")).to_contain_text("3")
    assert Referral.objects.filter(vacancy=vacancy).count() == before + 3
    assert set(
        Referral.objects.filter(vacancy=vacancy, job_seeker__in=chosen).values_list(
            "job_seeker", flat=True
        )
    ) == {person.pk for person in chosen}


def test_an_officer_merges_two_registrations_of_one_person(page, demo):
    officer = User.objects.get(username="officer")
    taken = set(JobSeeker.objects.values_list("registration_number", flat=True))
    numbers = (f"{officer.office.code}-2026-9{n:05d}" for n in range(99_999))  # unused ones
    free = [number for number in numbers if number not in taken][:2]
    keep = factories.job_seeker(officer.office, name="Rina Marlina", registration_number=free[0])
    twin = factories.job_seeker(officer.office, name="rina  marlina", registration_number=free[1])

    login(page, "officer", DEMO_PASSWORD)
    page.goto("/job-seekers/duplicates/")
    group = page.locator("[data-testid=duplicate-group]", has_text=keep.registration_number)
    group.locator("form", has=page.locator(f"input[name=duplicate][value='{twin.pk}']")).locator(
        "button"
    ).click()
    expect(page.locator(".messages")).to_contain_text(keep.registration_number)
    twin.refresh_from_db()
    assert twin.end_reason == "data_error"
    assert JobSeeker.objects.get(pk=keep.pk).status == "active"
