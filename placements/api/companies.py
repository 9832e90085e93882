"""The company register for officers (their office's companies) and admins (all):
``/api/v1/companies/`` (API.md v1.1, "Employers' reporting duty"); and a company user's
own company (``/api/v1/company/``: read it, change its contact details)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.http import Http404
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from placements.api import docs
from placements.services.companies import (
    COMPANY_CONTACT_FIELDS,
    REGISTER_FIELDS,
    company_register,
    company_update,
    company_update_contact,
    company_verify,
)
from placements.services.company_users import company_user_invite
from vokasi.api.permissions import RolePermission
from vokasi.models import Company, LabourOffice, User
from vokasi.roles import COMPANY, OFFICE, is_admin


class CompanyRegisterSerializer(serializers.ModelSerializer):
    """A company as the register keeps it. Codes in and out; the rules are the service's
    (``company_problems``), so the API, the pages and the file import agree."""

    nib = serializers.CharField(max_length=30, help_text="NIB, 13 digits (unique)")
    npwp = serializers.CharField(
        max_length=30,
        required=False,
        allow_blank=True,
        help_text="NPWP, 15 or 16 digits; answered as digits only",
    )
    sector = serializers.CharField(source="sector_id", max_length=10, help_text="KBLI 2020 code")
    region = serializers.CharField(source="region_id", max_length=13, help_text="kecamatan code")
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    workforce = serializers.IntegerField(min_value=0, max_value=1_000_000)
    apindo_member_no = serializers.CharField(
        max_length=40, required=False, allow_blank=True, allow_null=True
    )
    contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_email = serializers.CharField(max_length=300, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    office = serializers.PrimaryKeyRelatedField(
        queryset=LabourOffice.objects.all(),
        required=False,
        allow_null=True,
        help_text="The labour office keeping the register (an extension): an officer's "
        "own, always; an admin may name one when registering.",
    )

    class Meta:
        model = Company
        fields = [
            "id",
            "name",
            "nib",
            "npwp",
            "sector",
            "region",
            "address",
            "workforce",
            "apindo_member_no",
            "contact_name",
            "contact_email",
            "contact_phone",
            "status",
            "verified_on",
            "office",
        ]
        read_only_fields = ["id", "status", "verified_on"]
        extra_kwargs = {"name": {"max_length": 300}}

    def changes(self) -> dict:
        """The validated fields as the service reads them (codes under their names)."""
        data = dict(self.validated_data)
        data.pop("office", None)
        for field in ("sector", "region"):
            if f"{field}_id" in data:
                data[field] = data.pop(f"{field}_id")
        return {k: v for k, v in data.items() if k in REGISTER_FIELDS}


class CompanyUserSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    email = serializers.CharField(max_length=254)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    company_admin = serializers.BooleanField(required=False, default=False)


class CompanyUserAnswerSerializer(serializers.ModelSerializer):
    company = serializers.IntegerField(source="company_id", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "email", "company", "company_admin", "is_active"]


class CompanyRegisterFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Company.Status.choices)
    sector = django_filters.CharFilter(
        method="in_sector", help_text="KBLI code: that code and the codes below it"
    )
    region = django_filters.CharFilter(field_name="region_id", help_text="kecamatan code")
    q = django_filters.CharFilter(method="words", help_text="Words in the name, or a NIB.")

    class Meta:
        model = Company
        fields = ["status", "sector", "region", "q"]

    def in_sector(self, queryset, name, value):
        return queryset.in_sector(value)

    def words(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(nib__startswith=word))
        return queryset


COMPANY_EXAMPLE = OpenApiExample(
    "A company",
    value={
        "name": "PT Krakatau Baja Sentosa",
        "nib": "9120001234567",
        "npwp": "013000666091000",
        "sector": "24",
        "region": "36.72.04",
        "address": "Jl. Industri No. 5, Ciwandan",
        "workforce": 850,
        "apindo_member_no": "APINDO-CLG-0042",
        "contact_name": "Ibu Ratna",
        "contact_email": "hr@krakatau-baja.co.id",
        "contact_phone": "0254 311000",
    },
)


@extend_schema(tags=["labour office"])
@extend_schema_view(
    list=extend_schema(
        summary="The company register",
        description="Officers: the companies on their office's register; admins: all. "
        "Filters `status`, `sector`, `region`, `q` (words in the name, or a NIB).",
        responses={200: CompanyRegisterSerializer(many=True), **docs.errors(400, 403)},
    ),
    retrieve=extend_schema(
        summary="Read a company on the register",
        responses={200: CompanyRegisterSerializer, **docs.errors(403, 404)},
    ),
    create=extend_schema(
        summary="Put a company on the register",
        description="The company starts `unverified`, on the officer's office's register. "
        "A NIB already registered answers 409 with `existing_id`.",
        request=CompanyRegisterSerializer,
        responses={201: CompanyRegisterSerializer, **docs.errors(400, 403, 409)},
        examples=[COMPANY_EXAMPLE],
    ),
    partial_update=extend_schema(
        summary="Change a company on the register",
        description="Only the fields given change; a NIB another company has answers 409.",
        request=CompanyRegisterSerializer,
        responses={200: CompanyRegisterSerializer, **docs.errors(400, 403, 404, 409)},
    ),
    verify=extend_schema(
        summary="Verify a company",
        description="Its new vacancies are published on receipt from now on. Verifying a "
        "verified company changes nothing; a suspended one answers 400 (reinstate it on "
        "the company's page).",
        request=None,
        responses={200: CompanyRegisterSerializer, **docs.errors(400, 403, 404)},
    ),
    users=extend_schema(
        summary="Open a user account for the company",
        description="An employer user of that company with no password: the address gets "
        "a link to choose one. A username already taken answers 400 naming `username`.",
        request=CompanyUserSerializer,
        responses={201: CompanyUserAnswerSerializer, **docs.errors(400, 403, 404)},
    ),
)
class CompanyRegisterViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = CompanyRegisterSerializer
    filterset_class = CompanyRegisterFilter
    permission_classes = [RolePermission]
    read_roles = OFFICE
    write_roles = OFFICE
    role_message = "Only labour-office officers and admins keep the company register."
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return Company.objects.in_register_of(self.request.user).order_by("name", "id")

    def get_object(self):
        pk = self.kwargs["pk"]
        if not str(pk).isdigit() or int(pk) > 2**63 - 1:
            raise Http404
        return super().get_object()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        office = serializer.validated_data.get("office") if is_admin(request.user) else None
        company = company_register(data=serializer.changes(), by=request.user, office=office)
        return Response(self.get_serializer(company).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        company = self.get_object()
        serializer = self.get_serializer(company, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        company = company_update(company=company, changes=serializer.changes(), by=request.user)
        return Response(self.get_serializer(company).data)

    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        company = company_verify(company=self.get_object(), by=request.user)
        return Response(self.get_serializer(company).data)

    @action(detail=True, methods=["post"])
    def users(self, request, pk=None):
        company = self.get_object()
        serializer = CompanyUserSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = company_user_invite(
            company=company,
            email=data["email"],
            username=data["username"],
            name=data.get("name", ""),
            admin=data.get("company_admin", False),
            by=request.user,
            site_url=request.build_absolute_uri("/"),
        )
        return Response(CompanyUserAnswerSerializer(user).data, status=status.HTTP_201_CREATED)


# -------------------------------------------------------- the caller's own company


class CompanyBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "name"]


class CompanySerializer(serializers.ModelSerializer):
    sector = serializers.CharField(source="sector_id", read_only=True, help_text="KBLI 2020 code")
    region = serializers.CharField(source="region_id", read_only=True, help_text="kecamatan code")

    class Meta:
        model = Company
        fields = [
            "id",
            "name",
            "nib",
            "npwp",
            "sector",
            "workforce",
            "address",
            "region",
            "apindo_member_no",
            *COMPANY_CONTACT_FIELDS,
            "updated_at",
        ]
        read_only_fields = [f for f in fields if f not in COMPANY_CONTACT_FIELDS]


@extend_schema(tags=["employers"])
@extend_schema_view(
    get=extend_schema(
        summary="The caller's company", responses={200: CompanySerializer, **docs.errors(403)}
    ),
    patch=extend_schema(
        summary="Change the company's contact details",
        description="Only contact_name, contact_phone, contact_email and website are writable; "
        "other fields are ignored.",
        responses={200: CompanySerializer, **docs.errors(400, 403)},
    ),
)
class CompanyView(generics.GenericAPIView):
    permission_classes = [RolePermission]
    read_roles = COMPANY
    write_roles = COMPANY
    serializer_class = CompanySerializer

    def get(self, request):
        return Response(CompanySerializer(request.user.company).data)

    def patch(self, request):
        company = request.user.company
        serializer = CompanySerializer(company, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        company = company_update_contact(
            company=company, by=request.user, changes=dict(serializer.validated_data)
        )
        return Response(CompanySerializer(company).data)
