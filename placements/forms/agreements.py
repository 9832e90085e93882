"""Forms of the agreement pages; the rules live in ``vokasi.agreements.services`` and
``placements.services.agreements``. Every id comes through a choice field built from what
the user may see."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from placements.models import Apprenticeship, Internship, Vacancy
from trainees.models import Cohort, Programme
from vokasi.agreements.models import Kind, Measure, ScopeItem, Status
from vokasi.agreements.services import MAX_TARGET, AgreementInput, PartyInput
from vokasi.forms import DateInput
from vokasi.models import Agreement, AgreementParty, Company, LabourOffice, TrainingProvider

#: The scope item a target typed on the agreement form belongs to.
MEASURE_ITEM = {
    Measure.TRAINED: ScopeItem.TRAINING,
    Measure.CERTIFIED: ScopeItem.TRAINING,
    Measure.APPRENTICED: ScopeItem.APPRENTICESHIP,
    Measure.INTERNED: ScopeItem.INTERNSHIP,
    Measure.PLACED: ScopeItem.PLACEMENT,
    Measure.SCHOLARSHIPS: ScopeItem.SCHOLARSHIP,
    Measure.AMOUNT: ScopeItem.TRAINING,
}


def organisation_choices(user) -> list:
    """Grouped choices ``office:ID``, ``provider:ID``, ``company:ID`` and ``other``."""
    return [
        ("", "—"),
        ("other", _("another body (name it)")),
        (_("Labour offices"), [(f"office:{o.pk}", o.name) for o in LabourOffice.objects.all()]),
        (
            _("Training providers and universities"),
            [(f"provider:{p.pk}", p.name) for p in TrainingProvider.objects.all()],
        ),
        (
            _("Companies"),
            [
                (f"company:{pk}", name)
                for pk, name in Company.objects.visible_to(user).values_list("pk", "name")
            ],
        ),
    ]


class PartyForm(forms.Form):
    organisation = forms.ChoiceField(label=_("party"), required=False)
    other_name = forms.CharField(label=_("name of the other body"), max_length=160, required=False)
    other_kind = forms.ChoiceField(
        label=_("kind of body"),
        choices=[("", "—"), *AgreementParty.OtherKind.choices],
        required=False,
    )
    role = forms.CharField(label=_("role"), max_length=120, required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = choices

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if organisation == "other" and not (cleaned.get("other_name") or "").strip():
            self.add_error("other_name", _("Name the other body."))
        if organisation not in ("", "other", None) and cleaned.get("other_name"):
            self.add_error("other_name", _("Only another body has a name typed here."))
        return cleaned

    def party(self) -> PartyInput | None:
        data = self.cleaned_data
        organisation = data.get("organisation")
        if not organisation:
            return None
        if organisation == "other":
            return PartyInput(
                kind="other",
                name=data["other_name"],
                other_kind=data.get("other_kind") or "",
                role=data.get("role") or "",
            )
        kind, pk = organisation.split(":")
        return PartyInput(kind=kind, organisation_id=int(pk), role=data.get("role") or "")


PartyFormSet = formset_factory(PartyForm, extra=0, max_num=12, absolute_max=12, min_num=2)


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Kind.choices)
    number = forms.CharField(label=_("number"), max_length=80)
    title = forms.CharField(label=_("title"), max_length=250)
    parent = forms.ModelChoiceField(
        Agreement.objects.none(),
        label=_("implements MoU"),
        required=False,
        help_text=_("For a PKS: the MoU it implements."),
    )
    signed_on = forms.DateField(label=_("signed on"), widget=DateInput())
    valid_from = forms.DateField(label=_("valid from"), widget=DateInput())
    valid_to = forms.DateField(label=_("valid to"), widget=DateInput())
    document = forms.FileField(
        label=_("document (PDF)"),
        required=False,
        help_text=_("The signed agreement as a PDF."),
    )
    scope = forms.MultipleChoiceField(
        label=_("scope"),
        choices=ScopeItem.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user=None, instance: Agreement | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Agreement.objects.visible_to(user).filter(kind=Kind.MOU)
        if instance is not None:
            parents = parents.exclude(pk=instance.pk)
        self.fields["parent"].queryset = parents
        for measure, item in MEASURE_ITEM.items():
            self.fields[f"target_{measure}"] = forms.IntegerField(
                label=_("target: %(measure)s (%(item)s)")
                % {"measure": Measure(measure).label, "item": ScopeItem(item).label},
                min_value=0,
                max_value=MAX_TARGET,
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The agreement cannot end before it starts."))
        items = set(cleaned.get("scope") or [])
        for measure, item in MEASURE_ITEM.items():
            if cleaned.get(f"target_{measure}") is not None and item not in items:
                self.add_error(
                    f"target_{measure}",
                    _("The agreement's scope has no %(item)s: tick it above or leave this empty.")
                    % {"item": ScopeItem(item).label},
                )
        return cleaned

    def scope_targets(self, keep: dict | None = None) -> dict[str, dict[str, int]]:
        """The scope as the service takes it; ``keep`` holds targets set on the agreement's
        page (on items or measures this form does not show), kept while their item stays."""
        items = list(self.cleaned_data["scope"])
        scope: dict[str, dict[str, int]] = {item: {} for item in items}
        for item, targets in (keep or {}).items():
            if item in scope:
                scope[item].update(
                    {m: t for m, t in targets.items() if MEASURE_ITEM.get(m) != item}
                )
        for measure, item in MEASURE_ITEM.items():
            value = self.cleaned_data.get(f"target_{measure}")
            if value is not None:
                scope[item][measure] = value
        return scope

    def data_for_service(self, parties: list[PartyInput], keep: dict | None = None):
        c = self.cleaned_data
        return AgreementInput(
            kind=c["kind"],
            number=c["number"],
            title=c["title"],
            signed_on=c["signed_on"],
            valid_from=c["valid_from"],
            valid_to=c["valid_to"],
            parent=c.get("parent"),
            parties=parties,
            scope=self.scope_targets(keep),
        )


class EvaluationForm(forms.Form):
    evaluated_on = forms.DateField(label=_("evaluated on"), widget=DateInput())
    status = forms.ChoiceField(label=_("status"), choices=Status.choices)
    note = forms.CharField(
        label=_("note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TargetForm(forms.Form):
    item = forms.ChoiceField(label=_("scope item"), choices=ScopeItem.choices)
    measure = forms.ChoiceField(label=_("measure"), choices=Measure.choices)
    target = forms.IntegerField(label=_("target"), min_value=0, max_value=MAX_TARGET)


class LinkForm(forms.Form):
    """Link one cohort, vacancy or apprenticeship (the lists hold only those of parties,
    dated within the agreement's validity)."""

    OFFERED = 100

    cohort = forms.ModelChoiceField(Cohort.objects.none(), label=_("cohort"), required=False)
    vacancy = forms.ModelChoiceField(Vacancy.objects.none(), label=_("vacancy"), required=False)
    apprenticeship = forms.ModelChoiceField(
        Apprenticeship.objects.none(), label=_("apprenticeship"), required=False
    )

    def __init__(self, *args, user=None, agreement: Agreement | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        providers = agreement.parties.filter(provider__isnull=False).values("provider_id")
        companies = agreement.parties.filter(company__isnull=False).values("company_id")
        self.fields["cohort"].queryset = (
            Cohort.objects.visible_to(user)
            .filter(programme__provider_id__in=providers)
            .exclude(agreement=agreement)
            .select_related("programme")
            .order_by("-start_date", "name")
        )
        self.fields["vacancy"].queryset = (
            Vacancy.objects.visible_to(user)
            .filter(company_id__in=companies)
            .exclude(agreement=agreement)
            .order_by("-opens_on")
        )
        self.fields["apprenticeship"].queryset = (
            Apprenticeship.objects.visible_to(user)
            .filter(company_id__in=companies, vacancy__isnull=True)
            .exclude(agreement=agreement)
            .select_related("job_seeker")
            .order_by("-start_date")
        )
        labels = {
            "cohort": lambda c: f"{c.programme.name} — {c.name} ({c.start_date:%d-%m-%Y})",
            "vacancy": lambda v: f"{v.title} ({v.opens_on:%d-%m-%Y})",
            "apprenticeship": lambda a: f"{a.job_seeker.name} ({a.start_date:%d-%m-%Y})",
        }
        for name, label in labels.items():
            # Any record of the list may be sent; the page offers the latest few, so a
            # provider with thousands of cohorts does not make a page of thousands.
            field = self.fields[name]
            field.label_from_instance = label
            if agreement is not None:
                field.queryset = field.queryset.filter(**self._around(name, agreement))
            field.widget.choices = [("", "---------")] + [
                (obj.pk, label(obj)) for obj in field.queryset[: self.OFFERED]
            ]

    @staticmethod
    def _around(name: str, agreement: Agreement) -> dict:
        field = {"cohort": "start_date", "vacancy": "opens_on", "apprenticeship": "start_date"}
        day = field[name]
        return {f"{day}__gte": agreement.valid_from, f"{day}__lte": agreement.valid_to}

    def clean(self):
        cleaned = super().clean()
        chosen = [n for n in ("cohort", "vacancy", "apprenticeship") if cleaned.get(n)]
        if len(chosen) != 1 and not self.errors:
            raise ValidationError(_("Choose one cohort, vacancy or apprenticeship to link."))
        return cleaned


class InternshipForm(forms.Form):
    student_name = forms.CharField(label=_("student name"), max_length=120)
    student_number = forms.CharField(label=_("student id number (NIM)"), max_length=30)
    study_programme = forms.CharField(label=_("study programme"), max_length=120, required=False)
    institution = forms.ModelChoiceField(AgreementParty.objects.none(), label=_("institution"))
    host = forms.ModelChoiceField(AgreementParty.objects.none(), label=_("host"))
    unit = forms.CharField(label=_("unit or ward"), max_length=120, required=False)
    start_date = forms.DateField(label=_("start date"), widget=DateInput())
    end_date = forms.DateField(label=_("end date"), widget=DateInput())
    supervisor = forms.CharField(label=_("supervisor"), max_length=120)
    outcome = forms.ChoiceField(label=_("outcome"), choices=Internship.Outcome.choices)

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        parties = agreement.parties.select_related("provider", "company")
        self.fields["institution"].queryset = parties.filter(kind="provider")
        self.fields["host"].queryset = parties.filter(kind__in=("company", "other"))
        for name in ("institution", "host"):
            self.fields[name].label_from_instance = lambda p: p.name

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The internship cannot end before it starts."))
        return cleaned


class UnlinkForm(forms.Form):
    """Unlink one record from the agreement (an internship, which belongs to it, is
    removed); each list holds only what is linked to this agreement and the caller sees."""

    FIELDS = ("cohort", "programme", "vacancy", "apprenticeship", "internship")

    cohort = forms.ModelChoiceField(Cohort.objects.none(), label=_("cohort"), required=False)
    programme = forms.ModelChoiceField(
        Programme.objects.none(), label=_("programme"), required=False
    )
    vacancy = forms.ModelChoiceField(Vacancy.objects.none(), label=_("vacancy"), required=False)
    apprenticeship = forms.ModelChoiceField(
        Apprenticeship.objects.none(), label=_("apprenticeship"), required=False
    )
    internship = forms.ModelChoiceField(
        Internship.objects.none(), label=_("internship"), required=False
    )

    def __init__(self, *args, user, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        linked = {
            "cohort": Cohort.objects.visible_to(user).select_related("programme"),
            "programme": Programme.objects.visible_to(user),
            "vacancy": Vacancy.objects.visible_to(user),
            "apprenticeship": Apprenticeship.objects.visible_to(user),
            "internship": Internship.objects.visible_to(user),
        }
        for name, queryset in linked.items():
            self.fields[name].queryset = queryset.filter(agreement=agreement)

    def clean(self):
        cleaned = super().clean()
        chosen = [n for n in self.FIELDS if cleaned.get(n)]
        if len(chosen) != 1 and not self.errors:
            raise ValidationError(_("Choose one linked record to unlink."))
        return cleaned

    @property
    def chosen(self) -> tuple[str, object]:
        name = next(n for n in self.FIELDS if self.cleaned_data.get(n))
        return name, self.cleaned_data[name]
