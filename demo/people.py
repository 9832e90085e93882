"""Job seekers: who they are, when they registered, what they declare they can do."""

from __future__ import annotations

import calendar
import datetime
import itertools
from array import array

from stdnum.id import nik as stdnum_nik

from trainees.models import JobSeeker, JobSeekerSkill, format_registration_number, normalise_name
from trainees.nik import build_nik
from vokasi.dates import add_months, age_on

from . import names as fictional
from .catalogue import (
    BANTEN_BIRTH_PLACES,
    CILEGON,
    EDUCATION_MIX,
    EXPERIENCE,
    INTERESTS_WITHOUT_MAJOR,
    KELURAHAN,
    KOTA_SERANG,
    MAJORS,
    OCCUPATION_SKILLS,
    VOCATION_OCCUPATIONS,
)
from .common import DAY, Demo, Holding, Person, make, weighted
from .organisations import kecamatan_of

#: (youngest, oldest, weight): age at registration.
AGE_BANDS = ((15, 17, 3), (18, 24, 50), (25, 30, 25), (31, 40, 14), (41, 55, 8))
PHONE_PREFIXES = ("0812", "0813", "0821", "0822", "0852", "0853", "0857", "0877", "0878", "0895")
EMAIL_DOMAINS = (("gmail.com", 70), ("yahoo.co.id", 12), ("yahoo.com", 8), ("outlook.com", 10))
OTHER_BIRTH_PLACES = ("Serang", "Pandeglang", "Lebak", "Jakarta", "Bandung", "Brebes", "Lampung")
REMOVAL_REASONS = (
    (JobSeeker.EndReason.WITHDRAWN, 50),
    (JobSeeker.EndReason.MOVED, 30),
    (JobSeeker.EndReason.DECEASED, 5),
    (JobSeeker.EndReason.DATA_ERROR, 15),
)


class Registrations:
    """When and where everyone registers, and their AK/I sequence number, drawn up front:
    the numbers run per office and year in registration order over the whole population,
    while people are otherwise planned a chunk at a time. Compact arrays: a million
    people take a few megabytes."""

    def __init__(self, days: array, serang: bytearray, numbers: array) -> None:
        self.days = days  # date ordinals
        self.serang = serang  # 1: Disnaker Kota Serang, 0: Kota Cilegon
        self.numbers = numbers

    def __len__(self) -> int:
        return len(self.days)


def plan_registrations(demo: Demo) -> None:
    """About 13% of the people register in Kota Serang, spread over the population."""
    rng = demo.rng
    total = demo.n(3000)
    serang = bytearray(total)
    for index in rng.sample(range(total), max(1, round(total * 400 / 3000))):
        serang[index] = 1
    months = registration_months(demo)
    spans = [(m.toordinal(), calendar.monthrange(m.year, m.month)[1] - 1) for m, _w in months]
    cumulative = list(itertools.accumulate(weight for _month, weight in months))
    today = demo.today.toordinal()
    days = array("l", bytes(8 * total))
    for index in range(total):
        first, extra = rng.choices(spans, cum_weights=cumulative)[0]
        day = min(first + rng.randint(0, extra), today)
        days[index] = day - max(0, (day + 6) % 7 - 4)  # a weekend day -> the Friday before
    numbers = array("l", bytes(8 * total))
    sequence: dict[tuple[int, int], int] = {}
    year_of: dict[int, int] = {}
    for index in sorted(range(total), key=days.__getitem__):  # stable: ties in index order
        day = days[index]
        year = year_of.get(day)
        if year is None:
            year = year_of[day] = datetime.date.fromordinal(day).year
        key = (serang[index], year)
        sequence[key] = numbers[index] = sequence.get(key, 0) + 1
    demo.total_people = total
    demo.registrations = Registrations(days, serang, numbers)


def build_people(demo: Demo, start: int, stop: int) -> None:
    """Plan people ``start`` to ``stop`` (indexes into the registrations)."""
    registrations: Registrations = demo.registrations
    offices = (demo.offices["3672"], demo.offices["3673"])
    kecamatan = {code: kecamatan_of(demo, code) for code in (CILEGON, KOTA_SERANG)}
    names = NameMaker(demo)
    for index in range(start, stop):
        office = offices[registrations.serang[index]]
        registered = datetime.date.fromordinal(registrations.days[index])
        person = make_person(demo, index, office, registered, kecamatan, names)
        if index % 1000 == 0:
            # stdnum's check costs a fifth of make_person: a sample guards build_nik
            # here, and the tests check every NIK of a seeded data set.
            check_nik(person.obj.nik, person.birth)
        person.obj.registration_number = format_registration_number(
            office.code, registered.year, registrations.numbers[index]
        )
        demo.people.append(person)


def registration_months(demo: Demo) -> list[tuple[datetime.date, float]]:
    """The first day of each of the last 30 months and its weight (May–July peaks)."""
    first = demo.today.replace(day=1)
    months = []
    for back in range(30):
        month = add_months(first, -back)
        weight = 2.2 if month.month in (5, 6, 7) else 1.0
        if back >= 24:
            weight *= 0.55  # only the older cards that have since expired
        if back == 0:
            weight *= demo.today.day / calendar.monthrange(month.year, month.month)[1]
        months.append((month, weight))
    return months


class NameMaker:
    def __init__(self, demo: Demo) -> None:
        self.rng = demo.rng
        self.male = list(fictional.MALE_GIVEN_NAMES)
        self.female = list(fictional.FEMALE_GIVEN_NAMES)
        self.female_family = list(fictional.FEMALE_SECOND_NAMES)
        self.male_family = list(fictional.MALE_SECOND_NAMES)

    def __call__(self, sex: str) -> tuple[str, str]:
        rng = self.rng
        given = self.female if sex == "P" else self.male
        family = self.female_family if sex == "P" else self.male_family
        first = rng.choice(given)
        r = rng.random()
        if r < 0.08:
            return first, ""
        if r < 0.3:
            second = rng.choice(given)
            if second != first:
                return first, second
        return first, rng.choice(family)


def make_person(demo, index, office, registered, kecamatan, names) -> Person:
    """The job seeker ``index``, registering at ``office`` on ``registered``, with their
    declared skills and whether they leave early. The steps draw from ``demo.rng`` in a
    fixed order: the demo's figures (and the tests that read them) depend on it."""
    rng = demo.rng
    sex = "P" if rng.random() < 0.38 else "L"
    age, birth = _draw_birth(rng, registered)
    region, birth_place, nik = _draw_origin(demo, office.region_id, kecamatan, birth, sex)
    education, major, vocation, occupation = _draw_schooling(demo, age)
    first, last = names(sex)
    name = f"{first} {last}".strip()
    experience_years, experience = _draw_experience(rng, age, vocation)
    kelurahan = KELURAHAN.get(region) or (demo.region_names[region],)
    obj = make(
        JobSeeker,
        office=office,
        nik=nik,
        name=name,
        name_normalised=normalise_name(name),
        birth_place=birth_place,
        birth_date=birth,
        sex=sex,
        region_id=region,
        education_id=education,
        major=major,
        experience=experience,
        experience_years=experience_years,
        occupation_id=occupation or None,
        registered_on=registered,
        expires_on=add_months(registered, 24),
        registered_by=demo.officer_of[office.code],
        **_draw_particulars(rng, age, first, last, kelurahan),
    )
    if obj.consent_share_contact:
        obj.consent_changed_at = demo.at(registered)
    person = Person(index, obj, office)
    person.level = demo.education_levels.get(education, 0)
    person.vocation = vocation
    person.occupation = occupation
    declare_skills(demo, person)
    plan_removal(demo, person)
    return person


def _draw_birth(rng, registered: datetime.date) -> tuple[int, datetime.date]:
    """An age at registration (by ``AGE_BANDS``) and a birth date within its band."""
    low, high, _w = weighted(rng, [(band, band[2]) for band in AGE_BANDS])
    age = rng.randint(low, high)
    birth = registered - datetime.timedelta(days=age * 365 + age // 4 + rng.randint(0, 360))
    while age_on(birth, registered) < low:
        birth -= DAY
    while age_on(birth, registered) > high:
        birth += DAY
    return age, birth


def _draw_origin(demo: Demo, city: str, kecamatan, birth, sex) -> tuple[str, str, str]:
    """Where the person lives (a kecamatan of the office's ``city``), where they were
    born, and their NIK: mostly issued where they live, else elsewhere in Banten."""
    rng = demo.rng
    region = rng.choice(kecamatan[city])
    city_name = "Cilegon" if city == CILEGON else "Serang"
    if rng.random() < 0.82:
        nik_region = region
        birth_place = city_name if rng.random() < 0.75 else rng.choice(OTHER_BIRTH_PLACES)
    else:
        kabkota, birth_place = rng.choice(BANTEN_BIRTH_PLACES)
        nik_region = f"{kabkota}{rng.randint(1, 10):02d}"
    return region, birth_place, _issue_nik(demo, nik_region, birth, sex)


def _issue_nik(demo: Demo, nik_region: str, birth: datetime.date, sex: str) -> str:
    """The serial keeps NIKs unique over the whole population (a dict of region and birth
    date prefixes: a few hundred thousand at scale 300)."""
    nik_prefix = build_nik(nik_region, birth, sex, 0)[:12]
    serial = demo.nik_serials.get(nik_prefix, demo.rng.randint(0, 20)) + 1
    demo.nik_serials[nik_prefix] = serial
    return build_nik(nik_region, birth, sex, serial)


def _draw_schooling(demo: Demo, age: int) -> tuple[str, str, str, str]:
    """Education, major, the vocation that follows from it (or an interest) and the
    occupation sought: codes the database does not hold are dropped."""
    rng = demo.rng
    education = education_for(demo, age)
    major, vocation = "", ""
    if education in MAJORS:
        major, vocation = rng.choice(MAJORS[education])
    if not vocation:
        vocation = weighted(rng, INTERESTS_WITHOUT_MAJOR)
    if vocation and vocation not in demo.skills_by_vocation:
        vocation = ""
    occupations = [o for o in VOCATION_OCCUPATIONS[vocation] if o in demo.occupation_names]
    occupation = rng.choice(occupations) if occupations and rng.random() < 0.9 else ""
    return education, major, vocation, occupation


def _draw_experience(rng, age: int, vocation: str) -> tuple[int, str]:
    """Years of work before and a line about it: a little under half of those 21 and over."""
    if age >= 21 and rng.random() < 0.45:
        years = rng.randint(1, min(12, age - 19))
        return years, f"{rng.choice(EXPERIENCE[vocation])} ({years} tahun)"
    return 0, ""


def _draw_particulars(rng, age: int, first: str, last: str, kelurahan) -> dict:
    """The rest of the card, in the order it is drawn: marital status, religion, address,
    phone, e-mail, courses, disability and consent to share the contact."""
    return {
        "marital_status": marital_status(rng, age),
        "religion": weighted(
            rng, (("Islam", 92), ("Kristen", 4), ("Katolik", 2), ("Buddha", 1), ("", 1))
        ),
        "address": (
            f"{rng.choice(fictional.STREET_NAMES)} No. {rng.randint(1, 150)}, "
            f"RT {rng.randint(1, 12):03d}/RW {rng.randint(1, 8):03d}, Kel. {rng.choice(kelurahan)}"
        ),
        "phone": rng.choice(PHONE_PREFIXES)
        + "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(6, 9))),
        "email": email_for(rng, first, last) if rng.random() < 0.6 else "",
        "courses": "Kursus komputer perkantoran" if rng.random() < 0.08 else "",
        "disability": (
            rng.choice(("Tuna daksa ringan", "Tuna rungu")) if rng.random() < 0.01 else ""
        ),
        "consent_share_contact": rng.random() < 0.7,
    }


def check_nik(nik: str, birth: datetime.date) -> None:
    """stdnum must accept the NIK and read back the birth date (up to the century: it tries
    19YY first, so people born in 2000–2011 come back as 1900–1911)."""
    stdnum_nik.validate(nik)
    decoded = stdnum_nik.get_birth_date(nik)
    if decoded != birth and decoded.replace(year=birth.year) != birth:
        raise ValueError(f"NIK {nik} does not encode {birth}")


def education_for(demo: Demo, age: int) -> str:
    mix = [(code, weight) for code, weight, _min in EDUCATION_MIX if code in demo.education_levels]
    code = weighted(demo.rng, mix)
    minimum = {c: m for c, _w, m in EDUCATION_MIX}[code]
    if age < minimum:
        return "smp" if age >= 15 else "sd"
    return code


def marital_status(rng, age: int) -> str:
    status = JobSeeker.MaritalStatus
    if age < 22:
        return status.SINGLE if rng.random() < 0.95 else status.MARRIED
    if age <= 30:
        return weighted(rng, ((status.SINGLE, 60), (status.MARRIED, 38), (status.DIVORCED, 2)))
    return weighted(
        rng,
        ((status.MARRIED, 80), (status.SINGLE, 12), (status.DIVORCED, 5), (status.WIDOWED, 3)),
    )


def email_for(rng, first: str, last: str) -> str:
    local = first.lower() + (rng.choice((".", "_", "")) + last.lower() if last else "")
    if rng.random() < 0.6:
        local += str(rng.randint(1, 99))
    return f"{local}@{weighted(rng, EMAIL_DOMAINS)}"


def declare_skills(demo: Demo, person: Person) -> None:
    rng = demo.rng
    count = weighted(rng, ((0, 15), (1, 25), (2, 30), (3, 20), (4, 10)))
    pool = [s for s in OCCUPATION_SKILLS.get(person.occupation, ()) if s in demo.skill_vocation]
    pool += [s for s in demo.skills_by_vocation.get(person.vocation, []) if s not in pool]
    for _ in range(count):
        code = rng.choice(pool) if pool and rng.random() < 0.85 else rng.choice(demo.skill_codes)
        if code not in person.skills:
            person.skills[code] = Holding(JobSeekerSkill.Source.DECLARED, person.reg)


def plan_removal(demo: Demo, person: Person) -> None:
    """About 3% end their registration themselves (withdrawn, moved, …) before today."""
    rng = demo.rng
    latest = min(demo.today, person.expires - DAY)
    if rng.random() < 0.03 and (latest - person.reg).days > 30:
        person.removal = person.reg + datetime.timedelta(
            days=rng.randint(30, (latest - person.reg).days)
        )
        person.removal_reason = weighted(rng, REMOVAL_REASONS)
