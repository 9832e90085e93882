"""Placements (``/api/v1/placements/``): companies and offices read them and record
follow-ups; the office records a job a person found themself."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from placements.api import docs
from placements.api.companies import CompanyBriefSerializer
from placements.api.filters import PlacementFilter
from placements.models import FollowUp, Placement
from placements.pseudonym import candidate_ref
from placements.services import placement_follow_up
from placements.services.placements import COMPANY_NAME_MAX, placement_record
from trainees.models import JobSeeker
from vokasi.api.permissions import RolePermission
from vokasi.bounds import WAGE_MAX
from vokasi.models import Company, Occupation, Role
from vokasi.roles import OFFICE, OFFICE_AND_COMPANY


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


@extend_schema(tags=["employers"])
@extend_schema_view(
    list=extend_schema(
        summary="List placements",
        responses={200: PlacementSerializer(many=True), **docs.errors(400, 403, 404)},
    ),
    retrieve=extend_schema(
        summary="Read a placement", responses={200: PlacementSerializer, **docs.errors(403, 404)}
    ),
)
class PlacementViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlacementSerializer
    filterset_class = PlacementFilter
    permission_classes = [RolePermission]
    read_roles = OFFICE_AND_COMPANY
    action_roles = {
        "follow_ups": frozenset({Role.EMPLOYER, Role.OFFICER}),
        "create": OFFICE,
    }
    lookup_value_regex = "[^/]+"

    @PLACEMENT_RECORD_SCHEMA
    def create(self, request):
        return record_placement(request)

    def get_queryset(self):
        return (
            Placement.objects.visible_to(self.request.user)
            .select_related("company", "job_seeker")
            .prefetch_related("follow_ups")
            .order_by("-start_date", "-id")
        )

    @extend_schema(
        summary="Record a follow-up",
        description="Is the person still employed? Not before the start date, not in the "
        "future; one per day (the same answer again returns the recorded one with 200).",
        request=FollowUpSerializer,
        responses={
            201: FollowUpSerializer,
            200: FollowUpSerializer,
            **docs.errors(400, 403, 404, 409),
        },
    )
    @action(detail=True, methods=["post"], url_path="follow-ups", filterset_class=None)
    def follow_ups(self, request, pk=None):
        placement = self.get_object()
        serializer = FollowUpSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        follow_up, created = placement_follow_up(
            placement=placement, by=request.user, **serializer.validated_data
        )
        return Response(
            FollowUpSerializer(follow_up).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
