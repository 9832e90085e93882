"""Template filters for report pages: Indonesian numbers and server-side SVG charts."""

from __future__ import annotations

from django import template

from reports import charts, formatting

register = template.Library()

register.filter("id_int", formatting.integer)
register.filter("id_decimal", formatting.decimal)
register.filter("id_percent", formatting.percent)
register.filter("rupiah", formatting.rupiah)


@register.simple_tag
def bar_chart(chart):
    """Render a :class:`reports.charts.Chart` as inline SVG."""
    return charts.render(chart)


@register.filter
def ipk_cell(mapping, key):
    """``row|ipk_cell:"L"`` and ``cell|ipk_cell:"terdaftar"``: dictionary look-up."""
    return (mapping or {}).get(key)
