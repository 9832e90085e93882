"""The shared core: reference vocabulary, the organisations people work for, and users.

Everything here is used by more than one app. Apps import downwards only:
``reports -> placements -> trainees -> vokasi``.

This module is long (about 590 lines) because it holds the core models every app
shares (the agreements and the background jobs have their own packages): the vocabulary,
the three kinds of organisation with their ``visible_to`` querysets, the users who belong
to exactly one of them (a check constraint names all three), their API keys and the
access log. They are small models tied to each other by those constraints and querysets,
and Django finds an app's models in ``models.py``.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vokasi.history import audited_history

# --------------------------------------------------------------------------- vocabulary


class EducationLevel(models.Model):
    """One of the 12 formal education levels. ``level`` orders them for "at least"."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name = models.CharField(_("name"), max_length=40)
    rank = models.PositiveSmallIntegerField(_("order"), unique=True)
    level = models.PositiveSmallIntegerField(
        _("comparable level"),
        help_text=_("SMA and SMK share a level; so do D4 and S1."),
    )

    class Meta:
        ordering = ["rank"]
        verbose_name = _("education level")
        verbose_name_plural = _("education levels")

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A province, city/regency or kecamatan, by its Kemendagri code ("36.72.04")."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        CITY = "city", _("city / regency")
        DISTRICT = "district", _("kecamatan")

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=80)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def city_code(self) -> str:
        """The city/regency a kecamatan belongs to ("36.72.04" -> "36.72")."""
        return self.code[:5]


class Vocation(models.Model):
    """A kejuruan: the family a training programme and its skills belong to."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vocation")
        verbose_name_plural = _("vocations")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    """A competency unit: the unit of matching demand against supply."""

    code = models.CharField(_("code"), max_length=20, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    vocation = models.ForeignKey(
        Vocation, models.PROTECT, related_name="skills", verbose_name=_("vocation")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name


class Occupation(models.Model):
    """A KBJI 2014 occupation (ISCO-08): a 1-digit major group or a 4-digit unit group."""

    code = models.CharField(_("KBJI code"), max_length=4, primary_key=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def major_group(self) -> str:
        return self.code[0]


class Sector(models.Model):
    """A KBLI 2020 business field: a category letter (A-U) or a numeric code."""

    code = models.CharField(_("KBLI code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("KBLI category"), max_length=1, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# --------------------------------------------------------------------- organisations


class Role(models.TextChoices):
    OFFICER = "officer", _("Disnaker officer")
    TRAINER = "trainer", _("training provider staff")
    EMPLOYER = "employer", _("company staff")
    ADMIN = "admin", _("administrator")


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows what each role may see.

    ``visible_to(user)`` is the one place that decides visibility for the API, the
    pages and the exports. Subclasses override ``for_officer``, ``for_trainer`` and
    ``for_employer``; anything not overridden is invisible to that role.
    """

    def visible_to(self, user) -> models.QuerySet:
        from vokasi.roles import role_of

        role = role_of(user)
        if role == Role.ADMIN:
            return self.all()
        if role == Role.OFFICER and user.office_id:
            return self.for_officer(user.office_id)
        if role == Role.TRAINER and user.provider_id:
            return self.for_trainer(user.provider_id)
        if role == Role.EMPLOYER and user.company_id:
            return self.for_employer(user.company_id)
        return self.none()

    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.none()

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        return self.none()

    def for_employer(self, company_id: int) -> models.QuerySet:
        return self.none()


class LabourOffice(models.Model):
    """A Disnaker: the city or regency labour office that registers job seekers."""

    code = models.CharField(
        _("code"), max_length=8, unique=True, help_text=_("Kemendagri city code, e.g. 3672.")
    )
    name = models.CharField(_("name"), max_length=120)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="labour_offices",
        limit_choices_to={"level": Region.Level.CITY},
        verbose_name=_("city / regency"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    head_name = models.CharField(_("head of office"), max_length=120, blank=True)

    history = audited_history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("labour office")
        verbose_name_plural = _("labour offices")

    def __str__(self) -> str:
        return self.name


class TrainingProvider(models.Model):
    class Kind(models.TextChoices):
        BBPVP = "bbpvp", _("BBPVP / BPVP (Kemnaker)")
        BLK = "blk", _("regional BLK")
        LPK = "lpk", _("private training institute (LPK)")
        COMPANY = "company", _("company training centre")
        UNIVERSITY = "university", _("university or polytechnic (e.g. Poltekkes)")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="training_providers", verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)

    history = audited_history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("training provider")
        verbose_name_plural = _("training providers")

    def __str__(self) -> str:
        return self.name


class CompanyQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.all()

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        return self.all()

    def for_employer(self, company_id: int) -> models.QuerySet:
        return self.filter(pk=company_id)

    def in_register_of(self, user) -> models.QuerySet:
        """The companies on the register the user keeps: an officer's office's, every
        one for an admin, none for anyone else (the register pages and
        ``/api/v1/companies/``; ``visible_to`` stays the wider read other pages use)."""
        from vokasi.roles import role_of

        role = role_of(user)
        if role == Role.ADMIN:
            return self.all()
        if role == Role.OFFICER and user.office_id:
            return self.filter(office_id=user.office_id)
        return self.none()

    def in_sector(self, code: str) -> models.QuerySet:
        """Companies of a KBLI code and, for a numeric one, of the finer codes under it
        ("24" holds "2410")."""
        code = code.strip()
        return (
            self.filter(sector__code__startswith=code)
            if code.isdigit()
            else self.filter(sector_id=code)
        )


class Company(models.Model):
    """An employer, usually an Apindo member, identified by its NIB.

    The labour office of the city the company works in keeps it on its register
    (Perpres 57/2023): a company starts ``unverified``, an officer verifies it (its
    vacancies are then published on receipt) and may suspend it.
    """

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("unverified")
        VERIFIED = "verified", _("verified")
        SUSPENDED = "suspended", _("suspended")

    name = models.CharField(_("name"), max_length=160)
    nib = models.CharField(
        _("NIB"), max_length=13, unique=True, help_text=_("Nomor Induk Berusaha, 13 digits.")
    )
    npwp = models.CharField(_("NPWP"), max_length=20, blank=True)
    sector = models.ForeignKey(
        Sector, models.PROTECT, related_name="companies", verbose_name=_("KBLI sector")
    )
    workforce = models.PositiveIntegerField(_("number of workers"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="companies", verbose_name=_("kecamatan")
    )
    apindo_member_no = models.CharField(
        _("Apindo member number"), max_length=30, null=True, blank=True, unique=True
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    office = models.ForeignKey(
        LabourOffice,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("labour office keeping the register"),
    )
    status = models.CharField(
        _("register status"),
        max_length=10,
        choices=Status.choices,
        default=Status.UNVERIFIED,
        db_default=Status.UNVERIFIED,
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        "vokasi.User",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("status changed by"),
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    status_reason = models.CharField(
        _("reason for the status"), max_length=500, blank=True, default="", db_default=""
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CompanyQuerySet.as_manager()

    history = audited_history(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.CheckConstraint(
                condition=Q(nib__regex=r"^[0-9]{13}$"), name="company_nib_13_digits"
            ),
        ]
        indexes = [models.Index(fields=["office", "status"], name="company_office_status")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_apindo_member(self) -> bool:
        return bool(self.apindo_member_no)

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


# ------------------------------------------------------------------------------ users


class VokasiUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in. Belongs to exactly one organisation, matching the role."""

    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    office = models.ForeignKey(
        LabourOffice,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("labour office"),
    )
    provider = models.ForeignKey(
        TrainingProvider,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("training provider"),
    )
    company = models.ForeignKey(
        Company,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("company"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Inside a company: its administrator invites colleagues and manages their keys.
    company_admin = models.BooleanField(_("company administrator"), default=False, db_default=False)

    objects = VokasiUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role=Role.OFFICER,
                        office__isnull=False,
                        provider__isnull=True,
                        company__isnull=True,
                    )
                    | Q(
                        role=Role.TRAINER,
                        office__isnull=True,
                        provider__isnull=False,
                        company__isnull=True,
                    )
                    | Q(
                        role=Role.EMPLOYER,
                        office__isnull=True,
                        provider__isnull=True,
                        company__isnull=False,
                    )
                    | Q(
                        role=Role.ADMIN,
                        office__isnull=True,
                        provider__isnull=True,
                        company__isnull=True,
                    )
                ),
                name="user_belongs_to_one_organisation_of_its_role",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def organisation(self) -> LabourOffice | TrainingProvider | Company | None:
        return self.office or self.provider or self.company

    # The role predicates live in vokasi.roles; these let templates ask them.
    @property
    def is_officer(self) -> bool:
        from vokasi import roles

        return roles.is_officer(self)

    @property
    def is_trainer(self) -> bool:
        from vokasi import roles

        return roles.is_trainer(self)

    @property
    def is_employer(self) -> bool:
        from vokasi import roles

        return roles.is_employer(self)

    @property
    def is_admin(self) -> bool:
        from vokasi import roles

        return roles.is_admin(self)


# --------------------------------------------------------------------------- API keys


class ApiKey(models.Model):
    """A key a program uses to call the API as one user (``Authorization: Token <key>``).

    Only the SHA-256 of the key is stored: the key itself is shown once, when issued.
    ``prefix`` (the first characters) lets a person tell their keys apart in a list.
    Issue, authenticate and revoke through ``vokasi.auth``.
    """

    user = models.ForeignKey(User, models.CASCADE, related_name="api_keys", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=80, blank=True)
    prefix = models.CharField(_("key prefix"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    history = audited_history(excluded_fields=["key_hash", "last_used_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        indexes = [models.Index(fields=["user", "revoked_at"], name="apikey_user_revoked")]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    def is_usable(self, now) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class RateCount(models.Model):
    """How many requests one caller made in one window of a rate limit (``vokasi.ratelimit``).

    One row per (caller, window), counted up by a single atomic upsert, so every worker
    process and machine shares the count and concurrent requests never lose an
    increment. The counts are disposable: on PostgreSQL the table is UNLOGGED (no
    write-ahead log, so counting never waits for a disk flush); a crash merely resets the
    limits.
    """

    caller = models.CharField(max_length=100)
    window_start = models.BigIntegerField(help_text="Seconds since the epoch.")
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["caller", "window_start"], name="ratecount_caller_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.caller} @ {self.window_start}: {self.hits}"


# ------------------------------------------------------------------------------ audit


class AccessLog(models.Model):
    """Who viewed or exported personal data: one row per request (``vokasi.audit``)."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        LIST = "list", _("listed")
        EXPORT = "export", _("exported")
        DOWNLOAD = "download", _("downloaded")

    user = models.ForeignKey(
        User, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("user")
    )
    # Kept as text too, so the log still names the person after their account is deleted.
    username = models.CharField(_("username"), max_length=150, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    target = models.CharField(
        _("what"), max_length=80, help_text=_("A model (trainees.jobseeker) or an export name.")
    )
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    filters = models.CharField(_("filters"), max_length=500, blank=True)
    people = models.PositiveIntegerField(_("number of people"), default=1)
    path = models.CharField(_("path"), max_length=300)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    via_api = models.BooleanField(_("via the API"), default=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("personal-data access")
        verbose_name_plural = _("personal-data access log")
        indexes = [
            models.Index(fields=["-at"], name="accesslog_at"),
            models.Index(fields=["user", "-at"], name="accesslog_user_at"),
            models.Index(fields=["target", "object_id"], name="accesslog_target_object"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.target} {self.object_id}".strip()


# Background jobs and partnership agreements (vokasi/jobs/, vokasi/agreements/) keep their
# models beside their code; Django finds them here.
from vokasi.agreements.models import (  # noqa: E402, F401
    Agreement,
    AgreementEvaluation,
    AgreementParty,
    AgreementScope,
    AgreementTarget,
)
from vokasi.jobs.models import Job  # noqa: E402, F401
