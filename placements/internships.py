"""Student internships under a partnership agreement (e.g. Poltekkes students at the city
hospital or a puskesmas).

Students are not job seekers: they have no AK/I card, no NIK is asked, and they never
appear in the IPK tables, the link-and-match supply or the funnel — hence a model of
their own rather than an ``Apprenticeship``. Each internship counts towards its
agreement's "interned" and "apprenticed" targets (``reports/agreements.py``). Kept beside
``placements/models.py`` (which imports it, so Django finds it) to keep that file small.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vokasi.history import audited_history
from vokasi.models import Agreement, AgreementParty, ScopedQuerySet


class InternshipQuerySet(ScopedQuerySet):
    """Whoever may read the agreement reads its internships."""

    def visible_to(self, user) -> models.QuerySet:
        return self.filter(agreement__in=Agreement.objects.visible_to(user))


class Internship(models.Model):
    class Outcome(models.TextChoices):
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        DISCONTINUED = "discontinued", _("discontinued")

    agreement = models.ForeignKey(
        Agreement, models.PROTECT, related_name="internships", verbose_name=_("agreement")
    )
    student_name = models.CharField(_("student name"), max_length=120)
    student_number = models.CharField(_("student id number (NIM)"), max_length=30)
    study_programme = models.CharField(_("study programme"), max_length=120, blank=True)
    institution = models.ForeignKey(
        AgreementParty,
        models.PROTECT,
        related_name="students_sent",
        verbose_name=_("institution"),
        help_text=_("The university or training provider party sending the student."),
    )
    host = models.ForeignKey(
        AgreementParty,
        models.PROTECT,
        related_name="interns_hosted",
        verbose_name=_("host"),
        help_text=_("The company or other body (e.g. the city hospital) hosting the student."),
    )
    unit = models.CharField(_("unit or ward"), max_length=120, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    supervisor = models.CharField(_("supervisor"), max_length=120)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.ONGOING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InternshipQuerySet.as_manager()
    history = audited_history()

    class Meta:
        app_label = "placements"
        ordering = ["-start_date", "student_name", "id"]
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="internship_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["agreement", "student_number", "start_date"],
                name="internship_student_once_per_start",
            ),
        ]
        indexes = [models.Index(fields=["agreement", "start_date"], name="internship_agreement")]

    def __str__(self) -> str:
        return f"{self.student_name} ({self.student_number})"
