"""Every write to placements goes through these functions (keyword-only, atomic)."""

from placements.services.apprenticeships import apprenticeship_finish
from placements.services.companies import company_update_contact
from placements.services.placements import placement_follow_up
from placements.services.referrals import referral_decide
from placements.services.vacancies import (
    VacancyInput,
    vacancy_close,
    vacancy_create,
    vacancy_take_down,
    vacancy_update,
    vacancy_verify,
)

__all__ = [
    "VacancyInput",
    "apprenticeship_finish",
    "company_update_contact",
    "placement_follow_up",
    "referral_decide",
    "vacancy_close",
    "vacancy_create",
    "vacancy_take_down",
    "vacancy_update",
    "vacancy_verify",
]
