"""The pipeline: referrals and the companies' decisions, apprenticeships, placements through
referral, apprenticeship or the person's own search, and their follow-ups."""

from __future__ import annotations

import datetime

from placements.models import (
    Apprenticeship,
    FollowUp,
    Placement,
    Referral,
    ReferralDecision,
    Vacancy,
)
from vokasi.dates import add_months, age_on

from .common import DAY, Demo, Person, VacancyPlan, make, weighted

Status = Referral.Status
#: How much a held skill counts towards the match score, by source (certified counts most).
SOURCE_WEIGHT = {3: 1.0, 2: 0.8, 1: 0.5}


class Pools:
    """Who to look at first for a vacancy: holders of a skill, seekers of an occupation."""

    def __init__(self, demo: Demo) -> None:
        self.holders: dict[str, list[Person]] = {}
        self.by_occupation: dict[str, list[Person]] = {}
        self.by_vocation: dict[str, list[Person]] = {}
        for person in demo.people:
            for code in person.skills:
                self.holders.setdefault(code, []).append(person)
            self.by_occupation.setdefault(person.occupation, []).append(person)
            self.by_vocation.setdefault(person.vocation, []).append(person)


def build_pipeline(demo: Demo, plans: list[VacancyPlan], self_placed: int) -> None:
    """Referrals to ``plans`` from the chunk's people, then ``self_placed`` people who
    found work themselves, then the follow-ups of every placement of the chunk."""
    pools = Pools(demo)
    for plan in sorted(plans, key=lambda p: p.obj.opens_on):
        refer_to(demo, plan, pools, demo.apprentices)
    self_placements(demo, self_placed)
    follow_ups(demo)


def refer_to(demo: Demo, plan: VacancyPlan, pools: Pools, taken) -> None:
    rng = demo.rng
    vacancy = plan.obj
    last_day = min(vacancy.closes_on, demo.today - DAY)
    span = (last_day - vacancy.opens_on).days
    if span < 1:
        return
    count = max(1, min(10, round(rng.gauss(4, 1.5)) + (2 if vacancy.openings >= 10 else 0)))
    days = sorted(vacancy.opens_on + rng.randint(1, span) * DAY for _ in range(count))
    referred: set[int] = set()
    for day in days:
        found = candidate(demo, plan, pools, day, referred)
        if found:
            person, score = found
            referred.add(person.index)
            decide(demo, plan, person, day, score, taken)


def candidate(demo: Demo, plan: VacancyPlan, pools: Pools, day, referred):
    """The best of a few eligible people, looking first at holders of a required skill."""
    rng = demo.rng
    vacancy = plan.obj
    skill_pools = [pools.holders.get(code, []) for code in plan.required]
    occupation = pools.by_occupation.get(vacancy.occupation_id, [])
    vocation = pools.by_vocation.get(demo.skill_vocation.get(plan.required[0], ""), [])
    minimum = demo.education_levels.get(vacancy.education_min_id or "", 0)
    youngest = 17 if vacancy.kind == Vacancy.Kind.APPRENTICESHIP else 18
    found: list[Person] = []
    seen: set[int] = set()
    for _attempt in range(60):
        r = rng.random()
        pool = (
            rng.choice(skill_pools)
            if r < 0.7
            else occupation
            if r < 0.85
            else vocation
            if r < 0.95
            else demo.people
        )
        if not pool:
            continue
        person = rng.choice(pool)
        if person.index in seen or person.index in referred:
            continue
        seen.add(person.index)
        if (
            person.placement is None
            and person.active_on(day)
            and not person.busy_on(day)
            and person.level >= minimum
            and age_on(person.birth, day) >= youngest
        ):
            found.append(person)
            if len(found) >= 6:
                break
    if not found:
        return None
    score, best = max(
        ((match_score(demo, person, plan, day), person) for person in found),
        key=lambda pair: pair[0],
    )
    return best, score


def match_score(demo: Demo, person: Person, plan: VacancyPlan, day) -> int:
    held = 0.0
    for code in plan.required:
        holding = person.skills.get(code)
        if holding and holding.since <= day:
            held += SOURCE_WEIGHT[holding.source]
    score = 40 + 35 * held / len(plan.required)
    if person.occupation == plan.obj.occupation_id:
        score += 8
    if any(code in person.skills for code in plan.preferred):
        score += 4
    if person.region == plan.obj.region_id:
        score += 4
    score += demo.rng.randint(-3, 3)
    return int(min(95, max(40, round(score))))


def decide(demo: Demo, plan: VacancyPlan, person: Person, day, score: int, taken) -> None:
    """Referral, then interview, then hired/rejected/no-show, as far as today allows."""
    rng = demo.rng
    yesterday = demo.today - DAY
    referral = make(
        Referral,
        vacancy=plan.obj,
        job_seeker=person.obj,
        match_score=score,
        referred_at=demo.at(day),
        referred_by=demo.officer_for(person),
    )
    demo.referrals.append(referral)
    person.last_referral = max(person.last_referral or day, day)
    touch(plan, day)
    first = day + rng.randint(2, 10) * DAY
    if first > yesterday:
        return
    if rng.random() < 0.3:
        record(demo, plan, referral, Status.REJECTED, first, note="Tidak lolos seleksi berkas.")
        return
    record(demo, plan, referral, Status.INTERVIEW, first)
    final = first + rng.randint(3, 14) * DAY
    if final > yesterday:
        return
    r = rng.random()
    if r < 0.12:
        record(demo, plan, referral, Status.NO_SHOW, final)
        return
    chance = 0.15 + (score - 40) / 55 * 0.5
    if r < 0.12 + chance and plan.filled < plan.obj.openings:
        if plan.obj.kind == Vacancy.Kind.APPRENTICESHIP:
            hired = apprentice(demo, plan, person, referral, final, taken)
        else:
            hired = employ(demo, plan, person, referral, final)
        if hired:
            return
    record(demo, plan, referral, Status.REJECTED, final, note="Belum memenuhi kualifikasi.")


def touch(plan: VacancyPlan, day) -> None:
    plan.last_activity = max(plan.last_activity or day, day)


def record(demo: Demo, plan, referral: Referral, decision, day, **extra) -> ReferralDecision:
    row = make(
        ReferralDecision,
        referral=referral,
        decision=decision,
        decided_at=demo.at(day),
        decided_by=plan.employer,
        **extra,
    )
    if row.decided_at <= referral.referred_at:
        row.decided_at = referral.referred_at + datetime.timedelta(hours=1)
    demo.decisions.append(row)
    referral.status = decision
    referral.decided_at = row.decided_at
    touch(plan, day)
    return row


def channel(demo: Demo, person: Person) -> str:
    """Serang's job seekers working in Cilegon count as between regions (AKAD)."""
    ch = Placement.Channel
    if person.office.code != "3672":
        return weighted(demo.rng, ((ch.AKAD, 70), (ch.AKL, 30)))
    return weighted(demo.rng, ((ch.AKL, 97), (ch.AKAD, 2), (ch.AKAN, 1)))


def employ(demo: Demo, plan: VacancyPlan, person: Person, referral, decided) -> bool:
    vacancy = plan.obj
    start = min(decided + demo.rng.randint(7, 30) * DAY, demo.today)
    if person.placement or start >= person.end_limit or start < person.free_from():
        return False
    wage = min(
        vacancy.wage_max,
        max(vacancy.wage_min, demo.rupiah(vacancy.wage_min, vacancy.wage_max, 10_000)),
    )
    record(demo, plan, referral, Status.HIRED, decided, start_date=start, wage=wage)
    place(
        demo,
        person,
        vacancy.company,
        start,
        vacancy.employment_type,
        wage,
        Placement.Source.REFERRAL,
        vacancy=vacancy,
        referral=referral,
    )
    fill(plan, decided)
    return True


def fill(plan: VacancyPlan, day) -> None:
    plan.filled += 1
    if plan.filled == plan.obj.openings:
        plan.filled_on = day


def place(demo: Demo, person: Person, company, start, contract, wage, source, **links) -> Placement:
    placement = make(
        Placement,
        job_seeker=person.obj,
        company=company,
        start_date=start,
        contract_type=contract,
        wage=wage,
        channel=channel(demo, person),
        source=source,
        recorded_by=demo.officer_for(person),
        **links,
    )
    person.placement = placement
    demo.placements.append(placement)
    return placement


def apprentice(demo: Demo, plan: VacancyPlan, person: Person, referral, decided, taken) -> bool:
    """Take ``person`` on as an apprentice through ``plan`` if they are free, registered
    and 17 or older, and the company within its quota (a fifth of its workforce)."""
    vacancy = plan.obj
    company = vacancy.company
    start = decided + demo.rng.randint(7, 30) * DAY
    end = add_months(start, vacancy.duration_months)
    running = taken.setdefault(id(company), [])
    if (
        person.placement
        or start >= person.end_limit
        or (person.removal and end >= person.removal)
        or start < person.free_from()
        or age_on(person.birth, start) < 17
        or sum(1 for s, e in running if s < end and start < e) >= company.workforce // 5
    ):
        return False
    record(demo, plan, referral, Status.HIRED, decided, start_date=start, wage=vacancy.wage_min)
    fill(plan, decided)
    item = _propose_apprenticeship(demo, vacancy, person, referral, start)
    finished = _advance_apprenticeship(demo, item, decided, start, end)
    running.append((start, finished))
    person.busy.append((start, finished))
    if item.status == Apprenticeship.Status.COMPLETED:
        _hire_apprentice(demo, item, person, end)
    return True


def _propose_apprenticeship(demo: Demo, vacancy, person: Person, referral, start) -> Apprenticeship:
    """The proposed apprenticeship, with the next agreement number of its start year."""
    demo.counters["agreement"] = demo.counters.get("agreement", 0) + 1
    item = make(
        Apprenticeship,
        company=vacancy.company,
        job_seeker=person.obj,
        vacancy=vacancy,
        referral=referral,
        agreement_no=f"{demo.counters['agreement']:04d}/PKS-MAG/DISNAKER-CLG/{start.year}",
        programme_description=f"{vacancy.title} ({vacancy.duration_months} bulan)",
        start_date=start,
        duration_months=vacancy.duration_months,
        allowance=vacancy.wage_min,
        status=Apprenticeship.Status.PROPOSED,
    )
    demo.apprenticeships.append(item)
    return item


def _advance_apprenticeship(demo: Demo, item: Apprenticeship, decided, start, end):
    """Move the apprenticeship on as far as today allows; answer the day it ends or ended."""
    rng = demo.rng
    today = demo.today
    approved = min(start, decided + rng.randint(2, 10) * DAY)
    finished = end
    if approved <= today:
        item.approved_on = approved
        item.approved_by = demo.officer_of["3672"]
        item.status = Apprenticeship.Status.APPROVED
        if start <= today:
            item.status = Apprenticeship.Status.RUNNING
            if rng.random() < 0.1:
                dropped = start + rng.randint(14, max(15, (end - start).days - 1)) * DAY
                if dropped <= today:
                    item.status, item.finished_on, item.hired = "dropped", dropped, False
                    finished = dropped
            if item.status == Apprenticeship.Status.RUNNING and end <= today:
                item.status, item.finished_on = Apprenticeship.Status.COMPLETED, end
    return finished


def _hire_apprentice(demo: Demo, item: Apprenticeship, person: Person, end) -> None:
    """Half of those who completed are hired by the company within a month."""
    rng = demo.rng
    item.hired = False
    hired_on = end + rng.randint(1, 30) * DAY
    if rng.random() < 0.5 and hired_on <= demo.today and hired_on < person.end_limit:
        item.hired = True
        contract = weighted(
            rng, ((Placement.ContractType.PKWT, 70), (Placement.ContractType.PKWTT, 30))
        )
        place(
            demo,
            person,
            item.company,
            hired_on,
            contract,
            demo.rupiah(4_900_000, 6_500_000, 10_000),
            Placement.Source.APPRENTICESHIP,
            apprenticeship=item,
        )


def self_placements(demo: Demo, target: int) -> None:
    """People who found work themselves and told the office (about 150 at scale 1)."""
    rng = demo.rng
    trained = [p for p in demo.people if p.completed_training]
    weights = demo.company_workforce_weights
    made = 0
    for _attempt in range(target * 30):
        if made >= target:
            break
        person = rng.choice(trained if trained and rng.random() < 0.35 else demo.people)
        if person.placement:
            continue
        low = max(person.free_from(), person.reg + 14 * DAY)
        high = min(demo.today, person.end_limit - DAY)
        if low > high:
            continue
        start = low + rng.randint(0, (high - low).days) * DAY
        if age_on(person.birth, start) < 18:
            continue
        company = rng.choices(demo.companies, cum_weights=weights)[0]
        contract = weighted(
            rng,
            (
                (Placement.ContractType.PKWT, 60),
                (Placement.ContractType.PKWTT, 25),
                (Placement.ContractType.HARIAN, 15),
            ),
        )
        wage = demo.rupiah(4_900_000, 7_500_000, 10_000)
        place(demo, person, company, start, contract, wage, Placement.Source.SELF)
        made += 1


def follow_ups(demo: Demo) -> None:
    """Checks at 3 months (~80%) and 6 months (~70%) after the start: still employed?"""
    rng = demo.rng
    for placement in demo.placements:
        employed = True
        wage = placement.wage
        recorded_by = placement.recorded_by
        for months, share in ((3, 0.8), (6, 0.7)):
            due = add_months(placement.start_date, months)
            if due > demo.today or rng.random() >= share:
                continue
            checked = min(demo.today, due + rng.randint(0, 10) * DAY)
            employed = employed and rng.random() < (0.85 if months == 3 else 0.92)
            if employed:
                wage = max(wage, demo.rupiah(wage, wage * 1.08, 10_000))
            demo.follow_ups.append(
                make(
                    FollowUp,
                    placement=placement,
                    checked_on=checked,
                    employed=employed,
                    wage=wage if employed else None,
                    recorded_by=recorded_by,
                )
            )
