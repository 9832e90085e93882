"""A visitor, not logged in, finds a vacancy on the public board and reads how to apply."""

from __future__ import annotations

import pytest

from placements.selectors.public import public_vacancies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_vacancy_to_search_for():
    """An open vacancy of the demo and a word of its title that narrows the board."""
    vacancy = public_vacancies().select_related("region").first()
    word = max(vacancy.title.split(), key=len)
    return vacancy, word


@pytest.mark.parametrize("width", [1366, 375])
def test_a_visitor_searches_by_word_and_kecamatan_and_reads_how_to_apply(page, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    vacancy, word = a_vacancy_to_search_for()

    page.goto("/login/")
    page.click("[data-testid=login-board-link]")
    page.wait_for_selector("[data-testid=board-search]")
    assert page.inner_text("h1").startswith("Lowongan kerja")
    everything = page.inner_text("[data-testid=board-count]")

    page.fill("#id_q", word)
    page.select_option("#id_region", vacancy.region_id)
    with page.expect_navigation():
        page.click("[data-testid=board-search] button[type=submit]")
    assert page.inner_text("[data-testid=board-count]") != everything
    items = page.locator("[data-testid=board-item]")
    assert items.count() >= 1
    for text in items.all_inner_texts():
        assert vacancy.region.name in text
    assert not page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
    ), f"the board scrolls sideways at {width} px"

    with page.expect_navigation():
        page.get_by_role("link", name=vacancy.title).first.click()
    assert page.inner_text("[data-testid=vacancy-title]").startswith(vacancy.title)
    how = page.inner_text("[data-testid=how-to-apply]")
    assert "Cara melamar" in how
    assert "kartu AK/I" in how
    assert "Disnaker" in how
    # Nothing of the logged-in site: no navigation of a role, no session cookie.
    assert page.locator("[data-testid=current-user]").count() == 0
    assert not [c for c in page.context.cookies() if c["name"] == "sessionid"]


def test_the_header_leads_a_visitor_to_the_board_in_english_too(page, demo):
    page.goto("/login/")
    page.select_option("select[name=language]", "en")
    page.wait_for_load_state()
    page.click("[data-testid=nav-board]")
    page.wait_for_selector("[data-testid=board-search]")
    assert page.inner_text("h1").startswith("Job vacancies")
