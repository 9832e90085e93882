from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from trainees.models import (
    Cohort,
    CompetencyAssessment,
    CsrCommitment,
    Enrollment,
    FundingLine,
    GraduateStatus,
    JobSeeker,
    JobSeekerSkill,
    Programme,
    ReportBack,
    ResultUpload,
    Scholarship,
    TrainingResult,
    TrainingResultChange,
)
from vokasi.admin import MaskedFieldsAdmin


class JobSeekerSkillInline(admin.TabularInline):
    model = JobSeekerSkill
    extra = 0
    autocomplete_fields = ["skill"]
    raw_id_fields = ["enrollment"]


class ReportBackInline(admin.TabularInline):
    model = ReportBack
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(JobSeeker)
class JobSeekerAdmin(MaskedFieldsAdmin, SimpleHistoryAdmin):
    """Read and correct records; a person is registered at the counter or through the API
    (the AK/I number, the NIK checks and the duplicate search live there), and the NIK is
    shown masked, as everywhere outside the owning office's own record."""

    list_display = [
        "registration_number",
        "name",
        "sex",
        "birth_date",
        "education",
        "region",
        "status",
        "registered_on",
        "next_report_due",
    ]
    list_filter = ["status", "office", "sex", "education", "region", "end_reason"]
    search_fields = ["=nik", "name", "registration_number"]
    date_hierarchy = "registered_on"
    list_select_related = ["education", "region"]
    autocomplete_fields = ["region", "occupation"]
    raw_id_fields = ["registered_by"]
    # A registration ends on the end page, or as placed with its placement (the hiring
    # service): never by editing the status here, which could end one as placed with no
    # placement behind it.
    readonly_fields = ["status", "end_reason", "ended_on", "created_at", "updated_at"]
    inlines = [JobSeekerSkillInline, ReportBackInline]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)  # with the masked NIK
        # Erasure goes through trainees.services.personal_data, and cannot be reversed here.
        if obj is not None and obj.anonymised_at is not None:
            fields = [field.name for field in self.model._meta.fields]
            return [*readonly, *(name for name in fields if name not in {"nik", *readonly})]
        return [*readonly, "anonymised_at", "anonymised_by", "anonymisation_reason"]


@admin.register(JobSeekerSkill)
class JobSeekerSkillAdmin(SimpleHistoryAdmin):
    list_display = ["job_seeker", "skill", "source", "certificate_no", "certificate_expires_on"]
    list_filter = ["source", "skill__vocation"]
    search_fields = ["=job_seeker__nik", "job_seeker__name", "skill__code", "certificate_no"]
    raw_id_fields = ["job_seeker", "enrollment"]
    autocomplete_fields = ["skill"]
    list_select_related = ["job_seeker", "skill"]
    show_full_result_count = False


@admin.register(ReportBack)
class ReportBackAdmin(admin.ModelAdmin):
    list_display = ["job_seeker", "reported_on", "recorded_by"]
    date_hierarchy = "reported_on"
    search_fields = ["=job_seeker__nik", "job_seeker__name"]
    raw_id_fields = ["job_seeker", "recorded_by"]
    list_select_related = ["job_seeker", "recorded_by"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "provider", "vocation", "jp_hours", "funding", "is_active"]
    list_filter = ["provider", "vocation", "funding", "is_active"]
    search_fields = ["code", "name"]
    filter_horizontal = ["skills"]
    list_select_related = ["provider", "vocation"]


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    extra = 0
    raw_id_fields = ["job_seeker", "enrolled_by"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "start_date", "end_date", "quota", "status"]
    list_filter = ["status", "programme__provider", "programme__vocation"]
    search_fields = ["name", "programme__name"]
    date_hierarchy = "start_date"
    list_select_related = ["programme"]
    inlines = [EnrollmentInline]


class TrainingResultInline(admin.StackedInline):
    model = TrainingResult
    extra = 0
    raw_id_fields = ["updated_by"]


class CompetencyAssessmentInline(admin.TabularInline):
    model = CompetencyAssessment
    extra = 0


@admin.register(Enrollment)
class EnrollmentAdmin(SimpleHistoryAdmin):
    list_display = ["job_seeker", "cohort", "status", "enrolled_on"]
    list_filter = ["status", "cohort__programme__provider"]
    search_fields = ["=job_seeker__nik", "job_seeker__name", "cohort__name"]
    raw_id_fields = ["job_seeker", "cohort", "enrolled_by"]
    list_select_related = ["job_seeker", "cohort"]
    inlines = [TrainingResultInline, CompetencyAssessmentInline]


@admin.register(TrainingResult)
class TrainingResultAdmin(SimpleHistoryAdmin):
    list_display = ["enrollment", "attendance_pct", "score", "outcome", "updated_at"]
    list_filter = ["outcome"]
    raw_id_fields = ["enrollment", "updated_by"]
    search_fields = ["=enrollment__job_seeker__nik", "enrollment__job_seeker__name"]


@admin.register(CompetencyAssessment)
class CompetencyAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["enrollment", "result", "assessed_on", "certificate_no", "needs_retest"]
    list_filter = ["result", "needs_retest"]
    date_hierarchy = "assessed_on"
    raw_id_fields = ["enrollment"]
    search_fields = ["certificate_no", "=enrollment__job_seeker__nik"]


@admin.register(ResultUpload)
class ResultUploadAdmin(admin.ModelAdmin):
    list_display = ["cohort", "uploaded_at", "uploaded_by", "rows", "created", "updated"]
    date_hierarchy = "uploaded_at"
    raw_id_fields = ["cohort", "uploaded_by"]
    list_select_related = ["cohort", "uploaded_by"]
    readonly_fields = ["sha256"]


@admin.register(TrainingResultChange)
class TrainingResultChangeAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "field", "old_value", "new_value", "changed_at", "changed_by"]
    list_filter = ["field"]
    raw_id_fields = ["enrollment", "upload", "changed_by"]
    list_select_related = ["enrollment", "changed_by"]
    search_fields = ["=enrollment__job_seeker__nik"]


# Funding and the tracer: written through the pages and the API (trainees.services.funding
# and .tracer); the admin shows them for support.


@admin.register(CsrCommitment)
class CsrCommitmentAdmin(admin.ModelAdmin):
    list_display = ["title", "sponsor", "year", "seats", "amount"]
    list_filter = ["year"]
    search_fields = ["title", "sponsor__name"]
    raw_id_fields = ["sponsor", "created_by"]


@admin.register(FundingLine)
class FundingLineAdmin(admin.ModelAdmin):
    list_display = ["cohort", "source", "sponsor", "budgeted", "spent", "seats"]
    list_filter = ["source"]
    list_select_related = ["cohort__programme", "sponsor"]
    raw_id_fields = ["cohort", "sponsor", "commitment", "updated_by"]


@admin.register(GraduateStatus)
class GraduateStatusAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "months_after", "status", "sector", "checked_on"]
    list_filter = ["status", "months_after"]
    raw_id_fields = ["enrollment", "sector", "recorded_by"]


@admin.register(Scholarship)
class ScholarshipAdmin(SimpleHistoryAdmin):
    list_display = ["recipient_name", "institution", "agreement", "awarded_on", "amount", "status"]
    list_filter = ["status"]
    search_fields = ["recipient_name", "institution"]
    raw_id_fields = ["agreement", "job_seeker", "recorded_by"]
    list_select_related = ["agreement"]
