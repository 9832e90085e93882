"""Apprenticeships (``/api/v1/apprenticeships/``): companies and offices read them, the
company records the end, the labour office approves the agreement
(``POST /api/v1/apprenticeships/{id}/approve/``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from placements.api import docs
from placements.api.companies import CompanyBriefSerializer
from placements.api.filters import ApprenticeshipFilter
from placements.api.placements import PersonBriefSerializer
from placements.models import Apprenticeship, Placement
from placements.services import apprenticeship_finish
from placements.services.apprenticeships import apprenticeship_approve
from vokasi.api.permissions import RolePermission
from vokasi.bounds import WAGE_MAX
from vokasi.roles import COMPANY, OFFICE, OFFICE_AND_COMPANY


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


@extend_schema(tags=["employers"])
@extend_schema_view(
    list=extend_schema(
        summary="List apprenticeships",
        responses={200: ApprenticeshipSerializer(many=True), **docs.errors(400, 403, 404)},
    ),
    retrieve=extend_schema(
        summary="Read an apprenticeship",
        responses={200: ApprenticeshipSerializer, **docs.errors(403, 404)},
    ),
)
class ApprenticeshipViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ApprenticeshipSerializer
    filterset_class = ApprenticeshipFilter
    permission_classes = [RolePermission]
    read_roles = OFFICE_AND_COMPANY
    action_roles = {"finish": COMPANY}
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return (
            Apprenticeship.objects.visible_to(self.request.user)
            .select_related("company", "job_seeker", "placement")
            .order_by("-start_date", "-id")
        )

    @extend_schema(
        summary="Finish an apprenticeship",
        description="completed or dropped, hired or not. `hired: true` creates a placement "
        "(source apprenticeship) starting the day after `finished_on`. Only an approved "
        "apprenticeship can finish (409 otherwise, and when it already ended).",
        request=ApprenticeshipFinishSerializer,
        responses={200: ApprenticeshipSerializer, **docs.errors(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def finish(self, request, pk=None):
        apprenticeship = self.get_object()
        serializer = ApprenticeshipFinishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        apprenticeship_finish(
            apprenticeship=apprenticeship, by=request.user, **serializer.validated_data
        )
        fresh = self.get_queryset().get(pk=apprenticeship.pk)
        return Response(ApprenticeshipSerializer(fresh).data)


class ApproveSerializer(serializers.Serializer):
    agreement_no = serializers.CharField(max_length=60, required=False, allow_blank=True)


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
