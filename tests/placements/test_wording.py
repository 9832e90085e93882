"""What a person reads on the company and matching pages: skill names (not codes) and
skill sources in Indonesian."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from tests import factories

SMAW = "Pengelasan SMAW (Shielded Metal Arc Welding) posisi 1G/2G"
GTAW = "Pengelasan GTAW (TIG)"


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_vacancy_page_names_the_skills_for_the_company(
    world, vacancy_a, referral_a, django_assert_max_num_queries
):
    vacancy_a.skill_rows.create(skill_id="LAS-GTAW", required=False)
    client = Client()
    client.force_login(world.employer_a)
    with django_assert_max_num_queries(20):
        html = client.get(reverse("placements:vacancy-detail", args=[vacancy_a.pk])).content
    text = visible_text(html.decode())
    assert SMAW in text and GTAW in text
    assert "LAS-SMAW" not in text and "LAS-GTAW" not in text
    assert "bersertifikat" in text  # Siti's SMAW is certified


def test_the_matches_page_says_how_the_skill_is_known_in_indonesian(world, vacancy_a):
    declared = factories.job_seeker(world.office_a, name="Budi Santoso")
    factories.give_skill(declared, "LAS-SMAW")
    client = Client()
    client.force_login(world.officer_a)
    html = client.get(reverse("placements:vacancy-matches", args=[vacancy_a.pk])).content
    text = visible_text(html.decode())
    assert "Budi Santoso" in text
    assert "pengakuan sendiri" in text
    assert not re.search(r"\b(declared|trained|certified)\b", text)


def test_the_matches_page_shows_the_limits_and_each_candidates_age(world, vacancy_a):
    from django.utils import timezone

    from vokasi.dates import add_years

    vacancy_a.sex, vacancy_a.sex_reason = "P", "Pemeriksaan badan pekerja perempuan"
    vacancy_a.age_min, vacancy_a.age_max = 18, 30
    vacancy_a.age_reason = "Program lulusan baru perusahaan"
    vacancy_a.save()
    born = add_years(timezone.localdate(), -24)
    woman = factories.job_seeker(world.office_a, name="Sri Wahyuni", sex="P", birth_date=born)
    factories.give_skill(woman, "LAS-SMAW")
    client = Client()
    client.force_login(world.officer_a)
    html = client.get(reverse("placements:vacancy-matches", args=[vacancy_a.pk])).content
    text = " ".join(visible_text(html.decode()).split())
    assert "18 – 30 (Program lulusan baru perusahaan)" in text
    assert "perempuan (Pemeriksaan badan pekerja perempuan)" in text
    assert "Sri Wahyuni perempuan · 24 tahun" in text
    assert "batas usia dan jenis kelamin lowongan" in text
