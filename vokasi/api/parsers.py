"""The API's JSON parser: DRF's, with the limits a hostile body must not cross.

- **Depth**: ``json`` recurses once per nesting level, so ``[[[[…]]]]`` 50,000 deep raises
  ``RecursionError`` (a 500) before any view runs. No request in the contract nests more
  than a few levels; deeper than ``MAX_DEPTH`` answers 400.
- **NUL**: PostgreSQL text cannot hold ``\\u0000``; a string holding one would fail in the
  database (a 500) wherever it reaches a query. Any key or string with NUL answers 400.

Every JSON body goes through this parser (``DEFAULT_PARSER_CLASSES``), so the rule lives
here once rather than in each serializer.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32


def check_json_value(data) -> None:
    """Raise ``ParseError`` when ``data`` nests deeper than ``MAX_DEPTH`` or holds NUL."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise ParseError(_("JSON strings must not contain NUL characters (\\u0000)."))
            continue
        if not isinstance(value, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            raise ParseError(
                _("JSON nested more than %(depth)d levels deep.") % {"depth": MAX_DEPTH}
            )
        items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
        for key, item in items:
            if key is not None:
                pending.append((key, depth))
            pending.append((item, depth + 1))


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                _("JSON nested more than %(depth)d levels deep.") % {"depth": MAX_DEPTH}
            ) from None
        check_json_value(data)
        return data
