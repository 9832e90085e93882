"""GET /api/v1/jobs/{id}/, and the ``Prefer: respond-async`` answer of the upload
endpoints (202 with ``Location``)."""

from __future__ import annotations

import copy

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import RetrieveAPIView, get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from vokasi.jobs.models import Job


class JobProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField()


class JobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()
    result = serializers.JSONField(
        allow_null=True, help_text="The synchronous answer's body once done; null otherwise."
    )
    errors = serializers.JSONField(help_text="The row errors ([] when none).")
    download = serializers.SerializerMethodField(
        help_text="Where the file a finished export made is fetched (null otherwise)."
    )

    class Meta:
        model = Job
        fields = ["id", "kind", "status", "phase", "progress", "result", "errors", "message",
                  "created_at", "started_at", "finished_at", "download"]  # fmt: skip
        read_only_fields = fields

    #: The fields as ``ModelSerializer`` derives them from the model (see ``get_fields``).
    _derived_fields: dict | None = None

    def get_fields(self) -> dict:
        """The fields, derived from the model once per process and copied for each answer.

        ``ModelSerializer`` looks at every model field again for each instance (more than a
        millisecond here, a fifth of a queued upload's 202); the result depends only on
        this class and the model, and a copy is what DRF gives each instance of its
        declared fields anyway.
        """
        cls = type(self)
        if cls.__dict__.get("_derived_fields") is None:  # not a parent class's
            cls._derived_fields = super().get_fields()
        return copy.deepcopy(cls._derived_fields)

    @extend_schema_field(JobProgressSerializer)
    def get_progress(self, job: Job) -> dict:
        return {"done": job.done, "total": job.total}

    def get_download(self, job: Job) -> str | None:
        if job.status != Job.Status.DONE or not job.output:
            return None
        return reverse("job-download-api", args=[job.pk])


class JobView(RetrieveAPIView):
    """A background job: its owner's and the admins' (anyone else: 404)."""

    serializer_class = JobSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Job.objects.visible_to(self.request.user)

    @extend_schema(tags=["jobs"], summary="A background job's status, progress and result")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class JobDownloadView(APIView):
    """The file a finished export job made (owner and admins; others 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["jobs"],
        summary="Download the file a background export made",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int):
        from vokasi.jobs.views import output_response

        job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
        return output_response(job)


def respond_async(request) -> bool:
    """The client asked for the answer to come later (RFC 7240 ``Prefer``)."""
    prefer = request.headers.get("Prefer", "")
    return any(part.strip().lower() == "respond-async" for part in prefer.split(","))


def accepted(job: Job) -> Response:
    location = reverse("job-api", args=[job.pk])
    return Response(
        JobSerializer(job).data,
        status=status.HTTP_202_ACCEPTED,
        headers={"Location": location, "Preference-Applied": "respond-async"},
    )
