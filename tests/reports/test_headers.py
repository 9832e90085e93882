"""Column headers that name a number say the setting's number, on the page and in exports."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation


def test_the_cohort_size_and_the_outcome_windows_in_headers_follow_the_settings(
    client, world, settings
):
    settings.VOKASI = {
        **settings.VOKASI,
        "DEFAULT_COHORT_QUOTA": 20,
        "OUTCOME_PLACED_DAYS": (60, 120),
        "OUTCOME_RETENTION_DAYS": 200,
    }
    client.force_login(world.officer_a)
    period = {"from": "2026-01-01", "to": "2026-03-31"}
    with translation.override("en"):
        page = client.get(reverse("reports:recommendation"), period, HTTP_ACCEPT_LANGUAGE="en")
        csv = client.get(
            reverse("reports:recommendation"),
            {**period, "format": "csv"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        outcomes = client.get(
            reverse("reports:outcomes"), {**period, "format": "csv"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        outcome_page = client.get(reverse("reports:outcomes"), period, HTTP_ACCEPT_LANGUAGE="en")
    assert "Cohorts of 20 to open" in page.content.decode()
    assert "Cohorts of 20 to open" in csv.content.decode("utf-8-sig")
    header = outcomes.content.decode("utf-8-sig").splitlines()[0]
    assert "Placed within 60 days" in header and "Placed within 120 days" in header
    assert "Retained after 200 days" in header
    assert "16" not in header and "90" not in header and "180" not in header
    html = outcome_page.content.decode()
    assert "Placed ≤ 60 days" in html and "Retained after 200 days" in html
