"""A hand-built register for the reporting ledger: every definition of
``reports/compliance.py`` met at least once, and an independent recomputation of every
number by plain loops over the rows (never the report's code)."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings

from placements.models import Hire, Placement, Vacancy
from tests import factories
from trainees.models import Enrollment
from vokasi.models import Company

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
FROM = datetime.date(2025, 1, 1)
TO = datetime.date(2025, 6, 30)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=JAKARTA)


def reported_on(obj, day: datetime.date, hour: int = 10):
    type(obj).objects.filter(pk=obj.pk).update(created_at=at(day, hour))
    obj.refresh_from_db()
    return obj


def vacancy(company, created: datetime.date, **kw):
    kw.setdefault("opens_on", created)
    kw.setdefault("closes_on", created + datetime.timedelta(days=30))
    return reported_on(factories.vacancy(company, **kw), created)


def hire(company, start: datetime.date, *, created: datetime.date | None = None, **kw):
    n = factories.next_serial()
    defaults = {
        "name": f"Pekerja {n}",
        "sex": "L",
        "birth_year": 1999,
        "education_id": "smk",
        "domicile_id": "36.72.04",
        "occupation_id": "7212",
        "start_date": start,
        "employment_type": "pkwt",
        "wage": 5_000_000,
    }
    defaults.update(kw)
    return reported_on(Hire.objects.create(company=company, **defaults), created or start)


@dataclass
class Ledger:
    reporting: Company  # reports vacancies and hires, one of each kind of hire
    overdue: Company  # one overdue vacancy beside several that are not
    never: Company  # on the register, nothing reported
    referring: Company  # fills only through Vokasi placements
    elsewhere: Company  # another office's register


def build(world) -> Ledger:
    office_a, office_b = world.office_a, world.office_b
    reporting = factories.company(name="PT Lapor Rutin", office=office_a, sector_id="C")
    overdue = factories.company(
        name="PT Telat Lapor", office=office_a, sector_id="H", region_id="36.72.03"
    )
    never = factories.company(name="PT Diam Saja", office=office_a, sector_id="C")
    referring = factories.company(
        name="PT Lewat Disnaker", office=office_a, sector_id="H", region_id="36.72.03"
    )
    elsewhere = factories.company(name="PT Kota Lain", office=office_b, region_id="36.73.01")

    # reporting: a vacancy in February filled by a hire in March; hires of every kind.
    v1 = vacancy(reporting, datetime.date(2025, 2, 10), openings=4)
    hire(reporting, datetime.date(2025, 3, 15), vacancy=v1)  # local
    hire(reporting, datetime.date(2025, 4, 1), domicile_id=None)  # outside the city
    hire(reporting, datetime.date(2025, 4, 2), domicile_id="36.73.01")  # Serang: not local
    person = factories.job_seeker(office_a)
    referred_placement = factories.placement(
        v1, person, start_date=datetime.date(2025, 5, 5), source=Placement.Source.REFERRAL
    )
    hire(
        reporting,
        datetime.date(2025, 5, 5),
        vacancy=v1,
        job_seeker=person,
        placement=referred_placement,
    )  # referred by Vokasi
    graduate = factories.job_seeker(office_a)
    course = factories.cohort(
        factories.programme(world.provider_a),
        start_date=datetime.date(2025, 1, 6),
        end_date=datetime.date(2025, 3, 31),
    )
    factories.enrollment(
        course, graduate, enrolled_on=datetime.date(2025, 1, 6), status=Enrollment.Status.COMPLETED
    )
    hire(reporting, datetime.date(2025, 4, 14), job_seeker=graduate)  # trained before
    late_course = factories.cohort(
        factories.programme(world.provider_a),
        start_date=datetime.date(2025, 5, 1),
        end_date=datetime.date(2025, 6, 20),
    )
    learner = factories.job_seeker(office_a)
    factories.enrollment(
        late_course,
        learner,
        enrolled_on=datetime.date(2025, 5, 1),
        status=Enrollment.Status.COMPLETED,
    )
    hire(reporting, datetime.date(2025, 6, 2), job_seeker=learner)  # trained only after
    hire(reporting, datetime.date(2024, 12, 20))  # before the period

    # overdue: one vacancy overdue, the others each not overdue for another reason.
    day = TO
    grace = settings.VOKASI_FILL_REPORT_GRACE_DAYS
    vacancy(
        overdue,
        datetime.date(2025, 1, 20),
        closes_on=day - datetime.timedelta(days=grace + 1),
        title="Overdue",
    )
    vacancy(
        overdue,
        datetime.date(2025, 3, 1),
        closes_on=day - datetime.timedelta(days=grace),
        title="Within grace",
    )
    for reason in ("cancelled", "taken_down"):
        vacancy(
            overdue,
            datetime.date(2025, 1, 5),
            closes_on=datetime.date(2025, 2, 1),
            status="closed",
            close_reason=reason,
            closed_on=datetime.date(2025, 1, 25),
            title=reason,
        )
    vacancy(
        overdue,
        datetime.date(2025, 1, 7),
        closes_on=datetime.date(2025, 2, 1),
        status="filled",
        close_reason="filled",
        closed_on=datetime.date(2025, 1, 30),
        title="closed as filled",
    )
    vacancy(
        overdue,
        datetime.date(2025, 1, 8),
        closes_on=datetime.date(2025, 2, 1),
        status="rejected",
        title="rejected",
    )
    vacancy(
        overdue,
        datetime.date(2024, 11, 3),
        closes_on=datetime.date(2024, 12, 1),
        status="closed",
        close_reason="expired",
        closed_on=datetime.date(2024, 12, 1),
        title="expired unfilled, reported before the period",
    )

    # referring: the vacancy is filled through a referral and an apprenticeship.
    v2 = vacancy(referring, datetime.date(2025, 4, 1), closes_on=datetime.date(2025, 4, 20))
    factories.placement(
        v2,
        factories.job_seeker(office_a),
        start_date=datetime.date(2025, 4, 25),
        source=Placement.Source.REFERRAL,
    )
    v3 = vacancy(referring, datetime.date(2025, 3, 1), closes_on=datetime.date(2025, 3, 10))
    factories.placement(
        v3,
        factories.job_seeker(office_a),
        start_date=datetime.date(2025, 7, 15),  # after the period: not yet a fill at its end
        source=Placement.Source.APPRENTICESHIP,
    )

    # elsewhere: another office's company reports too; officer A never counts it.
    vacancy(elsewhere, datetime.date(2025, 2, 2))
    hire(elsewhere, datetime.date(2025, 2, 3))
    return Ledger(reporting, overdue, never, referring, elsewhere)


# ---------------------------------------------------------- the independent recount


def _local_day(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(JAKARTA).date()


def fill_date(vacancy: Vacancy) -> datetime.date | None:
    days = [h.start_date for h in Hire.objects.filter(vacancy=vacancy)]
    days += [
        p.start_date
        for p in Placement.objects.filter(vacancy=vacancy)
        if p.source in ("referral", "apprenticeship")
    ]
    if vacancy.close_reason == "filled":
        days.append(vacancy.closed_on or vacancy.closes_on)
    return min(days) if days else None


def is_overdue(vacancy: Vacancy, day: datetime.date) -> bool:
    grace = settings.VOKASI_FILL_REPORT_GRACE_DAYS
    if vacancy.status == "rejected":
        return False
    if (day - vacancy.closes_on).days <= grace:
        return False
    if vacancy.close_reason in ("cancelled", "taken_down") and (
        vacancy.closed_on is None or vacancy.closed_on <= day
    ):
        return False
    filled = fill_date(vacancy)
    return filled is None or filled > day


def recount(companies, date_from: datetime.date, date_to: datetime.date) -> dict[int, dict]:
    """Every number of the report for each company, counted one row at a time."""
    day = date_to
    out = {}
    for company in companies:
        vacancies = list(Vacancy.objects.filter(company=company))
        hires = list(Hire.objects.filter(company=company))
        in_period = [v for v in vacancies if date_from <= _local_day(v.created_at) <= date_to]
        period_hires = [h for h in hires if date_from <= h.start_date <= date_to]
        city = company.office.region_id if company.office_id else None

        def trained(h):
            if h.job_seeker_id is None:
                return False
            return any(
                e.status == "completed" and e.cohort.end_date < h.start_date
                for e in Enrollment.objects.filter(job_seeker_id=h.job_seeker_id)
            )

        fills = [v for v in vacancies if (d := fill_date(v)) and date_from <= d <= date_to]
        row = {
            "companies": 1,
            "vacancies": len(in_period),
            "openings": sum(v.openings for v in in_period),
            "fills_reported": len(fills),
            "hires": len(period_hires),
            "hires_local": sum(
                1
                for h in period_hires
                if city and h.domicile_id and h.domicile_id.startswith(city + ".")
            ),
            "hires_referred": sum(
                1 for h in period_hires if h.placement_id and h.placement.source == "referral"
            ),
            "hires_trained": sum(1 for h in period_hires if trained(h)),
            "overdue": sum(1 for v in vacancies if is_overdue(v, day)),
        }
        row["companies_reporting"] = int(
            bool(row["vacancies"] or row["hires"] or row["fills_reported"])
        )
        ever = any(_local_day(v.created_at) <= day for v in vacancies) or any(
            h.start_date <= day or _local_day(h.created_at) <= day for h in hires
        )
        row["status"] = "never" if not ever else ("overdue" if row["overdue"] else "reporting")
        out[company.pk] = row
    return out
