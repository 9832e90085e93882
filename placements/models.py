"""Vacancies of companies, referrals of job seekers to them, apprenticeships, placements
and their follow-ups; the hires companies report and the warnings the office gives them.

This module is long (about 750 lines) because it holds all of the app's models, each with
its ``visible_to`` queryset and the constraints the database enforces, and they refer to
one another (a placement to its referral or apprenticeship, a referral to its vacancy);
Django and the migrations read them as one app's models module."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from trainees.models import JobSeeker, Sex
from vokasi.history import audited_history
from vokasi.models import Company, EducationLevel, Occupation, Region, ScopedQuerySet, Skill
from vokasi.roles import is_admin, is_officer


class VacancyQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.all()

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        # Providers read demand to plan training.
        return self.all()

    def for_employer(self, company_id: int) -> models.QuerySet:
        return self.filter(company_id=company_id)

    def open_between(self, start, end) -> models.QuerySet:
        """Vacancies open at any time during [start, end]; see ``open_between``."""
        return self.filter(open_between(start, end))

    # The two readings of the reporting duty (Perpres 57/2023), stated once: every
    # reported vacancy is demand, even one awaiting the office's check; only a published
    # one is matched, referred to or shown to the public.
    def reported(self) -> models.QuerySet:
        """Reported demand: every vacancy but a rejected one (``reported``)."""
        return self.filter(reported())

    def matchable(self) -> models.QuerySet:
        """Published and still open: the vacancies candidates are matched and referred to."""
        return self.filter(status=Vacancy.Status.OPEN)

    def awaiting_verification(self) -> models.QuerySet:
        return self.filter(status=Vacancy.Status.SUBMITTED)

    def in_register_of(self, user) -> models.QuerySet:
        """The vacancies whose company ``user``'s office keeps on its register (all for an
        admin): the ones that office verifies, rejects and takes down."""
        if is_admin(user):
            return self.all()
        if is_officer(user) and user.office_id:
            return self.filter(company__office_id=user.office_id)
        return self.none()


def reported(prefix: str = "") -> Q:
    """A vacancy that counts as reported demand: any but one the office rejected (one
    awaiting verification is demand already). ``prefix`` reaches it through a join."""
    return ~Q(**{f"{prefix}status": "rejected"})


def open_between(start, end, prefix: str = "") -> Q:
    """A vacancy is open from ``opens_on`` to the earlier of ``closes_on`` and ``closed_on``.

    The one definition of "open in a period" (demand, the skills a sector needs, the
    drill-down): a vacancy filled or cancelled before its advertised closing date stops
    counting on the day it closed. ``prefix`` reaches the vacancy through a join.
    """
    return Q(**{f"{prefix}opens_on__lte": end, f"{prefix}closes_on__gte": start}) & (
        Q(**{f"{prefix}closed_on__isnull": True})
        | (
            Q(**{f"{prefix}closed_on__gte": start})
            & Q(**{f"{prefix}closed_on__gte": F(f"{prefix}opens_on")})
        )
    )


class Vacancy(models.Model):
    class Kind(models.TextChoices):
        JOB = "job", _("job")
        APPRENTICESHIP = "apprenticeship", _("apprenticeship (pemagangan)")

    class Status(models.TextChoices):
        # An unverified company's vacancy waits for the office (Perpres 57/2023).
        SUBMITTED = "submitted", _("submitted, awaiting verification")
        REJECTED = "rejected", _("rejected")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")
        FILLED = "filled", _("filled")

    class CloseReason(models.TextChoices):
        FILLED = "filled", _("filled")
        CANCELLED = "cancelled", _("cancelled")
        EXPIRED = "expired", _("expired")
        TAKEN_DOWN = "taken_down", _("taken down by the office")

    class Sex(models.TextChoices):
        ANY = "any", _("any")
        MALE = "L", _("male (laki-laki)")
        FEMALE = "P", _("female (perempuan)")

    class EmploymentType(models.TextChoices):
        PKWT = "pkwt", _("fixed-term (PKWT)")
        PKWTT = "pkwtt", _("permanent (PKWTT)")
        HARIAN = "harian", _("daily (harian)")
        MAGANG = "magang", _("apprenticeship (magang)")

    company = models.ForeignKey(
        Company, models.PROTECT, related_name="vacancies", verbose_name=_("company")
    )
    external_ref = models.CharField(_("company reference"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.JOB)
    title = models.CharField(_("job title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    occupation = models.ForeignKey(
        Occupation, models.PROTECT, related_name="vacancies", verbose_name=_("occupation (KBJI)")
    )
    skills = models.ManyToManyField(Skill, through="VacancySkill", related_name="vacancies")
    openings = models.PositiveIntegerField(_("number of workers needed"))
    filled = models.PositiveIntegerField(_("filled"), default=0, editable=False)
    education_min = models.ForeignKey(
        EducationLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minimum education"),
    )
    region = models.ForeignKey(
        Region, models.PROTECT, related_name="vacancies", verbose_name=_("workplace kecamatan")
    )
    wage_min = models.PositiveIntegerField(_("minimum monthly wage (Rp)"), null=True, blank=True)
    wage_max = models.PositiveIntegerField(_("maximum monthly wage (Rp)"), null=True, blank=True)
    employment_type = models.CharField(
        _("employment type"), max_length=6, choices=EmploymentType.choices
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True
    )
    experience_months = models.PositiveSmallIntegerField(
        _("minimum experience (months)"), default=0, db_default=0
    )
    # Age and sex limits only where the job genuinely needs them, with the reason.
    age_min = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    age_reason = models.CharField(
        _("why the job needs an age limit"), max_length=300, blank=True, default="", db_default=""
    )
    sex = models.CharField(
        _("sex"), max_length=3, choices=Sex.choices, default=Sex.ANY, db_default=Sex.ANY
    )
    sex_reason = models.CharField(
        _("why the job needs one sex"), max_length=300, blank=True, default="", db_default=""
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # The company's own channel (an address, a site, an email), shown on the public board
    # beside applying through the labour office.
    how_to_apply = models.CharField(
        _("how to apply to the company"), max_length=300, blank=True, default="", db_default=""
    )
    status = models.CharField(
        _("status"), max_length=9, choices=Status.choices, default=Status.OPEN
    )
    # The office's decision on a submitted vacancy, or why it took a published one down.
    rejection_reason = models.CharField(
        _("reason"), max_length=500, blank=True, default="", db_default=""
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    verified_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    close_reason = models.CharField(
        _("close reason"), max_length=10, choices=CloseReason.choices, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    agreement = models.ForeignKey(
        "vokasi.Agreement",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("agreement"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VacancyQuerySet.as_manager()

    history = audited_history(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "external_ref"],
                condition=~Q(external_ref=""),
                name="vacancy_external_ref_per_company",
            ),
            models.CheckConstraint(
                condition=Q(openings__gte=1, openings__lte=1000), name="vacancy_openings_1_1000"
            ),
            # The database, not the application, has the last word on over-hiring.
            models.CheckConstraint(
                condition=Q(filled__lte=F("openings")), name="vacancy_filled_within_openings"
            ),
            models.CheckConstraint(
                condition=Q(wage_min__isnull=True)
                | Q(wage_max__isnull=True)
                | Q(wage_min__lte=F("wage_max")),
                name="vacancy_wage_range",
            ),
            models.CheckConstraint(
                condition=Q(opens_on__lte=F("closes_on")), name="vacancy_opens_before_closes"
            ),
            models.CheckConstraint(
                condition=Q(kind="job", duration_months__isnull=True)
                | Q(
                    kind="apprenticeship",
                    duration_months__isnull=False,
                    duration_months__gte=1,
                    duration_months__lte=12,
                ),
                name="vacancy_apprenticeship_has_duration",
            ),
            models.CheckConstraint(
                condition=Q(status="open", close_reason="") | ~Q(status="open"),
                name="vacancy_open_has_no_close_reason",
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=F("age_max")),
                name="vacancy_age_range",
            ),
            models.CheckConstraint(
                condition=Q(sex="any") | ~Q(sex_reason=""), name="vacancy_sex_limit_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["company", "status", "-opens_on"], name="vacancy_company_status"),
            models.Index(fields=["status", "opens_on", "closes_on"], name="vacancy_status_dates"),
            models.Index(fields=["opens_on", "closes_on"], name="vacancy_dates"),
            models.Index(fields=["occupation"], name="vacancy_occupation"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.company}"

    @property
    def remaining(self) -> int:
        return self.openings - self.filled

    @property
    def is_matchable(self) -> bool:
        """See ``VacancyQuerySet.matchable``."""
        return self.status == Vacancy.Status.OPEN

    @property
    def awaits_verification(self) -> bool:
        return self.status == Vacancy.Status.SUBMITTED

    # Read from ``skill_rows`` so a prefetch (``skill_rows``) serves a whole list.
    @property
    def required_skill_codes(self) -> list[str]:
        return sorted(row.skill_id for row in self.skill_rows.all() if row.required)

    @property
    def preferred_skill_codes(self) -> list[str]:
        return sorted(row.skill_id for row in self.skill_rows.all() if not row.required)


class VacancySkill(models.Model):
    vacancy = models.ForeignKey(Vacancy, models.CASCADE, related_name="skill_rows")
    skill = models.ForeignKey(Skill, models.PROTECT, related_name="vacancy_rows")
    required = models.BooleanField(_("required"), default=True)

    history = audited_history()

    class Meta:
        verbose_name = _("vacancy skill")
        verbose_name_plural = _("vacancy skills")
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "skill"], name="vacancyskill_unique"),
        ]
        indexes = [models.Index(fields=["skill", "required"], name="vacancyskill_skill")]

    def __str__(self) -> str:
        return f"{self.vacancy_id}:{self.skill_id}"


class ReferralQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.filter(job_seeker__office_id=office_id)

    def for_employer(self, company_id: int) -> models.QuerySet:
        return self.filter(vacancy__company_id=company_id)


class Referral(models.Model):
    """An officer's referral (pengantar kerja) of a job seeker to a vacancy."""

    class Status(models.TextChoices):
        REFERRED = "referred", _("referred")
        INTERVIEW = "interview", _("invited to interview")
        HIRED = "hired", _("hired")
        REJECTED = "rejected", _("rejected")
        NO_SHOW = "no_show", _("did not attend")

    vacancy = models.ForeignKey(Vacancy, models.PROTECT, related_name="referrals")
    job_seeker = models.ForeignKey(JobSeeker, models.PROTECT, related_name="referrals")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REFERRED
    )
    match_score = models.PositiveSmallIntegerField(_("match score"), null=True, blank=True)
    referred_at = models.DateTimeField(_("referred at"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    history = audited_history()

    class Meta:
        ordering = ["-referred_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "job_seeker"], name="referral_once_per_vacancy"
            ),
            models.CheckConstraint(
                condition=Q(match_score__isnull=True) | Q(match_score__lte=100),
                name="referral_score_0_100",
            ),
        ]
        indexes = [
            models.Index(fields=["vacancy", "status"], name="referral_vacancy_status"),
            models.Index(fields=["job_seeker", "status"], name="referral_js_status"),
            models.Index(fields=["referred_at"], name="referral_referred_at"),
        ]

    def __str__(self) -> str:
        return f"{self.job_seeker_id} -> {self.vacancy_id} ({self.status})"


class ReferralDecision(models.Model):
    """Every decision a company records on a referral, in order: the referral's history."""

    referral = models.ForeignKey(Referral, models.CASCADE, related_name="decisions")
    decision = models.CharField(_("decision"), max_length=10, choices=Referral.Status.choices)
    decided_at = models.DateTimeField(_("decided at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    wage = models.PositiveIntegerField(_("monthly wage (Rp)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = audited_history()

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("referral decision")
        verbose_name_plural = _("referral decisions")

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.decision}"


class ApprenticeshipQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.filter(job_seeker__office_id=office_id)

    def for_employer(self, company_id: int) -> models.QuerySet:
        return self.filter(company_id=company_id)


class Apprenticeship(models.Model):
    """A pemagangan under a written agreement approved by the labour office."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("awaiting approval")
        APPROVED = "approved", _("approved")
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")
        DROPPED = "dropped", _("dropped")

    company = models.ForeignKey(Company, models.PROTECT, related_name="apprenticeships")
    job_seeker = models.ForeignKey(JobSeeker, models.PROTECT, related_name="apprenticeships")
    vacancy = models.ForeignKey(
        Vacancy, models.PROTECT, null=True, blank=True, related_name="apprenticeships"
    )
    referral = models.OneToOneField(
        Referral, models.PROTECT, null=True, blank=True, related_name="apprenticeship"
    )
    agreement_no = models.CharField(_("agreement number"), max_length=60, blank=True)
    programme_description = models.CharField(
        _("apprenticeship programme"), max_length=200, blank=True
    )
    start_date = models.DateField(_("start date"))
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"))
    allowance = models.PositiveIntegerField(_("monthly allowance, uang saku (Rp)"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    hired = models.BooleanField(_("hired afterwards"), null=True, blank=True)
    agreement = models.ForeignKey(
        "vokasi.Agreement",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="apprenticeships",
        verbose_name=_("agreement"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApprenticeshipQuerySet.as_manager()

    history = audited_history()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("apprenticeship")
        verbose_name_plural = _("apprenticeships")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_months__gte=1, duration_months__lte=24),
                name="apprenticeship_duration_1_24",
            ),
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True) | Q(finished_on__gte=F("start_date")),
                name="apprenticeship_finishes_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["completed", "dropped"], finished_on__isnull=False)
                | (~Q(status__in=["completed", "dropped"]) & Q(finished_on__isnull=True)),
                name="apprenticeship_finish_consistent",
            ),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(approved_on__isnull=False),
                name="apprenticeship_approved_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["company", "status"], name="apprenticeship_company"),
            models.Index(fields=["start_date"], name="apprenticeship_start"),
        ]

    def __str__(self) -> str:
        return f"{self.job_seeker_id} @ {self.company_id} ({self.status})"


class PlacementQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.filter(job_seeker__office_id=office_id)

    def for_employer(self, company_id: int) -> models.QuerySet:
        return self.filter(company_id=company_id)


class Placement(models.Model):
    """A person starting a job (penempatan)."""

    class ContractType(models.TextChoices):
        PKWT = "pkwt", _("fixed-term (PKWT)")
        PKWTT = "pkwtt", _("permanent (PKWTT)")
        HARIAN = "harian", _("daily (harian)")

    class Channel(models.TextChoices):
        AKL = "akl", _("local (AKL)")
        AKAD = "akad", _("between regions (AKAD)")
        AKAN = "akan", _("abroad (AKAN)")

    class Source(models.TextChoices):
        REFERRAL = "referral", _("hired through a referral")
        APPRENTICESHIP = "apprenticeship", _("hired after an apprenticeship")
        SELF = "self", _("found work by themself")
        HIRE_REPORT = "hire_report", _("hire reported by the company")

    job_seeker = models.ForeignKey(JobSeeker, models.PROTECT, related_name="placements")
    # A job a person found themself may be at a company not in the register: then only
    # its name, as the officer typed it, is known.
    company = models.ForeignKey(
        Company, models.PROTECT, null=True, blank=True, related_name="placements"
    )
    company_name = models.CharField(
        _("company name (not registered)"), max_length=160, blank=True, default=""
    )
    occupation = models.ForeignKey(
        Occupation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (KBJI)"),
    )
    vacancy = models.ForeignKey(
        Vacancy, models.PROTECT, null=True, blank=True, related_name="placements"
    )
    referral = models.OneToOneField(
        Referral, models.PROTECT, null=True, blank=True, related_name="placement"
    )
    apprenticeship = models.OneToOneField(
        Apprenticeship, models.PROTECT, null=True, blank=True, related_name="placement"
    )
    start_date = models.DateField(_("start date"))
    contract_type = models.CharField(_("contract type"), max_length=6, choices=ContractType.choices)
    wage = models.PositiveIntegerField(_("monthly wage (Rp)"))
    channel = models.CharField(
        _("channel"), max_length=4, choices=Channel.choices, default=Channel.AKL
    )
    source = models.CharField(_("source"), max_length=14, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlacementQuerySet.as_manager()

    history = audited_history()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [
            models.Index(fields=["company", "-start_date"], name="placement_company"),
            models.Index(fields=["job_seeker", "start_date"], name="placement_js"),
            models.Index(fields=["start_date"], name="placement_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(company__isnull=False) | ~Q(company_name=""),
                name="placement_names_its_company",
            ),
        ]

    def __str__(self) -> str:
        company = self.company_id or self.company_name
        return f"{self.job_seeker_id} @ {company} from {self.start_date}"

    @property
    def employer_name(self) -> str:
        """The registered company's name, or the name typed for one not registered."""
        return self.company.name if self.company_id else self.company_name


class FollowUp(models.Model):
    """A check, usually at 3 and 6 months, that a placed person is still employed."""

    placement = models.ForeignKey(Placement, models.CASCADE, related_name="follow_ups")
    checked_on = models.DateField(_("checked on"))
    employed = models.BooleanField(_("still employed"))
    wage = models.PositiveIntegerField(_("monthly wage (Rp)"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = audited_history()

    class Meta:
        ordering = ["checked_on"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(fields=["placement", "checked_on"], name="followup_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.checked_on}: {self.employed}"


# ------------------------------------------------------- the employers' reporting duty


class HireQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.filter(company__office_id=office_id)

    def for_employer(self, company_id: int) -> models.QuerySet:
        return self.filter(company_id=company_id)


class Hire(models.Model):
    """A hire a company reports (Perpres 57/2023 Pasal 6), whether or not Vokasi referred
    the person.

    When the NIK belongs to a registered job seeker the hire also ends that registration
    as placed through the one hiring service, and ``placement`` is that placement (or
    the one a referral of the same person to the same company already made). A hire of
    someone not registered is counted here only.
    """

    company = models.ForeignKey(
        Company, models.PROTECT, related_name="hires", verbose_name=_("company")
    )
    vacancy = models.ForeignKey(
        Vacancy,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hires",
        verbose_name=_("vacancy"),
    )
    external_ref = models.CharField(_("company reference"), max_length=64, blank=True)
    name = models.CharField(_("name"), max_length=120)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    education = models.ForeignKey(
        EducationLevel, models.PROTECT, related_name="+", verbose_name=_("education")
    )
    # Null: the person lives outside the city (the API's ``"outside"``).
    domicile = models.ForeignKey(
        Region,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("domicile (kecamatan)"),
    )
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    occupation = models.ForeignKey(
        Occupation, models.PROTECT, related_name="+", verbose_name=_("occupation (KBJI)")
    )
    start_date = models.DateField(_("start date"))
    employment_type = models.CharField(
        _("contract type"), max_length=6, choices=Placement.ContractType.choices
    )
    wage = models.PositiveIntegerField(_("monthly wage (Rp)"))
    job_seeker = models.ForeignKey(
        JobSeeker,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_hires",
        verbose_name=_("registered job seeker"),
    )
    placement = models.ForeignKey(
        Placement,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hire_reports",
        verbose_name=_("placement"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    objects = HireQuerySet.as_manager()

    history = audited_history()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("reported hire")
        verbose_name_plural = _("reported hires")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "external_ref"],
                condition=~Q(external_ref=""),
                name="hire_external_ref_per_company",
            ),
            models.CheckConstraint(
                condition=Q(nik="") | Q(nik__regex=r"^[0-9]{16}$"), name="hire_nik_16_digits"
            ),
        ]
        indexes = [
            models.Index(fields=["company", "start_date"], name="hire_company_start"),
            models.Index(fields=["start_date"], name="hire_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {self.company_id} from {self.start_date}"


class CompanyWarningQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.filter(company__office_id=office_id)

    def for_employer(self, company_id: int) -> models.QuerySet:
        return self.filter(company_id=company_id)


class CompanyWarning(models.Model):
    """A written warning (peringatan tertulis, Perpres 57/2023 Pasal 17) to a company
    that does not report, and the company's answer."""

    company = models.ForeignKey(
        Company, models.PROTECT, related_name="warnings", verbose_name=_("company")
    )
    number = models.CharField(_("letter number"), max_length=60)
    date = models.DateField(_("date"))
    reason = models.TextField(_("reason"))
    document = models.FileField(
        _("letter (PDF)"), upload_to="warnings/%Y/", max_length=200, blank=True
    )
    answer = models.TextField(_("the company's answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CompanyWarningQuerySet.as_manager()

    history = audited_history()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("written warning")
        verbose_name_plural = _("written warnings")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "number"], name="warning_number_per_company"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.company_id})"


# Student internships under an agreement keep their model beside this file.
from placements.internships import Internship  # noqa: E402, F401
