"""Reference data endpoints: read-only, for any authenticated user."""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import F
from rest_framework import serializers, viewsets

from vokasi.models import (
    EducationLevel,
    LabourOffice,
    Occupation,
    Region,
    Sector,
    Skill,
    TrainingProvider,
)


class SkillSerializer(serializers.ModelSerializer):
    vocation = serializers.CharField(source="vocation.name", read_only=True)
    vocation_code = serializers.CharField(source="vocation_id", read_only=True)

    class Meta:
        model = Skill
        fields = ["code", "name", "vocation", "vocation_code"]

    def to_representation(self, skill) -> dict:
        """The shape the declared fields give, built directly (a test compares the two).

        The generic path looks each attribute up through its field, most of the time of
        a page of skills. A list passes plain rows with ``vocation_name``; a single skill
        reads its vocation.
        """
        vocation_name = getattr(skill, "vocation_name", None)
        if vocation_name is None:
            vocation_name = skill.vocation.name
        return {
            "code": skill.code,
            "name": skill.name,
            "vocation": vocation_name,
            "vocation_code": skill.vocation_id,
        }


class OccupationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Occupation
        fields = ["code", "name"]


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["code", "name", "category"]


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "level"]


class EducationLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = EducationLevel
        fields = ["code", "name"]


class SkillViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Skill.objects.select_related("vocation").order_by("code")
    serializer_class = SkillSerializer
    filterset_fields = ["vocation"]

    def list(self, request, *args, **kwargs):
        # The page is read as plain rows, the vocation's name a column, instead of a
        # skill and a vocation instance per row; the serializer writes the same shape.
        queryset = self.filter_queryset(Skill.objects.order_by("code")).values(
            "code", "name", "vocation_id", vocation_name=F("vocation__name")
        )
        page = [SimpleNamespace(**row) for row in self.paginate_queryset(queryset)]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class OccupationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Occupation.objects.order_by("code")
    serializer_class = OccupationSerializer


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Sector.objects.order_by("code")
    serializer_class = SectorSerializer
    filterset_fields = ["category"]


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.order_by("code")
    serializer_class = RegionSerializer
    filterset_fields = ["level", "parent"]
    lookup_value_regex = "[^/]+"  # kecamatan codes hold dots ("36.72.04")


class EducationLevelViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = EducationLevel.objects.order_by("rank")
    serializer_class = EducationLevelSerializer
    pagination_class = None


class OrganisationSerializer(serializers.Serializer):
    """``{id, name}``: the parties an agreement may name (API v1.1)."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class OfficeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = LabourOffice.objects.order_by("name", "pk")
    serializer_class = OrganisationSerializer


class ProviderViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = TrainingProvider.objects.order_by("name", "pk")
    serializer_class = OrganisationSerializer
