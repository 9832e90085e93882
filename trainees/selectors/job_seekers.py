"""Reads about job seekers that several pages and endpoints need."""

from __future__ import annotations

import datetime
import re
import unicodedata

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from trainees.models import JobSeeker, JobSeekerSkill, normalise_name

#: "Due soon" means a report-back date within this many days.
DUE_SOON_DAYS = 30


#: Name words shorter than this match the start of a word: a trigram index needs three.
SHORTEST_FRAGMENT = 3


def job_seeker_search(
    queryset: QuerySet[JobSeeker], text: str, *, nik_fragments: bool = True
) -> QuerySet[JobSeeker]:
    """The people of ``queryset`` whose name, NIK or AK/I number matches ``text``.

    - digits only (spaces and dots ignored): the whole NIK, or a fragment of the NIK or
      of the AK/I number ("000123");
    - digits with hyphens: a fragment of the AK/I number ("3672-2026-000123");
    - anything else: every word is a fragment of the name, in any order and any case
      ("rahmawati" finds Siti Rahmawati, "rahma siti" too); a word of one or two
      letters matches the start of a word of the name, and in a search of such words
      only, the first matches the start of the name ("s r" finds Siti Rahmawati).

    On PostgreSQL each fragment of three characters or more is answered by a trigram
    index (migration 0016), so the search stays fast at a million people. Callers scope
    ``queryset`` (``visible_to``) and never show more of the NIK than they did before;
    ``nik_fragments=False`` (for those who see the NIK masked) finds a person by the
    whole NIK only, so the digits of someone's NIK cannot be guessed a few at a time.
    """
    text = unicodedata.normalize("NFKC", text).strip()  # full-width digits, as typed on phones
    compact = re.sub(r"[\s.]", "", text)
    if not compact:
        return queryset
    if compact.isdigit():
        if len(compact) == 16:
            return queryset.filter(nik=compact)
        if not nik_fragments:
            return queryset.filter(registration_number__contains=compact)
        if len(compact) < SHORTEST_FRAGMENT:
            return queryset.filter(
                Q(nik__startswith=compact) | Q(registration_number__startswith=compact)
            )
        return queryset.filter(Q(nik__contains=compact) | Q(registration_number__contains=compact))
    if re.fullmatch(r"[0-9-]+", compact):
        return queryset.filter(registration_number__contains=compact)
    words = normalise_name(text).split()
    if not words:
        return queryset.none()
    condition = Q()
    if all(len(word) < SHORTEST_FRAGMENT for word in words):
        # Only initials ("s r"): the first starts the name (the prefix index finds it).
        condition = Q(name_normalised__startswith=words[0])
        words = words[1:]
    for word in words:
        if len(word) >= SHORTEST_FRAGMENT:
            condition &= Q(name_normalised__contains=word)
        else:
            condition &= Q(name_normalised__startswith=word) | Q(
                name_normalised__contains=f" {word}"
            )
    return queryset.filter(condition)


def job_seekers_for_api(user, *, listing: bool = False) -> QuerySet[JobSeeker]:
    """The people ``user`` may read through the API, newest registration first.

    One person (read, registered, corrected) comes with the office joined and the skill
    rows prefetched. A list reads its page as rows (the API's ``LISTED_COLUMNS``) and
    the page's codes in one plain query (``attach_skill_codes``), where a prefetch builds
    a model per skill row and a manager and a queryset per person.
    """
    queryset = JobSeeker.objects.visible_to(user).order_by("-registered_on", "-id")
    if listing:
        return queryset
    return queryset.select_related("office").prefetch_related("skill_rows")


def attach_skill_codes(people) -> None:
    """Give each person ``listed_skill_codes``, in one query for them all.

    Sorted in Python, as a single person's are: the database's collation may order
    ``LAS-SMAW`` and ``LAS_X`` otherwise."""
    codes: dict[int, list[str]] = {person.id: [] for person in people}
    if not codes:
        return
    rows = JobSeekerSkill.objects.filter(job_seeker_id__in=list(codes)).values_list(
        "job_seeker_id", "skill_id"
    )
    for person_id, code in rows:
        codes[person_id].append(code)
    for person in people:
        person.listed_skill_codes = sorted(codes[person.id])


def job_seekers_matching(
    user, *, nik: str = "", name: str = "", birth_date: datetime.date | None = None, limit=10
) -> list[JobSeeker]:
    """People the officer may be about to register twice: by NIK prefix, or name + birth.

    Searches every office (a NIK is unique nationwide, so the officer must learn that the
    person is registered elsewhere), but returns only what the card holder's office may
    see in full; other offices' people come back with their office only.
    """
    nik = "".join(ch for ch in nik if ch.isdigit())
    qs = JobSeeker.objects.select_related("office", "region")
    results: list[JobSeeker] = []
    if len(nik) >= 6:
        results = list(qs.filter(nik__startswith=nik).order_by("nik")[:limit])
    normalised = normalise_name(name)
    if normalised and birth_date and len(results) < limit:
        seen = {p.pk for p in results}
        results += [
            p
            for p in qs.filter(name_normalised=normalised, birth_date=birth_date)[:limit]
            if p.pk not in seen
        ]
    elif len(normalised) >= 3 and not results:
        results = list(
            JobSeeker.objects.visible_to(user)
            .select_related("office", "region")
            .filter(name_normalised__startswith=normalised)
            .order_by("name_normalised", "birth_date")[:limit]
        )
    return results[:limit]


def likely_duplicates(person: JobSeeker) -> QuerySet:
    """Other registrations with the same normalised name and birth date (different NIK).

    Anonymised records share a placeholder name and a generalised birth date: never twins.
    """
    if person.anonymised_at is not None:
        return JobSeeker.objects.none()
    return (
        JobSeeker.objects.filter(
            name_normalised=person.name_normalised,
            birth_date=person.birth_date,
            anonymised_at__isnull=True,
        )
        .exclude(pk=person.pk)
        .select_related("office", "region")
    )


def duplicate_groups(user) -> QuerySet:
    """Active registrations the officer should review: others share name and birth date."""
    visible = JobSeeker.objects.visible_to(user).filter(status=JobSeeker.Status.ACTIVE)
    twins = visible.filter(
        name_normalised=OuterRef("name_normalised"), birth_date=OuterRef("birth_date")
    ).exclude(pk=OuterRef("pk"))
    return (
        visible.filter(Exists(twins))
        .select_related("region", "education")
        .order_by("name_normalised", "birth_date", "registered_on", "id")
    )


def report_status(person: JobSeeker, today: datetime.date | None = None) -> str:
    """ "overdue", "due" (within 30 days), "ok", or "" for ended registrations."""
    today = today or timezone.localdate()
    if person.status != JobSeeker.Status.ACTIVE or person.next_report_due is None:
        return ""
    if person.next_report_due < today:
        return "overdue"
    if person.next_report_due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return "due"
    return "ok"


def due_counts(user, today: datetime.date | None = None) -> dict[str, int]:
    """How many active people are overdue and due soon, in one query."""
    today = today or timezone.localdate()
    from django.db.models import Q

    return (
        JobSeeker.objects.visible_to(user)
        .filter(status=JobSeeker.Status.ACTIVE)
        .aggregate(
            overdue=Count("pk", filter=Q(next_report_due__lt=today)),
            due=Count(
                "pk",
                filter=Q(
                    next_report_due__gte=today,
                    next_report_due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
                ),
            ),
        )
    )
