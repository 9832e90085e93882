"""Training recommendation: where to open cohorts next.

For each skill (or vocation) of the link-and-match report: **unmet demand** = demand -
supply (all sources) - pipeline, the openings nobody registered or in training could fill.
Rows with unmet demand are ranked from the largest; **cohorts** = unmet demand divided by
the usual class size (``VOKASI["DEFAULT_COHORT_QUOTA"]``, 16), rounded up; and the active
programmes that teach the skill (of that vocation) are listed, with their provider, so the
budget meeting can see who could run them.
"""

from __future__ import annotations

import pandas as pd
from django.conf import settings

from reports import link_and_match as lm
from reports.db import report_query
from reports.scope import Scope
from trainees.models import Programme
from vokasi.models import Skill

COLUMNS = [
    "key",
    "name",
    "vocation",
    "vocation_name",
    "demand",
    "supply",
    "pipeline",
    "unmet",
    "cohorts",
    "programmes",
]
COUNT_COLUMNS = ["demand", "supply", "pipeline", "unmet", "cohorts"]


def class_size() -> int:
    return int(settings.VOKASI.get("DEFAULT_COHORT_QUOTA", 16))


@report_query
def recommendation(params: lm.Params, scope: Scope) -> pd.DataFrame:
    level = "vocation" if params.by == "vocation" else "skill"
    frame = lm.link_and_match(
        lm.Params(
            params.date_from,
            params.date_to,
            level,
            params.vocation,
            params.sector,
            params.provider,
        ),
        scope,
    )
    frame["unmet"] = frame["demand"] - frame["supply"] - frame["pipeline"]
    frame = frame[frame["unmet"] > 0].copy()
    size = class_size()
    frame["cohorts"] = (frame["unmet"] + size - 1) // size
    if level == "skill":
        vocations = pd.DataFrame.from_records(
            list(Skill.objects.values_list("code", "vocation_id", "vocation__name")),
            columns=["key", "vocation", "vocation_name"],
        )
        frame = frame.merge(vocations, on="key", how="left")
        teaching = Programme.objects.filter(is_active=True, skills__in=frame["key"].tolist())
        pairs = teaching.values_list("skills", "name", "provider__name")
    else:
        frame["vocation"] = frame["key"]
        frame["vocation_name"] = frame["name"]
        pairs = Programme.objects.filter(
            is_active=True, vocation_id__in=frame["key"].tolist()
        ).values_list("vocation_id", "name", "provider__name")
    programmes = pd.DataFrame.from_records(
        list(pairs.distinct()), columns=["key", "programme", "provider"]
    )
    if programmes.empty:
        frame["programmes"] = ""
    else:
        programmes["text"] = programmes["programme"] + " (" + programmes["provider"] + ")"
        listed = programmes.sort_values("text").groupby("key")["text"].agg("; ".join)
        frame["programmes"] = frame["key"].map(listed).fillna("")
    frame = frame.sort_values(["unmet", "demand", "key"], ascending=[False, False, True])
    return frame[COLUMNS].reset_index(drop=True)


def totals(frame: pd.DataFrame) -> dict:
    return {column: int(frame[column].sum()) for column in COUNT_COLUMNS}


def records(frame: pd.DataFrame) -> list[dict]:
    out = frame.to_dict("records")
    for row in out:
        for column in COUNT_COLUMNS:
            row[column] = int(row[column])
    return out
