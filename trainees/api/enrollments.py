"""Training providers' endpoints: enrollments, a trainee's withdrawal and tracer statuses
(see API.md).

Thin views: serializers check shapes, services decide the rules, ``visible_to`` scopes.
"""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from trainees.api import funding as funding_api
from trainees.models import Enrollment
from trainees.services import tracer as tracer_services
from trainees.services import training as services
from vokasi.api.permissions import RolePermission
from vokasi.roles import TRAINING, is_trainer


class EnrollmentJobSeekerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nik = serializers.SerializerMethodField(
        help_text="Whole for the cohort's provider (it keys the results file); masked "
        "(3672********0001) for everyone else."
    )
    name = serializers.CharField()

    def get_nik(self, person) -> str:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if is_trainer(user):
            return person.nik  # visible_to already limits a trainer to its own trainees
        return person.masked_nik


class EnrollmentSerializer(serializers.ModelSerializer):
    job_seeker = EnrollmentJobSeekerSerializer(read_only=True)

    class Meta:
        model = Enrollment
        fields = ["id", "cohort", "job_seeker", "status", "enrolled_on", "withdrawal_reason"]
        read_only_fields = fields


class WithdrawInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)
    on = serializers.DateField(required=False)


@extend_schema(tags=["training"])
class EnrollmentViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = EnrollmentSerializer
    permission_classes = [RolePermission]
    read_roles = write_roles = TRAINING

    def get_queryset(self):
        return Enrollment.objects.visible_to(self.request.user).select_related("job_seeker")

    @extend_schema(
        request=WithdrawInputSerializer,
        responses={200: EnrollmentSerializer},
        summary="Withdraw a trainee (before the start it frees the place).",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        enrollment = self.get_object()
        data = WithdrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            enrollment = services.enrollment_withdraw(
                actor=request.user, enrollment=enrollment, **data.validated_data
            )
        enrollment = get_object_or_404(self.get_queryset(), pk=enrollment.pk)
        return Response(EnrollmentSerializer(enrollment, context={"request": request}).data)

    @extend_schema(
        methods=["GET"],
        responses=funding_api.GraduateStatusSerializer(many=True),
        summary="The trainee's tracer statuses (3, 6, 12 months after the cohort).",
    )
    @extend_schema(
        methods=["POST"],
        request=funding_api.TracerInputSerializer,
        responses={200: funding_api.GraduateStatusSerializer},
        summary="Record what a graduate is doing; only for a trainee who completed.",
        examples=[
            OpenApiExample(
                "Own business",
                value={"checked_on": "2026-09-30", "status": "self_employed", "sector": "C"},
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["get", "post"])
    def tracer(self, request, pk=None):
        # DRF's get_object_or_404: text that is not an id is not found (404), never a 500.
        enrollment = get_object_or_404(self.get_queryset().select_related("cohort"), pk=pk)
        if request.method == "POST":
            data = funding_api.TracerInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            saved, _created = tracer_services.graduate_status_record(
                actor=request.user, enrollment=enrollment, data=data.to_input()
            )
            return Response(funding_api.GraduateStatusSerializer(saved).data)
        statuses = enrollment.graduate_statuses.select_related("sector").order_by("months_after")
        return Response(funding_api.GraduateStatusSerializer(statuses, many=True).data)
