"""The error shapes as the schema documents them (answered by vokasi.api.exceptions)."""

from __future__ import annotations

from rest_framework import serializers


# Documentation of the error shapes (API.md "Errors").
class ValidationErrorSerializer(serializers.Serializer):
    field_name = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Each invalid field maps to its messages (in the request's language).",
    )
    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    existing_id = serializers.IntegerField(allow_null=True)
