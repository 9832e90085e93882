"""``GET, POST /api/v1/agreements/{id}/scholarships/`` (an extension, docs/API.md):
whoever reads the agreement lists its scholarships; the officers who manage it and
admins record one (trainers and employers 403). The same recipient, institution and
award day again answers 200 with the one on file, with other details 409.

``GET, PATCH /api/v1/agreements/{id}/scholarships/{scholarship_id}/``: one scholarship;
the same people record what became of it (``status``, ``ended_on``), the same again
answering 200 unchanged (``trainees.services.scholarships.scholarship_set_status``)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from trainees.models import JobSeeker, Scholarship
from trainees.services.scholarships import (
    KEEP,
    ScholarshipInput,
    scholarship_award,
    scholarship_set_status,
)
from vokasi.api.permissions import RolePermission
from vokasi.bounds import MONEY_MAX
from vokasi.models import Agreement
from vokasi.roles import ALL_ROLES, OFFICE


class ScholarshipSerializer(serializers.ModelSerializer):
    recipient_name = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        help_text="Required unless job_seeker is given (then the registered name).",
    )
    job_seeker = serializers.PrimaryKeyRelatedField(
        queryset=JobSeeker.objects.none(),
        required=False,
        allow_null=True,
        help_text="A registered job seeker's id (the caller's office's).",
    )
    amount = serializers.IntegerField(min_value=0, max_value=MONEY_MAX)

    class Meta:
        model = Scholarship
        fields = [
            "id",
            "agreement",
            "recipient_name",
            "job_seeker",
            "institution",
            "study_programme",
            "awarded_on",
            "amount",
            "status",
            "ended_on",
        ]
        read_only_fields = ["id", "agreement", "ended_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["job_seeker"].queryset = JobSeeker.objects.visible_to(request.user)

    def to_input(self) -> ScholarshipInput:
        data = self.validated_data
        return ScholarshipInput(
            recipient_name=data.get("recipient_name", ""),
            job_seeker=data.get("job_seeker"),
            institution=data["institution"],
            study_programme=data["study_programme"],
            awarded_on=data["awarded_on"],
            amount=data["amount"],
            status=data.get("status", Scholarship.Status.AWARDED),
        )


@extend_schema(tags=["agreements"])
class AgreementScholarshipsView(generics.GenericAPIView):
    serializer_class = ScholarshipSerializer
    permission_classes = [RolePermission]
    read_roles = ALL_ROLES
    write_roles = OFFICE

    def agreement(self) -> Agreement:
        return get_object_or_404(
            Agreement.objects.visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def get_queryset(self):
        return Scholarship.objects.filter(agreement=self.agreement()).order_by("awarded_on", "pk")

    @extend_schema(summary="The scholarships awarded under the agreement")
    def get(self, request, pk: int):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Record a scholarship awarded under the agreement",
        responses={201: ScholarshipSerializer, 200: ScholarshipSerializer},
        examples=[
            OpenApiExample(
                "A student of the partner university",
                value={
                    "recipient_name": "Siti Nurhaliza",
                    "institution": "Poltekkes Kemenkes Banten",
                    "study_programme": "D3 Keperawatan",
                    "awarded_on": "2026-08-17",
                    "amount": 12000000,
                    "status": "awarded",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request, pk: int):
        agreement = self.agreement()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        scholarship, created = scholarship_award(
            actor=request.user, agreement=agreement, data=serializer.to_input()
        )
        return Response(
            self.get_serializer(scholarship).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ScholarshipStatusSerializer(serializers.Serializer):
    """What became of a scholarship; a field left out stays as it is (``ended_on``: kept
    while the status stays, cleared when it changes)."""

    status = serializers.ChoiceField(choices=Scholarship.Status.choices, required=False)
    ended_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="When it was completed or dropped, if known: not before awarded_on, not "
        "in the future; null (or left out when the status changes) when not known. An "
        "awarded scholarship has none.",
    )


@extend_schema(tags=["agreements"])
class AgreementScholarshipView(generics.GenericAPIView):
    serializer_class = ScholarshipSerializer
    permission_classes = [RolePermission]
    read_roles = ALL_ROLES
    write_roles = OFFICE

    def get_object(self) -> Scholarship:
        agreement = get_object_or_404(
            Agreement.objects.visible_to(self.request.user), pk=self.kwargs["pk"]
        )
        return get_object_or_404(agreement.scholarships, pk=self.kwargs["scholarship_id"])

    @extend_schema(
        summary="One scholarship awarded under the agreement",
        operation_id="v1_agreements_scholarship_retrieve",
    )
    def get(self, request, pk: int, scholarship_id: int):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        summary="Record what became of a scholarship (completed, dropped)",
        operation_id="v1_agreements_scholarship_partial_update",
        request=ScholarshipStatusSerializer,
        responses={200: ScholarshipSerializer},
        examples=[
            OpenApiExample(
                "The recipient graduated",
                value={"status": "completed", "ended_on": "2026-07-31"},
                request_only=True,
            )
        ],
    )
    def patch(self, request, pk: int, scholarship_id: int):
        scholarship = self.get_object()
        given = ScholarshipStatusSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        scholarship, _changed = scholarship_set_status(
            actor=request.user,
            scholarship=scholarship,
            status=given.validated_data.get("status", KEEP),
            ended_on=given.validated_data.get("ended_on", KEEP),
        )
        return Response(self.get_serializer(scholarship).data)
