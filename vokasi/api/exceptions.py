"""API errors always answer JSON, in the contract's shapes (docs/API.md "Errors").

The one place where what services raise becomes an answer:

- Django's ``ValidationError`` → 400 ``{"field": ["message", …], "non_field_errors": […]}``
  (never ``__all__``);
- ``vokasi.errors.Conflict`` → 409 ``{"detail": …, "existing_id": …}``;
- a request body above the upload limit → 413.

Views call services and let these propagate; they never convert them by hand.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.views import exception_handler as drf_exception_handler

from vokasi.errors import Conflict


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "payload_too_large"


class ConflictError(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, conflict: Conflict):
        super().__init__()
        # Set directly: DRF would turn the id into a string.
        self.detail = {"detail": str(conflict.message), "existing_id": conflict.existing_id}


def field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ``ValidationError`` as the contract's 400 body."""
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): [
                str(message) for e in errors for message in e.messages
            ]
            for field, errors in error.error_dict.items()
        }
    return {"non_field_errors": [str(message) for message in error.messages]}


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, Conflict):
        exc = ConflictError(exc)
    elif isinstance(exc, DjangoValidationError):
        exc = ValidationError(field_errors(exc))
    return drf_exception_handler(exc, context)
