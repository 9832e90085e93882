"""Referrals: the pseudonymous candidate a company reads on its vacancy
(``ReferralSerializer``) and decides on (``POST /api/v1/referrals/{id}/decision/``), and
the labour office's referrals of its job seekers (``/api/v1/referrals/``: list, read,
refer)."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from placements.api import docs
from placements.api.filters import IdFilter
from placements.models import Referral, Vacancy
from placements.pseudonym import candidate_ref
from placements.services import referral_decide
from placements.services.referrals import referral_create
from trainees.models import (
    CompetencyAssessment,
    Enrollment,
    JobSeeker,
    JobSeekerSkill,
    TrainingResult,
)
from vokasi.api.permissions import RolePermission
from vokasi.bounds import WAGE_MAX
from vokasi.roles import COMPANY, OFFICE


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


def referrals_for(user):
    """Referrals the user may see, with everything the candidate shape needs."""
    return (
        Referral.objects.visible_to(user)
        .select_related("job_seeker", "placement", "apprenticeship")
        .prefetch_related(
            "job_seeker__skill_rows",
            Prefetch(
                "job_seeker__enrollments",
                queryset=Enrollment.objects.select_related("cohort__programme", "result")
                .prefetch_related("assessments")
                .order_by("cohort__start_date", "id"),
            ),
        )
    )


@extend_schema(
    tags=["employers"],
    summary="Decide on a referred candidate",
    description="referred → interview → hired / rejected / no_show; a company may also decide "
    "straight from referred. hired, rejected and no_show are final. `hired` needs "
    "`start_date` (and `wage` on a job) and creates a placement (job) or a proposed "
    "apprenticeship (the labour office approves it). Hiring beyond the openings, on a "
    "closed vacancy, or an apprenticeship above the company's share of apprentices answers "
    "409.",
    request=DecisionSerializer,
    responses={200: ReferralSerializer, **docs.errors(400, 403, 404, 409)},
    examples=[docs.HIRE_REQUEST, docs.INTERVIEW_REQUEST],
)
class ReferralDecisionView(generics.GenericAPIView):
    permission_classes = [RolePermission]
    write_roles = COMPANY
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return referrals_for(self.request.user)

    def post(self, request, pk: str):
        referral = self.get_object()
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral_decide(referral=referral, by=request.user, **serializer.validated_data)
        fresh = self.get_queryset().get(pk=referral.pk)
        return Response(ReferralSerializer(fresh).data)


class ReferralCreateSerializer(serializers.Serializer):
    vacancy = serializers.IntegerField()
    job_seeker = serializers.IntegerField()


class OfficeReferralSerializer(serializers.ModelSerializer):
    job_seeker = serializers.SerializerMethodField()
    vacancy = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "vacancy",
            "job_seeker",
            "status",
            "match_score",
            "referred_at",
            "decided_at",
        ]
        read_only_fields = fields

    def get_job_seeker(self, referral: Referral) -> dict:
        person = referral.job_seeker
        return {
            "id": person.pk,
            "name": person.name,
            "registration_number": person.registration_number,
        }

    def get_vacancy(self, referral: Referral) -> dict:
        vacancy = referral.vacancy
        return {"id": vacancy.pk, "title": vacancy.title, "company": vacancy.company.name}


class ReferralFilter(django_filters.FilterSet):
    # Plain ids, not choices among every row: an id outside the caller's scope and an id
    # that does not exist must answer the same (an empty list), or the filter would tell
    # which people and vacancies exist elsewhere.
    vacancy = IdFilter(field_name="vacancy_id")
    job_seeker = IdFilter(field_name="job_seeker_id")

    class Meta:
        model = Referral
        fields = ["status", "vacancy", "job_seeker"]


@extend_schema(tags=["labour office"])
@extend_schema_view(
    list=extend_schema(
        summary="Referrals of the office's job seekers and their status",
        responses={200: OfficeReferralSerializer(many=True), **docs.errors(400, 403)},
    ),
    retrieve=extend_schema(
        summary="Read a referral",
        responses={200: OfficeReferralSerializer, **docs.errors(403, 404)},
    ),
    create=extend_schema(
        summary="Refer a job seeker to a vacancy",
        description="The person must hold an active registration of the caller's office and "
        "the vacancy must be open. A second referral of the same person to the same vacancy "
        "answers 409 with `existing_id`. The match score at the time is recorded.",
        request=ReferralCreateSerializer,
        examples=[OpenApiExample("Refer", value={"vacancy": 42, "job_seeker": 1007})],
        responses={201: OfficeReferralSerializer, **docs.errors(400, 403, 404, 409)},
    ),
)
class OfficeReferralViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = OfficeReferralSerializer
    filterset_class = ReferralFilter
    permission_classes = [RolePermission]
    read_roles = OFFICE
    write_roles = OFFICE

    def get_queryset(self):
        return (
            Referral.objects.visible_to(self.request.user)
            .select_related("job_seeker", "vacancy__company")
            .order_by("-referred_at", "-id")
        )

    def create(self, request, *args, **kwargs):
        payload = ReferralCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        user = request.user
        vacancy = get_object_or_404(
            Vacancy.objects.visible_to(user), pk=payload.validated_data["vacancy"]
        )
        person = get_object_or_404(
            JobSeeker.objects.visible_to(user), pk=payload.validated_data["job_seeker"]
        )
        referral = referral_create(vacancy=vacancy, job_seeker=person, referred_by=user)
        fresh = self.get_queryset().get(pk=referral.pk)
        return Response(OfficeReferralSerializer(fresh).data, status=status.HTTP_201_CREATED)
