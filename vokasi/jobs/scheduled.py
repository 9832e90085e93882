"""The periodic jobs: management commands run as background jobs on a schedule.

The deployment's scheduler (cron or a systemd timer) only says when:
``manage.py schedule_jobs daily``. What runs is ``VOKASI_SCHEDULE``; each command becomes a
job a worker runs, visible to admins with its output, and queued once per day whatever
the scheduler repeats.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vokasi.jobs.registry import Outcome, register
from vokasi.jobs.services import job_submit

DEFAULT_SCHEDULE = {
    "daily": ["expire_registrations", "anonymise_expired_registrations", "purge_jobs"],
}


def schedule() -> dict[str, list[str]]:
    return getattr(settings, "VOKASI_SCHEDULE", None) or DEFAULT_SCHEDULE


def run_command(job, progress) -> Outcome:
    name = job.params["command"]
    if not any(name in commands for commands in schedule().values()):
        return Outcome(message=f"{name} is not a scheduled command.")
    out = io.StringIO()
    call_command(name, stdout=out, stderr=out)
    return Outcome(result={"command": name, "output": out.getvalue()[-10_000:]})


def schedule_jobs(period: str, *, today=None) -> list:
    """Queue the period's commands as jobs of no one (the system's); once a day each."""
    today = today or timezone.localdate()
    jobs = []
    for name in schedule()[period]:
        job, _created = job_submit(
            owner=None, kind="command", params={"command": name},
            key=f"command:{name}:{today.isoformat()}",
        )  # fmt: skip
        jobs.append(job)
    return jobs


register("command", label=_("Scheduled job"), run=run_command)
