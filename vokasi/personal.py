"""Personal data shown in part: what every app masks the same way."""

from __future__ import annotations

#: Fields whose values are never shown whole outside the owning office's own record.
MASKED_FIELDS = frozenset({"nik"})


def mask_nik(nik: str) -> str:
    """Show the region and serial only: 3672********0001."""
    if len(nik) != 16:
        return "*" * len(nik)
    return f"{nik[:4]}{'*' * 8}{nik[-4:]}"
