"""Reference data endpoints: read-only, for any authenticated user."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from vokasi.models import EducationLevel, Occupation, Region, Sector, Skill


class SkillSerializer(serializers.ModelSerializer):
    vocation = serializers.CharField(source="vocation.name", read_only=True)
    vocation_code = serializers.CharField(source="vocation_id", read_only=True)

    class Meta:
        model = Skill
        fields = ["code", "name", "vocation", "vocation_code"]


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
