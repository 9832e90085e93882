"""Values as people read them on the pages. Shares in Indonesian: "85,0 %" (one decimal,
comma, a space before the sign); every page and report formats a percentage through
:func:`percent`. A status as a coloured badge: :func:`badge`, on every app's tables; an
object's status in the colour its app registered (``status_colours``): :func:`status_badge`,
on its pages."""

from __future__ import annotations

import math

from django.utils.formats import number_format
from django.utils.html import format_html

from vokasi.contributions import Registry

#: ``(model, {status: colour})`` for each model whose status shows as a badge, registered
#: by its app (``<app>/contributions.py``) from the mapping its table's column uses, so a
#: list and a detail page colour a status alike.
status_colours: Registry[tuple[type, dict[str, str]]] = Registry("status colours")


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


def status_badge(obj) -> str:
    """``obj``'s status as a badge, in the colour its app registered (none if it did not)."""
    colours = next((c for model, c in status_colours if isinstance(obj, model)), {})
    return badge(colours.get(obj.status, ""), obj.get_status_display())
