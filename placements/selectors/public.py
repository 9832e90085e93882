"""The public vacancy board (Perpres 57/2023 Pasal 9): vacancies anyone may read.

One definition serves the page (``/lowongan/``) and the API (``/api/v1/public/vacancies/``):

- **Shown**: a vacancy whose status is ``open`` and whose validity includes today
  (``opens_on`` ≤ today ≤ ``closes_on``). An ``open`` vacancy past its closing date is
  not shown (the company has not closed it yet, but nobody should apply any more); one
  whose opening date is still ahead is not shown yet. Anything else (submitted,
  rejected, closed, filled) does not exist for the public: 404.
- **Order**: newest first (``opens_on`` descending, then id), stable across pages.
- **Filters** (``PublicVacancyFilterForm``, the same for the page and the API): ``q``
  words, each found in the title, the description or the company's name; ``skill``
  required or preferred; ``region`` the workplace kecamatan; ``education`` the vacancies
  a person with that education may apply to (no minimum, or a minimum at most that
  level: SMA and SMK are one level); ``sector`` a KBLI category letter or a code prefix
  of the company's sector.
- **How to apply**: through the labour office of the workplace's city with the AK/I
  card (``how_to_apply_parts``), and the company's own channel when it gave one.

Only public facts leave here: never ``external_ref``, the company's internal counts,
who created or verified the vacancy, or the ids of other objects.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from placements.models import Vacancy, VacancySkill
from vokasi.forms import ListedChoices
from vokasi.models import Company, EducationLevel, LabourOffice, Region, Skill

#: At most this many words of ``q`` are searched (more narrows nothing useful).
MAX_WORDS = 8
#: Words shorter than this are ignored: "di", "&" would match nearly everything.
SHORTEST_WORD = 2
#: A word naming more companies than this is searched in the company names by a join.
MAX_COMPANIES = 2000
SECTOR_PATTERN = re.compile(r"^(?:[A-Ua-u]|\d{1,5})$")


def public_vacancies(today: datetime.date | None = None) -> QuerySet[Vacancy]:
    """The vacancies on the board today, newest first, with what a listing shows."""
    today = today or timezone.localdate()
    return (
        Vacancy.objects.filter(
            status=Vacancy.Status.OPEN, opens_on__lte=today, closes_on__gte=today
        )
        .select_related("company__sector", "occupation", "education_min", "region")
        .prefetch_related(
            Prefetch(
                "skill_rows",
                queryset=VacancySkill.objects.select_related("skill").order_by(
                    "-required", "skill_id"
                ),
            )
        )
        .order_by("-opens_on", "-id")
    )


class CodeChoiceField(forms.ModelChoiceField):
    """A reference row named by its code; the option shows the name."""

    iterator = ListedChoices

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("all"))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return obj.name


class PublicVacancyFilterForm(forms.Form):
    """The board's search: the page's form and the API's query parameters."""

    q = forms.CharField(label=_("Words"), required=False, max_length=200, strip=True)
    skill = CodeChoiceField(
        label=_("Skill"), queryset=Skill.objects.order_by("name"), required=False
    )
    region = CodeChoiceField(
        label=_("Kecamatan"),
        queryset=Region.objects.filter(level=Region.Level.DISTRICT).order_by("name"),
        required=False,
    )
    education = CodeChoiceField(
        label=_("My education"), queryset=EducationLevel.objects.all(), required=False
    )
    sector = forms.CharField(
        label=_("Sector (KBLI)"),
        required=False,
        max_length=5,
        help_text=_("A KBLI category letter (C) or the start of a code (24)."),
    )

    def clean_sector(self) -> str:
        value = self.cleaned_data["sector"].strip()
        if value and not SECTOR_PATTERN.match(value):
            raise forms.ValidationError(
                gettext("A KBLI category letter (A–U) or up to five digits of a KBLI code.")
            )
        return value.upper()

    def filter(self, queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
        """``queryset`` narrowed by the valid form's choices."""
        data = self.cleaned_data
        words = [w for w in data.get("q", "").split() if len(w) >= SHORTEST_WORD][:MAX_WORDS]
        for word in words:
            # The companies first, as ids: the condition on the vacancy alone lets
            # PostgreSQL answer each part from an index (trigram on title and description,
            # the company's) instead of joining every company to every open vacancy.
            companies = list(
                Company.objects.filter(name__icontains=word).values_list("pk", flat=True)[
                    : MAX_COMPANIES + 1
                ]
            )
            by_company = (
                Q(company__name__icontains=word)
                if len(companies) > MAX_COMPANIES
                else Q(company_id__in=companies)
            )
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(description__icontains=word) | by_company
            )
        if data.get("skill"):
            queryset = queryset.filter(skill_rows__skill=data["skill"])
        if data.get("region"):
            queryset = queryset.filter(region=data["region"])
        if data.get("education"):
            queryset = queryset.filter(
                Q(education_min__isnull=True) | Q(education_min__level__lte=data["education"].level)
            )
        sector = data.get("sector")
        if sector and sector.isalpha():
            queryset = queryset.filter(company__sector__category=sector)
        elif sector:
            queryset = queryset.filter(company__sector__code__startswith=sector)
        return queryset


def offices_by_city() -> dict[str, LabourOffice]:
    """Every labour office by its city's region code ("36.72"); a handful of rows."""
    return {office.region_id: office for office in LabourOffice.objects.all()}


def how_to_apply_parts(vacancy: Vacancy, offices: dict[str, LabourOffice]) -> list[str]:
    """How to apply, in the request's language: the office first, then the company.

    The office is the labour office of the workplace's city (else the one keeping the
    company's register): a job seeker registers there (or brings the AK/I card they
    have) and the officers refer them. The company's channel follows when it gave one.
    """
    office = offices.get(vacancy.region_id[:5]) or offices_by_pk(offices).get(
        vacancy.company.office_id
    )
    if office is not None:
        where = f"{office.name}, {office.address}" if office.address else office.name
        parts = [
            gettext(
                "Come to %(office)s with your AK/I card (kartu kuning); if you have none, "
                "register there first. The officers will refer you to this vacancy."
            )
            % {"office": where}
        ]
    else:
        parts = [
            gettext(
                "Come to the labour office (Disnaker) of your city with your AK/I card "
                "(kartu kuning); the officers will refer you to this vacancy."
            )
        ]
    channel = vacancy.how_to_apply.strip()
    if channel:
        text = gettext("Or apply directly to the company: %(channel)s")
        parts.append(text % {"channel": channel})
    return parts


def offices_by_pk(offices: dict[str, LabourOffice]) -> dict[int, LabourOffice]:
    return {office.pk: office for office in offices.values()}


def how_to_apply_text(vacancy: Vacancy, offices: dict[str, LabourOffice]) -> str:
    """The parts as one text, as the API gives it."""
    return " ".join(how_to_apply_parts(vacancy, offices))
