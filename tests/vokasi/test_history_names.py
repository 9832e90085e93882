"""The admin lists each audited table's history in the user's language."""

from __future__ import annotations

import re

from django.utils import translation

from trainees.models import JobSeeker


def test_history_tables_are_named_in_indonesian_and_english():
    meta = JobSeeker.history.model._meta
    with translation.override("id"):
        assert str(meta.verbose_name_plural) == "riwayat pencari kerja"
    with translation.override("en"):
        assert str(meta.verbose_name) == "historical job seeker"


def test_the_admin_index_shows_no_english_history_names(admin_client):
    html = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "riwayat pencari kerja" in html.lower()
    text = re.sub(r"<[^>]+>", " ", html)  # what a person reads, not class names or URLs
    assert "historical" not in text.lower()
