"""``/api/v1/public/vacancies/``: the public vacancy board for programs (no key).

Anyone may read it; a key or a session sent along is ignored (no authentication
runs), so every caller sees the same answer. Rate limited per client address
(``vokasi.auth.PublicRateThrottle``). What is shown, the filters and the order are
``placements.selectors.public``'s.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control, patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny

from placements.selectors.public import (
    PublicVacancyFilterForm,
    how_to_apply_text,
    offices_by_city,
    public_vacancies,
)
from vokasi.auth import PublicRateThrottle

#: Seconds a shared cache may keep an answer: nothing in it depends on the caller.
PUBLIC_MAX_AGE = 60


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PublicSkillSerializer(serializers.Serializer):
    code = serializers.CharField(source="skill.code")
    name = serializers.CharField(source="skill.name")
    required = serializers.BooleanField()


class PublicVacancySerializer(serializers.Serializer):
    """Exactly the contract's public fields; nothing internal to the company."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    company_name = serializers.CharField(source="company.name")
    sector = CodeNameSerializer(source="company.sector")
    occupation = CodeNameSerializer()
    skills = PublicSkillSerializer(source="skill_rows", many=True)
    openings = serializers.IntegerField()
    education_min = serializers.CharField(
        source="education_min_id", allow_null=True, help_text="education code or null"
    )
    region = CodeNameSerializer(help_text="the workplace kecamatan")
    wage_min = serializers.IntegerField(allow_null=True)
    wage_max = serializers.IntegerField(allow_null=True)
    employment_type = serializers.CharField()
    closes_on = serializers.DateField()
    how_to_apply = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_how_to_apply(self, vacancy) -> str:
        offices = self.context.get("offices")
        if offices is None:
            offices = self.context["offices"] = offices_by_city()
        return how_to_apply_text(vacancy, offices)


FILTER_PARAMETERS = [
    OpenApiParameter("q", str, description="Words, each in the title, description or company"),
    OpenApiParameter("skill", str, description="A skill code, required or preferred"),
    OpenApiParameter("region", str, description="The workplace kecamatan code"),
    OpenApiParameter(
        "education", str, description="An education code: vacancies whose minimum is at most it"
    ),
    OpenApiParameter("sector", str, description="A KBLI category letter or code prefix"),
]


class PublicMixin:
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicRateThrottle]
    serializer_class = PublicVacancySerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "offices": offices_by_city()}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        # how_to_apply is in the request's language (header or language cookie).
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


@extend_schema(tags=["public"], auth=[], parameters=FILTER_PARAMETERS)
class PublicVacancyListView(PublicMixin, generics.ListAPIView):
    """Open vacancies, newest first; no key needed, rate limited per address."""

    def get_queryset(self):
        form = PublicVacancyFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
        return form.filter(public_vacancies())


@extend_schema(tags=["public"], auth=[])
class PublicVacancyDetailView(PublicMixin, generics.RetrieveAPIView):
    """One open vacancy; anything not on the board answers 404."""

    def get_queryset(self):
        return public_vacancies()
