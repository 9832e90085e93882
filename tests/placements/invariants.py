"""Invariants the pages must keep, checked after each workflow and over the demo data."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from placements.models import Placement
from trainees.models import JobSeeker


def placed_without_a_placement():
    """Registrations ended as placed with no placement behind them: the IPK tables (III/1
    "ditempatkan" against III/7), the outcomes and the funnel stop agreeing on them."""
    return JobSeeker.objects.filter(end_reason=JobSeeker.EndReason.PLACED).exclude(
        Exists(Placement.objects.filter(job_seeker=OuterRef("pk")))
    )


def assert_every_placed_registration_has_a_placement() -> None:
    missing = list(placed_without_a_placement().values_list("pk", flat=True)[:10])
    assert not missing, f"ended as placed with no placement: {missing}"
