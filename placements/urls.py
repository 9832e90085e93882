"""The placements web pages."""

from django.urls import path

from placements.views import (
    agreements,
    apikeys,
    apprenticeships,
    candidates,
    companies,
    followups,
    hires,
    matching,
    placements,
    public,
    vacancies,
    warnings,
)

app_name = "placements"

urlpatterns = [
    # The public vacancy board: no login (Perpres 57/2023 Pasal 9).
    path("lowongan/", public.board, name="public-board"),
    path("lowongan/<int:pk>/", public.board_vacancy, name="public-vacancy"),
    path("agreements/new/", agreements.agreement_form, name="agreement-create"),
    path("agreements/<int:pk>/edit/", agreements.agreement_form, name="agreement-update"),
    path(
        "agreements/<int:pk>/evaluations/",
        agreements.agreement_evaluate,
        name="agreement-evaluate",
    ),
    path("agreements/<int:pk>/targets/", agreements.agreement_target, name="agreement-target"),
    path("agreements/<int:pk>/links/", agreements.agreement_link, name="agreement-link"),
    path("agreements/<int:pk>/unlink/", agreements.agreement_unlink, name="agreement-unlink"),
    path(
        "agreements/<int:pk>/internships/new/",
        agreements.internship_new,
        name="internship-create",
    ),
    path("agreements/<int:pk>/document/", agreements.agreement_document, name="agreement-document"),
    path("hires/", hires.HireListView.as_view(), name="hire-list"),
    path("hires/new/", hires.hire_new, name="hire-create"),
    path("hires/upload/", hires.hire_upload, name="hire-upload"),
    path("hires/upload/template.csv", hires.hire_upload_template, name="hire-upload-template"),
    path(
        "companies/<int:pk>/hires/",
        hires.CompanyHireListView.as_view(),
        name="company-hire-list",
    ),
    path("vacancies/", vacancies.VacancyListView.as_view(), name="vacancy-list"),
    path("vacancies/new/", vacancies.VacancyFormView.as_view(), name="vacancy-create"),
    path("vacancies/<int:pk>/", vacancies.VacancyDetailView.as_view(), name="vacancy-detail"),
    path("vacancies/<int:pk>/edit/", vacancies.VacancyFormView.as_view(), name="vacancy-update"),
    path("vacancies/<int:pk>/close/", vacancies.VacancyCloseView.as_view(), name="vacancy-close"),
    path(
        "vacancies/<int:pk>/verify/", vacancies.VacancyVerifyView.as_view(), name="vacancy-verify"
    ),
    path(
        "vacancies/<int:pk>/take-down/",
        vacancies.VacancyTakeDownView.as_view(),
        name="vacancy-take-down",
    ),
    path(
        "vacancies/awaiting-verification/",
        vacancies.VacancyAwaitingVerificationView.as_view(),
        name="vacancies-awaiting-verification",
    ),
    path("vacancies/<int:pk>/matches/", matching.vacancy_matches, name="vacancy-matches"),
    path(
        "referrals/<int:pk>/decide/",
        vacancies.ReferralDecideView.as_view(),
        name="referral-decide",
    ),
    path(
        "candidates/",
        candidates.candidates_awaiting_decision,
        name="candidates-awaiting-decision",
    ),
    path("job-seekers/<int:pk>/refer/", matching.job_seeker_refer, name="job-seeker-refer"),
    path(
        "apprenticeships/",
        apprenticeships.ApprenticeshipListView.as_view(),
        name="apprenticeship-list",
    ),
    path(
        "apprenticeships/<int:pk>/",
        apprenticeships.ApprenticeshipDetailView.as_view(),
        name="apprenticeship-detail",
    ),
    path(
        "apprenticeships/<int:pk>/approve/",
        apprenticeships.ApprenticeshipApproveView.as_view(),
        name="apprenticeship-approve",
    ),
    path(
        "apprenticeships/<int:pk>/finish/",
        apprenticeships.ApprenticeshipFinishView.as_view(),
        name="apprenticeship-finish",
    ),
    path("placements/", placements.PlacementListView.as_view(), name="placement-list"),
    path("placements/<int:pk>/", placements.PlacementDetailView.as_view(), name="placement-detail"),
    path(
        "placements/<int:pk>/follow-up/",
        placements.FollowUpRecordView.as_view(),
        name="placement-follow-up",
    ),
    path(
        "job-seekers/<int:pk>/placement/",
        placements.PlacementRecordView.as_view(),
        name="placement-record",
    ),
    path("follow-ups/due/", followups.follow_ups_due_list, name="follow-ups-due"),
    # Written warnings (the reporting duty); the register's company page links here.
    path("warnings/", warnings.warning_list, name="warning-list"),
    path("warnings/<int:pk>/answer/", warnings.warning_answer, name="warning-answer"),
    path("warnings/<int:pk>/document/", warnings.warning_document, name="warning-document"),
    path("companies/<int:pk>/warnings/", warnings.company_warnings, name="company-warnings"),
    path(
        "companies/<int:pk>/warnings/new/",
        warnings.company_warning_new,
        name="company-warning-new",
    ),
    path("api-keys/", apikeys.ApiKeyListView.as_view(), name="apikey-list"),
    path("api-keys/<int:pk>/revoke/", apikeys.ApiKeyRevokeView.as_view(), name="apikey-revoke"),
    path("companies/", companies.CompanyListView.as_view(), name="company-list"),
    path("companies/new/", companies.company_form, name="company-create"),
    path("companies/import/", companies.company_import, name="company-import"),
    path(
        "companies/import/template.csv",
        companies.company_import_template,
        name="company-import-template",
    ),
    path("companies/<int:pk>/", companies.company_detail, name="company-detail"),
    path("companies/<int:pk>/edit/", companies.company_form, name="company-update"),
    path("companies/<int:pk>/verify/", companies.company_verify_view, name="company-verify"),
    path("companies/<int:pk>/suspend/", companies.company_suspend_view, name="company-suspend"),
    path(
        "companies/<int:pk>/reinstate/",
        companies.company_reinstate_view,
        name="company-reinstate",
    ),
    path("companies/<int:pk>/users/", companies.company_invite, name="company-invite"),
    path("company/users/", companies.company_users, name="company-users"),
    path(
        "company/users/<int:pk>/deactivate/",
        companies.company_user_deactivate_view,
        name="company-user-deactivate",
    ),
]
