"""The bounds of the numbers people type, stated once for page forms and the API.

A number beyond the database column's range does not fail validation by itself: it
fails in the INSERT (a 500). Forms and serializers take their ``max_value`` from here, so
a wage of 10^30 is a field error on the page and a 400 on the API, with the same limit.
"""

from __future__ import annotations

#: PostgreSQL's ``integer`` (Django's IntegerField and PositiveIntegerField).
DB_INTEGER_MAX = 2_147_483_647
#: PostgreSQL's ``smallint`` (PositiveSmallIntegerField).
DB_SMALLINT_MAX = 32_767

#: A monthly wage or apprenticeship allowance in whole Rupiah: Rp 2 billion is far above
#: any real wage and still inside the column.
WAGE_MAX = 2_000_000_000
#: An age in years (programme entry limits).
AGE_MAX = 120
#: An amount of money in whole Rupiah (a cohort's budget, a CSR commitment): Rp 100
#: trillion, above any training budget and exact in a float (reports divide it).
MONEY_MAX = 100_000_000_000_000
#: A vacancy's age limit (Perpres 57/2023 Pasal 5): from the minimum working age of the
#: labour law's protection of children (15) to 70, beyond any retirement age.
VACANCY_AGE_MIN = 15
VACANCY_AGE_MAX = 70
#: A vacancy's minimum experience in months: 40 years.
EXPERIENCE_MONTHS_MAX = 480
