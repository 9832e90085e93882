"""Values as people read them on the pages. Shares in Indonesian: "85,0 %" (one decimal,
comma, a space before the sign); every page and report formats a percentage through
:func:`percent`. A status as a coloured badge: :func:`badge`, on every app's tables."""

from __future__ import annotations

import math

from django.utils.formats import number_format
from django.utils.html import format_html


def percent(value) -> str:
    """A share 0-1 as "85,0 %"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    # number_format cuts the digits it does not show (2/3 would read 66,6 %): round first.
    shown = round(float(value) * 100, 1)
    return f"{number_format(shown, 1, use_l10n=True, force_grouping=True)} %"


def badge(css: str, label) -> str:
    """``label`` in a badge of the page's colour ``css`` (``ok``, ``warn``, ``bad`` or none)."""
    return format_html('<span class="badge {}">{}</span>', css, label)
