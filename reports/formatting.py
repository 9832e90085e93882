"""Numbers the Indonesian way on pages: 1.234.567, 0,85, Rp 5.100.000."""

from __future__ import annotations

import math

from django.utils.formats import number_format

from vokasi.formatting import percent  # one format for every page: "85,0 %"

__all__ = ["decimal", "integer", "percent", "rupiah"]


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def integer(value) -> str:
    if _missing(value):
        return "–"
    return number_format(int(value), 0, use_l10n=True, force_grouping=True)


def decimal(value, places: int = 2) -> str:
    if _missing(value):
        return "–"
    return number_format(float(value), places, use_l10n=True, force_grouping=True)


def rupiah(value) -> str:
    if _missing(value):
        return "–"
    return f"Rp {integer(round(float(value)))}"
