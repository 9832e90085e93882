"""Queue the periodic jobs of a period (``VOKASI_SCHEDULE``) for the workers: called by
the deployment's scheduler, e.g. cron ``5 0 * * * manage.py schedule_jobs daily``."""

from django.core.management.base import BaseCommand, CommandError

from vokasi.jobs.scheduled import schedule, schedule_jobs


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("period", help="a period of VOKASI_SCHEDULE, e.g. daily")

    def handle(self, *args, period, **options):
        if period not in schedule():
            raise CommandError(f"Unknown period {period!r}; known: {', '.join(schedule())}.")
        for job in schedule_jobs(period):
            self.stdout.write(f"queued {job.params['command']} as job {job.pk}")
