"""Template tags that let a page of a lower app show placements' matches by name.

``trainees`` cannot import ``placements``; the person's page includes
``placements/_job_seeker_vacancies.html``, which loads this library to ask for the open
vacancies that fit the person (the same reverse match the API answers with).
"""

from __future__ import annotations

from django import template

from placements.matching import Match, vacancies_for

register = template.Library()

#: How many fitting vacancies the person's page lists.
SHOWN = 10


@register.simple_tag
def vacancies_fitting(person, limit: int = SHOWN) -> list[Match]:
    """The best open vacancies for ``person`` (four queries), each with its explanation."""
    return vacancies_for(person, limit=limit)
