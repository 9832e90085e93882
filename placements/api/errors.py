"""Service errors as API answers: 400 with field names, 409 with ``existing_id``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ValidationError

from placements.services import Conflict


class ConflictError(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, conflict: Conflict):
        super().__init__()
        self.detail = {"detail": str(conflict.detail), "existing_id": conflict.existing_id}


def as_field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): [
                str(m) for e in errors for m in e.messages
            ]
            for field, errors in error.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in error.messages]}


@contextmanager
def service_errors() -> Iterator[None]:
    try:
        yield
    except DjangoValidationError as error:
        raise ValidationError(as_field_errors(error)) from error
    except Conflict as conflict:
        raise ConflictError(conflict) from conflict


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
