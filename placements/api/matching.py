"""Matching endpoints for the labour office: candidates for a vacancy and the reverse."""

from __future__ import annotations

from django.utils import timezone
from django.utils.functional import cached_property
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


#: The columns of a matched person the answer writes (``MatchedPersonSerializer``; the
#: age from the birth date): all a candidates list reads of each person.
PERSON_COLUMNS = ("id", "name", "sex", "birth_date", "education", "region")


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

    def to_representation(self, match: Match) -> dict:
        """The shape the declared fields give, built directly (a test compares the two):
        the generic path builds the nested serializers' fields for every candidate and
        looks each value up through its field, most of the time of writing a list."""
        person = match.job_seeker
        return {
            "job_seeker": {
                "id": person.id,
                "name": _text(person.name),
                "sex": _text(person.sex),
                "age": person.age_on(self._today),
                "education": _text(person.education_id),
                "region": _text(person.region_id),
            },
            "score": int(match.score),
            "factors": {str(name): float(points) for name, points in match.factors.items()},
            "matching_skills": [
                {"code": _text(skill.code), "name": _text(skill.name), "source": skill.source}
                for skill in match.matching_skills
            ],
            "missing_skills": [
                {"code": _text(skill["code"]), "name": _text(skill["name"])}
                for skill in match.missing_skills
            ],
        }

    @cached_property
    def _today(self):
        return timezone.localdate()


def _text(value) -> str | None:
    """As a CharField writes a value."""
    return None if value is None else str(value)


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

    def to_representation(self, match: Match) -> dict:
        # Its own fields, the generic way (MatchSerializer's direct shape has a person).
        return serializers.Serializer.to_representation(self, match)


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
        matches = candidates_for(
            vacancy,
            user=request.user,
            limit=limit,
            job_seekers=JobSeeker.objects.only(*PERSON_COLUMNS),
        )
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
