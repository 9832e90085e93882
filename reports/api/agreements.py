"""GET, POST /api/v1/agreements/ and GET /api/v1/agreements/{id}/ (API.md v1.1), and the
M&E report GET /api/v1/reports/agreements/.

The agreement endpoints live beside the reports because every answer carries
``realised`` and ``status``, computed in ``reports/agreements.py``; the write goes through
``vokasi.agreements.services.agreement_create`` like the page's.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from reports import agreements as me
from reports import columns
from reports.api.base import RANGE_PARAMETERS, ReportView
from reports.exporting import export_response
from reports.forms import RangeForm
from vokasi.agreements import services
from vokasi.agreements.documents import document_response
from vokasi.agreements.models import Kind, Measure, ScopeItem
from vokasi.api.permissions import RolePermission
from vokasi.models import Agreement, AgreementParty
from vokasi.roles import ALL_ROLES, OFFICE
from vokasi.tabular.types import TableError


class PartySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AgreementParty.Kind.values)
    id = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    name = serializers.CharField(max_length=160, required=False, allow_blank=True)
    other_kind = serializers.ChoiceField(
        choices=AgreementParty.OtherKind.values, required=False, allow_blank=True
    )
    role = serializers.CharField(max_length=120, required=False, allow_blank=True)

    def validate(self, attrs):
        if attrs["kind"] == "other":
            if not (attrs.get("name") or "").strip():
                raise serializers.ValidationError({"name": _("Name the other body.")})
        elif attrs.get("id") is None:
            raise serializers.ValidationError({"id": _("This field is required.")})
        return attrs


class TargetSerializer(serializers.Serializer):
    measure = serializers.ChoiceField(choices=Measure.values)
    target = serializers.IntegerField(min_value=0, max_value=services.MAX_TARGET)


class ScopeSerializer(serializers.Serializer):
    item = serializers.ChoiceField(choices=ScopeItem.values)
    targets = TargetSerializer(many=True, required=False)


class RealisedSerializer(serializers.Serializer):
    item = serializers.CharField()
    measure = serializers.CharField()
    value = serializers.IntegerField(allow_null=True)


class AgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=Kind.values)
    number = serializers.CharField(max_length=80)
    title = serializers.CharField(max_length=250)
    parent = serializers.IntegerField(allow_null=True, required=False, min_value=1)
    office = serializers.IntegerField(read_only=True, source="office_id")
    parties = PartySerializer(many=True)
    signed_on = serializers.DateField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()
    scope = ScopeSerializer(many=True)
    realised = RealisedSerializer(many=True, read_only=True)
    status = serializers.CharField(read_only=True)
    document = serializers.BooleanField(read_only=True, help_text="A signed copy is on file.")

    def validate(self, attrs):
        if attrs["valid_to"] < attrs["valid_from"]:
            raise serializers.ValidationError(
                {"valid_to": [_("The agreement cannot end before it starts.")]}
            )
        items = [s["item"] for s in attrs["scope"]]
        if len(items) != len(set(items)):
            raise serializers.ValidationError({"scope": [_("A scope item is named twice.")]})
        return attrs

    def to_representation(self, agreement: Agreement) -> dict:
        found = self.context["events"]
        rows = me.target_rows(agreement, found)
        latest = self.context["latest"].get(agreement.pk)
        return {
            "id": agreement.pk,
            "kind": agreement.kind,
            "number": agreement.number,
            "title": agreement.title,
            "parent": agreement.parent_id,
            "office": agreement.office_id,
            "parties": [
                {
                    "kind": p.kind,
                    "id": p.organisation_id,
                    "name": p.name,
                    "role": p.role,
                }
                for p in agreement.parties.all()
            ],
            "signed_on": agreement.signed_on.isoformat(),
            "valid_from": agreement.valid_from.isoformat(),
            "valid_to": agreement.valid_to.isoformat(),
            "scope": [
                {
                    "item": s.item,
                    "targets": [
                        {"measure": t.measure, "target": t.target} for t in s.targets.all()
                    ],
                }
                for s in agreement.scope_items.all()
            ],
            "realised": [{"item": r.item, "measure": r.measure, "value": r.realised} for r in rows],
            "status": me.status(agreement, rows, latest),
            "document": bool(agreement.document),
        }


def _context(agreements: list[Agreement]) -> dict:
    ids = [a.pk for a in agreements]
    measures = {t.measure for a in agreements for s in a.scope_items.all() for t in s.targets.all()}
    return {"events": me.events(ids, measures), "latest": me.latest_evaluations(ids)}


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The signed agreement, a PDF.")


class AgreementDocumentMixin:
    """``GET, PUT /api/v1/agreements/{id}/document/``: whoever reads the agreement
    downloads its signed copy (404 when none is on file); the officers who manage it and
    admins upload it (multipart ``file``, a PDF: 415 otherwise, 413 above the limit)."""

    @extend_schema(
        methods=["GET"],
        summary="Download the signed agreement (PDF)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: None},
    )
    @extend_schema(
        methods=["PUT"],
        summary="Upload the signed agreement (PDF; replaces the copy on file)",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            200: AgreementSerializer,
            413: OpenApiResponse(description="The file is above the upload limit."),
            415: OpenApiResponse(description="The file is not a PDF."),
        },
    )
    @action(
        detail=True,
        methods=["get", "put"],
        url_path="document",
        parser_classes=[MultiPartParser, FormParser],
    )
    def document(self, request: Request, pk=None):
        agreement = self.get_object()
        if request.method == "GET":
            return document_response(agreement)
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": [_("Send the signed agreement as a PDF file.")]})
        try:
            services.agreement_document_set(
                actor=request.user, agreement=agreement, document=upload
            )
        except TableError as exc:
            return Response({"detail": exc.message}, status=exc.status)
        agreement = self.get_queryset().get(pk=agreement.pk)
        return Response(AgreementSerializer(agreement, context=_context([agreement])).data)


@extend_schema(tags=["agreements"])
class AgreementViewSet(
    AgreementDocumentMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Partnership agreements: officers their office's, admins all; the users of a party
    (provider, company) read the agreements their organisation is party to."""

    serializer_class = AgreementSerializer
    permission_classes = [RolePermission]
    read_roles = ALL_ROLES
    write_roles = OFFICE

    def get_queryset(self):
        return me.with_targets(Agreement.objects.visible_to(self.request.user)).order_by(
            "-valid_from", "number", "pk"
        )

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        serializer = AgreementSerializer(page, many=True, context=_context(page))
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        agreement = self.get_object()
        return Response(AgreementSerializer(agreement, context=_context([agreement])).data)

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = AgreementSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        parent = None
        if data.get("parent"):
            parent = Agreement.objects.visible_to(request.user).filter(pk=data["parent"]).first()
            if parent is None:
                raise ValidationError({"parent": [_("No such agreement.")]})
        payload = services.AgreementInput(
            kind=data["kind"],
            number=data["number"],
            title=data["title"],
            signed_on=data["signed_on"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            parent=parent,
            parties=[
                services.PartyInput(
                    kind=p["kind"],
                    organisation_id=p.get("id"),
                    name=p.get("name", ""),
                    other_kind=p.get("other_kind", ""),
                    role=p.get("role", ""),
                )
                for p in data["parties"]
            ],
            scope={
                s["item"]: {t["measure"]: t["target"] for t in s.get("targets", [])}
                for s in data["scope"]
            },
        )
        # A duplicate number is a Conflict (409), a refusal a ValidationError (400):
        # vokasi.api.exceptions answers both.
        agreement = services.agreement_create(actor=request.user, data=payload)
        agreement = self.get_queryset().get(pk=agreement.pk)
        body = AgreementSerializer(agreement, context=_context([agreement])).data
        return Response(body, status=status.HTTP_201_CREATED)


class AgreementsReportView(ReportView):
    @extend_schema(
        operation_id="reports_agreements",
        summary="Monitoring and evaluation: every agreement's targets and realisation",
        parameters=RANGE_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        scope = self.scope(request)
        form = self.form(RangeForm, request, scope)
        date_from, date_to = form.cleaned_data["from"], form.cleaned_data["to"]
        agreements = Agreement.objects.visible_to(request.user)
        if scope.office is not None:
            agreements = agreements.filter(parties__office=scope.office).distinct()
        rows = me.report(agreements, date_from, date_to)
        fmt = self.fmt(request)
        if fmt:
            return export_response(
                me.report_frame(rows),
                columns.agreements(),
                fmt=fmt,
                title=_("Agreements: monitoring and evaluation"),
                filename=f"agreements-{date_from}-{date_to}",
                api=True,
            )
        return Response({"from": date_from, "to": date_to, "rows": rows})
