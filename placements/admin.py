from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from placements.models import (
    Apprenticeship,
    CompanyWarning,
    FollowUp,
    Internship,
    Placement,
    Referral,
    ReferralDecision,
    Vacancy,
    VacancySkill,
)


class VacancySkillInline(admin.TabularInline):
    model = VacancySkill
    extra = 0
    autocomplete_fields = ["skill"]


@admin.register(Vacancy)
class VacancyAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "company",
        "kind",
        "occupation",
        "openings",
        "filled",
        "opens_on",
        "closes_on",
        "status",
    ]
    list_filter = ["status", "kind", "employment_type", "company__sector__category"]
    search_fields = ["title", "company__name", "external_ref"]
    date_hierarchy = "opens_on"
    autocomplete_fields = ["company", "occupation", "region", "education_min"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["filled", "created_at", "updated_at"]
    list_select_related = ["company", "occupation"]
    inlines = [VacancySkillInline]


@admin.register(VacancySkill)
class VacancySkillAdmin(SimpleHistoryAdmin):
    list_display = ["vacancy", "skill", "required"]
    list_filter = ["required", "skill__vocation"]
    raw_id_fields = ["vacancy"]
    autocomplete_fields = ["skill"]


class ReferralDecisionInline(admin.TabularInline):
    model = ReferralDecision
    extra = 0
    raw_id_fields = ["decided_by"]


@admin.register(Referral)
class ReferralAdmin(SimpleHistoryAdmin):
    list_display = ["job_seeker", "vacancy", "status", "match_score", "referred_at"]
    list_filter = ["status"]
    search_fields = ["=job_seeker__nik", "job_seeker__name", "vacancy__title"]
    date_hierarchy = "referred_at"
    raw_id_fields = ["job_seeker", "vacancy", "referred_by"]
    list_select_related = ["job_seeker", "vacancy"]
    inlines = [ReferralDecisionInline]


@admin.register(ReferralDecision)
class ReferralDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["referral", "decision", "decided_at", "decided_by"]
    list_filter = ["decision"]
    raw_id_fields = ["referral", "decided_by"]


@admin.register(Apprenticeship)
class ApprenticeshipAdmin(SimpleHistoryAdmin):
    list_display = [
        "job_seeker",
        "company",
        "start_date",
        "duration_months",
        "allowance",
        "status",
        "hired",
    ]
    list_filter = ["status", "hired"]
    search_fields = ["=job_seeker__nik", "job_seeker__name", "company__name", "agreement_no"]
    date_hierarchy = "start_date"
    raw_id_fields = ["job_seeker", "company", "vacancy", "referral", "approved_by"]
    list_select_related = ["job_seeker", "company"]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(Placement)
class PlacementAdmin(SimpleHistoryAdmin):
    list_display = [
        "job_seeker",
        "company",
        "start_date",
        "contract_type",
        "wage",
        "channel",
        "source",
    ]
    list_filter = ["contract_type", "channel", "source"]
    search_fields = ["=job_seeker__nik", "job_seeker__name", "company__name"]
    date_hierarchy = "start_date"
    raw_id_fields = [
        "job_seeker",
        "company",
        "vacancy",
        "referral",
        "apprenticeship",
        "recorded_by",
    ]
    list_select_related = ["job_seeker", "company"]
    inlines = [FollowUpInline]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["placement", "checked_on", "employed", "wage"]
    list_filter = ["employed"]
    date_hierarchy = "checked_on"
    raw_id_fields = ["placement", "recorded_by"]


@admin.register(Internship)
class InternshipAdmin(SimpleHistoryAdmin):
    list_display = ["student_name", "student_number", "agreement", "start_date", "outcome"]
    list_filter = ["outcome"]
    search_fields = ["student_name", "student_number"]
    raw_id_fields = ["agreement", "institution", "host", "recorded_by"]
    list_select_related = ["agreement"]


@admin.register(CompanyWarning)
class CompanyWarningAdmin(SimpleHistoryAdmin):
    list_display = ["number", "company", "date", "answered_on"]
    search_fields = ["number", "company__name"]
    date_hierarchy = "date"
    raw_id_fields = ["company", "recorded_by"]
    list_select_related = ["company"]
