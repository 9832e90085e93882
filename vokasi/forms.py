"""Form pieces every app's pages share."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; it reads and writes ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)
