"""Delete finished background jobs kept past their day, with their files (a failed job's
file waits for its owner to discard it)."""

from django.core.management.base import BaseCommand

from vokasi.jobs.services import jobs_purge


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        self.stdout.write(f"purged {jobs_purge()} finished jobs")
