"""Realisation of an agreement's targets, counted by hand on a small world.

The world: agreement X (office A, provider A, company A, the city hospital) with one
linked cohort (4 trainees: 3 completed, 1 failed; 2 found K, one of them twice), one
cohort linked through its programme, one cohort not linked; a linked vacancy; three
apprenticeships (one through the vacancy, one naming X, one awaiting approval); two
internships; placements before and after training; funding lines (two on the linked
cohort: Rp 300,000,000 and Rp 50,000,000 spent; one on the programme's cohort: Rp
100,000,000; one on the cohort not linked); two scholarships under X (Rp 12,000,000
awarded 17-08-2026, completed; Rp 18,000,000 awarded 01-09-2026 to a registered job
seeker, later dropped) and one under another agreement. Every number below is counted
from that description, not from the code.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from placements.models import Internship
from reports import agreements as me
from tests import factories
from trainees.models import FundingLine, Scholarship
from vokasi.models import AgreementEvaluation

D = datetime.date


@pytest.fixture
def x(world):
    a = factories.agreement(
        world.office_a,
        providers=[world.provider_a],
        companies=[world.company_a],
        others=["RSUD Kota Cilegon"],
        targets={
            "training": {"trained": 10, "certified": 8, "amount": 500_000_000},
            "apprenticeship": {"apprenticed": 5},
            "internship": {"interned": 4},
            "placement": {"placed": 6},
            "scholarship": {"scholarships": 3},
        },
        valid_from=D(2026, 1, 1),
        valid_to=D(2027, 12, 31),
        signed_on=D(2025, 12, 20),
    )
    office = world.office_a
    prog = factories.programme(world.provider_a)
    linked = factories.cohort(prog, start_date=D(2026, 2, 2), end_date=D(2026, 3, 31), agreement=a)
    people = [factories.job_seeker(office) for _ in range(4)]
    enrollments = [factories.enrollment(linked, p, enrolled_on=D(2026, 1, 20)) for p in people]
    for e in enrollments[:3]:
        factories.training_result(e, "completed")
    factories.training_result(enrollments[3], "failed")
    factories.assessment(enrollments[0], "K", assessed_on=D(2026, 4, 10))
    factories.assessment(enrollments[0], "K", assessed_on=D(2026, 7, 1))  # same person again
    factories.assessment(enrollments[1], "BK", assessed_on=D(2026, 4, 10))
    factories.assessment(enrollments[1], "K", assessed_on=D(2026, 8, 5))
    # A cohort linked through its programme: 1 completer, assessed K.
    prog2 = factories.programme(world.provider_a, agreement=a)
    via_programme = factories.cohort(prog2, start_date=D(2026, 5, 4), end_date=D(2026, 6, 30))
    p5 = factories.job_seeker(office)
    e5 = factories.enrollment(via_programme, p5, enrolled_on=D(2026, 4, 20))
    factories.training_result(e5, "completed")
    factories.assessment(e5, "K", assessed_on=D(2026, 7, 20))
    # Not linked: counts nowhere.
    other = factories.cohort(factories.programme(world.provider_a), start_date=D(2026, 2, 2))
    for cohort, budgeted, spent in (
        (linked, 320_000_000, 300_000_000),
        (linked, 50_000_000, 50_000_000),
        (via_programme, 90_000_000, 100_000_000),  # above budget: allowed, still counted
        (other, 70_000_000, 70_000_000),
    ):
        FundingLine.objects.create(
            cohort=cohort, source="apbn", budgeted=budgeted, spent=spent, seats=16
        )
    stranger = factories.job_seeker(office)
    factories.training_result(factories.enrollment(other, stranger), "completed")

    vacancy = factories.vacancy(world.company_a, agreement=a, openings=5)
    # placed: people[0] after training (2026-05-01), a walk-in through the vacancy
    # (2026-09-01), people[1] placed BEFORE the cohort ended (not counted), people[2]
    # twice after training (counted once, the first), p5 through the vacancy too (once).
    factories.placement_at(people[0], world.company_b, start_date=D(2026, 5, 1))
    walk_in = factories.job_seeker(office)
    factories.placement(vacancy, walk_in, start_date=D(2026, 9, 1))
    factories.placement_at(people[1], world.company_b, start_date=D(2026, 3, 1))
    factories.placement_at(people[2], world.company_b, start_date=D(2026, 10, 1))
    factories.placement_at(people[2], world.company_b, start_date=D(2026, 11, 1))
    factories.placement(vacancy, p5, start_date=D(2026, 8, 1))
    # apprenticed: through the vacancy, naming X directly, and one still proposed.
    factories.apprenticeship(vacancy, factories.job_seeker(office), start_date=D(2026, 4, 6))
    factories.apprenticeship_at(
        factories.job_seeker(office), world.company_a, start_date=D(2026, 6, 1), agreement=a
    )
    factories.apprenticeship_at(
        factories.job_seeker(office),
        world.company_a,
        start_date=D(2026, 6, 1),
        agreement=a,
        status="proposed",
        approved_on=None,
    )
    institution = a.parties.get(kind="provider")
    hospital = a.parties.get(kind="other")
    for number, start in (("P17001", D(2026, 3, 2)), ("P17002", D(2026, 10, 5))):
        Internship.objects.create(
            agreement=a,
            student_name=f"Mahasiswa {number}",
            student_number=number,
            institution=institution,
            host=hospital,
            start_date=start,
            end_date=start + datetime.timedelta(days=60),
            supervisor="Ns. Dewi",
        )
    for name, day, amount, status, person in (
        ("Rina Marlina", D(2026, 8, 17), 12_000_000, "completed", None),
        ("", D(2026, 9, 1), 18_000_000, "dropped", factories.job_seeker(office)),
    ):
        Scholarship.objects.create(
            agreement=a,
            job_seeker=person,
            recipient_name=person.name if person else name,
            institution="Poltekkes Kemenkes Banten",
            study_programme="D3 Keperawatan",
            awarded_on=day,
            amount=amount,
            status=status,
        )
    elsewhere = factories.agreement(world.office_a, providers=[world.provider_a])
    Scholarship.objects.create(
        agreement=elsewhere,
        recipient_name="Dedi Kurniawan",
        institution="Untirta",
        study_programme="S1 Teknik Mesin",
        awarded_on=D(2026, 8, 17),
        amount=99_000_000,
    )
    return a


def realised(agreement, date_from=None, date_to=None) -> dict[str, int | None]:
    found = me.events([agreement.pk])
    return {m: found.count(agreement.pk, m, date_from, date_to) for m in me.MEASURES}


def test_realisation_to_date_counts_each_measure_by_hand(x):
    assert realised(x) == {
        "trained": 4,  # 3 of the linked cohort + 1 of the programme's cohort
        "certified": 3,  # people[0], people[1] (K after BK), p5
        "apprenticed": 4,  # 2 approved apprenticeships + 2 internships
        "interned": 2,
        "placed": 4,  # people[0], walk-in, people[2] once, p5 once
        "scholarships": 2,  # the dropped one was awarded too; the other agreement's not
        # 300 + 50 + 100 million of funding (the cohort not linked is left out) + 12 + 18
        # million of scholarships
        "amount": 480_000_000,
    }


def test_realisation_in_a_period_counts_events_dated_in_it(x):
    # 2026 Q2: trained by cohort end (via_programme ends 30-06) = 1; certified first K in
    # Q2: people[0] (10-04) = 1; apprenticed 06-04 and 01-06 = 2; interned 0;
    # placed people[0] 01-05 = 1.
    got = realised(x, D(2026, 4, 1), D(2026, 6, 30))
    assert got["trained"] == 1
    assert got["certified"] == 1
    assert got["apprenticed"] == 2
    assert got["interned"] == 0
    assert got["placed"] == 1
    # Money on the cohort's first day: only the programme's cohort (04-05) starts in Q2.
    assert got["amount"] == 100_000_000
    assert got["scholarships"] == 0
    # 2026 Q3: both scholarships (17-08, 01-09) and their money; no cohort starts.
    q3 = realised(x, D(2026, 7, 1), D(2026, 9, 30))
    assert q3["scholarships"] == 2
    assert q3["amount"] == 30_000_000
    assert realised(x, D(2026, 9, 1), D(2026, 9, 1))["scholarships"] == 1


def test_page_rows_and_status(x):
    agreement = me.with_targets(type(x).objects.filter(pk=x.pk)).get()
    result = me.realisation(agreement, today=D(2026, 12, 31))
    rows = {(r.item, r.measure): r for r in result["rows"]}
    assert rows[("training", "trained")].realised == 4
    assert rows[("training", "amount")].realised == 480_000_000
    assert rows[("scholarship", "scholarships")].realised == 2
    # Half of the validity has passed: 10 trained expected ~5, 4 realised -> behind.
    assert rows[("training", "trained")].behind
    assert result["status"] == "behind"
    quarters = result["periods"]
    assert list(quarters["period"])[:4] == ["2026 T1", "2026 T2", "2026 T3", "2026 T4"]
    assert quarters["trained"].sum() == 4
    assert quarters["placed"].sum() == 4


def test_the_latest_evaluation_sets_the_status_until_expiry(x, world):
    AgreementEvaluation.objects.create(
        agreement=x, evaluated_on=D(2026, 6, 30), status="at_risk", note="Kuota belum terisi"
    )
    AgreementEvaluation.objects.create(
        agreement=x, evaluated_on=D(2026, 9, 30), status="on_track", note="Angkatan 2 dibuka"
    )
    agreement = me.with_targets(type(x).objects.filter(pk=x.pk)).get()
    assert me.realisation(agreement, today=D(2026, 12, 31))["status"] == "on_track"
    assert me.realisation(agreement, today=D(2028, 1, 1))["status"] == "expired"
    AgreementEvaluation.objects.create(
        agreement=x, evaluated_on=D(2027, 12, 31), status="completed", note="Selesai"
    )
    assert me.realisation(agreement, today=D(2028, 1, 1))["status"] == "completed"


def test_report_rows_follow_the_api_shape(x, world):
    agreements = type(x).objects.filter(pk=x.pk)
    rows = me.report(agreements, D(2026, 1, 1), D(2026, 12, 31), today=D(2026, 12, 31))
    assert [r["number"] for r in rows] == [x.number]
    targets = {(t["scope"], t["measure"]): t for t in rows[0]["targets"]}
    assert targets[("placement", "placed")] == {
        "scope": "placement",
        "measure": "placed",
        "target": 6,
        "realised": 4,
        "realised_to_date": 4,
    }
    assert targets[("training", "amount")]["realised"] == 480_000_000
    assert targets[("scholarship", "scholarships")]["realised"] == 2
    # In the M&E report of a period before the awards, none yet; to date both.
    early = me.report(agreements, D(2026, 1, 1), D(2026, 6, 30), today=D(2026, 12, 31))
    [scholarships] = [t for t in early[0]["targets"] if t["measure"] == "scholarships"]
    assert (scholarships["realised"], scholarships["realised_to_date"]) == (0, 2)


def test_every_measure_of_every_agreement_is_read_in_one_query(x):
    other = factories.agreement(x.office, providers=[x.parties.get(kind="provider").provider])
    with CaptureQueriesContext(connection) as ctx:
        found = me.events([x.pk, other.pk])
    # One statement; on PostgreSQL the reports' planner settings are set before it.
    assert len([q for q in ctx.captured_queries if "set_config" not in q["sql"]]) == 1
    assert found.count(x.pk, "trained") == 4
    assert found.count(other.pk, "trained") == 0
