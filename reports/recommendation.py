"""Training recommendation: where to open cohorts next.

For each skill (or vocation) of the link-and-match report, every person who could fill an
opening counts **once, in their best position**: *certified* > *trained* > *in training*
> *declared* (the contract, API v1.1). So:

- **supply** = the registered people holding the skill certified or trained, and those
  who only declared it and are not training for it;
- **pipeline** = the people in training for it (on the period's last day, as in link and
  match) who do not already hold it trained or certified;
- **unmet demand** = demand - supply - pipeline: the openings nobody registered or in
  training could fill. A trainee who already holds the skill is subtracted once.

Rows with unmet demand are ranked from the largest; **cohorts** = unmet demand divided by
the usual class size (``VOKASI["DEFAULT_COHORT_QUOTA"]``, 16), rounded up; and the active
programmes that teach the skill (of that vocation) are listed, with their provider, so the
budget meeting can see who could run them (today's offer: the one column that is not a
count of the period).
"""

from __future__ import annotations

import pandas as pd
from django.conf import settings
from django.db.models import F, Max

from reports import link_and_match as lm
from reports.db import report_connection, report_query
from reports.scope import Scope
from trainees.models import JobSeekerSkill, Programme
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
LEVELS = ("skill", "vocation")
DECLARED = JobSeekerSkill.Source.DECLARED
TRAINED = JobSeekerSkill.Source.TRAINED


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
    overlap = _overlap(params, scope, level)
    frame = frame.merge(overlap, left_on="key", right_index=True, how="left")
    frame[["declared_in_training", "held_in_training"]] = (
        frame[["declared_in_training", "held_in_training"]].fillna(0).astype("int64")
    )
    # Each person once: a declared trainee is in the pipeline, a trained one in supply.
    frame["supply"] = frame["supply"] - frame["declared_in_training"]
    frame["pipeline"] = frame["pipeline"] - frame["held_in_training"]
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


def _overlap(params: lm.Params, scope: Scope, level: str) -> pd.DataFrame:
    """Per row key, the people in training who are also in the supply: those who only
    declared the skill (``declared_in_training``) and those who hold it trained or
    certified (``held_in_training``), on the period's last day.

    The (person, key) pairs in training meet the sources those people held inside the
    database, which answers one row per key (a few hundred) instead of sending tens of
    thousands of pairs to be joined here.
    """
    key = "cohort__programme__skills" if level == "skill" else "cohort__programme__skills__vocation"
    enrollments = lm.pipeline_enrollments(params, scope)
    if params.vocation:
        enrollments = enrollments.filter(cohort__programme__skills__vocation_id=params.vocation)
    training = enrollments.order_by().values(person=F("job_seeker_id"), row_key=F(key)).distinct()
    skill_key = "skill_id" if level == "skill" else "skill__vocation_id"
    people = lm.supply_people(params, scope).filter(
        pk__in=enrollments.order_by().values("job_seeker_id")
    )
    held = (
        lm.held(params, people)
        .values(person=F("job_seeker_id"), row_key=F(skill_key))
        .annotate(best=Max("held_source"))
    )
    training_sql, training_params = training.query.sql_with_params()
    held_sql, held_params = held.query.sql_with_params()
    # Each side is worked out once (MATERIALIZED), then joined: as plain subqueries,
    # PostgreSQL could pick a nested loop that works the people's held skills out again
    # for every pair in training when its row estimates are stale (after many people
    # were anonymised, a test's query ran for over ten minutes on a few hundred rows).
    sql = (
        f"WITH t AS MATERIALIZED ({training_sql}), h AS MATERIALIZED ({held_sql})"
        " SELECT t.row_key,"
        " SUM(CASE WHEN h.best = %s THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN h.best >= %s THEN 1 ELSE 0 END)"
        " FROM t JOIN h ON h.person = t.person AND h.row_key = t.row_key"
        " GROUP BY t.row_key"
    )
    columns = ["declared_in_training", "held_in_training"]
    with report_connection().cursor() as cursor:
        cursor.execute(sql, [*training_params, *held_params, DECLARED, TRAINED])
        rows = cursor.fetchall()
    counted = pd.DataFrame.from_records(rows, columns=["key", *columns])
    counted["key"] = counted["key"].astype(str)
    return counted.set_index("key")[columns].astype("int64")


def totals(frame: pd.DataFrame) -> dict:
    return {column: int(frame[column].sum()) for column in COUNT_COLUMNS}


def records(frame: pd.DataFrame) -> list[dict]:
    out = frame.to_dict("records")
    for row in out:
        for column in COUNT_COLUMNS:
            row[column] = int(row[column])
    return out


def api_records(frame: pd.DataFrame) -> list[dict]:
    """The contract's rows (API v1.1): ``cohorts`` is ``cohorts_to_open`` there."""
    return [
        {
            "key": row["key"],
            "name": row["name"],
            **{column: row[column] for column in ("demand", "supply", "pipeline", "unmet")},
            "cohorts_to_open": row["cohorts"],
            "vocation": row["vocation"],
            "programmes": row["programmes"],
        }
        for row in records(frame)
    ]
