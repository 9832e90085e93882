"""Retention (UU 27/2022): anonymise registrations that ended long ago. Safe to run twice.

Run it daily or monthly from cron after ``expire_registrations``. The period is the
setting ``VOKASI_RETENTION_YEARS`` (``settings.VOKASI["RETENTION_YEARS"]``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from trainees.services.personal_data import (
    expired_registrations,
    job_seekers_anonymise_expired,
    retention_cutoff,
)
from vokasi.progress import console_progress

logger = logging.getLogger("vokasi.retention")


class Command(BaseCommand):
    help = (
        "Anonymise job-seeker registrations that ended more than VOKASI_RETENTION_YEARS "
        "years ago (idempotent; --dry-run only counts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")
        parser.add_argument(
            "--today", help="Measure the retention period from this date (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Records per transaction (500)."
        )

    def handle(self, *args, dry_run=False, today=None, batch_size=500, **options):
        day = parse_date(today) if today else timezone.localdate()
        if day is None:
            raise CommandError(f"Not a date: {today}")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        years = settings.VOKASI["RETENTION_YEARS"]
        cutoff = retention_cutoff(day, years)
        due = expired_registrations(today=day, years=years).count()
        if dry_run:
            self.stdout.write(
                f"{due} registration(s) ended before {cutoff.isoformat()} would be anonymised "
                f"(retention {years} years); nothing changed."
            )
            return
        verbosity = options.get("verbosity", 1)
        with console_progress(self, label="anonymise", verbosity=verbosity) as bar:

            def on_batch(n: int) -> None:
                bar.update(n, due)
                if not bar.enabled and verbosity >= 1:  # the log keeps a line a batch
                    self.stdout.write(f"  {n} of {due} anonymised…")

            done = job_seekers_anonymise_expired(
                today=day, years=years, batch_size=batch_size, on_batch=on_batch
            )
        summary = (
            f"{done} registration(s) ended before {cutoff.isoformat()} anonymised "
            f"(retention {years} years)."
        )
        logger.info(summary)
        self.stdout.write(summary)
