"""Shapes of the employer API (see ../shared/API.md)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from placements.models import Apprenticeship, FollowUp, Placement, Referral, Vacancy
from placements.pseudonym import candidate_ref
from placements.services.apprenticeships import DURATION_MESSAGE
from placements.services.vacancies import (
    COMPANY_CLOSE_REASONS,
    COMPANY_CONTACT_FIELDS,
    DECISION_REASON_MAX,
    OPENINGS_MAX,
    OPENINGS_MIN,
    REASON_MAX,
    VerifyDecision,
)
from trainees.models import CompetencyAssessment, Enrollment, JobSeekerSkill, TrainingResult
from vokasi.bounds import EXPERIENCE_MONTHS_MAX, VACANCY_AGE_MAX, VACANCY_AGE_MIN, WAGE_MAX
from vokasi.models import Company, EducationLevel, Occupation, Region, Skill

# ------------------------------------------------------------------------- companies


class CompanyBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "name"]


class CompanySerializer(serializers.ModelSerializer):
    sector = serializers.CharField(source="sector_id", read_only=True, help_text="KBLI 2020 code")
    region = serializers.CharField(source="region_id", read_only=True, help_text="kecamatan code")

    class Meta:
        model = Company
        fields = [
            "id",
            "name",
            "nib",
            "npwp",
            "sector",
            "workforce",
            "address",
            "region",
            "apindo_member_no",
            *COMPANY_CONTACT_FIELDS,
            "updated_at",
        ]
        read_only_fields = [f for f in fields if f not in COMPANY_CONTACT_FIELDS]


# ------------------------------------------------------------------------- vacancies


class SkillCodesField(serializers.ListField):
    """A list of skill codes in, the same out; validated in one query."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", serializers.CharField(max_length=20))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        codes = list(dict.fromkeys(super().to_internal_value(data)))
        skills = {s.code: s for s in Skill.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in skills]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown skill codes: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return tuple(skills[c] for c in codes)


class VacancySerializer(serializers.ModelSerializer):
    company = CompanyBriefSerializer(read_only=True)
    external_ref = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        help_text="The company's own reference; a retry with the same one never duplicates.",
    )
    kind = serializers.ChoiceField(choices=Vacancy.Kind.choices, default=Vacancy.Kind.JOB)
    title = serializers.CharField(max_length=160)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    occupation = serializers.SlugRelatedField(
        slug_field="code", queryset=Occupation.objects.all(), help_text="KBJI 2014 code"
    )
    required_skills = SkillCodesField(source="required_skill_codes")
    preferred_skills = SkillCodesField(source="preferred_skill_codes")
    openings = serializers.IntegerField(min_value=OPENINGS_MIN, max_value=OPENINGS_MAX)
    education_min = serializers.SlugRelatedField(
        slug_field="code",
        queryset=EducationLevel.objects.all(),
        required=False,
        allow_null=True,
        help_text="none, sd, smp, sma, smk, d1, d2, d3, d4, s1, s2, s3",
    )
    region = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.filter(level=Region.Level.DISTRICT),
        help_text="kecamatan code of the workplace, e.g. 36.72.04",
    )
    wage_min = serializers.IntegerField(
        min_value=0, max_value=WAGE_MAX, required=False, allow_null=True
    )
    wage_max = serializers.IntegerField(
        min_value=0, max_value=WAGE_MAX, required=False, allow_null=True
    )
    duration_months = serializers.IntegerField(
        min_value=1,
        max_value=settings.VOKASI["APPRENTICESHIP_MAX_MONTHS"],
        required=False,
        allow_null=True,
        help_text="Apprenticeships only: 1-12 months.",
        error_messages={"min_value": DURATION_MESSAGE, "max_value": DURATION_MESSAGE},
    )
    opens_on = serializers.DateField(required=False, help_text="Default: today.")
    age_min = serializers.IntegerField(
        min_value=VACANCY_AGE_MIN,
        max_value=VACANCY_AGE_MAX,
        required=False,
        allow_null=True,
        help_text="Only where the job needs an age limit (Perpres 57/2023 Pasal 5).",
    )
    age_max = serializers.IntegerField(
        min_value=VACANCY_AGE_MIN, max_value=VACANCY_AGE_MAX, required=False, allow_null=True
    )
    age_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=REASON_MAX,
        help_text="Extension: why the job needs the age limit (optional).",
    )
    sex = serializers.ChoiceField(
        choices=Vacancy.Sex.choices,
        required=False,
        help_text='"L", "P" or "any" (default); a limit needs `sex_reason`.',
    )
    sex_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=REASON_MAX,
        help_text='Required when `sex` is not "any".',
    )
    experience_months = serializers.IntegerField(
        min_value=0, max_value=EXPERIENCE_MONTHS_MAX, required=False
    )
    how_to_apply = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=REASON_MAX,
        help_text="Extension: the company's own channel (an address, a site, an email).",
    )
    rejection_reason = serializers.CharField(
        read_only=True,
        help_text="Why the office rejected the vacancy or took it down; empty otherwise.",
    )
    close_reason = serializers.ChoiceField(
        choices=Vacancy.CloseReason.choices,
        allow_blank=True,
        read_only=True,
        help_text="Empty while the vacancy is open.",
    )

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "company",
            "external_ref",
            "kind",
            "title",
            "description",
            "occupation",
            "required_skills",
            "preferred_skills",
            "openings",
            "filled",
            "education_min",
            "region",
            "wage_min",
            "wage_max",
            "employment_type",
            "duration_months",
            "opens_on",
            "closes_on",
            "age_min",
            "age_max",
            "age_reason",
            "sex",
            "sex_reason",
            "experience_months",
            "how_to_apply",
            "status",
            "rejection_reason",
            "close_reason",
            "closed_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "filled",
            "status",
            "rejection_reason",
            "close_reason",
            "closed_on",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, vacancy) -> dict:
        """The shape the declared fields give, built directly (a test compares the two).

        The generic path looks up each of 32 attributes through its field: most of the
        time of a 1000-row page. A list passes plain rows with ``company_name`` and
        ``listed_skill_codes``; a single vacancy reads its company and skill rows.
        """
        codes = getattr(vacancy, "listed_skill_codes", None)
        if codes is None:
            codes = (vacancy.required_skill_codes, vacancy.preferred_skill_codes)
        company_name = getattr(vacancy, "company_name", None)
        if company_name is None:
            company_name = vacancy.company.name
        moment = self._moment
        return {
            "id": vacancy.id,
            "company": {"id": vacancy.company_id, "name": company_name},
            "external_ref": vacancy.external_ref,
            "kind": _choice(vacancy.kind),
            "title": vacancy.title,
            "description": vacancy.description,
            "occupation": vacancy.occupation_id,
            "required_skills": list(codes[0]),
            "preferred_skills": list(codes[1]),
            "openings": vacancy.openings,
            "filled": vacancy.filled,
            "education_min": vacancy.education_min_id,
            "region": vacancy.region_id,
            "wage_min": vacancy.wage_min,
            "wage_max": vacancy.wage_max,
            "employment_type": _choice(vacancy.employment_type),
            "duration_months": vacancy.duration_months,
            "opens_on": _date(vacancy.opens_on),
            "closes_on": _date(vacancy.closes_on),
            "age_min": vacancy.age_min,
            "age_max": vacancy.age_max,
            "age_reason": vacancy.age_reason,
            "sex": _choice(vacancy.sex),
            "sex_reason": vacancy.sex_reason,
            "experience_months": vacancy.experience_months,
            "how_to_apply": vacancy.how_to_apply,
            "status": _choice(vacancy.status),
            "rejection_reason": vacancy.rejection_reason,
            "close_reason": _choice(vacancy.close_reason),
            "closed_on": _date(vacancy.closed_on),
            "created_at": moment(vacancy.created_at),
            "updated_at": moment(vacancy.updated_at),
        }

    @cached_property
    def _timezone(self):
        return timezone.get_current_timezone()

    def _moment(self, value: datetime.datetime | None) -> str | None:
        """As DRF's DateTimeField writes it (ISO 8601, current time zone, "Z" for UTC)."""
        if value is None:
            return None
        text = value.astimezone(self._timezone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    def service_data(self) -> dict:
        """The validated data named as the services name it."""
        data = dict(self.validated_data)
        for ours, theirs in (
            ("required_skill_codes", "required_skills"),
            ("preferred_skill_codes", "preferred_skills"),
        ):
            if ours in data:
                data[theirs] = data.pop(ours)
        if self.instance is None:
            data.setdefault("opens_on", timezone.localdate())
        return data


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _choice(value: str) -> str:
    return str(value) if value else value


#: Why a company closes its vacancy (the schema's ``VacancyCloseRequestReasonEnum``).
COMPANY_CLOSE_CHOICES = [c for c in Vacancy.CloseReason.choices if c[0] in COMPANY_CLOSE_REASONS]


class VacancyCloseSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=COMPANY_CLOSE_CHOICES)


#: The office's decision on a submitted vacancy (its schema enum is named in settings).
VERIFY_DECISIONS = VerifyDecision.CHOICES


class VacancyVerifySerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=VERIFY_DECISIONS)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=DECISION_REASON_MAX,
        help_text="Required to reject; shown to the company.",
    )


class VacancyTakeDownSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=DECISION_REASON_MAX, help_text="Shown to the company."
    )


# ------------------------------------------------------------------------- referrals


class SkillHeldSerializer(serializers.Serializer):
    code = serializers.CharField()
    certified = serializers.BooleanField()


class TrainingSerializer(serializers.Serializer):
    programme = serializers.CharField()
    cohort = serializers.CharField()
    completed_on = serializers.DateField(allow_null=True)
    competent = serializers.BooleanField(
        allow_null=True, help_text="true: Kompeten; false: Belum Kompeten; null: not assessed."
    )


class ContactSerializer(serializers.Serializer):
    phone = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)


class CandidateSerializer(serializers.Serializer):
    """A referred person as a company sees them: never a NIK, an address or a birth date."""

    ref = serializers.SerializerMethodField(help_text="Stable pseudonymous id of the person.")
    name = serializers.CharField()
    sex = serializers.CharField(help_text="L (laki-laki) or P (perempuan)")
    age = serializers.SerializerMethodField()
    education = serializers.CharField(source="education_id")
    region = serializers.CharField(source="region_id", help_text="kecamatan code")
    skills = serializers.SerializerMethodField()
    trainings = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField(
        help_text="Only when the person consented to share it with employers."
    )

    def get_ref(self, person) -> str:
        return candidate_ref(person.pk)

    def get_age(self, person) -> int:
        return person.age_on(timezone.localdate())

    @extend_schema_field(SkillHeldSerializer(many=True))
    def get_skills(self, person) -> list[dict]:
        return [
            {"code": row.skill_id, "certified": row.source == JobSeekerSkill.Source.CERTIFIED}
            for row in sorted(person.skill_rows.all(), key=lambda r: r.skill_id)
        ]

    @extend_schema_field(TrainingSerializer(many=True))
    def get_trainings(self, person) -> list[dict]:
        trainings = []
        for enrollment in person.enrollments.all():
            if enrollment.status == Enrollment.Status.WITHDRAWN:
                continue
            cohort = enrollment.cohort
            result = getattr(enrollment, "result", None)
            completed = result is not None and result.outcome == TrainingResult.Outcome.COMPLETED
            results = [a.result for a in enrollment.assessments.all()]
            trainings.append(
                {
                    "programme": cohort.programme.name,
                    "cohort": cohort.name,
                    "completed_on": cohort.end_date if completed else None,
                    "competent": (CompetencyAssessment.Result.COMPETENT in results)
                    if results
                    else None,
                }
            )
        return trainings

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, person) -> dict | None:
        if not person.consent_share_contact:
            return None
        return {"phone": person.phone, "email": person.email}


class ReferralSerializer(serializers.ModelSerializer):
    candidate = CandidateSerializer(source="job_seeker", read_only=True)
    placement = serializers.SerializerMethodField()
    apprenticeship = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "vacancy",
            "status",
            "match_score",
            "referred_at",
            "decided_at",
            "candidate",
            "placement",
            "apprenticeship",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_placement(self, referral) -> int | None:
        placement = getattr(referral, "placement", None)
        return placement.pk if placement else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_apprenticeship(self, referral) -> int | None:
        apprenticeship = getattr(referral, "apprenticeship", None)
        return apprenticeship.pk if apprenticeship else None


#: A company's decisions on a referred candidate (the schema's ``DecisionEnum``).
REFERRAL_DECISIONS = [
    (value, label) for value, label in Referral.Status.choices if value != "referred"
]


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=REFERRAL_DECISIONS)
    start_date = serializers.DateField(
        required=False, allow_null=True, help_text="Required for hired."
    )
    wage = serializers.IntegerField(
        min_value=0,
        max_value=WAGE_MAX,
        required=False,
        allow_null=True,
        help_text="Monthly wage in Rupiah; required for hired on a job (the allowance on an "
        "apprenticeship, default the vacancy's minimum wage).",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


# ---------------------------------------------------------------- placements & co


class PersonBriefSerializer(serializers.Serializer):
    ref = serializers.SerializerMethodField()
    name = serializers.CharField()

    def get_ref(self, person) -> str:
        return candidate_ref(person.pk)


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "checked_on", "employed", "wage", "created_at"]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {
            "wage": {"min_value": 0, "max_value": WAGE_MAX, "allow_null": True},
        }


class PlacementSerializer(serializers.ModelSerializer):
    company = CompanyBriefSerializer(read_only=True, allow_null=True)
    company_name = serializers.CharField(
        source="employer_name",
        read_only=True,
        help_text="The company's name: the registered company's, or the one typed for a "
        "company not registered (then `company` is null).",
    )
    occupation = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    person = PersonBriefSerializer(source="job_seeker", read_only=True)
    follow_ups = FollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Placement
        fields = [
            "id",
            "company",
            "company_name",
            "occupation",
            "person",
            "vacancy",
            "referral",
            "apprenticeship",
            "start_date",
            "contract_type",
            "wage",
            "channel",
            "source",
            "follow_ups",
            "created_at",
        ]
        read_only_fields = fields


class ApprenticeshipSerializer(serializers.ModelSerializer):
    company = CompanyBriefSerializer(read_only=True)
    person = PersonBriefSerializer(source="job_seeker", read_only=True)
    placement = serializers.SerializerMethodField()

    class Meta:
        model = Apprenticeship
        fields = [
            "id",
            "company",
            "person",
            "vacancy",
            "referral",
            "agreement_no",
            "programme_description",
            "start_date",
            "duration_months",
            "allowance",
            "status",
            "approved_on",
            "finished_on",
            "hired",
            "placement",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_placement(self, apprenticeship) -> int | None:
        placement = getattr(apprenticeship, "placement", None)
        return placement.pk if placement else None


class ApprenticeshipFinishSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=[
            (Apprenticeship.Status.COMPLETED, Apprenticeship.Status.COMPLETED.label),
            (Apprenticeship.Status.DROPPED, Apprenticeship.Status.DROPPED.label),
        ]
    )
    hired = serializers.BooleanField()
    finished_on = serializers.DateField()
    wage = serializers.IntegerField(
        min_value=0,
        max_value=WAGE_MAX,
        required=False,
        allow_null=True,
        help_text="Monthly wage of the job when hired (default: the vacancy's minimum wage).",
    )
    contract_type = serializers.ChoiceField(
        choices=Placement.ContractType.choices,
        default=Placement.ContractType.PKWT,
        help_text="Contract of the job when hired.",
    )
