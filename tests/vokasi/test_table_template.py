"""Every django-tables2 table: named columns, paging in the user's language, its own
scroll box."""

from __future__ import annotations

import re

import django_tables2 as tables
from django.test import RequestFactory
from django.utils import translation


class PeopleTable(tables.Table):
    name = tables.Column(verbose_name="Nama", orderable=False)
    action = tables.TemplateColumn("<a href='#'>x</a>", verbose_name="", orderable=False)


def render(page: int = 2) -> str:
    request = RequestFactory().get("/people/", {"page": page})
    table = PeopleTable([{"name": f"Orang {i}"} for i in range(30)])
    table.paginate(page=page, per_page=10)
    with translation.override("id"):
        return table.as_html(request)


def test_an_action_column_has_a_header_for_screen_readers():
    html = render()
    assert '<span class="visually-hidden">Tindakan</span>' in html
    assert "<th" in html and "></th>" not in html.replace(" ", "")


def test_the_pages_are_named_in_indonesian_and_the_current_one_is_marked():
    html = render()
    assert "Sebelumnya" in html and "Berikutnya" in html
    text = re.sub(r"<[^>]+>", " ", html)  # what a person reads, not the class names
    assert "previous" not in text.lower() and "next" not in text.lower()
    assert 'aria-label="Halaman tabel"' in html
    assert '?page=2" aria-current="page">2</a>' in html


def test_the_table_scrolls_in_its_own_box():
    assert render().lstrip().startswith('<div class="table-container">')
