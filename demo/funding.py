"""Who paid for the demo's cohorts, and what became of their graduates.

- Every cohort has a budget and, once it has started, spending: its programme's source
  (APBN for BBPVP, APBD for the city, CSR, or the participants themselves for *mandiri*)
  at about Rp 25.000 per JP per seat; a finished cohort spent 85–108 % of its budget
  (about one in eight over it), a running one about half.
- The ``employer`` company's CSR commitment, "75 paket pelatihan", co-funds the most
  recent cohorts of government-funded programmes, BBPVP Serang's first (10 seats each,
  more where there are few cohorts, the rest in the last): those cohorts have two funding
  lines, the programme's source and CSR.
- Tracer statuses for about four in five completers of cohorts that ended at least three
  months ago, at each 3/6/12-month point reached. A graduate with a placement is not
  asked again (the placement says "employed"); of the others some found work on their
  own, some started a business (with its KBLI sector), some study, many are not working
  and some cannot be reached.

Runs after everyone is written, from the saved rows; writes in bulk.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta

from placements.models import Placement
from trainees.models import (
    Cohort,
    CsrCommitment,
    Enrollment,
    FundingLine,
    FundingLineSource,
    GraduateStatus,
)

from .common import Demo

PER_JP_SEAT = 25_000
SOURCE_OF_PROGRAMME = {
    "apbn": FundingLineSource.APBN,
    "apbd": FundingLineSource.APBD,
    "csr": FundingLineSource.CSR,
    "mandiri": FundingLineSource.PARTICIPANT,
}
CSR_SEATS_TOTAL = 75  # packages
CSR_SEATS_PER_COHORT = 10
#: What graduates without a placement told the tracer, and how often.
TRACED = [
    ("employed", 22),
    ("self_employed", 16),
    ("studying", 6),
    ("not_working", 40),
    ("unreachable", 16),
]
BUSINESS_SECTORS = ["G", "I", "C", "S", "F"]  # trade, food stalls, workshops, services, building


def _spent(demo: Demo, cohort: Cohort, budget: int) -> int:
    if cohort.start_date > demo.today:
        return 0
    if cohort.end_date > demo.today:
        return int(budget * demo.rng.uniform(0.35, 0.6)) // 1000 * 1000
    share = (
        1.0 + demo.rng.uniform(0.01, 0.08)
        if demo.rng.random() < 0.12
        else demo.rng.uniform(0.85, 0.99)
    )
    return int(budget * share) // 1000 * 1000


def _share_commitment(demo: Demo, cohorts: list[Cohort], total: int) -> dict[int, int]:
    """Seats of the commitment per cohort id, all ``total`` of them where cohorts allow."""
    eligible = sorted(
        (c for c in cohorts if c.programme.funding in ("apbn", "apbd")),
        key=lambda c: (c.programme.provider.code != "BBPVP-SRG", -c.start_date.toordinal()),
    )
    seats: dict[int, int] = {}
    left = total
    for cap in (CSR_SEATS_PER_COHORT, None):
        for cohort in eligible:
            room = cohort.quota - 2 - seats.get(cohort.pk, 0)
            if cap is not None:
                room = min(room, cap)
            take = max(0, min(room, left))
            if take:
                seats[cohort.pk] = seats.get(cohort.pk, 0) + take
                left -= take
            if not left:
                return seats
    return seats


def build_funding(demo: Demo) -> None:
    rng = demo.rng
    sponsor = demo.users["employer"].company
    commitment = CsrCommitment.objects.create(
        sponsor=sponsor,
        title="Program CSR Pelatihan Vokasi 75 Paket",
        year=demo.today.year,
        seats=CSR_SEATS_TOTAL,
        amount=CSR_SEATS_TOTAL * 240 * PER_JP_SEAT,
        notes="Disinkronkan dengan RPJMD Kota Cilegon: las, listrik dan K3 bagi pemuda Cilegon.",
    )
    csr_sponsors = [c for c in demo.companies if c.pk != sponsor.pk][:5] or [sponsor]
    cohorts = list(
        Cohort.objects.select_related("programme__provider").order_by("start_date", "pk")
    )
    co_funded = _share_commitment(demo, cohorts, CSR_SEATS_TOTAL)
    lines = []
    for cohort in cohorts:
        per_seat = cohort.programme.jp_hours * PER_JP_SEAT
        source = SOURCE_OF_PROGRAMME.get(cohort.programme.funding, FundingLineSource.APBN)
        csr_seats = co_funded.get(cohort.pk, 0)
        seats = cohort.quota - csr_seats
        budget = seats * per_seat
        lines.append(
            FundingLine(
                cohort=cohort,
                source=source,
                sponsor=rng.choice(csr_sponsors) if source == FundingLineSource.CSR else None,
                budgeted=budget,
                spent=_spent(demo, cohort, budget),
                seats=seats,
            )
        )
        if csr_seats:
            budget = csr_seats * per_seat
            lines.append(
                FundingLine(
                    cohort=cohort,
                    source=FundingLineSource.CSR,
                    sponsor=sponsor,
                    commitment=commitment,
                    budgeted=budget,
                    spent=_spent(demo, cohort, budget),
                    seats=csr_seats,
                )
            )
    FundingLine.objects.bulk_create(lines, batch_size=2000)
    # The pledge covers the packages' budgets, rounded up to Rp 10 million.
    pledged = sum(line.budgeted for line in lines if line.commitment is commitment)
    commitment.amount = -(-pledged // 10_000_000) * 10_000_000
    commitment.save(update_fields=["amount"])
    build_tracer(demo)


def build_tracer(demo: Demo) -> None:
    rng = demo.rng
    trainer = demo.users.get("trainer")
    latest_end = demo.today - relativedelta(months=3)
    graduates = Enrollment.objects.filter(
        status=Enrollment.Status.COMPLETED, cohort__end_date__lte=latest_end
    ).values_list("pk", "job_seeker_id", "cohort__end_date", "cohort__programme__provider_id")
    placed = set(Placement.objects.values_list("job_seeker_id", flat=True).distinct())
    statuses, weights = zip(*TRACED, strict=True)
    batch: list[GraduateStatus] = []
    for pk, person, end, provider in graduates.iterator(chunk_size=5000):
        if person in placed or rng.random() > 0.8:
            continue
        status = rng.choices(statuses, weights)[0]
        business = rng.choice(BUSINESS_SECTORS)  # if they start one, it stays the same
        for months in GraduateStatus.MONTHS:
            mark = end + relativedelta(months=months)
            if mark > demo.today:
                break
            if status == "not_working" and months > 3 and rng.random() < 0.3:
                status = rng.choice(["employed", "self_employed"])
            checked = mark + datetime.timedelta(days=rng.randint(0, 20))
            batch.append(
                GraduateStatus(
                    enrollment_id=pk,
                    months_after=months,
                    status=status,
                    sector_id=business if status == "self_employed" else None,
                    checked_on=min(checked, demo.today),
                    recorded_by=trainer if trainer and trainer.provider_id == provider else None,
                )
            )
        if len(batch) >= 5000:
            GraduateStatus.objects.bulk_create(batch)
            batch = []
    GraduateStatus.objects.bulk_create(batch)
