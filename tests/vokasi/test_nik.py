import datetime

import pytest
from django.utils import translation

from trainees.nik import build_nik, nik_problems


def test_a_built_nik_encodes_birth_date_and_sex():
    nik = build_nik("36.72.04", datetime.date(1999, 8, 21), "P", 1)
    assert nik == "3672046108990001"
    assert nik_problems(nik, datetime.date(1999, 8, 21), "P") == []


@pytest.mark.parametrize(
    ("nik", "birth", "sex", "fragment"),
    [
        ("367204210899", datetime.date(1999, 8, 21), "L", "16"),
        ("36720421089900A1", datetime.date(1999, 8, 21), "L", "digits"),
        ("3672041208990001", datetime.date(1999, 8, 21), "L", "12-08-99"),
        ("3672042108990001", datetime.date(1999, 8, 21), "P", "21"),
        ("9972042108990001", datetime.date(1999, 8, 21), "L", "99.72"),
        ("3672043208990001", datetime.date(1999, 8, 21), "L", "320899"),
    ],
)
def test_a_wrong_nik_is_explained(nik, birth, sex, fragment):
    with translation.override("en"):
        problems = nik_problems(nik, birth, sex)
    assert problems
    assert any(fragment in p for p in problems), problems
