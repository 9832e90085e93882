"""``manage.py seed_demo``: a realistic Kota Cilegon demo data set and its users."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from demo import dataset as demo
from vokasi.progress import console_progress

DEMO_USERNAMES = ["admin", "officer", "officer2", "trainer", "employer", "employer2"]


class Command(BaseCommand):
    help = (
        "Fill the database with a realistic demo data set for Kota Cilegon (the last two "
        "years up to today) and the demo users, in one transaction. --reset first deletes "
        "every row of the tables it fills (organisations, users, job seekers, training, "
        "vacancies, pipeline); reference data is kept. --scale 300 is about a million "
        "job seekers; -v 2 shows the progress."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiply the volumes (default 1)"
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument("--password", default="vokasi-demo", help="password of every demo user")
        parser.add_argument("--force", action="store_true", help="run even though DEBUG is off")
        parser.add_argument("--reset", action="store_true", help="delete existing demo data first")
        parser.add_argument(
            "--chunk-people",
            type=int,
            default=demo.CHUNK_PEOPLE,
            help=(
                "plan and write this many people at a time (default %(default)s): memory "
                "grows with it, not with --scale"
            ),
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="the port the login hint names (make run PORT=)"
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="seed only when there is no demo data yet; otherwise just print the logins",
        )

    def handle(self, *args, scale, seed, password, force, reset, if_empty, **options):
        self.verbosity = options.get("verbosity", 1)
        chunk_people = options.get("chunk_people") or demo.CHUNK_PEOPLE
        self.port = options.get("port") or 8000
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: this is not a demo database. "
                "Use --force if you really mean it."
            )
        if scale <= 0:
            raise CommandError("--scale must be greater than 0.")
        if chunk_people < 100:
            raise CommandError("--chunk-people must be at least 100.")
        started = time.monotonic()
        with transaction.atomic():
            if demo.demo_data_exists():
                if if_empty and not reset:
                    self.stdout.write("The demo data set is already there.")
                    self.logins(DEMO_USERNAMES, password)
                    return
                if not reset:
                    raise CommandError(
                        "Demo data already exists (user 'officer' or the demo offices). "
                        "Run with --reset to delete it and seed again."
                    )
                demo.delete_demo_data()
                self.progress(f"deleted the old demo data in {time.monotonic() - started:.1f} s")
            with console_progress(self, label="seed_demo", verbose=self.verbosity >= 2) as bar:
                plan = demo.seed_demo_data(scale=scale, seed=seed, password=password, log=bar.log)
            counts = demo.model_counts()
            committing = time.monotonic()
        self.progress(f"committed in {time.monotonic() - committing:.1f} s")
        analysing = time.monotonic()
        with connection.cursor() as cursor:
            # Fresh statistics, so the planner knows the tables it just saw filled (without
            # them SQLite reads every active person for each one on the duplicates page).
            cursor.execute("ANALYZE")
        self.progress(f"analysed in {time.monotonic() - analysing:.1f} s")
        elapsed = time.monotonic() - started
        self.report(counts, plan, password, elapsed)

    def progress(self, message: str) -> None:
        """With -v 2: how far the seed got, and when."""
        if self.verbosity >= 2:
            self.stderr.write(message)

    def report(self, counts, plan, password, elapsed) -> None:
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                f"Seeded the demo data set (scale {plan.scale:g}, today {plan.today}) "
                f"in {elapsed:.1f} s."
            )
        )
        width = max(len(str(name)) for name, _ in counts)
        for name, count in counts:
            out.write(f"  {name!s:<{width}}  {count:>9,}")
        out.write("")
        self.logins(plan.users, password)

    def logins(self, users, password) -> None:
        """How to log in: each demo user with role and organisation, and the password."""
        from vokasi.models import User

        if not isinstance(users, dict):
            found = User.objects.select_related("office", "provider", "company").in_bulk(
                users, field_name="username"
            )
            users = {name: found[name] for name in users if name in found}
        out = self.stdout
        out.write(f"Log in at http://127.0.0.1:{self.port}/ (python manage.py runserver) as:")
        out.write(f"  {'user':<10}  {'role':<9}  organisation")
        for username, user in users.items():
            organisation = user.office or user.provider or user.company
            out.write(f"  {username:<10}  {user.role:<9}  {organisation or '—'}")
        out.write(f"Password for every user: {password}")
