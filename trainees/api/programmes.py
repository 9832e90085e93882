"""Training providers' endpoints: programmes (see API.md).

Thin views: serializers check shapes, services decide the rules, ``visible_to`` scopes.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from trainees.models import FundingSource, Programme
from trainees.services import training as services
from vokasi.api.permissions import RolePermission
from vokasi.models import EducationLevel, Skill, TrainingProvider, Vocation
from vokasi.roles import TRAINING


class ProgrammeSerializer(serializers.ModelSerializer):
    provider = serializers.SlugRelatedField(
        slug_field="code",
        queryset=TrainingProvider.objects.all(),
        required=False,
        help_text=_("Provider code; trainers always create for their own provider."),
    )
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    vocation = serializers.SlugRelatedField(slug_field="code", queryset=Vocation.objects.all())
    skills = serializers.SlugRelatedField(
        slug_field="code", queryset=Skill.objects.all(), many=True
    )
    education_min = serializers.SlugRelatedField(
        slug_field="code",
        queryset=EducationLevel.objects.all(),
        required=False,
        allow_null=True,
    )
    funding = serializers.ChoiceField(choices=FundingSource.choices)

    class Meta:
        model = Programme
        fields = [
            "id",
            "provider",
            "provider_name",
            "vocation",
            "code",
            "name",
            "skills",
            "jp_hours",
            "education_min",
            "age_min",
            "age_max",
            "funding",
            "is_active",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]
        # The service checks (provider, code) so a duplicate answers 409, not 400.
        validators: list = []


class ProgrammeFilter(django_filters.FilterSet):
    vocation = django_filters.CharFilter(field_name="vocation_id")
    provider = django_filters.CharFilter(field_name="provider__code")
    funding = django_filters.ChoiceFilter(choices=FundingSource.choices)

    class Meta:
        model = Programme
        fields = ["vocation", "provider", "funding", "is_active"]


@extend_schema(tags=["training"])
class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Training programmes: trainers see and create their provider's; officers read all."""

    serializer_class = ProgrammeSerializer
    permission_classes = [RolePermission]
    read_roles = write_roles = TRAINING
    action_roles = {"create": services.TRAINING_STAFF}
    role_message = {"create": _lazy("Only the training provider plans programmes and cohorts.")}
    filterset_class = ProgrammeFilter

    def get_queryset(self):
        return (
            Programme.objects.visible_to(self.request.user)
            .select_related("provider", "vocation", "education_min")
            .prefetch_related("skills")
            .order_by("provider__name", "name", "pk")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        programme = services.programme_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(programme).data, status=status.HTTP_201_CREATED)
