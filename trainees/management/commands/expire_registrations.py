"""Daily: end every AK/I registration whose two years have run out. Safe to run twice."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.dateparse import parse_date

from trainees.services.registration import job_seekers_expire
from vokasi.progress import console_progress


class Command(BaseCommand):
    help = "End active job-seeker registrations whose AK/I card has expired (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Apply expiries as of this date (YYYY-MM-DD); default: today."
        )

    def handle(self, *args, today=None, **options):
        day = parse_date(today) if today else None
        if today and day is None:
            self.stderr.write(f"Not a date: {today}")
            raise SystemExit(2)
        with console_progress(self, label="expire", verbosity=options["verbosity"]) as bar:
            count = job_seekers_expire(today=day, on_progress=bar.update)
        self.stdout.write(f"{count} registration(s) expired.")
