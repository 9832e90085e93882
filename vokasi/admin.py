from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from vokasi.audit import audited_models, history_model
from vokasi.models import (
    AccessLog,
    Agreement,
    AgreementEvaluation,
    AgreementParty,
    AgreementScope,
    AgreementTarget,
    ApiKey,
    Company,
    EducationLevel,
    Job,
    LabourOffice,
    Occupation,
    RateCount,
    Region,
    Sector,
    Skill,
    TrainingProvider,
    User,
    Vocation,
)
from vokasi.personal import MASKED_FIELDS, mask_nik

admin.site.site_header = _("Vokasi administration")
admin.site.site_title = "Vokasi"


@admin.register(EducationLevel)
class EducationLevelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "rank", "level"]
    search_fields = ["code", "name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Vocation)
class VocationAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "vocation"]
    list_filter = ["vocation"]
    search_fields = ["code", "name"]
    list_select_related = ["vocation"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "category"]
    list_filter = ["category"]
    search_fields = ["code", "name"]


@admin.register(LabourOffice)
class LabourOfficeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "region"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["region"]


@admin.register(TrainingProvider)
class TrainingProviderAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "region"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["region"]


@admin.register(Company)
class CompanyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "nib", "sector", "workforce", "region", "apindo_member_no"]
    list_filter = ["sector__category", "region"]
    search_fields = ["name", "nib", "apindo_member_no"]
    autocomplete_fields = ["sector", "region"]
    list_select_related = ["sector", "region"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "office", "provider", "company"]
    list_filter = ["role", "is_active", "office", "provider"]
    search_fields = ["username", "first_name", "last_name", "email"]
    list_select_related = ["office", "provider", "company"]
    autocomplete_fields = ["company"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Organisation"), {"fields": ("role", "office", "provider", "company", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Organisation"), {"fields": ("role", "office", "provider", "company")}),
    )


@admin.register(ApiKey)
class ApiKeyAdmin(SimpleHistoryAdmin):
    """Keys are issued by their users (or ``issue_token``); admins can see and revoke."""

    list_display = [
        "prefix",
        "user",
        "name",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "user__username", "name"]
    raw_id_fields = ["user"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    exclude = ["key_hash"]

    def has_add_permission(self, request) -> bool:
        return False


# ------------------------------------------------------------------------------ audit


class MaskingContextHelper(HistoricalRecordContextHelper):
    """The history's list of changes shows a masked field's old and new values masked."""

    def prepare_delta_change_value(self, change, value):
        if change.field in MASKED_FIELDS:
            return mask_nik(str(value or ""))
        return super().prepare_delta_change_value(change, value)


class MaskedFieldsAdmin:
    """Never show a masked field (the NIK) whole: left out of the forms (a record is
    corrected through the application's own rules), shown masked read-only, and masked in
    the history's list of changes. Put it before the ModelAdmin class it extends."""

    def _masked(self) -> list[str]:
        names = {field.name for field in self.model._meta.get_fields()}
        return sorted(MASKED_FIELDS & names)

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), *self._masked()]

    def get_fields(self, request, obj=None):
        return [name for name in super().get_fields(request, obj) if name not in MASKED_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        extra = ["nik_masked"] if "nik" in self._masked() else []
        return [*super().get_readonly_fields(request, obj), *extra]

    @admin.display(description=_("NIK"))
    def nik_masked(self, obj) -> str:
        return mask_nik(getattr(obj, "nik", "") or "")

    def get_historical_record_context_helper(self, request, historical_record):
        return MaskingContextHelper(self.model, historical_record)


class ReadOnlyAdmin(admin.ModelAdmin):
    """The audit is written by the application only: admins read it, nobody edits it."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = [
        "at",
        "username",
        "action",
        "target",
        "object_id",
        "people",
        "filters",
        "path",
        "ip",
        "via_api",
    ]
    list_filter = [
        "action",
        "via_api",
        "at",
        ("user", admin.RelatedOnlyFieldListFilter),
        "target",
    ]
    search_fields = ["=object_id", "username", "path"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    show_full_result_count = False


class HistoricalRecordAdmin(MaskedFieldsAdmin, ReadOnlyAdmin):
    """Every version of every object of one audited model; the object's own admin page
    ("History") shows the same rows with what changed between them."""

    list_display = [
        "history_date",
        "history_user",
        "history_type",
        "history_channel",
        "object_link",
        "history_change_reason",
    ]
    list_filter = [
        "history_type",
        "history_channel",
        "history_date",
        ("history_user", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["=id"]
    date_hierarchy = "history_date"
    list_select_related = ["history_user"]
    ordering = ["-history_date", "-history_id"]
    show_full_result_count = False

    @admin.display(description=_("object"), ordering="id")
    def object_link(self, record):
        meta = record.instance_type._meta
        label = f"{meta.verbose_name} #{record.id}"
        try:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[record.id])
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    raw_id_fields = ["office", "provider", "company"]


class AgreementScopeInline(admin.TabularInline):
    model = AgreementScope
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "kind", "office", "valid_from", "valid_to"]
    list_filter = ["kind", "office"]
    search_fields = ["number", "title"]
    raw_id_fields = ["parent", "created_by"]
    inlines = [AgreementPartyInline, AgreementScopeInline]


@admin.register(AgreementParty)
class AgreementPartyAdmin(admin.ModelAdmin):
    list_display = ["agreement", "kind", "office", "provider", "company", "other_name", "role"]
    list_filter = ["kind"]
    raw_id_fields = ["agreement", "office", "provider", "company"]
    list_select_related = ["agreement", "office", "provider", "company"]


@admin.register(AgreementScope)
class AgreementScopeAdmin(admin.ModelAdmin):
    list_display = ["agreement", "item"]
    list_filter = ["item"]
    raw_id_fields = ["agreement"]


@admin.register(AgreementTarget)
class AgreementTargetAdmin(admin.ModelAdmin):
    list_display = ["scope", "measure", "target"]
    list_filter = ["measure"]
    raw_id_fields = ["scope"]


@admin.register(AgreementEvaluation)
class AgreementEvaluationAdmin(admin.ModelAdmin):
    list_display = ["agreement", "evaluated_on", "status", "recorded_by"]
    list_filter = ["status"]
    raw_id_fields = ["agreement", "recorded_by"]


for _audited in audited_models():
    admin.site.register(history_model(_audited), HistoricalRecordAdmin)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs, the scheduled ones included (they have no owner): read only. Their
    row errors may name people's data, so the admin lists the summary, not the errors."""

    list_display = ["id", "kind", "owner", "status", "phase", "done", "total", "created_at",
                    "finished_at"]  # fmt: skip
    list_filter = ["kind", "status"]
    fields = ["kind", "owner", "status", "phase", "done", "total", "filename", "message",
              "attempts", "created_at", "started_at", "finished_at", "keep_until"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RateCount)
class RateCountAdmin(admin.ModelAdmin):
    """The API rate limit's counts (``vokasi.ratelimit``): read only, to see who is near it."""

    list_display = ["caller", "window_start", "hits"]
    search_fields = ["caller"]
    readonly_fields = ["caller", "window_start", "hits"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
