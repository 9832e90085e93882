"""The students of the Poltekkes Kemenkes Banten MoU (``agreements``): internships at the
city hospital and two puskesmas, and service-bond scholarships, drawn from the agreements'
own random stream."""

from __future__ import annotations

import datetime

from placements.models import Internship
from trainees.models import Scholarship
from vokasi.dates import add_months

from . import names as fictional

#: Where the students intern, and the units there (each host is a party of the MoU).
HOSTS = (
    ("RSUD Kota Cilegon", ("IGD", "Rawat Inap", "Farmasi", "Laboratorium", "Radiologi")),
    ("UPTD Puskesmas Cilegon", ("KIA", "Gizi", "Kesehatan Lingkungan")),
    ("UPTD Puskesmas Ciwandan", ("KIA", "Gizi", "Promosi Kesehatan")),
)
STUDY_PROGRAMMES = (
    "D3 Keperawatan",
    "D3 Kebidanan",
    "D3 Farmasi",
    "D3 Analis Kesehatan",
    "D4 Gizi",
    "D3 Kesehatan Lingkungan",
)


def _internship(health, rng, start, today, used, institution, hosts, officer) -> Internship:
    """One student's internship starting on ``start``, with a student number not in
    ``used`` (which it joins)."""
    female = rng.random() < 0.75
    given = rng.choice(fictional.FEMALE_GIVEN_NAMES if female else fictional.MALE_GIVEN_NAMES)
    second = rng.choice(fictional.FEMALE_SECOND_NAMES if female else fictional.MALE_SECOND_NAMES)
    while True:
        number = f"P2{start.year % 100:02d}{rng.randint(100, 999)}{rng.randint(10, 99)}"
        if number not in used:
            used.add(number)
            break
    host_index = rng.randrange(len(hosts))
    end = start + datetime.timedelta(weeks=rng.choice((4, 6, 8)))
    return Internship(
        agreement=health,
        student_name=f"{given} {second}",
        student_number=number,
        study_programme=rng.choice(STUDY_PROGRAMMES),
        institution=institution,
        host=hosts[host_index],
        unit=rng.choice(HOSTS[host_index][1]),
        start_date=start,
        end_date=end,
        supervisor=rng.choice(("Ns. ", "dr. ", "Bd. ", "apt. "))
        + rng.choice(fictional.FEMALE_GIVEN_NAMES)
        + " "
        + rng.choice(fictional.FAMILY_OR_SECOND_NAMES),
        outcome=(
            "ongoing" if end >= today else ("discontinued" if rng.random() < 0.04 else "completed")
        ),
        recorded_by=officer,
    )


def seed_internships(health, rng, health_start, today, institution, hosts, officer) -> list:
    """The Poltekkes MoU's student internships: a group every two months or so since the
    MoU, at most 48."""
    internships = []
    used = set()
    start = health_start + datetime.timedelta(days=(7 - health_start.weekday()) % 7)
    while start <= today and len(internships) < 48:
        for _k in range(rng.randint(4, 8)):
            internships.append(
                _internship(health, rng, start, today, used, institution, hosts, officer)
            )
        start = add_months(start, 2) + datetime.timedelta(days=rng.randint(0, 6))
    return Internship.objects.bulk_create(internships)


def _ended_on(scholarship: Scholarship, today: datetime.date) -> datetime.date | None:
    """When a demo scholarship ended, drawn from no random stream (the rest of the demo
    stays as it was): a D3 graduates at the end of July three years on; a drop-out leaves
    in the first semester."""
    if scholarship.status == "completed":
        return datetime.date(scholarship.awarded_on.year + 3, 7, 31)
    if scholarship.status == "dropped":
        return min(today, scholarship.awarded_on + datetime.timedelta(days=150))
    return None


def _first_semester_drop_out(made: list[Scholarship], today: datetime.date) -> None:
    """The first recipient two months into the study leaves it (the demo then shows each
    status even in the MoU's first year: its first award is always at least 76 days
    before ``today``); chosen by position, not drawn."""
    for scholarship in made:
        left = scholarship.awarded_on + datetime.timedelta(days=60)
        if scholarship.status == "awarded" and left <= today:
            scholarship.status, scholarship.ended_on = "dropped", left
            return


def seed_scholarships(health, rng, start, today, officer) -> list[Scholarship]:
    """The Poltekkes MoU's service-bond scholarships (*beasiswa ikatan dinas*): a handful
    of students, awarded at the start of each academic year since the MoU."""
    made = []
    awarded = datetime.date(start.year, 8, 17)
    if awarded < start:
        awarded = datetime.date(start.year + 1, 8, 17)
    while awarded <= today and len(made) < 8:
        for _k in range(rng.randint(3, 4)):
            female = rng.random() < 0.7
            given = rng.choice(
                fictional.FEMALE_GIVEN_NAMES if female else fictional.MALE_GIVEN_NAMES
            )
            second = rng.choice(
                fictional.FEMALE_SECOND_NAMES if female else fictional.MALE_SECOND_NAMES
            )
            if any(m.recipient_name == f"{given} {second}" for m in made):
                continue  # one scholarship per name and award day
            years_on = (today - awarded).days / 365
            made.append(
                Scholarship(
                    agreement=health,
                    recipient_name=f"{given} {second}",
                    institution="Poltekkes Kemenkes Banten",
                    study_programme=rng.choice(STUDY_PROGRAMMES),
                    awarded_on=awarded,
                    amount=rng.choice((9_000_000, 12_000_000, 15_000_000)),
                    status=(
                        "dropped"
                        if rng.random() < 0.1
                        else ("completed" if years_on >= 3 else "awarded")
                    ),
                    recorded_by=officer,
                )
            )
            made[-1].ended_on = _ended_on(made[-1], today)
        awarded = datetime.date(awarded.year + 1, 8, 17)
    _first_semester_drop_out(made, today)
    if not made:
        awarded = max(start, today - datetime.timedelta(days=30))
        made.append(
            Scholarship(
                agreement=health,
                recipient_name="Nur Aisyah",
                institution="Poltekkes Kemenkes Banten",
                study_programme="D3 Keperawatan",
                awarded_on=awarded,
                amount=12_000_000,
                recorded_by=officer,
            )
        )
    return Scholarship.objects.bulk_create(made)
