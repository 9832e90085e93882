"""Every page carries a strict Content-Security-Policy and the usual security headers."""

from django.urls import reverse

from tests.factories import PASSWORD


def test_pages_forbid_inline_scripts_and_framing(client, world):
    pages = [(None, reverse("login")), (world.officer_a, reverse("home")), (None, "/api/docs/")]
    for user, url in pages:
        if user:
            client.login(username=user.username, password=PASSWORD)
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"


def test_no_template_has_inline_script_or_style(settings):
    """The CSP would silently break them, so they are refused at the source."""
    import re
    from pathlib import Path

    offenders = []
    pattern = re.compile(r"<script>|<script(?![^>]*\bsrc=)[^>]*>|\bon[a-z]+=\"|style=\"|<style")
    for template in Path(settings.BASE_DIR).glob("*/templates/**/*.html"):
        for number, line in enumerate(template.read_text().splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{template}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
