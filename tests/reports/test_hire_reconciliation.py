"""The reconciliation identity of hire reports (issue #17): for a period, every placement
has exactly one source, a hire reported of a registered person is one placement (a new
one, or the referral's it repeats), and IPK III/7 counts each placement once.

    hires reported      = hires with a placement + hires without one
    placements recorded = referral + apprenticeship + self-found + hire-report placements
    IPK III/7 total     = placements recorded (each ended one registration in the period)
"""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from placements.models import Hire, Placement
from placements.services import apprenticeship_finish, referral_decide
from placements.services.hires import HireInput, hire_report
from placements.services.placements import placement_record
from reports.ipk import ipk_tables
from reports.periods import Period
from reports.scope import scope_for
from tests import factories
from trainees.models import JobSeeker
from vokasi.models import EducationLevel, Occupation, Region

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = TODAY - datetime.timedelta(days=9)
PERIOD = Period("month", DAY.year, DAY.month)


def hire_of(person: JobSeeker | None, *, ref: str, vacancy=None, name: str = "Tanpa NIK"):
    return HireInput(
        external_ref=ref,
        vacancy=vacancy,
        name=person.name if person else name,
        sex=person.sex if person else "P",
        birth_year=person.birth_date.year if person else 2000,
        education=EducationLevel.objects.get(code="smk"),
        domicile=None if person is None else Region.objects.get(code=person.region_id),
        occupation=Occupation.objects.get(code="7212"),
        start_date=DAY,
        employment_type="pkwt",
        wage=5_100_000,
        nik=person.nik if person else "",
    )


@pytest.fixture
def market(world):
    """One placement of each source and hires of registered and unregistered people."""
    company = world.company_a
    vacancy = factories.vacancy(company, openings=5, opens_on=DAY - datetime.timedelta(days=30))
    people = {
        name: factories.job_seeker(world.office_a, registered_on=DAY - datetime.timedelta(days=60))
        for name in ("referred", "apprentice", "self", "reported")
    }
    referral = factories.referral(
        vacancy, people["referred"], referred_at=timezone.now() - datetime.timedelta(days=20)
    )
    referral_decide(
        referral=referral, by=world.employer_a, decision="hired", start_date=DAY, wage=5_200_000
    )
    apprenticeship = factories.apprenticeship(
        vacancy, people["apprentice"], start_date=DAY - datetime.timedelta(days=100)
    )
    apprenticeship_finish(
        apprenticeship=apprenticeship,
        by=world.employer_a,
        outcome="completed",
        hired=True,
        finished_on=DAY - datetime.timedelta(days=1),
    )
    placement_record(
        job_seeker=people["self"],
        company_name="Bengkel Las Sumber Rejeki",
        start_date=DAY,
        contract_type="pkwt",
        wage=3_000_000,
        by=world.officer_a,
    )
    by = world.employer_a
    # The referral's hire reported again by the company: linked, never a second placement.
    hire_report(company=company, by=by, data=hire_of(people["referred"], ref="H1", vacancy=vacancy))
    hire_report(company=company, by=by, data=hire_of(people["reported"], ref="H2"))
    hire_report(company=company, by=by, data=hire_of(None, ref="H3", name="Dewi Lestari"))
    hire_report(company=company, by=by, data=hire_of(None, ref="H4", name="Budi Santoso"))
    return people


def test_hires_placements_and_ipk_reconcile(world, market):
    in_period = {"start_date__gte": PERIOD.start, "start_date__lte": PERIOD.end}
    hires = Hire.objects.filter(**in_period)
    with_placement = hires.filter(placement__isnull=False).count()
    without = hires.filter(placement__isnull=True).count()
    assert hires.count() == with_placement + without == 4
    assert (with_placement, without) == (2, 2)

    placements = Placement.objects.filter(**in_period)
    by_source = dict(placements.values_list("source").annotate(n=Count("id")).order_by())
    assert by_source == {
        Placement.Source.REFERRAL: 1,
        Placement.Source.APPRENTICESHIP: 1,
        Placement.Source.SELF: 1,
        Placement.Source.HIRE_REPORT: 1,
    }
    assert sum(by_source.values()) == placements.count() == 4
    # Each placement ended exactly one registration, counted once.
    assert placements.values("job_seeker").distinct().count() == 4

    ended = JobSeeker.objects.filter(
        end_reason=JobSeeker.EndReason.PLACED,
        ended_on__gte=PERIOD.start,
        ended_on__lte=PERIOD.end,
    )
    for user in (world.admin, world.officer_a):
        tables = ipk_tables(PERIOD, scope_for(user))
        assert tables["III/7"].total["total"]["ditempatkan"] == placements.count()
        assert tables["III/8"].total["total"]["ditempatkan"] == placements.count()
        assert tables["III/7"].total["total"]["ditempatkan"] == ended.count()


def test_the_repeated_referral_hire_points_at_the_referrals_placement(world, market):
    hire = Hire.objects.get(external_ref="H1")
    assert hire.placement.source == Placement.Source.REFERRAL
    assert hire.placement.job_seeker == market["referred"]
    assert hire.vacancy.filled == 1  # the referral took the opening; the report took none


def test_the_outcomes_count_each_placement_once(world, market):
    """Trainees placed through a referral the company reported again, through a hire
    report alone, and by a job they found: each is placed once in the outcomes, as a
    plain count of the distinct people placed after the cohort says."""
    from reports.outcomes import Params, outcomes
    from trainees.models import Cohort, Enrollment

    cohort = factories.cohort(
        factories.programme(world.provider_a),
        start_date=DAY - datetime.timedelta(days=60),
        end_date=DAY - datetime.timedelta(days=5),
        status=Cohort.Status.FINISHED,
    )
    for name in ("referred", "reported", "self"):
        factories.enrollment(
            cohort,
            market[name],
            status=Enrollment.Status.COMPLETED,
            enrolled_on=DAY - datetime.timedelta(days=61),
        )
    frame = outcomes(Params(cohort.end_date, TODAY, "cohort"), scope_for(world.admin)).set_index(
        "key"
    )
    window = (cohort.end_date, cohort.end_date + datetime.timedelta(days=90))
    placed = (
        Placement.objects.filter(job_seeker__enrollments__cohort=cohort, start_date__range=window)
        .values("job_seeker")
        .distinct()
        .count()
    )
    assert placed == 3
    assert int(frame.loc[str(cohort.pk), "placed_90d"]) == placed, frame.index.tolist()
    assert Hire.objects.filter(job_seeker__enrollments__cohort=cohort).count() == 2
