"""Personal data shown in part: what every app masks the same way."""

from __future__ import annotations

#: Fields whose values are never shown whole outside the owning office's own record.
MASKED_FIELDS = frozenset({"nik"})


def mask_nik(nik: str) -> str:
    """Show the region and serial only: 3672********0001."""
    if len(nik) != 16:
        return "*" * len(nik)
    return f"{nik[:4]}{'*' * 8}{nik[-4:]}"


def masked_admin_mixin():
    """An admin mixin that never shows a masked field whole: left out of the forms (a
    record is corrected through the application's own rules), shown masked read-only, and
    masked in the history's list of changes."""
    from django.contrib import admin
    from django.utils.translation import gettext_lazy as _
    from simple_history.template_utils import HistoricalRecordContextHelper

    class MaskingContextHelper(HistoricalRecordContextHelper):
        def prepare_delta_change_value(self, change, value):
            if change.field in MASKED_FIELDS:
                return mask_nik(str(value or ""))
            return super().prepare_delta_change_value(change, value)

    class MaskedFieldsAdmin:
        def _masked(self) -> list[str]:
            names = {field.name for field in self.model._meta.get_fields()}
            return sorted(MASKED_FIELDS & names)

        def get_exclude(self, request, obj=None):
            return [*(super().get_exclude(request, obj) or []), *self._masked()]

        def get_readonly_fields(self, request, obj=None):
            extra = ["nik_masked"] if "nik" in self._masked() else []
            return [*super().get_readonly_fields(request, obj), *extra]

        def get_fields(self, request, obj=None):
            fields = super().get_fields(request, obj)
            return [name for name in fields if name not in MASKED_FIELDS]

        @admin.display(description=_("NIK"))
        def nik_masked(self, obj) -> str:
            return mask_nik(getattr(obj, "nik", "") or "")

        def get_historical_record_context_helper(self, request, historical_record):
            return MaskingContextHelper(self.model, historical_record)

    return MaskedFieldsAdmin
