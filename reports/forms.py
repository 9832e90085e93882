"""The filter forms of the report pages; the API reads the same parameters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports import compliance
from reports.link_and_match import GROUPINGS
from reports.periods import MONTHS_ID, default_range
from trainees.models import FundingSource
from vokasi.forms import DateInput
from vokasi.models import LabourOffice, Sector, TrainingProvider, Vocation


class RangeForm(forms.Form):
    """``from`` and ``to`` (the names of the API parameters), defaulting to the last year."""

    def __init__(self, data=None, *, scope=None, **kwargs):
        data = data.copy() if data is not None else {}
        start, end = default_range()
        for name, value in (("from", start), ("to", end)):
            if not data.get(name):
                data[name] = value.isoformat()
        super().__init__(data, **kwargs)
        self.fields["from"] = forms.DateField(label=_("From"), widget=DateInput())
        self.fields["to"] = forms.DateField(label=_("To"), widget=DateInput())
        self.order_fields(["from", "to"])
        if scope is not None and scope.can_choose_office:
            self.fields["office"] = forms.ModelChoiceField(
                LabourOffice.objects.all(),
                required=False,
                label=_("Labour office"),
                empty_label=_("All offices"),
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", _("The end of the period comes before its start."))
        if start and end and (end - start).days > 366 * 5:
            self.add_error("to", _("A report covers at most five years."))
        return cleaned


class LinkMatchForm(RangeForm):
    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("by", "vocation")
        super().__init__(data, **kwargs)
        self.fields["by"] = forms.ChoiceField(choices=list(GROUPINGS.items()), label=_("By"))
        self.fields["vocation"] = forms.ModelChoiceField(
            Vocation.objects.all(), required=False, label=_("Vocation"), empty_label=_("All")
        )
        self.fields["sector"] = forms.ModelChoiceField(
            Sector.objects.filter(code__regex=r"^[A-U]$"),
            required=False,
            label=_("Sector"),
            empty_label=_("All"),
            to_field_name="code",
        )
        self.fields["provider"] = forms.ModelChoiceField(
            TrainingProvider.objects.all(),
            required=False,
            label=_("Training provider (pipeline)"),
            empty_label=_("All providers"),
        )


class OutcomeForm(RangeForm):
    BY = [
        ("programme", _("programme")),
        ("cohort", _("cohort")),
        ("provider", _("training provider")),
        ("funding", _("funding source")),
        ("sponsor", _("sponsor")),
        ("sex", _("sex")),
        ("education", _("education")),
        ("age_group", _("age group")),
        ("region", _("kecamatan")),
    ]

    def __init__(self, data=None, *, scope=None, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("by", "programme")
        super().__init__(data, scope=None, **kwargs)
        self.fields["by"] = forms.ChoiceField(choices=self.BY, label=_("By"))
        if scope is None or scope.provider is None:
            self.fields["provider"] = forms.ModelChoiceField(
                TrainingProvider.objects.all(),
                required=False,
                label=_("Training provider"),
                empty_label=_("All providers"),
            )
        self.fields["funding"] = forms.ChoiceField(
            choices=[("", _("All")), *FundingSource.choices],
            required=False,
            label=_("Funding source"),
        )
        self.fields["vocation"] = forms.ModelChoiceField(
            Vocation.objects.all(), required=False, label=_("Vocation"), empty_label=_("All")
        )


class IpkForm(forms.Form):
    KINDS = [
        ("month", _("month")),
        ("quarter", _("quarter")),
        ("semester", _("semester")),
        ("year", _("year")),
    ]
    MONTHS = list(enumerate(MONTHS_ID))[1:]

    kind = forms.ChoiceField(choices=KINDS, label=_("Period"), initial="month")
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    month = forms.TypedChoiceField(choices=MONTHS, coerce=int, required=False, label=_("Month"))
    quarter = forms.TypedChoiceField(
        choices=[(i, str(i)) for i in range(1, 5)], coerce=int, required=False, label=_("Quarter")
    )
    semester = forms.TypedChoiceField(
        choices=[(1, "1"), (2, "2")], coerce=int, required=False, label=_("Semester")
    )

    def __init__(self, data=None, *, scope=None, period=None, **kwargs):
        data = data.copy() if data is not None else {}
        if period is not None:
            data.setdefault("year", str(period.year))
            data.setdefault("kind", period.kind)
            if period.kind != "year":
                data.setdefault(period.kind, str(period.number))
        super().__init__(data, **kwargs)
        if scope is not None and scope.can_choose_office:
            self.fields["office"] = forms.ModelChoiceField(
                LabourOffice.objects.all(),
                required=False,
                label=_("Labour office"),
                empty_label=_("All offices"),
            )


class ComplianceForm(RangeForm):
    """The compliance report's and the ledger list's filters: the period, the grouping
    and (by company) the status at the period's end."""

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("by", "company")
        super().__init__(data, **kwargs)
        self.fields["by"] = forms.ChoiceField(choices=list(compliance.BY.items()), label=_("By"))
        self.fields["status"] = forms.ChoiceField(
            choices=[("", _("All")), *compliance.STATUSES.items()],
            required=False,
            label=_("Status"),
        )
