"""Reading typed values out of a table's text, the same way in every upload."""

from __future__ import annotations

import pandas as pd


def dates(series: pd.Series) -> pd.Series:
    """ISO dates (what an Excel date cell becomes, a time part ignored) or Indonesian
    dd-mm-yyyy, dd/mm/yyyy and dd.mm.yyyy; anything else is NaT for the rule to name."""
    text = series.str.strip().str.split("T").str[0].str.split(" ").str[0]
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    local = pd.to_datetime(
        text.str.replace(r"[/.]", "-", regex=True), format="%d-%m-%Y", errors="coerce"
    )
    return iso.fillna(local)


def words(series: pd.Series) -> pd.Series:
    """A cell's words for matching against a vocabulary: lower case, single spaces."""
    return series.str.lower().str.split().str.join(" ").fillna("")
