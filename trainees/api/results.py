"""POST /api/v1/cohorts/{id}/results/: a provider's results file or JSON rows (API.md)."""

from __future__ import annotations

import io
import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from trainees.models import Cohort
from trainees.services import results
from trainees.services import training as services
from vokasi.api.parsers import JSONParser
from vokasi.api.permissions import RolePermission
from vokasi.jobs.api import accepted, respond_async
from vokasi.jobs.services import file_digest, job_submit
from vokasi.roles import TRAINING
from vokasi.tabular import TableError


class ResultRowSerializer(serializers.Serializer):
    nik = serializers.CharField()
    attendance_pct = serializers.CharField(help_text=_("0–100"))
    score = serializers.CharField(required=False, allow_blank=True, help_text=_("0–100"))
    outcome = serializers.CharField(
        help_text="completed | failed | dropped (lulus | tidak lulus | mengundurkan diri)"
    )
    competency = serializers.CharField(required=False, allow_blank=True, help_text="K | BK")
    certificate_no = serializers.CharField(required=False, allow_blank=True)
    assessed_on = serializers.CharField(required=False, allow_blank=True, help_text="YYYY-MM-DD")


class ResultsUploadSerializer(serializers.Serializer):
    file = serializers.FileField(required=False, help_text=_(".xlsx or .csv, one row per trainee"))
    rows = ResultRowSerializer(many=True, required=False)


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField()
    value = serializers.CharField()
    message = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = RowErrorSerializer(many=True)
    dry_run = serializers.BooleanField()
    changes = serializers.ListField(
        child=serializers.DictField(), required=False, help_text=_("Dry run only.")
    )


class CohortResultsView(GenericAPIView):
    """POST /api/v1/cohorts/{id}/results/: the cohort's results, all or nothing."""

    permission_classes = [RolePermission]
    read_roles = TRAINING
    write_roles = services.TRAINING_STAFF
    role_message = _lazy("Only the training provider reports results.")
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    serializer_class = ResultsUploadSerializer

    def get_queryset(self):
        return Cohort.objects.visible_to(self.request.user).select_related("programme")

    @extend_schema(
        tags=["training"],
        summary="Upload a cohort's results (.xlsx, .csv or JSON rows); ?dry_run=true",
        description=(
            "One row per trainee keyed by NIK. Headers are case-insensitive, in English or "
            "Indonesian. Any error answers 400 with every error and saves nothing; the same "
            "file again answers unchanged = rows and writes nothing. 413: file too large; "
            "415: not an .xlsx or CSV."
        ),
        request={
            "multipart/form-data": ResultsUploadSerializer,
            "application/json": ResultsUploadSerializer,
        },
        responses={
            200: ImportResultSerializer,
            400: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description=(
                    "Nothing saved: the row errors (the 200 shape with `errors`), a table "
                    "error (`detail` and `errors`) or field errors (`file`, `rows`)."
                ),
            ),
            413: OpenApiResponse(description="File too large."),
            415: OpenApiResponse(description="Not an .xlsx or .csv file."),
        },
        examples=[
            OpenApiExample(
                "JSON rows",
                request_only=True,
                value={
                    "rows": [
                        {
                            "nik": "3672045803980001",
                            "attendance_pct": 96,
                            "score": 84.5,
                            "outcome": "lulus",
                            "competency": "K",
                            "certificate_no": "LSP-LAS/2027/0001",
                            "assessed_on": "2027-03-10",
                        }
                    ]
                },
            ),
            OpenApiExample(
                "Saved",
                response_only=True,
                status_codes=["200"],
                value={"created": 15, "updated": 1, "unchanged": 0, "errors": [], "dry_run": False},
            ),
            OpenApiExample(
                "Refused",
                response_only=True,
                status_codes=["400"],
                value={
                    "created": 0,
                    "updated": 0,
                    "unchanged": 0,
                    "dry_run": False,
                    "errors": [
                        {
                            "row": 4,
                            "column": "Nilai",
                            "value": "101",
                            "message": "The score must be from 0 to 100.",
                        }
                    ],
                },
            ),
        ],
    )
    def post(self, request, pk=None):
        cohort = self.get_object()
        dry_run = request.query_params.get("dry_run", "").lower() in ("1", "true", "yes")
        upload = request.FILES.get("file")
        if respond_async(request):
            return self._later(request, cohort, upload, dry_run)
        if upload is not None:
            source = {"file": upload, "filename": upload.name}
        elif hasattr(request.data, "keys") and "rows" in request.data:
            source = {"rows": request.data["rows"], "filename": "rows.json"}
        else:
            raise ValidationError({"file": [_("Send a file, or JSON rows.")]})
        try:
            outcome = results.cohort_results_import(
                actor=request.user, cohort=cohort, dry_run=dry_run, **source
            )
        except TableError as exc:
            body = {"detail": exc.message, "created": 0, "updated": 0, "unchanged": 0}
            body["errors"] = [error.as_dict() for error in exc.errors]
            return Response(body, status=exc.status)
        body = outcome.as_dict()
        if dry_run:
            body["changes"] = outcome.changes
        return Response(body, status=status.HTTP_200_OK if outcome.ok else 400)

    def _later(self, request, cohort, upload, dry_run: bool):
        """``Prefer: respond-async``: queue the upload as a job, answer 202."""
        if upload is not None:
            file, filename, rows = upload, upload.name, False
        elif isinstance(request.data.get("rows"), list):
            file = io.BytesIO(json.dumps(request.data["rows"]).encode())
            filename, rows = "rows.json", True
        else:
            raise ValidationError({"file": [_("Send a file, or JSON rows.")]})
        job, _created = job_submit(
            owner=request.user,
            kind="cohort_results",
            params={"cohort": cohort.pk, "dry_run": dry_run, "rows": rows},
            file=file,
            filename=filename,
            key=f"{cohort.pk}:{dry_run}:{file_digest(file)}",
        )
        return accepted(job)
