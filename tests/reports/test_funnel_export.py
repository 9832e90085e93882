"""The funnel downloads its stages (rates as percentages), or the people behind a stage."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.exports import filename, read_csv, read_xlsx, workbook
from tests.reports.test_funnel import people  # noqa: F401  (the hand-built pipeline)
from vokasi.models import AccessLog

URL = "/reports/funnel/"
PERIOD = {"from": "2026-01-01", "to": "2026-06-30"}
TODAY = timezone.localdate()


def test_the_stages_export_with_counts_and_percentages(client, world, people):  # noqa: F811
    client.force_login(world.officer_a)
    response = client.get(URL, {**PERIOD, "format": "xlsx"})
    assert filename(response) == f"corong-tahapan-{TODAY:%Y-%m-%d}.xlsx"
    rows = read_xlsx(response)
    assert [row[1] for row in rows[1:3]] == [4, 2]  # office A: registered, enrolled
    sheet = workbook(response).active
    assert sheet["C3"].value == pytest.approx(2 / 4)
    assert sheet["C3"].number_format == "0.0%"
    assert not AccessLog.objects.exists()  # counts only


def test_english_csv_uses_commas_and_decimal_points(client, world, people):  # noqa: F811
    client.force_login(world.officer_a)
    client.cookies["django_language"] = "en"
    response = client.get(URL, {**PERIOD, "format": "csv"})
    assert filename(response) == f"pipeline-funnel-{TODAY:%Y-%m-%d}.csv"
    lines = read_csv(response, delimiter=",")
    assert lines[0][:2] == ["Stage", "People"]
    assert lines[2][2] == "0.5"


def test_the_people_behind_a_stage_export_and_are_logged(client, world, people):  # noqa: F811
    client.force_login(world.officer_a)
    response = client.get(URL, {**PERIOD, "stage": "placed", "format": "csv"})
    lines = read_csv(response)
    assert [int(line[0]) for line in lines[1:]] == [people["a"].pk]
    entry = AccessLog.objects.get()
    assert (entry.action, entry.target, entry.object_id) == ("export", "funnel: people", "placed")


def test_the_page_links_keep_the_filters(client, world, people):  # noqa: F811
    client.force_login(world.officer_a)
    page = client.get(URL, {**PERIOD, "sex": "P"}).content.decode()
    assert 'href="?from=2026-01-01&amp;to=2026-06-30&amp;sex=P&amp;format=csv"' in page
