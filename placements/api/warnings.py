"""``GET, POST /api/v1/companies/{id}/warnings/`` (API.md v1.1; the GET list and the
letter as a multipart ``document`` are additions): written warnings to a company on the
caller's register (officers: their office's; admins: any). A company outside the
register answers 404; trainers and companies 403."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from placements.api import docs
from placements.models import CompanyWarning
from placements.services.warnings import company_warning_record
from vokasi.api.permissions import RolePermission
from vokasi.models import Company
from vokasi.roles import OFFICE
from vokasi.tabular import TableError


class WarningSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    company = serializers.IntegerField(read_only=True, source="company_id")
    number = serializers.CharField(max_length=60)
    date = serializers.DateField()
    reason = serializers.CharField(max_length=2000)
    document = serializers.FileField(required=False, write_only=True)
    has_document = serializers.SerializerMethodField()
    answer = serializers.CharField(read_only=True)
    answered_on = serializers.DateField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)

    def get_has_document(self, warning: CompanyWarning) -> bool:
        return bool(warning.document)


class CompanyWarningsView(APIView):
    permission_classes = [RolePermission]
    read_roles = OFFICE
    write_roles = OFFICE

    def company(self, request: Request, pk: int):
        return get_object_or_404(Company.objects.in_register_of(request.user), pk=pk)

    @extend_schema(
        operation_id="company_warnings_list",
        summary="The company's written warnings, newest first (an addition)",
        responses={200: WarningSerializer(many=True), **docs.errors(403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        company = self.company(request, pk)
        warnings = CompanyWarning.objects.filter(company=company).order_by("-date", "-pk")
        return Response(WarningSerializer(warnings, many=True).data)

    @extend_schema(
        operation_id="company_warnings_create",
        summary="Record a written warning (peringatan tertulis, Perpres 57/2023 Pasal 17)",
        request=WarningSerializer,
        responses={201: WarningSerializer, **docs.errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        company = self.company(request, pk)
        serializer = WarningSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            # A duplicate number is a Conflict (409), a refusal a ValidationError (400).
            warning = company_warning_record(
                actor=request.user,
                company=company,
                number=data["number"],
                date=data["date"],
                reason=data["reason"],
                document=data.get("document"),
            )
        except TableError as error:
            return Response({"document": [str(error)]}, status=error.status)
        return Response(WarningSerializer(warning).data, status=status.HTTP_201_CREATED)
