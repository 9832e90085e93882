"""Forms for a cohort's funding, CSR commitments and the tracer. They shape input; the
services (``trainees.services.funding`` and ``.tracer``) decide the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trainees.models import CsrCommitment, Enrollment, FundingLineSource, GraduateStatus
from trainees.services.funding import LineInput
from trainees.services.tracer import StatusInput
from vokasi.bounds import MONEY_MAX
from vokasi.forms import DateInput
from vokasi.models import Company, Sector


def _money(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MONEY_MAX,
        initial=0,
        widget=forms.NumberInput(attrs={"step": 1, "inputmode": "numeric"}),
    )


class FundingLineForm(forms.Form):
    # A blank first choice: the empty extra line stays unchanged, so it is not saved.
    source = forms.ChoiceField(
        label=_("Funding source"), choices=[("", "---------"), *FundingLineSource.choices]
    )
    sponsor = forms.ModelChoiceField(
        label=_("Sponsor"),
        queryset=Company.objects.none(),
        required=False,
    )
    commitment = forms.ModelChoiceField(
        label=_("CSR commitment"), queryset=CsrCommitment.objects.none(), required=False
    )
    budgeted = _money(_("Budget (Rp)"))
    spent = _money(_("Spent (Rp)"))
    seats = forms.IntegerField(label=_("Seats (packages)"), min_value=0, max_value=40, initial=0)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sponsor"].queryset = Company.objects.visible_to(user).order_by("name")
        self.fields["commitment"].queryset = CsrCommitment.objects.visible_to(user).select_related(
            "sponsor"
        )
        # The lines are table rows: each input is named by its column's header.
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))

    def line(self) -> LineInput:
        data = self.cleaned_data
        return LineInput(
            source=data["source"],
            sponsor=data.get("sponsor"),
            commitment=data.get("commitment"),
            budgeted=data["budgeted"],
            spent=data["spent"],
            seats=data["seats"],
        )


class BaseFundingFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = str(_("Delete"))

    def lines(self) -> list[LineInput]:
        """Every line kept: the saved ones not ticked for deletion, and new ones filled in."""
        kept = []
        for index, form in enumerate(self.forms):
            if self._should_delete_form(form):
                continue
            if index < self.initial_form_count() or form.has_changed():
                kept.append(form.line())
        return kept


FundingFormSet = forms.formset_factory(
    FundingLineForm,
    formset=BaseFundingFormSet,
    extra=1,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


class CsrCommitmentForm(forms.Form):
    sponsor = forms.ModelChoiceField(label=_("Company"), queryset=Company.objects.none())
    title = forms.CharField(label=_("Title"), max_length=160)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    seats = forms.IntegerField(
        label=_("Seats (packages) committed"), min_value=1, max_value=100_000
    )
    amount = _money(_("Amount committed (Rp)"))
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sponsor"].queryset = Company.objects.visible_to(user).order_by("name")
        self.fields["year"].initial = timezone.localdate().year


class GraduateStatusForm(forms.Form):
    enrollment = forms.ModelChoiceField(label=_("Graduate"), queryset=Enrollment.objects.none())
    months_after = forms.TypedChoiceField(
        label=_("Months after the cohort"),
        choices=[(m, m) for m in GraduateStatus.MONTHS],
        coerce=int,
    )
    status = forms.ChoiceField(label=_("Status"), choices=GraduateStatus.Status.choices)
    sector = forms.ModelChoiceField(
        label=_("Business sector (KBLI)"),
        queryset=Sector.objects.filter(code__regex=r"^[A-U]$|^[0-9]{2}$"),
        required=False,
        help_text=_("For employed and self-employed graduates."),
    )
    checked_on = forms.DateField(label=_("Checked on"), widget=DateInput())

    def __init__(self, *args, enrollments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrollment"].queryset = enrollments
        self.fields["checked_on"].initial = timezone.localdate()

    def status_input(self) -> StatusInput:
        data = self.cleaned_data
        return StatusInput(
            status=data["status"],
            checked_on=data["checked_on"],
            months_after=data["months_after"],
            sector=data.get("sector"),
        )


class TracerUploadForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
    dry_run = forms.BooleanField(
        label=_("Only check the file, save nothing"), required=False, initial=True
    )
