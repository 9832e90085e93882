"""Job seekers (Disnaker registration, the AK/I card) and their training (BBPVP).

This module is long (over 900 lines) because it holds all of the app's models, as Django
expects of one app: job seekers with their skills and reports back, the training
(programmes, cohorts, enrollments, results, assessments, their uploads and history), and
funding and the tracer study, each part under its own banner. The models reference one
another across those parts (an enrollment joins a job seeker to a cohort), and keeping
them together keeps every migration and ``trainees.models`` import as it is.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vokasi.dates import age_on
from vokasi.history import audited_history
from vokasi.models import (
    EducationLevel,
    Occupation,
    Region,
    ScopedQuerySet,
    Skill,
    TrainingProvider,
    Vocation,
)
from vokasi.personal import mask_nik
from vokasi.roles import is_officer


class Sex(models.TextChoices):
    MALE = "L", _("male (laki-laki)")
    FEMALE = "P", _("female (perempuan)")


class JobSeekerQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.filter(office_id=office_id)

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        # A provider sees the people enrolled in its own cohorts.
        return self.filter(
            pk__in=Enrollment.objects.filter(cohort__programme__provider_id=provider_id).values(
                "job_seeker_id"
            )
        )

    def for_employer(self, company_id: int) -> models.QuerySet:
        # Companies see candidates only through referrals (placements app); never here.
        return self.none()

    def active(self) -> models.QuerySet:
        return self.filter(status=JobSeeker.Status.ACTIVE)


class JobSeeker(models.Model):
    """A person registered at a labour office: the AK/I card (kartu kuning)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        PLACED = "placed", _("placed")
        EXPIRED = "expired", _("expired")
        REMOVED = "removed", _("removed")

    class EndReason(models.TextChoices):
        PLACED = "placed", _("placed in work")
        EXPIRED = "expired", _("card expired")
        WITHDRAWN = "withdrawn", _("withdrawn by the person")
        MOVED = "moved", _("moved away")
        DECEASED = "deceased", _("deceased")
        DATA_ERROR = "data_error", _("data error")

    class MaritalStatus(models.TextChoices):
        SINGLE = "belum_kawin", _("single (belum kawin)")
        MARRIED = "kawin", _("married (kawin)")
        DIVORCED = "cerai_hidup", _("divorced (cerai hidup)")
        WIDOWED = "cerai_mati", _("widowed (cerai mati)")

    # Every index on this table is paid for by each imported row, so the foreign keys carry
    # only the plain indexes declared in Meta (PostgreSQL would add a useless LIKE twin to
    # each code column), and none where a composite index already leads with the column.
    office = models.ForeignKey(
        "vokasi.LabourOffice",
        models.PROTECT,
        related_name="job_seekers",
        verbose_name=_("labour office"),
        db_index=False,  # js_office_status and the AK/I number's unique index lead with it
    )
    registration_number = models.CharField(_("AK/I number"), max_length=24)
    nik = models.CharField(_("NIK"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_normalised = models.CharField(max_length=120, editable=False)
    birth_place = models.CharField(_("place of birth"), max_length=80)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    marital_status = models.CharField(
        _("marital status"), max_length=12, choices=MaritalStatus.choices, blank=True
    )
    religion = models.CharField(_("religion"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=250)
    region = models.ForeignKey(
        Region,
        models.PROTECT,
        related_name="job_seekers",
        verbose_name=_("kecamatan"),
        db_index=False,
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    education = models.ForeignKey(
        EducationLevel,
        models.PROTECT,
        related_name="job_seekers",
        verbose_name=_("education"),
        db_index=False,
    )
    major = models.CharField(_("major"), max_length=120, blank=True)
    courses = models.TextField(_("non-formal courses"), blank=True)
    experience = models.TextField(_("work experience"), blank=True)
    experience_years = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    occupation = models.ForeignKey(
        Occupation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="job_seekers",
        verbose_name=_("occupation sought"),
        db_index=False,
    )
    disability = models.CharField(_("disability"), max_length=120, blank=True)
    consent_share_contact = models.BooleanField(
        _("consents to share contact with employers"), default=False
    )
    consent_changed_at = models.DateTimeField(null=True, blank=True)

    registered_on = models.DateField(_("registered on"))
    expires_on = models.DateField(_("valid until"))
    last_reported_on = models.DateField(_("last reported on"), null=True, blank=True)
    next_report_due = models.DateField(_("next report due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    ended_on = models.DateField(_("registration ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=12, choices=EndReason.choices, blank=True
    )

    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Erasure (trainees.services.personal_data): what identified the person is gone;
    # what the reports count (sex, education, kecamatan, dates, statuses) stays.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    anonymised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    anonymisation_reason = models.CharField(_("anonymisation reason"), max_length=200, blank=True)

    skills = models.ManyToManyField(Skill, through="JobSeekerSkill", related_name="job_seekers")

    objects = JobSeekerQuerySet.as_manager()

    history = audited_history(excluded_fields=["name_normalised", "updated_at"])

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "registration_number"], name="jobseeker_unique_aki_per_office"
            ),
            models.CheckConstraint(
                condition=Q(nik__regex=r"^[0-9]{16}$"), name="jobseeker_nik_16_digits"
            ),
            models.CheckConstraint(condition=Q(sex__in=["L", "P"]), name="jobseeker_sex_l_p"),
            models.CheckConstraint(
                condition=Q(expires_on__gt=F("registered_on")),
                name="jobseeker_expires_after_registration",
            ),
            # Active registrations have no end; ended ones have a date and a reason.
            models.CheckConstraint(
                condition=(
                    Q(status="active", ended_on__isnull=True, end_reason="")
                    | (
                        ~Q(status="active")
                        & Q(ended_on__isnull=False)
                        & ~Q(end_reason="")
                        & Q(ended_on__gte=F("registered_on"))
                    )
                ),
                name="jobseeker_end_consistent_with_status",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "status", "-registered_on"], name="js_office_status"),
            models.Index(fields=["status", "region"], name="js_status_region"),
            models.Index(fields=["region"], name="js_region"),
            models.Index(fields=["education"], name="js_education"),
            models.Index(fields=["occupation"], name="js_occupation"),
            models.Index(fields=["name_normalised", "birth_date"], name="js_name_birth"),
            models.Index(fields=["registered_on"], name="js_registered_on"),
            models.Index(fields=["ended_on"], name="js_ended_on"),
            # Reports find the registrations active on a day (and their office) from this
            # narrow copy, a sixth of the table's pages (PostgreSQL only: INCLUDE).
            models.Index(
                fields=["id"], include=["registered_on", "ended_on", "office"], name="js_id_active"
            ),
            models.Index(
                fields=["next_report_due"],
                condition=Q(status="active"),
                name="js_report_due_active",
            ),
            # Everything matching asks of an available person, for active ones only:
            # joining a vacancy's skill holders reads this small index, not the table.
            models.Index(
                fields=["id", "office", "education", "region", "occupation", "birth_date"],
                condition=Q(status="active"),
                name="js_active_match",
            ),
            # Search as the officer types: prefix LIKE on PostgreSQL needs pattern_ops
            # unless the database collation is plain "C" (elsewhere these are plain).
            models.Index(
                fields=["name_normalised"], opclasses=["varchar_pattern_ops"], name="js_name_prefix"
            ),
            # (The NIK needs none: PostgreSQL gives its unique index a pattern_ops twin.)
            models.Index(
                fields=["registration_number"],
                opclasses=["varchar_pattern_ops"],
                name="js_number_prefix",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.registration_number})"

    def save(self, *args, **kwargs):
        self.name_normalised = normalise_name(self.name)
        super().save(*args, **kwargs)

    def age_on(self, day: datetime.date) -> int:
        return age_on(self.birth_date, day)

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik)

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    def nik_for(self, user) -> str:
        """The whole NIK for an officer of the owning office; masked for everyone else."""
        if is_owning_officer(user, self):
            return self.nik
        return self.masked_nik


def normalise_name(name: str) -> str:
    """Upper-case, single-spaced letters only: "  siti  Nur'aini " -> "SITI NURAINI"."""
    letters = "".join(ch for ch in name.upper() if ch.isalpha() or ch.isspace())
    return " ".join(letters.split())


def is_owning_officer(user, job_seeker: JobSeeker) -> bool:
    """Is ``user`` an officer of the labour office that registered ``job_seeker``?"""
    return (
        is_officer(user) and user.office_id is not None and user.office_id == job_seeker.office_id
    )


class JobSeekerSkill(models.Model):
    """A skill a person holds, with how we know it: certified > trained > declared."""

    class Source(models.IntegerChoices):
        DECLARED = 1, _("declared")
        TRAINED = 2, _("trained")
        CERTIFIED = 3, _("certified")

    job_seeker = models.ForeignKey(JobSeeker, models.CASCADE, related_name="skill_rows")
    skill = models.ForeignKey(Skill, models.PROTECT, related_name="holder_rows")
    source = models.PositiveSmallIntegerField(_("source"), choices=Source.choices)
    acquired_on = models.DateField(_("acquired on"), null=True, blank=True)
    certificate_no = models.CharField(_("certificate number"), max_length=60, blank=True)
    certificate_expires_on = models.DateField(_("certificate valid until"), null=True, blank=True)
    enrollment = models.ForeignKey(
        "Enrollment", models.SET_NULL, null=True, blank=True, related_name="skill_rows"
    )
    # The person also declared the skill at registration: taking back a training result
    # returns the row to *declared* instead of deleting it.
    declared = models.BooleanField(_("also declared"), default=False, db_default=False)
    # From when each source counts, so that a report for a past day reads the skill as it
    # was held then (``source_on``): declared from the day the person named it, trained
    # from the last day of the cohort completed, certified from the Kompeten assessment.
    # ``source`` is the best of them today; a source the person does not hold is null.
    declared_from = models.DateField(_("declared from"), null=True, blank=True)
    trained_from = models.DateField(_("trained from"), null=True, blank=True)
    certified_from = models.DateField(_("certified from"), null=True, blank=True)

    history = audited_history()

    class Meta:
        verbose_name = _("job seeker skill")
        verbose_name_plural = _("job seeker skills")
        constraints = [
            models.UniqueConstraint(fields=["job_seeker", "skill"], name="jobseekerskill_unique"),
            models.CheckConstraint(
                condition=Q(source__in=[1, 2, 3]), name="jobseekerskill_source_valid"
            ),
            # Today's source is the best one dated: no writer may leave the reports a row
            # they cannot place in time.
            models.CheckConstraint(
                condition=Q(source=3, certified_from__isnull=False)
                | Q(source=2, certified_from__isnull=True, trained_from__isnull=False)
                | Q(
                    source=1,
                    certified_from__isnull=True,
                    trained_from__isnull=True,
                    declared_from__isnull=False,
                ),
                name="jobseekerskill_source_dated",
            ),
        ]
        indexes = [
            # Matching and supply counts start from the skill. The acquisition date rides
            # along so that ranking candidates (placements.match_sql) reads the index
            # only, never the table, for the hundreds of thousands of holders of a
            # common skill.
            models.Index(
                fields=["skill", "source", "job_seeker", "acquired_on"], name="jss_skill_match"
            ),
            # Reports read a person's best source on a day with one index probe, and their
            # skills as held then without touching the table (index-only scans on
            # PostgreSQL: the source dates ride along).
            models.Index(
                fields=["job_seeker", "skill"],
                include=["source", "certified_from", "trained_from", "declared_from"],
                name="jss_js_skill_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_seeker_id}:{self.skill_id} ({self.get_source_display()})"

    @staticmethod
    def source_on(day: datetime.date, prefix: str = "") -> models.Case:
        """The source a skill row had at the end of ``day`` (null: not held yet), in SQL.

        The one definition of "held on a day" for every report: the best source whose
        date had come by then. ``prefix`` reaches the row through a join.
        """
        source = JobSeekerSkill.Source
        return models.Case(
            models.When(Q(**{f"{prefix}certified_from__lte": day}), then=source.CERTIFIED),
            models.When(Q(**{f"{prefix}trained_from__lte": day}), then=source.TRAINED),
            models.When(Q(**{f"{prefix}declared_from__lte": day}), then=source.DECLARED),
            default=None,
            output_field=models.PositiveSmallIntegerField(),
        )

    @staticmethod
    def held_on(day: datetime.date, prefix: str = "") -> Q:
        """Rows held (by any source) at the end of ``day``."""
        return (
            Q(**{f"{prefix}declared_from__lte": day})
            | Q(**{f"{prefix}trained_from__lte": day})
            | Q(**{f"{prefix}certified_from__lte": day})
        )


class ReportBack(models.Model):
    """A 6-monthly report back (lapor) on the AK/I card."""

    job_seeker = models.ForeignKey(JobSeeker, models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("reported on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        ordering = ["reported_on"]
        verbose_name = _("report back")
        verbose_name_plural = _("reports back")
        constraints = [
            models.UniqueConstraint(
                fields=["job_seeker", "reported_on"], name="reportback_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_seeker_id} {self.reported_on}"


# --------------------------------------------------------------------------- training


class FundingSource(models.TextChoices):
    APBN = "apbn", "APBN"
    APBD = "apbd", "APBD"
    CSR = "csr", "CSR"
    MANDIRI = "mandiri", _("self-funded (mandiri)")


class ProgrammeQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.all()

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        return self.filter(provider_id=provider_id)


class Programme(models.Model):
    """A competency-based training programme (PBK) of a provider."""

    provider = models.ForeignKey(
        TrainingProvider, models.PROTECT, related_name="programmes", verbose_name=_("provider")
    )
    vocation = models.ForeignKey(
        Vocation, models.PROTECT, related_name="programmes", verbose_name=_("vocation")
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=160)
    skills = models.ManyToManyField(
        Skill, related_name="programmes", verbose_name=_("competency units")
    )
    jp_hours = models.PositiveSmallIntegerField(_("duration (JP)"))
    education_min = models.ForeignKey(
        EducationLevel,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minimum education"),
    )
    age_min = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    funding = models.CharField(_("funding source"), max_length=8, choices=FundingSource.choices)
    is_active = models.BooleanField(_("offered"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    agreement = models.ForeignKey(
        "vokasi.Agreement",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("agreement"),
    )

    objects = ProgrammeQuerySet.as_manager()
    # Kept for the agreement link above: who linked or unlinked it, and when.
    history = audited_history()

    class Meta:
        ordering = ["provider", "name"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "code"], name="programme_code_per_provider"
            ),
            models.CheckConstraint(condition=Q(jp_hours__gt=0), name="programme_jp_positive"),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=F("age_max")),
                name="programme_age_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CohortQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.all()

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        return self.filter(programme__provider_id=provider_id)


class Cohort(models.Model):
    """One run (angkatan) of a programme."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        OPEN = "open", _("open for enrollment")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")

    programme = models.ForeignKey(
        Programme, models.PROTECT, related_name="cohorts", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=120)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=160)
    quota = models.PositiveSmallIntegerField(_("quota"), default=16)
    instructor = models.CharField(_("instructor"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    agreement = models.ForeignKey(
        "vokasi.Agreement",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="cohorts",
        verbose_name=_("agreement"),
    )

    objects = CohortQuerySet.as_manager()
    # Kept for the agreement link above: who linked or unlinked it, and when.
    history = audited_history()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="cohort_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(quota__gte=1, quota__lte=40), name="cohort_quota_1_40"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "end_date"], name="cohort_status_end"),
            models.Index(fields=["start_date", "end_date"], name="cohort_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.name} — {self.name}"


class EnrollmentQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.filter(job_seeker__office_id=office_id)

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        return self.filter(cohort__programme__provider_id=provider_id)


class Enrollment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("enrolled")
        COMPLETED = "completed", _("completed")
        FAILED = "failed", _("failed")
        DROPPED = "dropped", _("dropped out")
        WITHDRAWN = "withdrawn", _("withdrawn before start")

    cohort = models.ForeignKey(Cohort, models.PROTECT, related_name="enrollments")
    job_seeker = models.ForeignKey(JobSeeker, models.PROTECT, related_name="enrollments")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ENROLLED
    )
    enrolled_on = models.DateField(_("enrolled on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("withdrawal reason"), max_length=200, blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = EnrollmentQuerySet.as_manager()

    history = audited_history()

    class Meta:
        ordering = ["cohort", "job_seeker__name"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "job_seeker"], name="enrollment_once_per_cohort"
            ),
        ]
        indexes = [
            models.Index(fields=["job_seeker", "status"], name="enrollment_js_status"),
            models.Index(fields=["cohort", "status"], name="enrollment_cohort_status"),
        ]

    def __str__(self) -> str:
        return f"{self.job_seeker_id} in {self.cohort_id}"

    @staticmethod
    def in_training_on(day: datetime.date, prefix: str = "") -> Q:
        """Enrollments in training at the end of ``day``, from dates alone (never today's
        status): enrolled by then, not withdrawn by then, in a cohort that had started and
        not ended (on its last day the trainees are trained, or not)."""
        withdrawn = Enrollment.Status.WITHDRAWN
        return Q(
            **{
                f"{prefix}enrolled_on__lte": day,
                f"{prefix}cohort__start_date__lte": day,
                f"{prefix}cohort__end_date__gt": day,
            }
        ) & (
            Q(**{f"{prefix}withdrawn_on__gt": day})
            | (Q(**{f"{prefix}withdrawn_on__isnull": True}) & ~Q(**{f"{prefix}status": withdrawn}))
        )


class TrainingResult(models.Model):
    """The result a provider reports for one trainee at the end of a cohort."""

    class Outcome(models.TextChoices):
        COMPLETED = "completed", _("completed (lulus)")
        FAILED = "failed", _("failed (tidak lulus)")
        DROPPED = "dropped", _("dropped out (mengundurkan diri)")

    enrollment = models.OneToOneField(Enrollment, models.CASCADE, related_name="result")
    attendance_pct = models.DecimalField(_("attendance %"), max_digits=5, decimal_places=2)
    score = models.DecimalField(_("final score"), max_digits=5, decimal_places=2, null=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    # The uji kompetensi this result reported (the results file's competency columns).
    # A later re-test is a separate assessment; a corrected file updates this one.
    assessment = models.OneToOneField(
        "CompetencyAssessment",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_in",
        verbose_name=_("competency assessment"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = audited_history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("training result")
        verbose_name_plural = _("training results")
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance_pct__gte=0, attendance_pct__lte=100),
                name="result_attendance_0_100",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="result_score_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}: {self.outcome}"


class CompetencyAssessment(models.Model):
    """An uji kompetensi (BNSP via an LSP): Kompeten or Belum Kompeten."""

    class Result(models.TextChoices):
        COMPETENT = "K", _("competent (kompeten)")
        NOT_YET = "BK", _("not yet competent (belum kompeten)")

    enrollment = models.ForeignKey(Enrollment, models.CASCADE, related_name="assessments")
    result = models.CharField(_("result"), max_length=2, choices=Result.choices)
    assessed_on = models.DateField(_("assessed on"))
    certificate_no = models.CharField(_("certificate number"), max_length=60, blank=True)
    certificate_expires_on = models.DateField(_("certificate valid until"), null=True, blank=True)
    needs_retest = models.BooleanField(_("needs re-test"), default=False)

    history = audited_history()

    class Meta:
        ordering = ["assessed_on"]
        verbose_name = _("competency assessment")
        verbose_name_plural = _("competency assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "assessed_on"], name="assessment_once_a_day"
            ),
            models.CheckConstraint(
                condition=Q(result="BK") | ~Q(certificate_no=""),
                name="assessment_competent_has_certificate",
            ),
        ]
        indexes = [models.Index(fields=["result", "assessed_on"], name="assessment_result_date")]

    def __str__(self) -> str:
        return f"{self.enrollment_id}: {self.result}"


class ResultUpload(models.Model):
    """One accepted results file (or JSON batch) for a cohort: what it changed, and who sent it."""

    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="result_uploads")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    rows = models.PositiveIntegerField(_("rows"))
    created = models.PositiveIntegerField(_("created"))
    updated = models.PositiveIntegerField(_("updated"))
    unchanged = models.PositiveIntegerField(_("unchanged"))

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("results upload")
        verbose_name_plural = _("results uploads")

    def __str__(self) -> str:
        return f"{self.cohort_id} {self.uploaded_at:%Y-%m-%d %H:%M}"


class TrainingResultChange(models.Model):
    """One field of one trainee's result changed by a corrected upload: the history."""

    enrollment = models.ForeignKey(Enrollment, models.CASCADE, related_name="result_changes")
    upload = models.ForeignKey(
        ResultUpload, models.CASCADE, null=True, blank=True, related_name="changes"
    )
    field = models.CharField(_("field"), max_length=20)
    old_value = models.CharField(_("old value"), max_length=60, blank=True)
    new_value = models.CharField(_("new value"), max_length=60, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("result change")
        verbose_name_plural = _("result changes")
        indexes = [models.Index(fields=["enrollment", "-changed_at"], name="resultchange_enr")]

    def __str__(self) -> str:
        return f"{self.enrollment_id}.{self.field}: {self.old_value} -> {self.new_value}"


def format_registration_number(office_code: str, year: int, sequence: int) -> str:
    """The AK/I number: office, year of registration, running number ("3672-2026-000123")."""
    return f"{office_code}-{year}-{sequence:06d}"


# ---------------------------------------------------------------- funding and tracer


class FundingLineSource(models.TextChoices):
    """Who pays for a cohort's seats (one cohort may have several lines)."""

    APBN = "apbn", "APBN"
    APBD = "apbd", "APBD"
    CSR = "csr", "CSR"
    COMPANY = "company", _("company")
    PARTICIPANT = "participant", _("participant-paid")


#: Sources whose line names the paying company.
SPONSORED_SOURCES = (FundingLineSource.CSR, FundingLineSource.COMPANY)


class CsrCommitmentQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.all()

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        return self.all()


class CsrCommitment(models.Model):
    """A company's CSR pledge (e.g. "75 training packages"), spent over several cohorts."""

    sponsor = models.ForeignKey(
        "vokasi.Company",
        models.PROTECT,
        related_name="csr_commitments",
        verbose_name=_("sponsor"),
    )
    title = models.CharField(_("title"), max_length=160)
    year = models.PositiveSmallIntegerField(_("year"))
    seats = models.PositiveIntegerField(_("seats (packages) committed"))
    amount = models.PositiveBigIntegerField(_("amount committed (Rp)"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CsrCommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("CSR commitment")
        verbose_name_plural = _("CSR commitments")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class FundingLineQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.all()

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        return self.filter(cohort__programme__provider_id=provider_id)


class FundingLine(models.Model):
    """One source paying for a cohort: its budget, what was spent, the seats it funds.

    Money is whole Rupiah. Spending above the budget is allowed (it happens) and shown
    as a flag, never refused.
    """

    cohort = models.ForeignKey(
        Cohort, models.CASCADE, related_name="funding_lines", verbose_name=_("cohort")
    )
    source = models.CharField(_("funding source"), max_length=12, choices=FundingLineSource.choices)
    sponsor = models.ForeignKey(
        "vokasi.Company",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name=_("sponsor"),
    )
    commitment = models.ForeignKey(
        CsrCommitment,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_lines",
        verbose_name=_("CSR commitment"),
    )
    budgeted = models.PositiveBigIntegerField(_("budget (Rp)"), default=0)
    spent = models.PositiveBigIntegerField(_("spent (Rp)"), default=0)
    seats = models.PositiveIntegerField(_("seats (packages)"), default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = FundingLineQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "pk"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source__in=["csr", "company"]) | Q(sponsor__isnull=False),
                name="fundingline_sponsor_named",
            ),
            models.CheckConstraint(
                condition=Q(commitment__isnull=True) | Q(source="csr"),
                name="fundingline_commitment_is_csr",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort_id} {self.source} {self.spent}"

    @property
    def over_budget(self) -> bool:
        return self.spent > self.budgeted


class GraduateStatusQuerySet(ScopedQuerySet):
    def for_officer(self, office_id: int) -> models.QuerySet:
        return self.filter(enrollment__job_seeker__office_id=office_id)

    def for_trainer(self, provider_id: int) -> models.QuerySet:
        return self.filter(enrollment__cohort__programme__provider_id=provider_id)


class GraduateStatus(models.Model):
    """The tracer study (studi pelacakan): what a completer was doing 3, 6 or 12 months on.

    Only a trainee who completed the cohort is traced. A placement recorded in Vokasi
    already says "employed"; the tracer grid shows it in a month's cell that has no
    status of its own, but it is not stored here (the placement is the record).
    """

    class Status(models.TextChoices):
        EMPLOYED = "employed", _("employed")
        SELF_EMPLOYED = "self_employed", _("self-employed (wirausaha)")
        STUDYING = "studying", _("continuing study")
        NOT_WORKING = "not_working", _("not working")
        UNREACHABLE = "unreachable", _("unreachable")

    MONTHS = (3, 6, 12)

    enrollment = models.ForeignKey(
        Enrollment, models.CASCADE, related_name="graduate_statuses", verbose_name=_("trainee")
    )
    months_after = models.PositiveSmallIntegerField(
        _("months after the cohort"), choices=[(m, m) for m in MONTHS]
    )
    status = models.CharField(_("status"), max_length=14, choices=Status.choices)
    sector = models.ForeignKey(
        "vokasi.Sector",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("business sector (KBLI)"),
    )
    checked_on = models.DateField(_("checked on"))
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = GraduateStatusQuerySet.as_manager()

    class Meta:
        ordering = ["enrollment", "months_after"]
        verbose_name = _("graduate status")
        verbose_name_plural = _("graduate statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "months_after"], name="graduatestatus_once_per_point"
            ),
            models.CheckConstraint(
                condition=Q(months_after__in=[3, 6, 12]), name="graduatestatus_months_3_6_12"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="graduatestatus_status")]

    def __str__(self) -> str:
        return f"{self.enrollment_id} +{self.months_after}m: {self.status}"


# Scholarships under an agreement keep their model beside this file.
from trainees.scholarships import Scholarship  # noqa: E402, F401
