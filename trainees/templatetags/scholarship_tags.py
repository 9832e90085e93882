"""``{% scholarship_status_form scholarship %}``: the small form changing a scholarship's
status on a row of the agreement's page (``reports/agreement_detail.html``)."""

from __future__ import annotations

from django import template

from trainees.forms.scholarships import ScholarshipStatusForm

register = template.Library()


@register.inclusion_tag("trainees/_scholarship_status_row.html", takes_context=True)
def scholarship_status_form(context, scholarship) -> dict:
    return {
        "scholarship": scholarship,
        "form": ScholarshipStatusForm.for_row(scholarship),
        "csrf_token": context.get("csrf_token"),
    }
