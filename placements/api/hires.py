"""Hire reports (Perpres 57/2023 Pasal 6): ``POST /api/v1/hires/`` (companies) and
``GET /api/v1/hires/`` (the company's own; officers their office's companies; admins all).

No answer carries a NIK, nor anything about the registered person a NIK matched: only
``job_seeker_matched``.
"""

from __future__ import annotations

import django_filters
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from placements.api import docs
from placements.api.filters import IdFilter
from placements.models import Hire, Placement
from placements.services.hires import OUTSIDE, HireInput, hire_report, hire_vacancy
from vokasi.api.permissions import RolePermission
from vokasi.bounds import DB_SMALLINT_MAX, WAGE_MAX
from vokasi.models import EducationLevel, Occupation, Region
from vokasi.roles import COMPANY, OFFICE_AND_COMPANY


class DomicileField(serializers.CharField):
    """A kecamatan code, or ``"outside"`` (the city's outside: stored as none)."""

    def to_internal_value(self, data):
        code = super().to_internal_value(data).strip()[:40]
        if code.lower() == OUTSIDE:
            return None
        region = Region.objects.filter(code=code, level=Region.Level.DISTRICT).first()
        if region is None:
            raise serializers.ValidationError(
                _('Unknown kecamatan %(code)s; give a kecamatan code or "outside".')
                % {"code": code}
            )
        return region


class HireSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    external_ref = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text="The company's own reference; a retry with the same one never duplicates.",
    )
    vacancy = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        required=False,
        allow_null=True,
        help_text="The vacancy's id (optional).",
    )
    vacancy_ref = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="Or the vacancy's external_ref (optional).",
    )
    name = serializers.CharField(max_length=120)
    sex = serializers.ChoiceField(choices=[("L", "L"), ("P", "P")])
    birth_year = serializers.IntegerField(min_value=1, max_value=DB_SMALLINT_MAX)
    education = serializers.SlugRelatedField(
        slug_field="code",
        queryset=EducationLevel.objects.all(),
        help_text="none, sd, smp, sma, smk, d1, d2, d3, d4, s1, s2, s3",
    )
    domicile = DomicileField(help_text='Kecamatan code where the person lives, or "outside".')
    nik = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="Optional; never answered back.",
    )
    occupation = serializers.SlugRelatedField(
        slug_field="code", queryset=Occupation.objects.all(), help_text="KBJI 2014 code"
    )
    start_date = serializers.DateField()
    employment_type = serializers.ChoiceField(choices=Placement.ContractType.choices)
    wage = serializers.IntegerField(min_value=0, max_value=WAGE_MAX)
    job_seeker_matched = serializers.SerializerMethodField(
        help_text="Whether the NIK belongs to a registered job seeker (nothing more is told)."
    )
    company = serializers.SerializerMethodField(help_text="The reporting company.")
    reported_at = serializers.DateTimeField(source="created_at", read_only=True)

    def get_job_seeker_matched(self, hire) -> bool:
        return hire.job_seeker_id is not None

    def get_company(self, hire) -> dict:
        return {"id": hire.company_id, "name": hire.company.name}

    def to_representation(self, hire) -> dict:
        """Written out: the related fields answer their codes, a domicile outside the city
        ``"outside"``; never the NIK or the matched person."""
        return {
            "id": hire.pk,
            "external_ref": hire.external_ref,
            "vacancy": hire.vacancy_id,
            "name": hire.name,
            "sex": hire.sex,
            "birth_year": hire.birth_year,
            "education": hire.education_id,
            "domicile": hire.domicile_id or OUTSIDE,
            "occupation": hire.occupation_id,
            "start_date": hire.start_date.isoformat(),
            "employment_type": hire.employment_type,
            "wage": hire.wage,
            "job_seeker_matched": self.get_job_seeker_matched(hire),
            "company": self.get_company(hire),
            "reported_at": self.fields["reported_at"].to_representation(hire.created_at),
        }

    def hire_input(self, company) -> HireInput:
        data = dict(self.validated_data)
        vacancy = hire_vacancy(
            company=company,
            vacancy_id=data.pop("vacancy", None),
            vacancy_ref=data.pop("vacancy_ref", "").strip(),
        )
        return HireInput(vacancy=vacancy, **data)


class HireFilter(django_filters.FilterSet):
    started_since = django_filters.DateFilter(
        field_name="start_date", lookup_expr="gte", help_text="Started on or after this date."
    )
    started_until = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", help_text="Started on or before this date."
    )
    vacancy = IdFilter(field_name="vacancy_id")
    external_ref = django_filters.CharFilter()

    class Meta:
        model = Hire
        fields = ["employment_type"]


HIRE_REQUEST = OpenApiExample(
    "A welder hired",
    request_only=True,
    value={
        "external_ref": "HIRE-2026-0107",
        "vacancy_ref": "HR-2026-0042",
        "name": "Ahmad Fauzi",
        "sex": "L",
        "birth_year": 1999,
        "education": "smk",
        "domicile": "36.72.04",
        "nik": "3672041403990001",
        "occupation": "7212",
        "start_date": "2026-11-16",
        "employment_type": "pkwt",
        "wage": 5200000,
    },
)


@extend_schema(tags=["employers"])
@extend_schema_view(
    list=extend_schema(
        summary="List reported hires",
        description="Companies see their own hires; officers the hires of the companies "
        "their office keeps on its register; admins all. Latest start first. No NIK.",
        responses={200: HireSerializer(many=True), **docs.errors(400, 403)},
    ),
    retrieve=extend_schema(
        summary="Read a reported hire",
        responses={200: HireSerializer, **docs.errors(403, 404)},
    ),
    create=extend_schema(
        summary="Report a hire (Perpres 57/2023 Pasal 6)",
        description="Company users only. A retry with an `external_ref` the company already "
        "used answers 200 with the existing hire when the content is the same, 409 when it "
        "differs. A vacancy (by `vacancy` id or `vacancy_ref`) of another company answers "
        "404; a hire beyond its openings 409. A NIK of a registered job seeker ends that "
        "registration as placed (once).",
        request=HireSerializer,
        responses={201: HireSerializer, 200: HireSerializer, **docs.errors(400, 403, 404, 409)},
        examples=[HIRE_REQUEST],
    ),
)
class HireViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = HireSerializer
    filterset_class = HireFilter
    permission_classes = [RolePermission]
    read_roles = OFFICE_AND_COMPANY
    write_roles = COMPANY
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return (
            Hire.objects.visible_to(self.request.user)
            .select_related("company")
            .order_by("-start_date", "-id")
        )

    def get_object(self):
        pk = str(self.kwargs.get("pk", ""))
        if not (pk.isascii() and pk.isdigit() and int(pk) < 2**63):
            raise Http404
        return super().get_object()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        company = request.user.company
        hire, created = hire_report(
            company=company, by=request.user, data=serializer.hire_input(company)
        )
        fresh = self.get_queryset().get(pk=hire.pk)
        return Response(
            self.get_serializer(fresh).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
