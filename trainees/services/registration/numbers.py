"""AK/I registration numbers: the next ones of an office for a year, reserved safely."""

from __future__ import annotations

from trainees.models import (
    JobSeeker,
    format_registration_number,
)
from vokasi.models import LabourOffice


def allocate_registration_numbers(*, office: LabourOffice, year: int, count: int = 1) -> list[str]:
    """Reserve the next ``count`` AK/I numbers of an office for a year.

    Must run inside the transaction that saves them: the office row is locked until
    commit, so two counters registering at the same moment queue for the next number
    rather than both taking it. (SQLite serialises writers anyway.)
    """
    LabourOffice.objects.select_for_update().filter(pk=office.pk).values_list("pk").get()
    prefix = format_registration_number(office.code, year, 0)[:-6]
    last = (
        JobSeeker.objects.filter(
            office=office,
            registration_number__gte=prefix,
            registration_number__lt=f"{prefix}~",
        )
        .order_by("-registration_number")
        .values_list("registration_number", flat=True)
        .first()
    )
    start = int(last[len(prefix) :]) + 1 if last else 1
    return [
        format_registration_number(office.code, year, seq) for seq in range(start, start + count)
    ]
