from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from placements.models import Apprenticeship, Placement, Vacancy
from placements.services.placements import FOLLOW_UP_RECORDERS
from vokasi import exports
from vokasi.dates import add_months
from vokasi.formatting import badge
from vokasi.models import Company
from vokasi.roles import OFFICE, has_role, is_officer
from vokasi.tables import DateColumn, Table

STATUS_BADGE = {
    "open": "ok",
    "filled": "warn",
    "submitted": "warn",
    "closed": "bad",
    "rejected": "bad",
}


class VacancyTable(Table):
    id = tables.Column(verbose_name=_("Id"), visible=False)  # in the downloads only
    title = tables.LinkColumn("placements:vacancy-detail", args=[tables.A("pk")])
    company = tables.Column(accessor="company__name", verbose_name=_("company"))
    openings = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    filled = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    opens_on = DateColumn(format="d-m-Y")
    closes_on = DateColumn(format="d-m-Y")
    status = tables.Column()

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "title",
            "company",
            "kind",
            "occupation",
            "openings",
            "filled",
            "opens_on",
            "closes_on",
            "status",
        ]
        order_by = ["-opens_on"]
        attrs = {"class": "table", "data-testid": "vacancy-table"}

    export_kinds = {"id": exports.ID, "openings": exports.COUNT, "filled": exports.COUNT}

    def render_status(self, record, value):
        return badge(STATUS_BADGE.get(record.status, ""), value)

    def value_status(self, value):
        return value

    def render_occupation(self, record):
        return record.occupation.code


class PlacementTable(Table):
    person = tables.LinkColumn(
        "placements:placement-detail",
        args=[tables.A("pk")],
        accessor="job_seeker__name",
        verbose_name=_("name"),
        orderable=False,
    )
    company = tables.Column(accessor="employer_name", verbose_name=_("company"), orderable=False)
    id = tables.Column(verbose_name=_("Id"), visible=False)  # in the downloads only
    vacancy = tables.Column(accessor="vacancy__title", verbose_name=_("vacancy"), default="—")
    start_date = DateColumn(format="d-m-Y")
    wage = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})

    class Meta:
        model = Placement
        fields = [
            "id",
            "person",
            "company",
            "vacancy",
            "start_date",
            "contract_type",
            "wage",
            "source",
        ]
        order_by = ["-start_date"]
        attrs = {"class": "table", "data-testid": "placement-table"}

    export_kinds = {"id": exports.ID, "wage": exports.MONEY}

    def value_wage(self, value):
        return value

    def render_wage(self, value):
        from django.contrib.humanize.templatetags.humanize import intcomma

        return f"Rp {intcomma(value)}"


class ReferralTable(Table):
    """The download of a vacancy's referred candidates (the page draws its own HTML): the
    same fields the page shows, through ``CandidateSerializer``, so a company gets them
    pseudonymous (no NIK, address or birth date; contact only with consent)."""

    id = tables.Column(verbose_name=_("Id"))
    ref = tables.Column(verbose_name=_("reference"))
    name = tables.Column(verbose_name=_("name"))
    sex = tables.Column(verbose_name=_("sex"))
    age = tables.Column(verbose_name=_("age"))
    education = tables.Column(verbose_name=_("education"))
    skills = tables.Column(verbose_name=_("skills"))
    training = tables.Column(verbose_name=_("training"))
    contact = tables.Column(verbose_name=_("contact"))
    match_score = tables.Column(verbose_name=_("match score"))
    status = tables.Column(verbose_name=_("status"))
    referred_at = tables.Column(verbose_name=_("referred at"))

    export_kinds = {"id": exports.ID, "age": exports.COUNT, "match_score": exports.NUMBER}

    @staticmethod
    def rows(referrals) -> list[dict]:
        """One row per referral that carries its ``candidate`` (the serializer's data)."""
        rows = []
        for referral in referrals:
            c = referral.candidate
            contact = c.get("contact") or {}
            trainings = [f"{t['programme']} ({t['cohort']})" for t in c["trainings"]]
            rows.append(
                {
                    "id": referral.pk,
                    "ref": c["ref"],
                    "name": c["name"],
                    "sex": c["sex"],
                    "age": c["age"],
                    "education": (c["education"] or "").upper(),
                    "skills": ", ".join(
                        s["code"] + (" (K)" if s["certified"] else "") for s in c["skills"]
                    ),
                    "training": "; ".join(trainings),
                    "contact": " ".join(filter(None, [contact.get("phone"), contact.get("email")])),
                    "match_score": referral.match_score,
                    "status": referral.get_status_display(),
                    "referred_at": referral.referred_at,
                }
            )
        return rows


COMPANY_STATUS_BADGE = {"verified": "ok", "unverified": "warn", "suspended": "bad"}


def company_status_badge(status: str, label) -> str:
    """A company's register status as a badge: the list's column and the company's page."""
    return badge(COMPANY_STATUS_BADGE.get(status, ""), label)


class CompanyTable(Table):
    id = tables.Column(verbose_name=_("Id"), visible=False)  # in the downloads only
    name = tables.LinkColumn("placements:company-detail", args=[tables.A("pk")])
    nib = tables.Column(verbose_name=_("NIB"))
    sector = tables.Column(accessor="sector_id", verbose_name=_("KBLI"))
    region = tables.Column(accessor="region__name", verbose_name=_("kecamatan"))
    workforce = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    status = tables.Column()

    class Meta:
        model = Company
        fields = ["id", "name", "nib", "sector", "region", "workforce", "status"]
        order_by = ["name"]
        attrs = {"class": "table", "data-testid": "company-table"}

    export_kinds = {"id": exports.ID, "workforce": exports.COUNT}

    def render_status(self, record, value):
        return company_status_badge(record.status, value)

    def value_status(self, value):
        return value


class HireTable(Table):
    """Reported hires: never the NIK; whether the person was a registered job seeker."""

    id = tables.Column(verbose_name=_("Id"), visible=False)  # in the downloads only
    external_ref = tables.Column(verbose_name=_("company reference"))
    name = tables.Column(verbose_name=_("name"))
    company = tables.Column(accessor="company__name", verbose_name=_("company"))
    vacancy = tables.Column(accessor="vacancy__title", verbose_name=_("vacancy"), default="—")
    domicile = tables.Column(
        accessor="domicile__name", verbose_name=_("domicile"), default=_("outside the city")
    )
    start_date = DateColumn(format="d-m-Y")
    wage = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    matched = tables.BooleanColumn(
        accessor="job_seeker_id", verbose_name=_("registered job seeker"), orderable=False
    )

    class Meta:
        from placements.models import Hire

        model = Hire
        fields = [
            "id",
            "external_ref",
            "name",
            "sex",
            "birth_year",
            "company",
            "vacancy",
            "domicile",
            "occupation",
            "start_date",
            "employment_type",
            "wage",
            "matched",
        ]
        order_by = ["-start_date"]
        attrs = {"class": "table", "data-testid": "hire-table"}

    export_kinds = {"id": exports.ID, "wage": exports.MONEY, "birth_year": exports.ID}

    def value_wage(self, value):
        return value

    def render_wage(self, value):
        from django.contrib.humanize.templatetags.humanize import intcomma

        return f"Rp {intcomma(value)}"

    def render_occupation(self, record):
        return record.occupation_id

    def render_company(self, record, value):
        """The office reaches each company's reported hires from here."""
        user = getattr(getattr(self, "request", None), "user", None)
        if user is None or not has_role(user, OFFICE):
            return value
        url = reverse("placements:company-hire-list", args=[record.company_id])
        return format_html('<a href="{}">{}</a>', url, value)

    def value_company(self, value):
        return value

    def value_matched(self, value):
        return value is not None

    def render_matched(self, value):
        return _("yes") if value else _("no")


APPRENTICESHIP_STATUS_BADGE = {
    Apprenticeship.Status.PROPOSED: "warn",
    Apprenticeship.Status.APPROVED: "ok",
    Apprenticeship.Status.RUNNING: "ok",
    Apprenticeship.Status.DROPPED: "bad",
    Apprenticeship.Status.COMPLETED: "ok",
}


class ApprenticeshipTable(Table):
    id = tables.Column(verbose_name=_("Id"), visible=False)  # in the downloads only
    person = tables.LinkColumn(
        "placements:apprenticeship-detail",
        args=[tables.A("pk")],
        accessor="job_seeker__name",
        verbose_name=_("name"),
        order_by=("job_seeker__name",),
    )
    company = tables.Column(accessor="company__name", verbose_name=_("company"))
    vacancy = tables.Column(accessor="vacancy__title", verbose_name=_("vacancy"), default="—")
    start_date = DateColumn(format="d-m-Y")
    duration_months = tables.Column(attrs={"td": {"class": "num"}, "th": {"class": "num"}})
    status = tables.Column()
    approved_on = DateColumn(format="d-m-Y", default="—")
    finished_on = DateColumn(format="d-m-Y", default="—")

    class Meta:
        model = Apprenticeship
        fields = [
            "id",
            "person",
            "company",
            "vacancy",
            "start_date",
            "duration_months",
            "status",
            "approved_on",
            "finished_on",
        ]
        order_by = ["-start_date"]
        attrs = {"class": "table", "data-testid": "apprenticeship-table"}

    export_kinds = {"id": exports.ID, "duration_months": exports.COUNT}

    def render_status(self, record, value):
        return badge(APPRENTICESHIP_STATUS_BADGE.get(record.status, ""), value)

    def value_status(self, value):
        return value


class FollowUpDueTable(Table):
    job_seeker = tables.Column(accessor="job_seeker__name", verbose_name=_("Name"))
    company = tables.Column(accessor="employer_name", verbose_name=_("Company"), orderable=False)
    start_date = DateColumn(format="d-m-Y", verbose_name=_("Start date"))
    due_on = tables.Column(empty_values=(), orderable=False, verbose_name=_("Due on"))
    contract_type = tables.Column(verbose_name=_("Contract"))
    actions = tables.Column(
        empty_values=(), orderable=False, verbose_name=_("Actions"), exclude_from_export=True
    )

    class Meta:
        attrs = {"class": "table", "data-testid": "follow-ups-due"}
        order_by = ("start_date",)

    def __init__(self, *args, months: int, user, back: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.months = months
        self.is_officer = is_officer(user)
        self.can_record = has_role(user, FOLLOW_UP_RECORDERS)
        self.back = back
        if not self.can_record:
            self.columns.hide("actions")

    def render_job_seeker(self, record, value) -> str:
        # The officer goes to the person's page; a company sees only its placement.
        if self.is_officer:
            url = reverse("trainees:job-seeker-detail", args=[record.job_seeker_id])
        else:
            url = reverse("placements:placement-detail", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, value)

    export_kinds = {"due_on": exports.DATE}

    def render_due_on(self, record) -> str:
        return add_months(record.start_date, self.months).strftime("%d-%m-%Y")

    def render_actions(self, record) -> str:
        record_url = reverse("placements:placement-follow-up", args=[record.pk])
        return format_html(
            '<a class="button primary" href="{}?{}" data-testid="record-follow-up">{}</a> '
            '<a href="{}">{}</a>',
            record_url,
            urlencode({"next": self.back}),
            _("Record follow-up"),
            reverse("placements:placement-detail", args=[record.pk]),
            _("Placement"),
        )

    def value_job_seeker(self, value):
        return value

    def value_due_on(self, record):
        return add_months(record.start_date, self.months)
