"""Form widgets rendered in Python where Django's templates are slow.

A select renders each of its options through an included template; a filter with a few
hundred skills or kecamatan spent most of a list page's time there. ``select_options``
writes the same markup (``django/forms/widgets/select_option.html`` and ``attrs.html``)
directly, escaped the same way.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


@register.filter
def select_options(widget: dict) -> SafeString:
    html = []
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            html.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>"
            )
        if group_name:
            html.append("\n  </optgroup>")
    return mark_safe("".join(html))  # every part is escaped above
