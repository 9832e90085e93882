"""The form recording a scholarship on an agreement; the rules are the service's
(``trainees.services.scholarships``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from trainees.forms.training import DateInput
from trainees.models import JobSeeker, Scholarship
from trainees.services.scholarships import ScholarshipInput
from vokasi.bounds import MONEY_MAX


class ScholarshipForm(forms.Form):
    recipient_name = forms.CharField(label=_("recipient"), max_length=120, required=False)
    job_seeker = forms.ModelChoiceField(
        JobSeeker.objects.none(),
        label=_("or a registered job seeker (AK/I number)"),
        to_field_name="registration_number",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "invalid_choice": _("No job seeker of your office has this AK/I number."),
        },
    )
    institution = forms.CharField(label=_("institution of study"), max_length=160)
    study_programme = forms.CharField(label=_("study programme"), max_length=120)
    awarded_on = forms.DateField(label=_("awarded on"), widget=DateInput())
    amount = forms.IntegerField(
        label=_("amount (Rp)"),
        min_value=0,
        max_value=MONEY_MAX,
        widget=forms.NumberInput(attrs={"step": 1, "inputmode": "numeric"}),
    )
    status = forms.ChoiceField(label=_("status"), choices=Scholarship.Status.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_seeker"].queryset = JobSeeker.objects.visible_to(user)

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not cleaned.get("job_seeker")
            and not (cleaned.get("recipient_name") or "").strip()
        ):
            raise ValidationError(_("Name the recipient, or give a registered job seeker."))
        return cleaned

    def to_input(self) -> ScholarshipInput:
        data = self.cleaned_data
        return ScholarshipInput(
            recipient_name=data.get("recipient_name") or "",
            job_seeker=data.get("job_seeker"),
            institution=data["institution"],
            study_programme=data["study_programme"],
            awarded_on=data["awarded_on"],
            amount=data["amount"],
            status=data["status"],
        )


class ScholarshipStatusForm(forms.Form):
    """What became of a scholarship: on its own page, and small on each row of the
    agreement's page (``auto_id`` set per row, so every label names its own field)."""

    status = forms.ChoiceField(label=_("status"), choices=Scholarship.Status.choices)
    ended_on = forms.DateField(
        label=_("ended on"),
        required=False,
        widget=DateInput(),
        help_text=_("When it was completed or dropped, if known; empty while awarded."),
    )

    @classmethod
    def for_row(cls, scholarship: Scholarship) -> ScholarshipStatusForm:
        return cls(
            initial={"status": scholarship.status, "ended_on": scholarship.ended_on},
            auto_id=f"id_scholarship_{scholarship.pk}_%s",
        )
