"""Scholarships awarded under a partnership agreement (e.g. the Poltekkes MoU's *beasiswa
ikatan dinas*).

A recipient is a person named with the institution where they study, or a registered job
seeker (then named as registered). Each scholarship counts once towards its agreement's
"scholarships" target, and its amount towards an "amount" target, on the day it was
awarded (``reports/agreements.py``), whatever became of it later: a recipient who
graduates is ``completed``, one who leaves the study is ``dropped``, and ``ended_on`` says
when, where it is known (``trainees.services.scholarships.scholarship_set_status``).
Kept beside ``trainees/models.py`` (which imports it, so Django finds it) to keep that
file small.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vokasi.bounds import MONEY_MAX
from vokasi.history import audited_history
from vokasi.models import Agreement, ScopedQuerySet


class ScholarshipQuerySet(ScopedQuerySet):
    """Whoever may read the agreement reads its scholarships."""

    def visible_to(self, user) -> models.QuerySet:
        return self.filter(agreement__in=Agreement.objects.visible_to(user))


class Scholarship(models.Model):
    class Status(models.TextChoices):
        AWARDED = "awarded", _("awarded")
        COMPLETED = "completed", _("completed")
        DROPPED = "dropped", _("dropped")

    agreement = models.ForeignKey(
        Agreement, models.PROTECT, related_name="scholarships", verbose_name=_("agreement")
    )
    job_seeker = models.ForeignKey(
        "trainees.JobSeeker",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="scholarships",
        verbose_name=_("registered job seeker"),
    )
    recipient_name = models.CharField(_("recipient"), max_length=120)
    institution = models.CharField(_("institution of study"), max_length=160)
    study_programme = models.CharField(_("study programme"), max_length=120)
    awarded_on = models.DateField(_("awarded on"))
    amount = models.PositiveBigIntegerField(_("amount (Rp)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AWARDED
    )
    #: When a completed or dropped scholarship ended (graduation, leaving the study), where
    #: known; empty while awarded.
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScholarshipQuerySet.as_manager()
    history = audited_history()

    class Meta:
        app_label = "trainees"
        ordering = ["-awarded_on", "recipient_name", "id"]
        verbose_name = _("scholarship")
        verbose_name_plural = _("scholarships")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__lte=MONEY_MAX), name="scholarship_amount_bounded"
            ),
            # An end day only once the scholarship ended, never before its award.
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | (~Q(status="awarded") & Q(ended_on__gte=models.F("awarded_on"))),
                name="scholarship_ended_after_award",
            ),
            # The natural key a retry is recognised by (the API answers the one on file).
            models.UniqueConstraint(
                fields=["agreement", "recipient_name", "institution", "awarded_on"],
                name="scholarship_once_per_recipient_and_day",
            ),
        ]
        indexes = [models.Index(fields=["agreement", "awarded_on"], name="scholarship_agreement")]

    def __str__(self) -> str:
        return f"{self.recipient_name} ({self.institution})"
