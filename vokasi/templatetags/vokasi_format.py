"""Numbers on any app's pages the Indonesian way (the report pages' filters live in
reports.templatetags and use the same formatting)."""

from __future__ import annotations

from django import template

from vokasi import formatting
from vokasi.formatting import percent

register = template.Library()


@register.filter
def percent_of(part, whole) -> str:
    """``{{ completed|percent_of:finished }}``: the share as "85,0 %" ("–" when the whole
    is zero or unknown)."""
    try:
        return percent(float(part) / float(whole)) if whole else "–"
    except (TypeError, ValueError):
        return "–"


@register.filter
def status_badge(obj) -> str:
    """``{{ vacancy|status_badge }}``: the status in the colour its list shows it."""
    return formatting.status_badge(obj)
