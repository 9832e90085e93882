"""The demo's partnership agreements, written after everything else from what the
database holds (so the bench can add them to a copy of an already seeded database):

- the MoU of the city of Cilegon with BBPVP Serang, and the tripartite PKS implementing
  it — Disnaker Kota Cilegon, BBPVP Serang and DPK Apindo Kota Cilegon with the two demo
  employers' companies — on training (APBN-funded at BBPVP), apprenticeship and
  placement; BBPVP Serang's APBN cohorts, the two companies' vacancies and their
  apprenticeships within its validity are linked to it; it ends within 90 days, so it is
  on the officer's home page;
- the MoU of the city with Poltekkes Kemenkes Banten (a university provider) on student
  internships at the city hospital and two puskesmas, scholarships and employing
  graduates, with a few dozen internships and a handful of scholarships (``students``);
- a short PKS of Disnaker Kota Serang with UPTD BLK Kota Cilegon, invisible to the
  Cilegon officer.

Numbers do not grow with the scale, except what is linked: vacancies, and the cohorts the
PKS covers, which grow slowly (``linked_cohort_count``).
"""

from __future__ import annotations

import datetime
import random
from typing import NamedTuple

from django.db.models import Q

from placements.models import Apprenticeship, Internship, Vacancy
from trainees.models import Cohort, Programme, Scholarship
from vokasi.dates import add_months
from vokasi.models import (
    Agreement,
    AgreementEvaluation,
    AgreementParty,
    AgreementScope,
    AgreementTarget,
    LabourOffice,
    TrainingProvider,
    User,
)

from .students import HOSTS, seed_internships, seed_scholarships

#: Every model the agreements fill (their students too), children first (for the reset).
MODELS = (
    Scholarship,
    Internship,
    AgreementEvaluation,
    AgreementTarget,
    AgreementScope,
    AgreementParty,
    Agreement,
)

POLTEKKES = "POLTEKKES-BTN"


def _agreement(office, kind, number, title, signed, start, end, parent=None) -> Agreement:
    return Agreement(
        kind=kind,
        office=office,
        number=number,
        title=title,
        parent=parent,
        signed_on=signed,
        valid_from=start,
        valid_to=end,
    )


def _save(obj):
    """Saved as the rest of the demo is, in bulk: demo rows carry no change history."""
    return type(obj).objects.bulk_create([obj])[0]


def _parties(agreement: Agreement, rows: list[tuple]) -> list[AgreementParty]:
    out = []
    for position, (kind, organisation, role) in enumerate(rows):
        party = AgreementParty(agreement=agreement, kind=kind, role=role, position=position)
        if kind == "other":
            party.other_name, party.other_kind = organisation
        else:
            setattr(party, kind, organisation)
        out.append(party)
    return out


def _scope(agreement: Agreement, items: dict[str, dict[str, int]]) -> None:
    for item, targets in items.items():
        scope = AgreementScope.objects.create(agreement=agreement, item=item)
        AgreementTarget.objects.bulk_create(
            [AgreementTarget(scope=scope, measure=m, target=t) for m, t in targets.items()]
        )


def linked_cohort_count(scale: float) -> int:
    """How many of BBPVP Serang's APBN classes the tripartite PKS covers: 12 at scale 1,
    growing with the fourth root of the scale (about 50 at scale 300)."""
    return max(6, round(12 * max(scale, 0.01) ** 0.25))


class _Parties(NamedTuple):
    """The organisations and people the demo agreements name, read from the database."""

    cilegon: LabourOffice
    serang: LabourOffice | None
    bbpvp: TrainingProvider
    blk: TrainingProvider | None
    poltekkes: TrainingProvider
    companies: list
    officer: User | None


def _read_parties() -> _Parties:
    """Read the parties from the seeded database; add Poltekkes Banten if it is missing."""
    cilegon = LabourOffice.objects.get(code="3672")
    serang = LabourOffice.objects.filter(code="3673").first()
    bbpvp = TrainingProvider.objects.get(code="BBPVP-SRG")
    blk = TrainingProvider.objects.filter(code="BLK-CLG").first()
    poltekkes = TrainingProvider.objects.filter(code=POLTEKKES).first() or _save(
        TrainingProvider(
            code=POLTEKKES,
            name="Poltekkes Kemenkes Banten",
            kind=TrainingProvider.Kind.UNIVERSITY,
            region_id=bbpvp.region_id,
            address="Jl. Dr. Sitanala, Karang Sari, Neglasari, Kota Tangerang",
        )
    )
    companies = [
        u.company
        for u in User.objects.filter(username__in=("employer", "employer2"))
        .select_related("company")
        .order_by("username")
    ]
    officer = User.objects.filter(username="officer").first()
    return _Parties(cilegon, serang, bbpvp, blk, poltekkes, companies, officer)


def _seed_mou(today: datetime.date, p: _Parties) -> Agreement:
    """The MoU of the city of Cilegon with BBPVP Serang."""
    mou_start = add_months(today.replace(day=1), -26)
    mou = _agreement(
        p.cilegon,
        "mou",
        f"130/{mou_start.year % 100:02d}/NK-PEMKOT/{mou_start.year}",
        "Nota Kesepahaman Pemerintah Kota Cilegon dan BBPVP Serang tentang "
        "Pengembangan Pelatihan Vokasi dan Produktivitas Tenaga Kerja",
        mou_start - datetime.timedelta(days=10),
        mou_start,
        add_months(mou_start, 60) - datetime.timedelta(days=1),
    )
    mou = _save(mou)
    AgreementParty.objects.bulk_create(
        _parties(
            mou,
            [
                ("other", ("Pemerintah Kota Cilegon", "government"), "pihak pertama"),
                ("provider", p.bbpvp, "pihak kedua"),
                ("office", p.cilegon, "pelaksana pihak pertama"),
            ],
        )
    )
    _scope(mou, {"training": {}, "apprenticeship": {}, "placement": {}, "research": {}})
    return mou


def _link_to_pks(
    pks: Agreement, p: _Parties, start: datetime.date, end: datetime.date, scale: float
) -> tuple[int, int, int]:
    """Link the cohorts, vacancies and apprenticeships the tripartite PKS covers; answer
    how many of each."""
    cohorts = Cohort.objects.filter(
        programme__provider=p.bbpvp,
        programme__funding="apbn",
        start_date__gte=start,
        start_date__lte=end,
    )
    # The PKS covers the APBN classes it names, not every class of the provider: a few
    # dozen at the largest scale, spread evenly over its validity.
    eligible = list(cohorts.order_by("start_date", "pk").values_list("pk", flat=True))
    wanted = linked_cohort_count(scale)
    step = max(1, len(eligible) / wanted) if eligible else 1
    chosen = [eligible[int(i * step)] for i in range(min(wanted, len(eligible)))]
    linked_cohorts = Cohort.objects.filter(pk__in=chosen).update(agreement=pks)
    window = Q(opens_on__gte=start, opens_on__lte=end)
    linked_vacancies = Vacancy.objects.filter(window, company__in=p.companies).update(agreement=pks)
    linked_apprenticeships = Apprenticeship.objects.filter(
        company__in=p.companies,
        vacancy__isnull=True,
        start_date__gte=start,
        start_date__lte=end,
    ).update(agreement=pks)
    return linked_cohorts, linked_vacancies, linked_apprenticeships


def _pks_targets(pks: Agreement, linked_cohorts: int, scale: float) -> None:
    """The tripartite PKS's scope, its targets following the cohorts it covers."""
    per_cohort = 14
    trained_target = max(16, round(linked_cohorts * per_cohort * 1.15 / 10) * 10)
    _scope(
        pks,
        {
            "training": {
                "trained": trained_target,
                "certified": round(trained_target * 0.7),
                "amount": linked_cohorts * 16 * 7_500_000 or 120_000_000,
            },
            "apprenticeship": {"apprenticed": max(10, round(30 * scale**0.5))},
            "placement": {"placed": max(20, round(trained_target * 0.6))},
        },
    )


def _pks_evaluations(pks: Agreement, start: datetime.date, officer: User | None) -> None:
    """The tripartite PKS's two semester reviews (*monev*)."""
    AgreementEvaluation.objects.bulk_create(
        [
            AgreementEvaluation(
                agreement=pks,
                evaluated_on=add_months(start, 6) - datetime.timedelta(days=1),
                status="on_track",
                note="Monev semester I: angkatan APBN berjalan sesuai jadwal; "
                "uji kompetensi oleh LSP P1 BBPVP Serang.",
                recorded_by=officer,
            ),
            AgreementEvaluation(
                agreement=pks,
                evaluated_on=add_months(start, 12) - datetime.timedelta(days=1),
                status="behind",
                note="Monev semester II: penempatan lulusan di bawah target; "
                "Apindo diminta melaporkan lowongan anggota lebih awal.",
                recorded_by=officer,
            ),
        ]
    )


def _seed_pks(
    today: datetime.date, mou: Agreement, p: _Parties, scale: float
) -> tuple[Agreement, tuple[int, int, int]]:
    """The tripartite PKS implementing the MoU, ending within 90 days; answer it and how
    many cohorts, vacancies and apprenticeships it covers."""
    pks_start = add_months(today.replace(day=1), -18)
    pks_end = today + datetime.timedelta(days=80)
    pks = _agreement(
        p.cilegon,
        "pks",
        f"560/017/PKS-DISNAKER/{pks_start.year}",
        "Perjanjian Kerja Sama Tripartit Disnaker Kota Cilegon, BBPVP Serang dan "
        "DPK Apindo Kota Cilegon tentang Pelatihan, Pemagangan dan Penempatan Tenaga Kerja",
        pks_start - datetime.timedelta(days=14),
        pks_start,
        pks_end,
        parent=mou,
    )
    pks = _save(pks)
    AgreementParty.objects.bulk_create(
        _parties(
            pks,
            [
                ("office", p.cilegon, "pihak pertama"),
                ("provider", p.bbpvp, "pihak kedua (pelatihan berbasis kompetensi, APBN)"),
                ("other", ("DPK Apindo Kota Cilegon", "association"), "pihak ketiga"),
                *[
                    ("company", c, "anggota Apindo (pemagangan dan penempatan)")
                    for c in p.companies
                ],
            ],
        )
    )
    linked = _link_to_pks(pks, p, pks_start, pks_end, scale)
    _pks_targets(pks, linked[0], scale)
    _pks_evaluations(pks, pks_start, p.officer)
    return pks, linked


def _seed_health(
    today: datetime.date, rng: random.Random, p: _Parties
) -> tuple[Agreement, list[Internship], list[Scholarship]]:
    """The Poltekkes MoU with its internships at the city hospital and puskesmas and its
    scholarships."""
    health_start = add_months(today.replace(day=1), -14)
    health = _agreement(
        p.cilegon,
        "mou",
        f"445/09/NK-DINKES-DISNAKER/{health_start.year}",
        "Nota Kesepahaman Pemerintah Kota Cilegon dan Poltekkes Kemenkes Banten tentang "
        "Praktik Kerja Lapangan Mahasiswa, Beasiswa dan Pendayagunaan Lulusan",
        health_start - datetime.timedelta(days=7),
        health_start,
        add_months(health_start, 36) - datetime.timedelta(days=1),
    )
    health = _save(health)
    parties = _parties(
        health,
        [
            ("office", p.cilegon, "pihak pertama"),
            ("provider", p.poltekkes, "pihak kedua"),
            ("other", ("Ditjen SDMK Kementerian Kesehatan", "ministry"), "pembina"),
            *[("other", (name, "health"), "wahana praktik") for name, _units in HOSTS],
        ],
    )
    AgreementParty.objects.bulk_create(parties)
    institution = next(party for party in parties if party.kind == "provider")
    hosts = [party for party in parties if party.other_kind == "health"]
    _scope(
        health,
        {
            "internship": {"interned": 60},
            "scholarship": {"scholarships": 10},
            "placement": {"placed": 15},
            "expert_staff": {},
        },
    )
    internships = seed_internships(health, rng, health_start, today, institution, hosts, p.officer)
    scholarships = seed_scholarships(health, rng, health_start, today, p.officer)
    AgreementEvaluation.objects.create(
        agreement=health,
        evaluated_on=add_months(health_start, 12) - datetime.timedelta(days=1),
        status="on_track",
        note="Monev tahun I: PKL mahasiswa berjalan di RSUD dan dua puskesmas; "
        "beasiswa ikatan dinas tahap pertama telah disalurkan.",
        recorded_by=p.officer,
    )
    return health, internships, scholarships


def _seed_serang_pks(today: datetime.date, p: _Parties) -> Agreement | None:
    """Kota Serang's short PKS with UPTD BLK Kota Cilegon, if both are in the database."""
    if p.serang is None or p.blk is None:
        return None
    other_start = add_months(today.replace(day=1), -6)
    other = _agreement(
        p.serang,
        "pks",
        f"560/044/PKS-DISNAKER-SRG/{other_start.year}",
        "Perjanjian Kerja Sama Disnaker Kota Serang dan UPTD BLK Kota Cilegon "
        "tentang Pelatihan Operator Alat Berat",
        other_start - datetime.timedelta(days=5),
        other_start,
        add_months(other_start, 12) - datetime.timedelta(days=1),
    )
    other = _save(other)
    AgreementParty.objects.bulk_create(
        _parties(
            other,
            [("office", p.serang, "pihak pertama"), ("provider", p.blk, "pihak kedua")],
        )
    )
    _scope(other, {"training": {"trained": 32, "certified": 24}})
    return other


def seed_agreements(*, today: datetime.date, seed: int = 2026, scale: float = 1.0) -> dict:
    """Write the demo agreements and link the records they cover; answer what was made."""
    rng = random.Random(seed + 18)
    p = _read_parties()
    mou = _seed_mou(today, p)
    pks, (linked_cohorts, linked_vacancies, linked_apprenticeships) = _seed_pks(
        today, mou, p, scale
    )
    health, internships, scholarships = _seed_health(today, rng, p)
    made = [mou, pks, health]
    other = _seed_serang_pks(today, p)
    if other is not None:
        made.append(other)
    return {
        "agreements": made,
        "cohorts": linked_cohorts,
        "vacancies": linked_vacancies,
        "apprenticeships": linked_apprenticeships,
        "internships": len(internships),
        "scholarships": len(scholarships),
    }


def delete_agreements() -> None:
    """Unlink and delete the demo's agreements (before the organisations go)."""
    Programme.objects.filter(agreement__isnull=False).update(agreement=None)
    Cohort.objects.filter(agreement__isnull=False).update(agreement=None)
    Vacancy.objects.filter(agreement__isnull=False).update(agreement=None)
    Apprenticeship.objects.filter(agreement__isnull=False).update(agreement=None)
    # A PKS points at its MoU (protected): the PKS goes first.
    Agreement._base_manager.filter(parent__isnull=False).update(parent=None)
    for model in MODELS:
        model._base_manager.all().delete()
