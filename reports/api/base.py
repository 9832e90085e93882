"""What every GET /api/v1/reports/... shares: the same frames as the pages, as JSON, CSV or
XLSX (API.md); each report's view sits in the module named after it."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from reports.scope import scope_for
from vokasi.api.permissions import RolePermission
from vokasi.jobs.exports import export_later
from vokasi.roles import TRAINING


class FileRenderer(BaseRenderer):
    """Lets ``?format=csv|xlsx`` through content negotiation; the view builds the file."""

    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class CSVRenderer(FileRenderer):
    media_type = "text/csv"
    format = "csv"


class XLSXRenderer(FileRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"


RANGE_PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day (default: 11 months ago)"),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (default: end of this month)"),
    OpenApiParameter(
        "office", OpenApiTypes.INT, description="Admin and trainer: narrow to one labour office"
    ),
    OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv", "xlsx"]),
]


class ReportView(APIView):
    # Officers, trainers and admins read the reports; ``scope_for`` narrows what they see.
    renderer_classes = [JSONRenderer, CSVRenderer, XLSXRenderer]
    permission_classes = [RolePermission]
    read_roles = TRAINING

    def handle_exception(self, exc):
        # A refusal or an error is JSON whatever ?format= asked for: the file renderers
        # pass a body through unchanged and cannot render a message.
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response

    def scope(self, request: Request):
        return scope_for(request.user, request.query_params.get("office"))

    def fmt(self, request: Request) -> str | None:
        fmt = request.query_params.get("format")
        return fmt if fmt in ("csv", "xlsx") else None

    def later(self, request: Request):
        """``Prefer: respond-async`` on a file: 202 and the job that writes it (checked
        after the query was validated, so a bad one still answers 400 at once)."""
        later = export_later(request, rows=0) if self.fmt(request) else None
        if later is not None:  # the job, as JSON, whatever ?format= asked for
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return later

    def form(self, form_class, request: Request, scope, data=None):
        form = form_class(request.query_params if data is None else data, scope=scope)
        if not form.is_valid():
            errors = form.errors.get_json_data()
            raise ValidationError(
                {field: [error["message"] for error in found] for field, found in errors.items()}
            )
        return form
