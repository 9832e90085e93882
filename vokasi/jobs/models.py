"""A piece of long work run off the request: an import, a results upload, a large export,
a periodic job. The row is what the user watches (status, phase, progress) and what it
leaves (the result, the row errors, an output file)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vokasi.roles import is_admin, role_of


class JobQuerySet(models.QuerySet):
    def visible_to(self, user) -> models.QuerySet:
        """A job is its owner's; admins see every job."""
        if role_of(user) is None:
            return self.none()
        if is_admin(user):
            return self.all()
        return self.filter(owner=user)

    def in_flight(self) -> models.QuerySet:
        return self.filter(status__in=(Job.Status.QUEUED, Job.Status.RUNNING))


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Phase(models.TextChoices):
        WAITING = "", _("waiting for a worker")
        READING = "reading", _("reading the file")
        CHECKING = "checking", _("checking every row")
        WRITING = "writing", _("saving")
        EXPORTING = "exporting", _("writing the file")

    #: Who asked for it; none for the scheduled jobs (admins see those).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    file = models.FileField(_("uploaded file"), upload_to="jobs/in/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    #: What makes two submissions the same (the kind's target and the file's digest): a
    #: second one while the first is queued or running is the first.
    key = models.CharField(_("key"), max_length=100, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    errors = models.JSONField(_("row errors"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    output = models.FileField(_("output file"), upload_to="jobs/out/%Y/%m/", blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    #: Until when the output (and the uploaded file of a finished job) is kept.
    keep_until = models.DateTimeField(_("kept until"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "key"],
                condition=Q(status__in=["queued", "running"]) & ~Q(key=""),
                name="job_once_in_flight",
            ),
            # The scheduled jobs have no owner, and NULLs never collide in the one above.
            models.UniqueConstraint(
                fields=["kind", "key"],
                condition=Q(status__in=["queued", "running"], owner__isnull=True) & ~Q(key=""),
                name="system_job_once_in_flight",
            ),
        ]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_recent")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))
