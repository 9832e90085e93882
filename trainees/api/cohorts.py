"""Training providers' endpoints: cohorts, their enrollments and results (see API.md).

Thin views: serializers check shapes, services decide the rules, ``visible_to`` scopes.
"""

from __future__ import annotations

import django_filters
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from trainees.api import funding as funding_api
from trainees.api.enrollments import EnrollmentSerializer
from trainees.models import Cohort, Enrollment, FundingSource, Programme
from trainees.selectors import candidates as candidate_reads
from trainees.selectors import training as selectors
from trainees.services import agreements as agreement_services
from trainees.services import funding as funding_services
from trainees.services import training as services
from vokasi.api.permissions import RolePermission
from vokasi.roles import TRAINING


class CohortSerializer(serializers.ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.none())
    programme_name = serializers.CharField(source="programme.name", read_only=True)
    provider = serializers.CharField(source="programme.provider.code", read_only=True)
    enrolled = serializers.IntegerField(read_only=True)
    agreement = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The agreement the cohort is run under (set by PATCH), or null.",
    )
    funding = serializers.SerializerMethodField()

    class Meta:
        model = Cohort
        fields = [
            "id",
            "programme",
            "programme_name",
            "provider",
            "name",
            "start_date",
            "end_date",
            "place",
            "quota",
            "instructor",
            "status",
            "enrolled",
            "agreement",
            "funding",
        ]
        read_only_fields = ["id", "agreement"]

    @extend_schema_field(funding_api.FundingLineSerializer(many=True))
    def get_funding(self, cohort) -> list[dict]:
        return funding_api.funding_of(cohort)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["programme"].queryset = Programme.objects.visible_to(request.user)


class CohortFilter(django_filters.FilterSet):
    # Bounded: a number beyond the database's integer answers 400, not a 500.
    programme = django_filters.NumberFilter(
        field_name="programme_id", min_value=1, max_value=2_147_483_647
    )
    provider = django_filters.CharFilter(field_name="programme__provider__code")
    vocation = django_filters.CharFilter(field_name="programme__vocation_id")
    funding = django_filters.ChoiceFilter(
        field_name="programme__funding", choices=FundingSource.choices
    )
    status = django_filters.ChoiceFilter(choices=Cohort.Status.choices)
    starts_from = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    starts_to = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Cohort
        fields = ["programme", "provider", "vocation", "funding", "status"]


class EnrollInputSerializer(serializers.Serializer):
    job_seeker = serializers.IntegerField(help_text=_("Id of an active registered job seeker."))


@extend_schema(tags=["training"])
class CohortViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Cohorts (angkatan) of the caller's programmes; officers read all."""

    serializer_class = CohortSerializer
    permission_classes = [RolePermission]
    read_roles = write_roles = TRAINING
    action_roles = {"create": services.TRAINING_STAFF, "partial_update": services.TRAINING_STAFF}
    role_message = {
        "create": _lazy("Only the training provider plans programmes and cohorts."),
        "partial_update": _lazy(
            "Only the training provider records a cohort's agreement and funding."
        ),
    }
    filterset_class = CohortFilter

    def get_queryset(self):
        return selectors.cohort_list(self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cohort = services.cohort_create(actor=request.user, **serializer.validated_data)
        cohort = self.get_queryset().get(pk=cohort.pk)
        return Response(self.get_serializer(cohort).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=funding_api.CohortFundingSerializer,
        responses=CohortSerializer,
        summary="Link the cohort to an agreement and/or set its funding lines (every line; "
        "the same body again changes nothing).",
        examples=[
            OpenApiExample(
                "Two sources",
                value={
                    "agreement": 12,
                    "funding": [
                        {"source": "apbn", "budget": 48000000, "spent": 45500000, "seats": 12},
                        {
                            "source": "csr",
                            "sponsor": 7,
                            "budget": 16000000,
                            "spent": 16000000,
                            "seats": 4,
                        },
                    ],
                },
                request_only=True,
            )
        ],
    )
    def partial_update(self, request, *args, **kwargs):
        cohort = self.get_object()
        body = funding_api.CohortFundingSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        lines = funding_api.FundingLineSerializer(context={"request": request})
        with transaction.atomic():
            # Both or neither: a refused funding line leaves the agreement as it was.
            if "agreement" in data:
                agreement_services.cohort_link_agreement(
                    actor=request.user, cohort=cohort, agreement=data["agreement"]
                )
            if "funding" in data:
                funding_services.funding_lines_set(
                    actor=request.user,
                    cohort=cohort,
                    lines=[lines.to_input(line) for line in data["funding"]],
                )
        return Response(self.get_serializer(self.get_queryset().get(pk=cohort.pk)).data)

    @extend_schema(
        methods=["GET"],
        responses=EnrollmentSerializer(many=True),
        summary="The cohort's enrollments (a provider sees its trainees' NIKs).",
    )
    @extend_schema(
        methods=["POST"],
        request=EnrollInputSerializer,
        responses={201: EnrollmentSerializer},
        summary="Enroll a job seeker: quota and entry requirements are checked.",
        examples=[
            OpenApiExample("Enroll", value={"job_seeker": 1234}, request_only=True),
            OpenApiExample(
                "Refused",
                value={"job_seeker": ["Education SMP is below the required SMK."]},
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def enrollments(self, request, pk=None):
        cohort = self.get_object()
        if request.method == "POST":
            data = EnrollInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            person = (
                candidate_reads.enrollable_job_seekers(request.user)
                .filter(pk=data.validated_data["job_seeker"])
                .first()
            )
            if person is None:
                raise ValidationError({"job_seeker": [_("No such active job seeker.")]})
            enrollment = services.enrollment_create(
                actor=request.user, cohort=cohort, job_seeker=person
            )
            enrollment = Enrollment.objects.select_related("job_seeker").get(pk=enrollment.pk)
            return Response(
                EnrollmentSerializer(enrollment, context={"request": request}).data,
                status=status.HTTP_201_CREATED,
            )
        enrollments = (
            Enrollment.objects.visible_to(request.user)
            .filter(cohort=cohort)
            .select_related("job_seeker")
            .order_by("job_seeker__name", "pk")
        )
        page = self.paginate_queryset(enrollments)
        return self.get_paginated_response(
            EnrollmentSerializer(page, many=True, context={"request": request}).data
        )
