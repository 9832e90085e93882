"""Matching endpoints for the labour office: candidates for a vacancy and the reverse."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from placements.api.docs import errors
from placements.matching import Match, candidates_for, vacancies_for
from placements.models import Vacancy
from trainees.models import JobSeeker
from vokasi.api.permissions import RolePermission
from vokasi.roles import OFFICE


class MatchedPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sex = serializers.CharField()
    age = serializers.IntegerField()
    education = serializers.CharField(source="education_id")
    region = serializers.CharField(source="region_id")


class MatchedSkillSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    source = serializers.ChoiceField(choices=["certified", "trained", "declared"])


class MissingSkillSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class MatchSerializer(serializers.Serializer):
    job_seeker = serializers.SerializerMethodField()
    score = serializers.IntegerField(min_value=0, max_value=100)
    factors = serializers.DictField(
        child=serializers.FloatField(),
        help_text="Points each factor contributed; they add up to the score.",
    )
    matching_skills = MatchedSkillSerializer(many=True)
    missing_skills = MissingSkillSerializer(many=True)

    @extend_schema(responses=MatchedPersonSerializer)
    def get_job_seeker(self, match: Match) -> dict:
        person = match.job_seeker
        person.age = person.age_on(timezone.localdate())
        return MatchedPersonSerializer(person).data


class MatchedVacancySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    company = serializers.CharField(source="company.name")
    kind = serializers.CharField()
    occupation = serializers.CharField(source="occupation_id")
    region = serializers.CharField(source="region_id")
    openings = serializers.IntegerField()
    filled = serializers.IntegerField()
    closes_on = serializers.DateField()


class VacancyMatchSerializer(MatchSerializer):
    job_seeker = None
    vacancy = MatchedVacancySerializer()


def _page(results) -> dict:
    return {"count": len(results), "next": None, "previous": None, "results": results}


def _page_schema(name: str, item: serializers.Serializer) -> serializers.Serializer:
    """The schema of ``_page``: the list shape of every API list, with one page only."""
    return inline_serializer(
        name,
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": item,
        },
    )


LIMIT = OpenApiParameter(
    "page_size", int, description="How many of the best matches (default 50, at most 200)."
)


class VacancyMatchesView(APIView):
    """Ranked candidates for a vacancy, best first, each with its explanation."""

    permission_classes = [RolePermission]
    read_roles = write_roles = OFFICE
    role_message = "Only labour-office officers and administrators may do this."

    @extend_schema(
        parameters=[LIMIT],
        responses={
            200: _page_schema("PaginatedMatchList", MatchSerializer(many=True)),
            **errors(403, 404),
        },
    )
    def get(self, request, pk: int):
        vacancy = get_object_or_404(Vacancy.objects.visible_to(request.user), pk=pk)
        limit = _limit(request)
        matches = candidates_for(vacancy, user=request.user, limit=limit)
        return Response(_page(MatchSerializer(matches, many=True).data))


class JobSeekerVacanciesView(APIView):
    """Open vacancies that fit a job seeker, best first, explained the same way."""

    permission_classes = [RolePermission]
    read_roles = write_roles = OFFICE
    role_message = "Only labour-office officers and administrators may do this."

    @extend_schema(
        parameters=[LIMIT],
        responses={
            200: _page_schema("PaginatedVacancyMatchList", VacancyMatchSerializer(many=True)),
            **errors(403, 404),
        },
    )
    def get(self, request, pk: int):
        person = get_object_or_404(
            JobSeeker.objects.visible_to(request.user).select_related("education"), pk=pk
        )
        matches = vacancies_for(person, limit=_limit(request))
        return Response(_page(VacancyMatchSerializer(matches, many=True).data))


def _limit(request) -> int:
    try:
        return max(1, min(int(request.query_params.get("page_size", 50)), 200))
    except ValueError:
        return 50
