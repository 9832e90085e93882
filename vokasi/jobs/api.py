"""GET /api/v1/jobs/{id}/, and the ``Prefer: respond-async`` answer of the upload
endpoints (202 with ``Location``)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import RetrieveAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

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

    class Meta:
        model = Job
        fields = ["id", "kind", "status", "phase", "progress", "result", "errors", "message",
                  "created_at", "started_at", "finished_at"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(JobProgressSerializer)
    def get_progress(self, job: Job) -> dict:
        return {"done": job.done, "total": job.total}


class JobView(RetrieveAPIView):
    """A background job: its owner's and the admins' (anyone else: 404)."""

    serializer_class = JobSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return Job.objects.visible_to(self.request.user)

    @extend_schema(tags=["jobs"], summary="A background job's status, progress and result")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


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
