"""Pages for company users (and officers reading vacancies and placements)."""
