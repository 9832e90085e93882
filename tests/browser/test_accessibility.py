"""Every page a role uses, scanned with axe-core on the demo data, plus our own checks.

For each role (officer, trainer, employer, admin) the test opens every GET page the
README's matrix gives that role a 200 on, with real ids from the demo, injects axe-core
(installed by scripts/ensure-axe) and fails on any violation of impact moderate or higher
(and on empty table headers, which axe rates minor). On each page it also checks what axe
does not: every id an ``aria-describedby`` names exists, and at 320 px the page itself
does not scroll sideways (wide tables scroll inside their own box). The Django admin and
the API docs are not our markup and are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from tests.browser.conftest import DEMO_PASSWORD, login
from tests.vokasi.authorization import readme_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = {"moderate", "serious", "critical"}
#: Rules failed whatever axe's impact (the brief of the page says they matter to us).
ALWAYS = {"empty-table-header"}
#: Not pages of ours (the admin, the API docs, JSON), or not whole pages: the duplicate
#: check answers a fragment the registration form puts in its own page.
SKIPPED = ("/admin/", "/api/", "/health/", "/login/", "/favicon.ico", "/job-seekers/check/")
ROLE_USERS = {
    "officer A": "officer",
    "trainer A": "trainer",
    "employer A": "employer",
    "admin": "admin",
}

OWN_CHECKS = """() => {
  const problems = [];
  for (const el of document.querySelectorAll("[aria-describedby], [aria-labelledby]")) {
    for (const attr of ["aria-describedby", "aria-labelledby"]) {
      for (const id of (el.getAttribute(attr) || "").split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) problems.push(`${attr}="${id}" names no element`);
      }
    }
  }
  for (const th of document.querySelectorAll("th")) {
    if (!th.textContent.trim() && !th.getAttribute("aria-label")) {
      problems.push("an empty table header: " + th.closest("table").outerHTML.slice(0, 80));
    }
  }
  return problems;
}"""

PAGE_SCROLLS_SIDEWAYS = """() => document.documentElement.scrollWidth >
  document.documentElement.clientWidth + 1"""


def demo_objects(user) -> dict[str, object]:
    """The richest objects of the demo the user may see: a person with skills, training
    and referrals, a cohort with trainees, a vacancy with candidates."""
    from placements.models import Apprenticeship, Placement, Vacancy
    from trainees.models import Cohort, Enrollment, JobSeeker, Programme
    from vokasi.jobs.models import Job

    def richest(queryset, *relations):
        annotated = queryset.annotate(**{f"n_{r}": Count(r, distinct=True) for r in relations})
        return annotated.order_by(*[f"-n_{r}" for r in relations], "pk").first()

    objects: dict[str, object] = {}
    objects["job_seeker"] = richest(
        JobSeeker.objects.visible_to(user), "referrals", "enrollments", "skill_rows"
    )
    objects["programme"] = richest(Programme.objects.visible_to(user), "cohorts")
    objects["cohort"] = richest(Cohort.objects.visible_to(user), "enrollments")
    objects["results_cohort"] = richest(
        Cohort.objects.visible_to(user).filter(status=Cohort.Status.RUNNING), "enrollments"
    )
    objects["enrollment"] = (
        Enrollment.objects.visible_to(user).filter(status=Enrollment.Status.ENROLLED).first()
    )
    objects["vacancy"] = richest(Vacancy.objects.visible_to(user), "referrals")
    objects["placement"] = richest(Placement.objects.visible_to(user), "follow_ups")
    objects["apprenticeship"] = Apprenticeship.objects.visible_to(user).order_by("-pk").first()
    from trainees.models import CsrCommitment

    objects["commitment"] = CsrCommitment.objects.visible_to(user).order_by("pk").first()
    from vokasi.models import Agreement

    objects["agreement"] = richest(Agreement.objects.visible_to(user), "cohorts", "internships")
    from trainees.models import Scholarship

    objects["scholarship"] = Scholarship.objects.visible_to(user).order_by("pk").first()
    from placements.selectors.public import public_vacancies

    objects["public_vacancy"] = public_vacancies().first()
    from vokasi.models import Company

    objects["company"] = (
        Company.objects.in_register_of(user).filter(status="unverified").order_by("pk").first()
    )
    from placements.models import CompanyWarning

    objects["warning"] = (
        CompanyWarning.objects.visible_to(user)
        .filter(company__in=Company.objects.in_register_of(user))
        .order_by("pk")
        .first()
    )
    objects["job"] = Job.objects.create(
        owner=user, kind="job_seekers_import", status=Job.Status.DONE, filename="daftar.xlsx",
        result={"created": 3, "updated": 0, "unchanged": 1, "errors": [], "dry_run": False},
    )  # fmt: skip
    return objects


def fill(route: str, objects: dict) -> str | None:
    """The route with the demo's ids; None when the demo has no such object for the role."""
    if "{enrollment_pk}" in route:
        enrollment = objects["enrollment"]
        if enrollment is None:
            return None
        return route.replace("{pk}", str(enrollment.cohort_id)).replace(
            "{enrollment_pk}", str(enrollment.pk)
        )
    if "{scholarship_pk}" in route:
        scholarship = objects["scholarship"]
        if scholarship is None:
            return None
        return route.replace("{pk}", str(scholarship.agreement_id)).replace(
            "{scholarship_pk}", str(scholarship.pk)
        )
    owner = None
    if route.startswith(("/job-seekers/{pk}", "/job-seekers/cards/")):
        owner = "job_seeker"
    elif route.startswith("/programmes/{pk}"):
        owner = "programme"
    elif route.startswith("/cohorts/{pk}/results"):
        owner = "results_cohort"
    elif route.startswith("/cohorts/{pk}"):
        owner = "cohort"
    elif route.startswith("/vacancies/{pk}"):
        owner = "vacancy"
    elif route.startswith("/placements/{pk}"):
        owner = "placement"
    elif route.startswith("/apprenticeships/{pk}"):
        owner = "apprenticeship"
    elif route.startswith("/jobs/{pk}"):
        owner = "job"
    elif route.startswith("/csr/{pk}"):
        owner = "commitment"
    elif route.startswith("/agreements/{pk}"):
        owner = "agreement"
    elif route.startswith("/lowongan/{pk}"):
        owner = "public_vacancy"
    elif route.startswith("/companies/{pk}"):
        owner = "company"
    elif route.startswith("/warnings/{pk}"):
        owner = "warning"
    if owner:
        if objects[owner] is None:
            return None
        route = route.replace("{pk}", str(objects[owner].pk))
    return route.replace("{by}", "skill").replace("{key}", "LAS-SMAW")


def pages_for(role: str) -> list[str]:
    """The GET pages (not exports, not API) the README gives the role a 200 on."""
    return [
        row.route
        for row in readme_rows()
        if row.method == "GET"
        and row.kind == "page"
        and row.expected[role] == 200
        and not row.route.startswith(SKIPPED)
        and not row.route.endswith(("/download/", "/document/"))  # a file, not a page
    ]


def scan(page) -> list[str]:
    """axe-core's serious findings and our own, as readable lines."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
          const r = await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                             "wcag22aa", "best-practice"]},
          });
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " — " +
              (n.failureSummary || "").split("\\n").slice(1, 2).join(""))}));
        }"""
    )
    lines = [
        f"[{v['impact']}] {v['id']}: {v['help']} at {'; '.join(v['nodes'])}"
        for v in result
        if v["impact"] in SEVERE or v["id"] in ALWAYS
    ]
    lines += page.evaluate(OWN_CHECKS)
    return lines


def walk(page, urls: list[str]) -> dict[str, list[str]]:
    findings: dict[str, list[str]] = {}
    for url in urls:
        page.set_viewport_size({"width": 1366, "height": 900})
        response = page.goto(url)
        problems = [] if response.ok else [f"answered {response.status}"]
        problems += scan(page)
        page.set_viewport_size({"width": 320, "height": 640})
        if page.evaluate(PAGE_SCROLLS_SIDEWAYS):
            width = page.evaluate("document.documentElement.scrollWidth")
            problems.append(f"at 320 px the page scrolls sideways ({width} px wide)")
        if problems:
            findings[url] = problems
    return findings


#: Pages a matrix row does not name on its own: the IPK tables as printed and signed.
EXTRA_PAGES = {"officer A": ["/reports/ipk/?print=1"], "admin": ["/reports/ipk/?print=1"]}

#: Forms sent empty, to scan the page with its error messages (each role's own forms).
EMPTY_SUBMITS = {
    "officer A": ["/job-seekers/new/"],
    "trainer A": ["/programmes/new/", "/cohorts/new/"],
    "employer A": ["/vacancies/new/"],
    "admin": [],
}


def walk_errors(page, urls: list[str]) -> dict[str, list[str]]:
    findings: dict[str, list[str]] = {}
    page.set_viewport_size({"width": 1366, "height": 900})
    for url in urls:
        page.goto(url)
        with page.expect_navigation():
            page.locator("main form[method=post] button[type=submit]").last.click()
        if problems := scan(page):
            findings[f"{url} (sent empty)"] = problems
    return findings


def report(findings: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{url}\n" + "\n".join(f"    {line}" for line in lines) for url, lines in findings.items()
    )


@pytest.fixture
def page(browser, live_server):
    """The conftest's page, except that our strict CSP lets Playwright add axe inline."""
    if not AXE.exists():
        pytest.fail(f"axe-core is not at {AXE}: run scripts/ensure-axe")
    context = browser.new_context(base_url=live_server.url, locale="id-ID", bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("role", list(ROLE_USERS))
def test_every_page_of_the_role_passes_axe(page, demo, role):
    user = get_user_model().objects.get(username=ROLE_USERS[role])
    objects = demo_objects(user)
    urls = [url for route in pages_for(role) if (url := fill(route, objects))]
    urls += EXTRA_PAGES.get(role, [])
    assert len(urls) >= 5, urls
    login(page, user.username, DEMO_PASSWORD)
    findings = walk(page, urls) | walk_errors(page, EMPTY_SUBMITS[role])
    print(f"{role}: {len(urls)} pages scanned, {len(findings)} with findings")
    assert not findings, f"{role}: accessibility findings\n" + report(findings)


def test_the_login_and_error_pages_pass_axe(page, demo):
    assert not (findings := walk(page, ["/login/"])), report(findings)
    # The public vacancy board, as a visitor who has not logged in sees it.
    from placements.selectors.public import public_vacancies

    board = ["/lowongan/", "/lowongan/?q=operator&region=36.72.05", "/lowongan/?skill=abc"]
    board.append(f"/lowongan/{public_vacancies().first().pk}/")
    findings = walk(page, board)
    findings = {  # the tampered search answers 400 with its page, which is scanned
        url: [p for p in lines if p != "answered 400"] for url, lines in findings.items()
    }
    assert not any(findings.values()), report(findings)
    login(page, "officer", DEMO_PASSWORD)
    page.goto("/no-such-page/")
    assert re.search("tidak ditemukan", page.inner_text("h1"), re.I)
    findings = walk(page, ["/no-such-page/", "/programmes/new/"])
    findings = {
        url: [p for p in lines if not p.startswith("answered 40")]
        for url, lines in findings.items()
    }
    assert not any(findings.values()), report(findings)


STICKY_FIRST_COLUMN = """() => {
  const table = document.querySelector("[data-testid=report-table]");
  const box = table.parentElement;
  box.scrollLeft = box.scrollWidth;
  const inner = box.getBoundingClientRect();
  const first = table.querySelector("tbody td").getBoundingClientRect();
  return {scrolled: box.scrollLeft, wide: table.scrollWidth > box.clientWidth,
          inView: first.left >= inner.left - 1 && first.right <= inner.right + 1};
}"""


def test_wide_reports_scroll_in_their_box_and_keep_the_first_column_at_1366(page, demo):
    login(page, "officer", DEMO_PASSWORD)
    page.set_viewport_size({"width": 1366, "height": 900})
    for url in ["/reports/link-and-match/", "/reports/outcomes/", "/reports/recommendation/"]:
        page.goto(url)
        state = page.evaluate(STICKY_FIRST_COLUMN)
        assert not page.evaluate(PAGE_SCROLLS_SIDEWAYS), url
        if state["wide"]:  # the table is wider than the screen: its names stay in view
            assert state["scrolled"] > 0 and state["inView"], (url, state)


def test_the_keyboard_finds_the_skip_link_first_and_sees_where_it_is(page):
    page.goto("/no-such-page/")  # a page whose form field does not take the focus itself
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.bounding_box()["y"] >= 0  # shown once focused
    assert skip.inner_text() == "Langsung ke isi halaman"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#content"
    # Our own focus ring, thick enough to see on the dark-blue buttons.
    page.goto("/login/")
    page.click("#id_password")
    page.keyboard.press("Tab")
    ring = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [document.activeElement.className, s.outlineStyle, s.outlineWidth]; }"""
    )
    assert ring == ["primary", "solid", "3px"]
