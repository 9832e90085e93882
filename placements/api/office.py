"""The labour office's endpoints: referring candidates, approving apprenticeships, and
recording placements people found themselves."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from placements.api import docs
from placements.api.filters import IdFilter
from placements.api.serializers import ApprenticeshipSerializer, PlacementSerializer
from placements.models import Apprenticeship, Placement, Referral, Vacancy
from placements.services.apprenticeships import apprenticeship_approve
from placements.services.placements import COMPANY_NAME_MAX, placement_record
from placements.services.referrals import referral_create
from trainees.models import JobSeeker
from vokasi.api.permissions import RolePermission
from vokasi.bounds import WAGE_MAX
from vokasi.models import Company, Occupation
from vokasi.roles import OFFICE


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


class ApproveSerializer(serializers.Serializer):
    agreement_no = serializers.CharField(max_length=60, required=False, allow_blank=True)


class PlacementRecordSerializer(serializers.Serializer):
    job_seeker = serializers.IntegerField()
    company = serializers.IntegerField(
        required=False, allow_null=True, help_text="A registered company's id."
    )
    company_name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=COMPANY_NAME_MAX,
        help_text="The company's name, when it is not registered (instead of `company`).",
    )
    occupation = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Occupation.objects.all(),
        required=False,
        allow_null=True,
        help_text="The job's KBJI 2014 occupation (4 digits).",
    )
    start_date = serializers.DateField()
    contract_type = serializers.ChoiceField(choices=Placement.ContractType.choices)
    wage = serializers.IntegerField(min_value=0, max_value=WAGE_MAX)
    channel = serializers.ChoiceField(
        choices=Placement.Channel.choices, default=Placement.Channel.AKL
    )


@extend_schema(tags=["labour office"])
class ApprovalViewSet(viewsets.GenericViewSet):
    """``POST /apprenticeships/{id}/approve/``: the office approves the agreement."""

    permission_classes = [RolePermission]
    read_roles = OFFICE
    write_roles = OFFICE
    serializer_class = ApproveSerializer

    def get_queryset(self):
        return Apprenticeship.objects.visible_to(self.request.user)

    @extend_schema(
        summary="Approve an apprenticeship agreement",
        description="Duration within the maximum (12 months), an allowance stated, the "
        "apprentice at least 17 at the start, and the company within 20% of its workforce "
        "in apprentices; otherwise 400 (which rule) or 409 (quota, or already decided).",
        request=ApproveSerializer,
        responses={200: ApprenticeshipSerializer, **docs.errors(400, 403, 404, 409)},
    )
    def approve(self, request, pk=None):
        apprenticeship = get_object_or_404(self.get_queryset(), pk=pk)
        payload = ApproveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        apprenticeship_approve(
            apprenticeship=apprenticeship, by=request.user, **payload.validated_data
        )
        fresh = Apprenticeship.objects.select_related("company", "job_seeker").get(
            pk=apprenticeship.pk
        )
        return Response(ApprenticeshipSerializer(fresh).data)


PLACEMENT_RECORD_SCHEMA = extend_schema(
    summary="Record a placement a person found themself (labour office)",
    description="Ends the person's registration as placed. One placement per registration "
    "(409 with `existing_id` for a second). The company is a registered one (`company`) or, "
    "when it is not registered, its name (`company_name`); one of the two. Companies record "
    "hires through decisions.",
    request=PlacementRecordSerializer,
    responses={201: PlacementSerializer, **docs.errors(400, 403, 404, 409)},
)


def record_placement(request) -> Response:
    """``POST /placements/``: an officer records a job a person found themself."""
    payload = PlacementRecordSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    data = dict(payload.validated_data)
    person = get_object_or_404(
        JobSeeker.objects.visible_to(request.user), pk=data.pop("job_seeker")
    )
    company_id = data.pop("company", None)
    company = (
        get_object_or_404(Company.objects.visible_to(request.user), pk=company_id)
        if company_id is not None
        else None
    )
    placement = placement_record(job_seeker=person, company=company, by=request.user, **data)
    fresh = Placement.objects.select_related("company", "job_seeker").get(pk=placement.pk)
    return Response(PlacementSerializer(fresh).data, status=status.HTTP_201_CREATED)
