"""Shares as people read them in Indonesian: "85,0 %" (one decimal, comma, a space before
the sign). Every page and report formats a percentage through :func:`percent`."""

from __future__ import annotations

import math

from django.utils.formats import number_format


def percent(value) -> str:
    """A share 0-1 as "85,0 %"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    # number_format cuts the digits it does not show (2/3 would read 66,6 %): round first.
    shown = round(float(value) * 100, 1)
    return f"{number_format(shown, 1, use_l10n=True, force_grouping=True)} %"
