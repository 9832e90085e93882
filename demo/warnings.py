"""The reporting ledger's demo history and written warnings (peringatan tertulis,
Perpres 57/2023 Pasal 17), written after everything else.

The ledger counts a vacancy in the month it was reported (``created_at``); the demo's
vacancies are written in one go, so ``date_vacancy_reports`` dates each one's report to
the morning of the day it opened (those opening later stay reported at seeding).

The warnings are chosen by query from what the database then holds: a few companies on
Disnaker Kota Cilegon's register that are overdue (most overdue vacancies first) or never
reported, each warned once over the last months; about half answered.
Deterministic for a seed; the numbers do not grow with the scale.
"""

from __future__ import annotations

import datetime
import random

from django.db.models.functions import Cast

from placements.models import CompanyWarning
from reports import compliance
from vokasi.models import Company, LabourOffice, User

#: Every model this module fills (for the reset).
MODELS = (CompanyWarning,)

OVERDUE_WARNED = 4
NEVER_WARNED = 2
REASONS = (
    "Tidak melaporkan pengisian lowongan yang telah melewati tanggal penutupan "
    "(Perpres 57/2023 Pasal 6).",
    "Tidak pernah melaporkan lowongan maupun penerimaan tenaga kerja "
    "(Perpres 57/2023 Pasal 4 dan 6).",
)
ANSWERS = (
    "Perusahaan akan melengkapi laporan penerimaan tenaga kerja dalam 14 hari.",
    "Lowongan telah terisi; laporan penerimaan pekerja sudah dikirim melalui API.",
)


def date_vacancy_reports(*, today: datetime.date) -> int:
    """Each demo vacancy reported at 08:00 (Jakarta) on the day it opened; one opening
    later than today keeps being reported at seeding (it is announced ahead)."""
    from django.db.models import DateTimeField, ExpressionWrapper, F

    from placements.models import Vacancy

    # Midnight UTC of the opening day is 07:00 in Jakarta; an hour later for the morning.
    return Vacancy.objects.filter(opens_on__lt=today).update(
        created_at=ExpressionWrapper(
            Cast(F("opens_on"), DateTimeField()) + datetime.timedelta(hours=1),
            output_field=DateTimeField(),
        )
    )


def seed_warnings(*, today: datetime.date, seed: int = 2026) -> int:
    office = LabourOffice.objects.filter(code="3672").first()
    if office is None:
        return 0
    rng = random.Random(seed + 17)
    register = Company.objects.filter(office=office)
    late = compliance.overdue_ids(register, today).groupby("company_id").size()
    overdue = [
        int(company_id)
        for company_id, _n in sorted(late.items(), key=lambda item: (-item[1], item[0]))
    ][:OVERDUE_WARNED]
    never = (
        compliance.never_reported(register, today)
        .order_by("pk")
        .values_list("pk", flat=True)[:NEVER_WARNED]
    )
    officer = User.objects.filter(username="officer").first()
    warnings = []
    for k, (company_id, reason) in enumerate(
        [(pk, REASONS[0]) for pk in overdue] + [(pk, REASONS[1]) for pk in never]
    ):
        date = today - datetime.timedelta(days=rng.randint(10, 120))
        answered = k % 2 == 0 and (today - date).days > 14
        answered_on = date + datetime.timedelta(days=rng.randint(5, 14)) if answered else None
        warnings.append(
            CompanyWarning(
                company_id=company_id,
                number=f"560/{101 + k:03d}/Disnaker/{date.year}",
                date=date,
                reason=reason,
                answer=ANSWERS[k % 2] if answered else "",
                answered_on=answered_on,
                recorded_by=officer,
            )
        )
    CompanyWarning.objects.bulk_create(warnings)
    return len(warnings)
