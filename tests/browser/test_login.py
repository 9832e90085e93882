"""A person of each role logs in through the real login form and sees their home page."""

import pytest

from tests.browser.conftest import login
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize(
    ("who", "heading"),
    [
        ("officer_a", "Dinas"),
        ("trainer_a", "Penyelenggara pelatihan"),
        ("employer_a", "Perusahaan"),
        ("admin", "Administrator"),
    ],
)
def test_each_role_logs_in_and_sees_its_home(page, world, who, heading):
    user = getattr(world, who)
    login(page, user.username, PASSWORD)
    assert heading in page.inner_text("[data-testid=home-heading]")
    assert user.username in page.inner_text("[data-testid=current-user]") or (
        user.get_full_name() in page.inner_text("[data-testid=current-user]")
    )
    page.click("text=Keluar")
    page.wait_for_selector("#id_username")


def test_a_wrong_password_is_refused_with_a_message(page, world):
    page.goto("/login/")
    page.fill("#id_username", world.officer_a.username)
    page.fill("#id_password", "wrong")
    page.click("button[type=submit]")
    # The refusal is a new page: wait for it rather than look at the old one.
    alert = page.locator("[role=alert]")
    alert.wait_for(state="visible")
    assert alert.is_visible()
