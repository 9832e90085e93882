"""Import ``english`` into a test module to read its messages in English.

Bahasa Indonesia is the default language; these tests assert the English msgids, so
the module switches the default (requests without Accept-Language, and services).
"""

import pytest


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
