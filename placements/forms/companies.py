"""Forms of the company register's pages; the rules live in ``services/companies.py``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.services.companies import MAX_LENGTHS, WORKFORCE_MAX
from vokasi.models import LabourOffice, Region, Sector


class CompanyForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=MAX_LENGTHS["name"])
    nib = forms.CharField(
        label=_("NIB"), max_length=30, help_text=_("Nomor Induk Berusaha, 13 digits.")
    )
    npwp = forms.CharField(
        label=_("NPWP"),
        max_length=30,
        required=False,
        help_text=_("15 or 16 digits; dots and dashes may be typed."),
    )
    sector = forms.ModelChoiceField(
        label=_("KBLI sector"), queryset=Sector.objects.order_by("code"), to_field_name="code"
    )
    region = forms.ModelChoiceField(
        label=_("kecamatan"),
        queryset=Region.objects.filter(level=Region.Level.DISTRICT).order_by("code"),
        to_field_name="code",
    )
    address = forms.CharField(label=_("address"), max_length=MAX_LENGTHS["address"], required=False)
    workforce = forms.IntegerField(
        label=_("number of workers"), min_value=0, max_value=WORKFORCE_MAX
    )
    apindo_member_no = forms.CharField(
        label=_("Apindo member number"), max_length=MAX_LENGTHS["apindo_member_no"], required=False
    )
    contact_name = forms.CharField(
        label=_("contact person"), max_length=MAX_LENGTHS["contact_name"], required=False
    )
    contact_email = forms.EmailField(label=_("contact email"), required=False)
    contact_phone = forms.CharField(
        label=_("contact phone"), max_length=MAX_LENGTHS["contact_phone"], required=False
    )
    office = forms.ModelChoiceField(
        label=_("labour office keeping the register"),
        queryset=LabourOffice.objects.order_by("name"),
        required=False,
    )

    def __init__(self, *args, choose_office: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_office:
            del self.fields["office"]

    def company_data(self) -> dict:
        """The cleaned fields as the service reads them (codes for sector and kecamatan)."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "office"}
        data["sector"] = data["sector"].pk
        data["region"] = data["region"].pk
        return data


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("email"))
    name = forms.CharField(label=_("name"), max_length=150, required=False)
    username = forms.CharField(
        label=_("username"),
        max_length=150,
        required=False,
        help_text=_("Empty: the e-mail address."),
    )
    company_admin = forms.BooleanField(
        label=_("company administrator (invites colleagues, manages their keys)"),
        required=False,
    )
