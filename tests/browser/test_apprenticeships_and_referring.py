"""On the demo data, in the browser, as the role that does the work: an officer approves an
apprenticeship agreement, a company records one as completed and hired, an officer refers
a person from the person's page, and a company follows its home task to its candidates."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from placements.matching import vacancies_for
from placements.models import Apprenticeship, Placement, Referral
from placements.selectors.pending import referrals_awaiting_decision
from tests.browser.conftest import DEMO_PASSWORD, login
from trainees.models import JobSeeker
from vokasi.models import Role, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _approvable(item: Apprenticeship) -> bool:
    rules = settings.VOKASI
    return (
        item.duration_months <= rules["APPRENTICESHIP_MAX_MONTHS"]
        and item.allowance > 0
        and item.job_seeker.age_on(item.start_date) >= rules["APPRENTICESHIP_MIN_AGE"]
    )


def _agreement_to_approve() -> tuple[Apprenticeship, User]:
    """A proposed agreement of the demo, and the officer of the apprentice's office. The
    demo's own when it has one the rules allow; otherwise one proposed the way a company's
    hire proposes it, for a person of the first officer's office."""
    proposed = Apprenticeship.objects.filter(status=Apprenticeship.Status.PROPOSED)
    for item in proposed.select_related("job_seeker"):
        officer = User.objects.filter(role=Role.OFFICER, office=item.job_seeker.office_id).first()
        if officer is not None and _approvable(item):
            return item, officer
    officer = User.objects.get(username="officer")
    employer = User.objects.get(username="employer")
    born_by = timezone.localdate() - datetime.timedelta(days=20 * 365)
    person = JobSeeker.objects.filter(
        office=officer.office, status=JobSeeker.Status.ACTIVE, birth_date__lte=born_by
    ).first()
    item = Apprenticeship.objects.create(
        company=employer.company,
        job_seeker=person,
        start_date=timezone.localdate() + datetime.timedelta(days=7),
        duration_months=6,
        allowance=2_500_000,
        programme_description="Magang operator produksi",
    )
    return item, officer


def test_an_officer_approves_an_apprenticeship_agreement(page, demo):
    item, officer = _agreement_to_approve()
    login(page, officer.username, DEMO_PASSWORD)
    page.click("nav >> text=Pemagangan")
    page.select_option("#id_status", "proposed")
    page.click("[data-testid=apprenticeship-filters] button[type=submit]")
    page.click(f"[data-testid=apprenticeship-table] a[href='/apprenticeships/{item.pk}/']")
    page.fill("#id_agreement_no", "560/PKS-MAG/2026")
    page.click("[data-testid=approve-button]")
    page.wait_for_selector(".messages li.success")
    assert "disetujui" in page.inner_text(".messages").lower()
    item.refresh_from_db()
    assert item.status in (Apprenticeship.Status.APPROVED, Apprenticeship.Status.RUNNING)
    assert item.approved_by_id == officer.pk and item.agreement_no == "560/PKS-MAG/2026"
    badge = page.inner_text("[data-testid=apprenticeship-status]")
    assert badge == item.get_status_display() or badge in ("disetujui", "berjalan")
    assert page.locator("[data-testid=approve]").count() == 0


def test_an_employer_records_an_apprenticeship_as_completed_and_hired(page, demo):
    employer = User.objects.get(username="employer")
    today = timezone.localdate()
    item = (
        Apprenticeship.objects.visible_to(employer)
        .filter(
            status__in=[Apprenticeship.Status.APPROVED, Apprenticeship.Status.RUNNING],
            start_date__lte=today,
        )
        .select_related("job_seeker", "vacancy")
        .first()
    )
    assert item is not None, "the demo gives the employer a running apprenticeship"
    was_active = item.job_seeker.status == JobSeeker.Status.ACTIVE
    login(page, employer.username, DEMO_PASSWORD)
    page.click("nav >> text=Pemagangan")
    page.click(f"[data-testid=apprenticeship-table] a[href='/apprenticeships/{item.pk}/']")
    page.select_option("#id_outcome", "completed")
    page.select_option("#id_hired", "yes")
    page.fill("#id_finished_on", today.isoformat())
    page.fill("#id_wage", "5600000")
    page.click("[data-testid=finish-button]")
    page.wait_for_selector(".messages li.success")
    assert page.inner_text("[data-testid=apprenticeship-status]") == "selesai"
    assert "5.600.000" in page.inner_text("[data-testid=hired]")

    # What the API's finish records, through the same service: the end, and the job.
    item.refresh_from_db()
    assert (item.status, item.hired, item.finished_on) == ("completed", True, today)
    placement = Placement.objects.get(apprenticeship=item)
    assert placement.source == Placement.Source.APPRENTICESHIP
    assert placement.company_id == employer.company_id
    assert placement.start_date == today + datetime.timedelta(days=1)
    assert (placement.wage, placement.contract_type) == (5_600_000, "pkwt")
    assert placement.recorded_by_id == employer.pk
    person = JobSeeker.objects.get(pk=item.job_seeker_id)
    if was_active:
        assert (person.status, person.end_reason) == ("placed", "placed")


def test_an_officer_refers_a_person_from_their_page_to_a_fitting_vacancy(page, demo):
    officer = User.objects.get(username="officer")
    people = JobSeeker.objects.visible_to(officer).filter(
        status=JobSeeker.Status.ACTIVE, anonymised_at__isnull=True
    )
    person, match = next(
        (person, found[0])
        for person in people.order_by("pk")[:300]
        if (found := vacancies_for(person, limit=1))
    )
    login(page, officer.username, DEMO_PASSWORD)
    page.goto(f"/job-seekers/{person.pk}/")
    section = page.locator("[data-testid=fitting-vacancies]")
    assert match.vacancy.title in section.inner_text()
    section.locator(f"[data-testid=refer-{match.vacancy.pk}]").click()
    page.wait_for_selector(".messages li.success")
    assert match.vacancy.title in page.inner_text(".messages")
    referral = Referral.objects.get(vacancy=match.vacancy, job_seeker=person)
    assert referral.referred_by_id == officer.pk and referral.match_score == match.score
    assert page.locator(f"[data-testid=refer-{match.vacancy.pk}]").count() == 0
    assert match.vacancy.title in page.inner_text("[data-testid=timeline]")


def test_an_employer_follows_the_home_task_to_the_candidates_awaiting_a_decision(page, demo):
    employer = User.objects.get(username="employer")
    waiting = list(referrals_awaiting_decision(employer))
    assert waiting, "the demo gives the employer candidates to decide on"
    login(page, employer.username, DEMO_PASSWORD)
    page.click("text=kandidat pengantar kerja menunggu keputusan Anda")
    page.wait_for_selector("[data-testid=candidates-heading]")
    rows = page.locator("[data-testid=candidate-table] tbody tr")
    assert rows.count() == len(waiting)
    first = waiting[0]
    page.click(f"[data-testid=decide-link-{first.pk}]")
    expect(page.locator(f"[data-testid=decide-{first.pk}]")).to_be_visible()
    assert page.url.endswith(f"/vacancies/{first.vacancy_id}/#r{first.pk}")
