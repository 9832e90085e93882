"""``{% download_url "xlsx" %}``: this page's address asking for a file, filters kept."""

from __future__ import annotations

from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def download_url(context, fmt: str) -> str:
    """The current query string (filters, sort) with ``format`` set; page numbers dropped,
    because a download holds every row the filters show, not one page."""
    params = context["request"].GET.copy()
    for name in list(params):
        if name == "page" or name.endswith("-page"):
            params.pop(name)
    params["format"] = fmt
    return "?" + urlencode(params, doseq=True)
