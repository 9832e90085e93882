"""The IPK age groups (15–19, 20–29, 30–44, 45–54, 55+), declared once.

The job seekers list filters by them in Python (a birth-date range), the IPK and outcome
reports count by them in SQL (a ``Case``), the anonymiser keeps a birth date inside its
group: every form is built from ``AGE_GROUPS`` below, so they cannot disagree.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, CharField, Q, Value, When

from vokasi.dates import age_on


@dataclass(frozen=True)
class AgeGroup:
    #: The stored and exported key ("15-19").
    key: str
    lowest: int
    #: The highest age, or None for the open group (55+).
    highest: int | None

    @property
    def label(self) -> str:
        """The printed name, with an en dash ("15–19")."""
        return self.key.replace("-", "–")


AGE_GROUPS: tuple[AgeGroup, ...] = (
    AgeGroup("15-19", 15, 19),
    AgeGroup("20-29", 20, 29),
    AgeGroup("30-44", 30, 44),
    AgeGroup("45-54", 45, 54),
    AgeGroup("55+", 55, None),
)
#: Under 20 counts as 15–19 (IPK has no younger group).
YOUNGEST = AGE_GROUPS[0]


def by_key(key: str) -> AgeGroup:
    return next(group for group in AGE_GROUPS if group.key == key)


def age_group_on(birth_date: datetime.date, day: datetime.date) -> AgeGroup:
    """The group someone born on ``birth_date`` is in on ``day``."""
    age = age_on(birth_date, day)
    return next((group for group in reversed(AGE_GROUPS[1:]) if age >= group.lowest), YOUNGEST)


def age_group_case(turned: Callable[[int], Q]) -> Case:
    """The group as a SQL ``Case``; ``turned(age)`` is the condition "had turned ``age``"
    on the day that counts (each report states it in the form its database answers fastest)."""
    whens = [
        When(turned(group.lowest), then=Value(group.key)) for group in reversed(AGE_GROUPS[1:])
    ]
    return Case(*whens, default=Value(YOUNGEST.key), output_field=CharField())
