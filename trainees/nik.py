"""The NIK (Nomor Induk Kependudukan): building and checking it.

Structure and region are checked by python-stdnum; this module adds what stdnum does
not: agreement of the encoded birth date and sex with what the person states.

Every way a NIK comes in (the registration form, the API, the job-seeker import, the
results upload) passes ``normalise_nik`` first, so the same typed text means the same
NIK everywhere.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from stdnum.exceptions import InvalidComponent
from stdnum.id import nik as stdnum_nik

FEMALE_DAY_OFFSET = 40
# What people put between digit groups when they copy a NIK from a KTP or a photocopy:
# spaces (any width), dots, and dashes of any length.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]+")


def normalise_nik(value):
    """The NIK as 16 ASCII digits where what was typed means that unambiguously.

    Unicode digits (full-width ``３６７２``, Arabic-Indic, …) become ASCII digits and
    spaces, dots and dashes between the groups are dropped, so ``"3672 0405 0397 4658"``
    and ``"３６７２０４０５０３９７４６５８"`` are ``"3672040503974658"``. Anything else
    (letters, other signs) is left for ``nik_problems`` to name; a non-string is returned
    as it came.
    """
    if not isinstance(value, str):
        return value
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    if text and all(ch.isdecimal() for ch in text):
        return "".join(str(unicodedata.decimal(ch)) for ch in text)
    return text


def is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def build_nik(region_code: str, birth_date: datetime.date, sex: str, serial: int) -> str:
    """Compose a NIK: kecamatan code (6 digits), DDMMYY (+40 on the day for women), serial."""
    region = region_code.replace(".", "")
    if len(region) != 6 or not region.isdigit():
        raise ValueError(f"region code must be a kecamatan code, got {region_code!r}")
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex == "P" else 0)
    return f"{region}{day:02d}{birth_date:%m%y}{serial:04d}"


def encoded_sex(nik: str) -> str:
    return "P" if int(nik[6:8]) > FEMALE_DAY_OFFSET else "L"


def encoded_birth(nik: str) -> tuple[int, int, int]:
    """(day, month, two-digit year) as written in the NIK, the women's +40 removed."""
    return int(nik[6:8]) % FEMALE_DAY_OFFSET, int(nik[8:10]), int(nik[10:12])


def nik_problems(
    nik: str,
    birth_date: datetime.date | None,
    sex: str | None,
    *,
    districts: KnownDistricts | None = None,
) -> list[str]:
    """Every reason ``nik`` is wrong for this person, in the officer's words; [] when fine.

    ``districts`` are the kecamatan codes we know ("36.72.04"); when given, the kecamatan
    part of the NIK is checked too (see ``kecamatan_problem``).
    """
    from django.utils.translation import gettext as _

    wrong_form = nik_format_problem(nik)
    if wrong_form:
        return [wrong_form]
    compact = normalise_nik(nik)
    # stdnum.id.nik.validate(), in its parts: the regency look-up is cached because a
    # bulk import checks tens of thousands of NIKs from a few hundred regencies.
    if not birth_part_real(compact[6:12]):
        return [
            _("The birth date in the NIK (digits 7–12: %(digits)s) is not a real date.")
            % {"digits": compact[6:12]}
        ]
    if not regency_known(compact[:4]):
        return [
            _("The region code in the NIK (%(code)s) is not a known province and regency.")
            % {"code": f"{compact[:2]}.{compact[2:4]}"}
        ]
    problems = []
    if districts is not None:
        region_problem = kecamatan_problem(compact, districts)
        if region_problem:
            problems.append(region_problem)
    day, month, year = encoded_birth(compact)
    if birth_date is not None and (day, month, year) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        problems.append(
            _("The birth date in the NIK %(nik_date)s does not match %(date)s.")
            % {
                "nik_date": f"{day:02d}-{month:02d}-{year:02d}",
                "date": birth_date.strftime("%d-%m-%Y"),
            }
        )
    if sex in ("L", "P") and encoded_sex(compact) != sex:
        problems.append(
            _("The NIK (digits 7–8: %(digits)s) encodes sex %(nik_sex)s, not %(sex)s.")
            % {"digits": compact[6:8], "nik_sex": encoded_sex(compact), "sex": sex}
        )
    return problems


def repeated_nik() -> str:
    """A NIK given again further down a file (``%(row)d``: the first row that has it)."""
    from django.utils.translation import gettext as _

    return _("This NIK is also on row %(row)d of the file.")


def nik_format_problem(nik: str) -> str | None:
    """Why ``nik`` is not 16 digits at all, or None: the check every NIK column makes
    (registration, the job-seeker import, the results file) before anything else."""
    from django.utils.translation import gettext as _

    if not nik:
        return _("NIK is required.")
    compact = normalise_nik(nik)
    # stdnum reports a short number as a format error; the officer needs to know which.
    if not is_ascii_digits(compact):
        return _("NIK must contain digits only.")
    if len(compact) != 16:
        return _("NIK must be 16 digits, not %(n)d.") % {"n": len(compact)}
    return None


@functools.lru_cache(maxsize=65536)
def birth_part_real(ddmmyy: str) -> bool:
    """Whether stdnum reads digits 7-12 of a NIK as a real birth date (women: day + 40)."""
    try:
        stdnum_nik.get_birth_date(f"000000{ddmmyy}0000")
    except InvalidComponent:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def regency_known(code: str) -> bool:
    """Whether stdnum knows the province and regency ``code`` ("3672")."""
    # A NIK that differs only in its place: valid exactly when the place is known.
    return stdnum_nik.is_valid(f"{code}010101900001")


def nik_region_code(nik: str) -> str:
    """The kecamatan of first registration, dotted: "3672046108990001" -> "36.72.04"."""
    return f"{nik[:2]}.{nik[2:4]}.{nik[4:6]}"


@dataclass(frozen=True)
class KnownDistricts:
    """The kecamatan codes we know, and the regencies whose kecamatan we know all of."""

    codes: frozenset[str]
    cities: frozenset[str]

    @classmethod
    def of(cls, codes: Iterable[str]) -> KnownDistricts:
        codes = frozenset(codes)
        return cls(codes=codes, cities=frozenset(code[:5] for code in codes))


def kecamatan_problem(nik: str, districts: KnownDistricts) -> str | None:
    """Why the kecamatan digits (5-6) of a structurally valid NIK are wrong, or None.

    stdnum knows provinces and regencies but not kecamatan. Where our Region table lists
    the kecamatan of the NIK's regency, the code must be one of them; elsewhere we accept
    any kecamatan number except 00 (stdnum has already vouched for the regency).
    """
    from django.utils.translation import gettext as _

    code = nik_region_code(nik)
    if nik[4:6] == "00":
        return _("The kecamatan code in the NIK (digits 5–6 of %(code)s) cannot be 00.") % {
            "code": code
        }
    city = code[:5]
    if city in districts.cities and code not in districts.codes:
        return _("The kecamatan code in the NIK (%(code)s) is not a kecamatan of %(city)s.") % {
            "code": code,
            "city": city,
        }
    return None
