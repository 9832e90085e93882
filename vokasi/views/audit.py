"""/audit/: the admins' list of recent changes across every audited model."""

from __future__ import annotations

import django_tables2 as tables
from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from vokasi.audit import CHANGE_TYPES, ChangeFilters, audited_models, count_changes, recent_changes
from vokasi.forms import DateInput
from vokasi.history import Channel
from vokasi.models import Role, User
from vokasi.roles import role_required
from vokasi.tables import Table

PAGE_SIZE = 50


class ChangeFilterForm(forms.Form):
    model = forms.ChoiceField(label=_("record type"), required=False)
    user = forms.ModelChoiceField(
        label=_("changed by"), queryset=User.objects.order_by("username"), required=False
    )
    change_type = forms.ChoiceField(
        label=_("change"), required=False, choices=[("", "—"), *CHANGE_TYPES.items()]
    )
    channel = forms.ChoiceField(
        label=_("channel"), required=False, choices=[("", "—"), *Channel.choices]
    )
    object_id = forms.IntegerField(label=_("object id"), required=False, min_value=1)
    date_from = forms.DateField(label=_("from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("to"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", "—")] + [
            (model._meta.label_lower, str(model._meta.verbose_name_plural).capitalize())
            for model in audited_models()
        ]

    def filters(self) -> ChangeFilters:
        data = self.cleaned_data
        return ChangeFilters(
            model=data.get("model") or "",
            user_id=data["user"].pk if data.get("user") else None,
            change_type=data.get("change_type") or "",
            channel=data.get("channel") or "",
            object_id=data.get("object_id"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    return str(localize(value))


class ChangeTable(Table):
    at = tables.Column(verbose_name=_("when"), orderable=False)
    user = tables.Column(verbose_name=_("who"), orderable=False, default="—")
    channel = tables.Column(verbose_name=_("channel"), orderable=False)
    model_name = tables.Column(verbose_name=_("record"), orderable=False)
    object_id = tables.Column(verbose_name=_("id"), orderable=False)
    type_label = tables.Column(verbose_name=_("change"), orderable=False)
    changes = tables.Column(verbose_name=_("fields changed (before → after)"), orderable=False)

    class Meta:
        attrs = {"class": "table", "data-testid": "audit-changes"}

    def render_at(self, value):
        return localtime(value).strftime("%d-%m-%Y %H:%M:%S")

    def render_user(self, value):
        return value.get_username()

    def render_channel(self, value):
        return Channel(value).label if value in Channel.values else (value or "—")

    def render_object_id(self, record, value):
        meta = record.model._meta
        try:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[value])
        except NoReverseMatch:
            return value
        return format_html('<a href="{}">#{}</a>', url, value)

    def render_changes(self, record):
        if not record.changes:
            return record.reason or "—"
        return format_html(
            '<ul class="changes">{}</ul>',
            format_html_join(
                "",
                "<li><b>{}</b>: {} → {}</li>",
                ((c.label, _shown(c.before), _shown(c.after)) for c in record.changes),
            ),
        )

    def value_changes(self, record):  # plain text, should the table ever be exported
        return "; ".join(f"{c.label}: {c.before} -> {c.after}" for c in record.changes)


@role_required(Role.ADMIN)
def change_list(request: HttpRequest) -> HttpResponse:
    """Recent changes across the audited models, filterable; administrators only."""
    form = ChangeFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else ChangeFilters()
    try:
        page = max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        page = 1
    total = count_changes(filters)
    offset = (page - 1) * PAGE_SIZE
    changes = recent_changes(filters, offset=offset, limit=PAGE_SIZE) if offset < total else []
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "vokasi/audit_changes.html",
        {
            "form": form,
            "table": ChangeTable(changes),
            "total": total,
            "page": page,
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if offset + PAGE_SIZE < total else None,
            "query": query.urlencode(),
        },
    )
