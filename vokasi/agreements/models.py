"""The agreement models; Django finds them through ``vokasi/models.py``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vokasi.history import audited_history

# Imported from the bottom of vokasi/models.py, after ScopedQuerySet is defined.
from vokasi.models import ScopedQuerySet


class Kind(models.TextChoices):
    MOU = "mou", _("MoU (memorandum of understanding)")
    PKS = "pks", _("PKS (cooperation agreement)")


class ScopeItem(models.TextChoices):
    TRAINING = "training", _("training")
    APPRENTICESHIP = "apprenticeship", _("apprenticeship")
    INTERNSHIP = "internship", _("internship")
    PLACEMENT = "placement", _("placement")
    SCHOLARSHIP = "scholarship", _("scholarship")
    EXPERT_STAFF = "expert_staff", _("expert staff")
    RESEARCH = "research", _("research")
    OTHER = "other", _("other")


class Measure(models.TextChoices):
    TRAINED = "trained", _("people trained")
    CERTIFIED = "certified", _("people certified")
    APPRENTICED = "apprenticed", _("people apprenticed")
    INTERNED = "interned", _("students interned")
    PLACED = "placed", _("people placed")
    SCHOLARSHIPS = "scholarships", _("scholarships")
    AMOUNT = "amount", _("amount (Rp)")


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    BEHIND = "behind", _("behind")
    AT_RISK = "at_risk", _("at risk")
    COMPLETED = "completed", _("completed")


class AgreementQuerySet(ScopedQuerySet):
    """Officers: agreements their office is party to; trainers and employers: those
    their organisation is party to (read only); admins: all."""

    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.filter(
            pk__in=AgreementParty.objects.filter(office_id=office_id).values("agreement_id")
        )

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        return self.filter(
            pk__in=AgreementParty.objects.filter(provider_id=provider_id).values("agreement_id")
        )

    def for_employer(self, company_id: int) -> models.QuerySet:
        return self.filter(
            pk__in=AgreementParty.objects.filter(company_id=company_id).values("agreement_id")
        )


class Agreement(models.Model):
    """A signed MoU, or a PKS implementing one (``parent``).

    ``office`` is the labour office that keeps the agreement (always one of its parties);
    its number is unique among that office's agreements.
    """

    Kind = Kind

    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    office = models.ForeignKey(
        "vokasi.LabourOffice",
        models.PROTECT,
        related_name="agreements",
        verbose_name=_("kept by"),
    )
    number = models.CharField(_("number"), max_length=80)
    title = models.CharField(_("title"), max_length=250)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="implementations",
        limit_choices_to={"kind": Kind.MOU},
        verbose_name=_("implements MoU"),
    )
    signed_on = models.DateField(_("signed on"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    document = models.FileField(_("document (PDF)"), upload_to="agreements/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgreementQuerySet.as_manager()
    history = audited_history(excluded_fields=["updated_at"])

    class Meta:
        app_label = "vokasi"
        ordering = ["-valid_from", "number"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "number"], name="agreement_number_per_office"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="agreement_valid_to_after_from"
            ),
            models.CheckConstraint(
                condition=Q(kind="pks") | Q(parent__isnull=True),
                name="agreement_only_pks_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"


class AgreementParty(models.Model):
    """One party: a labour office, a training provider (a university too), a company, or
    another body named in the text (a city hospital, a ministry directorate)."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("labour office")
        PROVIDER = "provider", _("training provider / university")
        COMPANY = "company", _("company")
        OTHER = "other", _("other body")

    class OtherKind(models.TextChoices):
        GOVERNMENT = "government", _("local government")
        MINISTRY = "ministry", _("ministry or directorate")
        HEALTH = "health", _("hospital or health facility")
        ASSOCIATION = "association", _("association")
        OTHER = "other", _("other")

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="parties")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    office = models.ForeignKey(
        "vokasi.LabourOffice", models.PROTECT, null=True, blank=True, related_name="+"
    )
    provider = models.ForeignKey(
        "vokasi.TrainingProvider", models.PROTECT, null=True, blank=True, related_name="+"
    )
    company = models.ForeignKey(
        "vokasi.Company", models.PROTECT, null=True, blank=True, related_name="+"
    )
    other_name = models.CharField(_("name of the body"), max_length=160, blank=True)
    other_kind = models.CharField(
        _("kind of body"), max_length=12, choices=OtherKind.choices, blank=True
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        app_label = "vokasi"
        ordering = ["agreement", "position", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="office",
                        office__isnull=False,
                        provider__isnull=True,
                        company__isnull=True,
                        other_name="",
                    )
                    | Q(
                        kind="provider",
                        office__isnull=True,
                        provider__isnull=False,
                        company__isnull=True,
                        other_name="",
                    )
                    | Q(
                        kind="company",
                        office__isnull=True,
                        provider__isnull=True,
                        company__isnull=False,
                        other_name="",
                    )
                    | (
                        Q(
                            kind="other",
                            office__isnull=True,
                            provider__isnull=True,
                            company__isnull=True,
                        )
                        & ~Q(other_name="")
                    )
                ),
                name="agreement_party_one_organisation",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "agreement"], name="agreement_party_office"),
            models.Index(fields=["provider", "agreement"], name="agreement_party_provider"),
            models.Index(fields=["company", "agreement"], name="agreement_party_company"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation(self):
        return self.office or self.provider or self.company

    @property
    def name(self) -> str:
        organisation = self.organisation
        return organisation.name if organisation is not None else self.other_name

    @property
    def organisation_id(self) -> int | None:
        return self.office_id or self.provider_id or self.company_id


class AgreementScope(models.Model):
    """One item of the agreement's scope (training, internship, …)."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="scope_items")
    item = models.CharField(_("scope item"), max_length=14, choices=ScopeItem.choices)

    class Meta:
        app_label = "vokasi"
        ordering = ["agreement", "id"]
        verbose_name = _("scope item")
        verbose_name_plural = _("scope items")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "item"], name="agreement_scope_once"),
        ]

    def __str__(self) -> str:
        return self.get_item_display()


class AgreementTarget(models.Model):
    """A measurable target under one scope item: people trained, certified, … or Rupiah."""

    scope = models.ForeignKey(AgreementScope, models.CASCADE, related_name="targets")
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    target = models.PositiveBigIntegerField(_("target"))

    class Meta:
        app_label = "vokasi"
        ordering = ["scope", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["scope", "measure"], name="agreement_target_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.target}"


class AgreementEvaluation(models.Model):
    """A dated monitoring-and-evaluation note (monev) with the officer's judgement."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField(_("evaluated on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    note = models.TextField(_("note"), max_length=4000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "vokasi"
        ordering = ["agreement", "-evaluated_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        indexes = [
            models.Index(fields=["agreement", "-evaluated_on"], name="agreement_evaluation_date"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluated_on} {self.get_status_display()}"
