"""Walk the pages as each demo user would, on the demo data, following every link.

The demo data (``seed_demo``) has its ids above 100,000 here, as every test database
does, so an id that passes through number formatting ("100.245") shows up in a
``value=""``, a link or a ``data-*`` attribute and fails the walk. Every page answers
below 500, and every GET page the README's matrix gives the role is reached by
following links from the home page, as a person would reach it.
"""

from __future__ import annotations

import io
import random
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from placements.models import Vacancy
from tests.vokasi.authorization import _pattern_text, readme_rows
from trainees.models import Enrollment, JobSeeker
from vokasi.models import User

DEMO = {"scale": 0.25, "seed": 2026}

#: How many different URLs of one route (and query) the walk opens: enough to meet the
#: pages' variety (filters, pagination, different objects) without opening all 750 people.
PER_ROUTE = 5

#: Never followed: not pages of ours, or links that change something when followed.
SKIP = re.compile(r"^/(admin|api|i18n|static|media|logout)(/|$)")

#: A number grouped by thousands (Indonesian "2.421", English "2,421") where only a raw
#: number may stand: attribute values that a program reads back.
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?!\d)")
ATTRIBUTE = re.compile(r'\s(value|href|action|src|data-[\w-]+)="([^"]*)"')

#: GET pages of the matrix that no link leads to, by design.
NOT_LINKED = {
    "/job-seekers/check/": "the registration form's search-before-add asks it from script",
    "/job-seekers/import/template.csv": "linked from the import page as a download",
    "/job-seekers/cards/": "linked from an import's result, once a file registered people",
    "/jobs/{pk}/": "linked from home once the user has a background job (none in the demo)",
    "/jobs/{pk}/download/": "linked from a finished export's job page (none in the demo)",
    "/login/": "the user is logged in",
    "/lowongan/": "the public board, linked for visitors who are not logged in",
    "/lowongan/{pk}/": "the public board's vacancy page, linked from the board",
    "/health/": "for the load balancer",
    "/password/set/{uidb64}/{token}/": "sent by e-mail to a company's invited user",
    "/agreements/{pk}/document/": "linked from an agreement's page once its signed PDF is "
    "on file (the demo's agreements have none)",
    "/warnings/{pk}/document/": "linked from a written warning once its letter (PDF) is on "
    "file (the demo's warnings have none)",
    "/agreements/{pk}/scholarships/{scholarship_pk}/status/": "each scholarship row of an "
    "agreement's page posts its status form there; the page shows it again on a refusal",
}

#: Pages a role may open but that its pages do not offer it.
NOT_LINKED_FOR = {
    ("admin", "/job-seekers/{pk}/edit/"): "corrections are the office's; admins use the admin",
    ("admin", "/job-seekers/{pk}/anonymise/"): "erasure is offered to the person's office",
    ("employer", "/placements/{pk}/follow-up/"): "offered on the due list; the placement's page "
    "holds the same form",
    ("officer", "/placements/{pk}/follow-up/"): "offered on the due list; the placement's page "
    "holds the same form",
    ("admin", "/cohorts/{pk}/candidates/"): "enrolling is the provider's and the office's",
    ("admin", "/cohorts/{pk}/enrollments/{enrollment_pk}/withdraw/"): "the same",
}

#: Demo users and the matrix column whose GET pages they must reach (None: the walk
#: checks their pages but their smaller share of the demo need not offer every page).
WALKERS = {
    "officer": "officer A",
    "officer2": None,
    "trainer": "trainer A",
    "employer": "employer A",
    "employer2": None,
    "admin": "admin",
}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=io.StringIO(), **DEMO)
        yield
        transaction.set_rollback(True)


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return _pattern_text("/" + match.route)


def grouped_numbers(html: str) -> list[str]:
    found = []
    for name, value in ATTRIBUTE.findall(html):
        if name == "src" or value.startswith(("http://", "https://")):
            continue
        for number in GROUPED.findall(value):
            found.append(f'{name}="{value}" ({number})')
    return found


def starts(user) -> list[str]:
    """Home, and a person of each registration status, as an officer finds them by a
    search (an ended registration is what offers anonymisation)."""
    urls = ["/"]
    if user.is_officer or user.is_admin:
        people = JobSeeker.objects.visible_to(user)
        for status in ("active", "placed", "expired", "removed"):
            person = people.filter(status=status).order_by("-pk").first()
            if person:
                urls.append(f"/job-seekers/{person.pk}/")
        vacancy = Vacancy.objects.visible_to(user).filter(status="open").order_by("-pk").first()
        if vacancy:  # its candidates are what an officer looks for
            urls.append(f"/vacancies/{vacancy.pk}/")
    if user.is_officer or user.is_trainer:
        # A cohort where one of the user's people is still enrolled: where a withdrawal
        # is done (five random cohorts of many need not include one).
        enrolled = (
            Enrollment.objects.visible_to(user).filter(status="enrolled").order_by("-pk").first()
        )
        if enrolled:
            urls.append(f"/cohorts/{enrolled.cohort_id}/")
    return urls


def walk(client: Client, user) -> tuple[dict[str, int], list[str]]:
    """Open every page reachable from home; return the routes met and the faults."""
    first, queue, seen = starts(user), [], set()
    chance = random.Random(2026)  # links in a shuffled (but repeatable) order: variety
    per_route: Counter = Counter()
    met: dict[str, int] = {}
    faults: list[str] = []
    while first or queue:
        url = first.pop(0) if first else queue.pop(chance.randrange(len(queue)))
        if url in seen:
            continue
        seen.add(url)
        parts = urlsplit(url)
        route = route_of(parts.path)
        if route is None:
            faults.append(f"{url}: a link to no page")
            continue
        key = (route, bool(parts.query))
        if per_route[key] >= PER_ROUTE:
            continue
        per_route[key] += 1
        response = client.get(url)
        met[route] = response.status_code
        if response.status_code >= 500:
            faults.append(f"{url}: {response.status_code}")
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        html = response.content.decode()
        faults.extend(f"{url}: {found}" for found in grouped_numbers(html))
        parser = Links()
        parser.feed(html)
        for href in parser.hrefs:
            target = urljoin(url, href.split("#", 1)[0])
            if not target.startswith("/") or SKIP.match(target) or target in seen:
                continue
            queue.append(target)
    return met, faults


@pytest.mark.django_db
@pytest.mark.parametrize("username", list(WALKERS))
def test_every_page_a_user_reaches_answers_and_prints_ids_raw(demo, username):
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    met, faults = walk(client, user)
    assert not faults, "\n".join(faults[:40])

    column = WALKERS[username]
    if column is None:
        return
    expected = {
        row.path
        for row in readme_rows()
        if row.method == "GET"
        and row.kind == "page"
        and row.expected[column] == 200
        and row.path not in NOT_LINKED
        and (username, row.path) not in NOT_LINKED_FOR
    }
    missing = sorted(expected - set(met))
    assert not missing, f"{username} reaches no link to: {missing}"


def test_the_walk_catches_a_grouped_id():
    html = '<a href="/job-seekers/2.421/">x</a><input value="100.245"><div data-id="1,234">'
    assert len(grouped_numbers(html)) == 3
    assert not grouped_numbers('<a href="/reports/ipk/?year=2026&region=36.72.04">x</a>')


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps its own statistics")
def test_the_seeded_database_has_statistics_so_duplicates_use_the_name_index(demo):
    from trainees.selectors.job_seekers import duplicate_groups

    sql, params = duplicate_groups(User.objects.get(username="officer")).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "js_name_birth" in plan, plan
