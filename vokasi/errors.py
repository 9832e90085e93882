"""The one conflict a service raises: the request clashes with what is already recorded.

Services raise ``ValidationError`` (with field names) for input that is wrong and
``Conflict`` for input that clashes with a record (a NIK already registered, a vacancy's
openings all taken, a second placement). The API's exception handler
(``vokasi.api.exceptions``) answers 409 ``{"detail", "existing_id"}``; a page puts either
on its form with ``add_to_form``.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class Conflict(Exception):
    """``existing_id`` names the record the request clashes with, when there is one;
    ``field`` the input it clashes on (for a form), when there is one."""

    def __init__(self, message, existing_id: int | None = None, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.existing_id = existing_id
        self.field = field

    def as_validation_error(self) -> ValidationError:
        """The conflict as a form error: ``{field: [message]}``."""
        return ValidationError({self.field or NON_FIELD_ERRORS: [self.message]})


def add_to_form(form, error: ValidationError | Conflict) -> None:
    """A service's refusal onto a page's form: each message on the field it names when
    the form has that field, above the form otherwise."""
    if isinstance(error, Conflict):
        error = error.as_validation_error()
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
