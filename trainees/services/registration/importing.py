"""Bulk registration from a job fair's or a school's list (.xlsx or .csv).

It runs through the one upload pipeline (``vokasi.tabular.pipeline``: read, check every
row, report, write). The columns are in ``registration.columns``; the checks are the
registration rules themselves (``registration.rules``, the code the form and the API
run on one person), over the whole frame at once. The database is asked a fixed number
of questions whatever the number of rows (reference data, existing NIKs, the AK/I
counter), and the rows are written by the one bulk writer (``vokasi.db``) in one
transaction: all or nothing. A NIK already registered at this office with the same name
and birth date counts as unchanged, so importing the same file again creates nothing.
"""

from __future__ import annotations

import csv
import datetime
import io
import json

import pandas as pd
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.models import JobSeeker, JobSeekerSkill, mask_nik, normalise_name
from trainees.nik import normalise_nik, repeated_nik
from trainees.services.registration import (
    add_months,
    allocate_registration_numbers,
    known_districts,
    next_due_after,
)
from trainees.services.registration.columns import (
    COLUMNS,
    EMAIL,
    MARITAL_VALUES,
    MAX_LENGTHS,
    SEX_VALUES,
    TEMPLATE_HEADERS,
    YES_NO,
)
from trainees.services.registration.rules import already_registered, check_people, known_codes
from vokasi.db import column_rows, insert_many
from vokasi.models import EducationLevel, LabourOffice, Region
from vokasi.tabular import ImportResult, TableError, parsing, read_table
from vokasi.tabular.errors import RowErrors
from vokasi.tabular.pipeline import Upload, upload_run

SHOW_CHANGES = 200


def job_seekers_import(
    *,
    office: LabourOffice,
    file,
    filename: str | None = None,
    dry_run: bool = False,
    imported_by=None,
    today: datetime.date | None = None,
    progress=None,
) -> ImportResult:
    """Validate and (unless ``dry_run``) register every row; raises TableError for the file.

    With any row error nothing is saved and the result lists every error. Runs through
    the one upload pipeline (``vokasi.tabular.pipeline``), which also logs it.
    """
    upload = _JobSeekersUpload(
        office=office,
        file=file,
        filename=filename,
        imported_by=imported_by,
        today=today or timezone.localdate(),
    )
    return upload_run(upload, dry_run=dry_run, progress=progress)


class _JobSeekersUpload(Upload):
    kind = "job_seekers"
    # Someone registered one of these NIKs while we validated: check again, so the
    # answer names it as a row error, and save nothing.
    retry_on_conflict = True

    def __init__(self, *, office, file, filename, imported_by, today) -> None:
        self.office, self.file, self.filename = office, file, filename
        self.imported_by, self.today = imported_by, today

    def read(self):
        return read_table(self.file, COLUMNS, filename=self.filename)

    def check(self, table) -> _Validation:
        return _Validation(table, office=self.office, today=self.today)

    def refused(self, checked, *, dry_run: bool) -> ImportResult:
        result = ImportResult(dry_run=dry_run, errors=checked.errors, unchanged=checked.unchanged)
        result.errors.sort(key=lambda e: (e.row, e.column))
        return result

    def preview(self, checked) -> ImportResult:
        new = checked.frame[checked.new_rows]
        return ImportResult(
            created=len(new),
            unchanged=checked.unchanged,
            dry_run=True,
            changes=_changes(new, numbers=None),
        )

    def write(self, checked, progress) -> ImportResult:
        new = checked.frame[checked.new_rows]
        if new.empty:
            return ImportResult(unchanged=checked.unchanged)
        progress.phase("writing", total=len(new))
        numbers = _write(new, office=self.office, today=self.today, imported_by=self.imported_by)
        progress.set(len(new))
        return ImportResult(
            created=len(new),
            unchanged=checked.unchanged,
            changes=_changes(new, numbers=numbers),
        )

    def log_fields(self) -> dict:
        return {"office_id": self.office.pk}


class _Validation:
    """Every rule over the whole frame; fills ``errors`` and the typed columns.

    The cells are first read into what a person states (codes, dates); the registration
    rules (``registration.rules``, the same code the form and the API run on one person)
    then check every row at once. What only a file needs stays here: words for codes,
    dates as people write them, lengths and e-mail of free text, a NIK given twice.
    """

    def __init__(self, table, *, office: LabourOffice, today: datetime.date):
        self.table = table
        self.found = RowErrors(table)
        self.frame = frame = table.frame.copy()
        self.today = today
        for name, limit in MAX_LENGTHS.items():
            self.found.flag(
                frame[name].str.len() > limit,
                name,
                _("At most %(n)d characters.") % {"n": limit},
            )
        frame["nik"] = frame["nik"].map(normalise_nik)
        frame["birth"] = parsing.dates(frame["birth_date"])
        self.found.flag(
            frame["birth"].isna() & (frame["birth_date"] != ""),
            "birth_date",
            _("Not a date: write it as 21-08-1999 or 1999-08-21."),
        )
        self._read_codes(office)
        people = self._people()
        check_people(
            people,
            self.found,
            on=today,
            known=known_codes(people),
            districts=known_districts(),
        )
        self.nik_ok = (frame["nik"] != "") & ~self.found.in_column("nik")
        self._check_niks(office)
        frame["consent"] = frame["consent_share_contact"].str.lower().str.strip().map(YES_NO)
        self.found.flag(frame["consent"].isna(), "consent_share_contact", _("Write ya or tidak."))
        self.found.flag(
            (frame["email"] != "") & ~frame["email"].str.match(EMAIL),
            "email",
            _("Not an email address."),
        )
        self.errors = self.found.errors

    def _read_codes(self, office: LabourOffice) -> None:
        """Words people write for the coded fields, as codes (a word not understood stays
        as written, for the rule to name)."""
        frame = self.frame

        def coded(column: str, words: dict[str, str]) -> pd.Series:
            written = frame[column].str.strip()
            return written.str.lower().map(words).fillna(written)

        frame["sex_code"] = coded("sex", SEX_VALUES)
        frame["marital_code"] = coded("marital_status", MARITAL_VALUES)
        by_region: dict[str, str] = {}
        for code, name, parent in Region.objects.filter(level=Region.Level.DISTRICT).values_list(
            "code", "name", "parent"
        ):
            by_region[code] = code
            by_region[code.replace(".", "")] = code
            if parent == office.region_id:  # names are unique within one city
                by_region[name.lower()] = code
                by_region[f"kecamatan {name.lower()}"] = code
        frame["region_code"] = coded("region", by_region)
        by_education: dict[str, str] = {}
        for code, name in EducationLevel.objects.values_list("code", "name"):
            by_education[code] = code
            by_education[name.lower()] = code
        frame["education_code"] = coded("education", by_education)
        frame["skill_codes"] = frame["skills"].map(
            lambda text: list(dict.fromkeys(c.strip().upper() for c in _split(text) if c.strip()))
        )

    def _people(self) -> pd.DataFrame:
        """The rows as the registration rules read a person (see ``check_people``)."""
        frame = self.frame
        birth = frame["birth"].astype(object).where(frame["birth_date"] != "", "")
        return pd.DataFrame(
            {
                "nik": frame["nik"],
                "name": frame["name"],
                "birth_place": frame["birth_place"],
                "birth_date": birth,
                "sex": frame["sex_code"],
                "marital_status": frame["marital_code"],
                "address": frame["address"],
                "region": frame["region_code"],
                "education": frame["education_code"],
                "occupation": frame["occupation"],
                "skills": frame["skill_codes"],
            },
            index=frame.index,
        )

    def _check_niks(self, office: LabourOffice) -> None:
        """A NIK twice in the file, and NIKs already registered: one query for them all.
        The same person registered here before (same name and birth date) is unchanged."""
        frame = self.frame
        self.found.flag_repeated(frame["nik"], "nik", repeated_nik())
        existing = _existing(list(frame.loc[self.nik_ok, "nik"].unique()))
        same_person = pd.Series(False, index=frame.index)
        messages = {}
        for row, nik, name, birth in frame.loc[self.nik_ok, ["nik", "name", "birth"]].itertuples():
            if nik not in existing:
                continue
            known = existing[nik]
            if (
                known["office_id"] == office.pk
                and known["name_normalised"] == normalise_name(name)
                and not pd.isna(birth)
                and known["birth_date"] == birth.date()
            ):
                same_person[row] = True
            else:
                messages[row] = already_registered(
                    known["registration_number"], known["office__name"]
                )
        self.found.flag_each(pd.Series(messages, dtype=object), "nik")
        self.unchanged = int(same_person.sum())
        self.new_rows = ~same_person & ~frame["nik"].duplicated(keep="first")


def rows_to_csv(rows: list[dict]) -> bytes:
    """JSON rows (API clients) as a CSV file, so they take the same path as uploads."""
    header = list(dict.fromkeys(key for row in rows if isinstance(row, dict) for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    for row in rows:
        if isinstance(row, dict):
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue().encode("utf-8")


def _split(text: str) -> list[str]:
    for sep in (";", "|", "\n"):
        text = text.replace(sep, ",")
    return text.split(",")


def _existing(niks: list[str]) -> dict[str, dict]:
    """The registrations holding any of ``niks``, in one query whatever their number."""
    if not niks:
        return {}
    fields = ("nik", "office_id", "office__name", "registration_number", "name_normalised",
              "birth_date")  # fmt: skip
    if connection.vendor == "postgresql":
        condition = ("nik = ANY(%s)", [niks])
    elif connection.vendor == "sqlite":
        condition = ("nik IN (SELECT value FROM json_each(%s))", [json.dumps(niks)])
    else:  # pragma: no cover - other databases take the plain IN list
        return {r["nik"]: r for r in JobSeeker.objects.filter(nik__in=niks).values(*fields)}
    rows = JobSeeker.objects.extra(where=[condition[0]], params=condition[1]).values(*fields)
    return {row["nik"]: row for row in rows}


def _write(new: pd.DataFrame, *, office, today, imported_by) -> list[str]:
    """Insert the new registrations and their declared skills: two statements, one
    transaction.

    The columns go to the database as they are, through the one bulk writer
    (``vokasi.db``: COPY on PostgreSQL, ``executemany`` on SQLite). Values are adapted
    here by the backend's own ``adapt_*`` methods, and any field this list does not name
    gets its model default, so a field added later cannot be silently skipped.
    """
    people = _people_columns(new, office=office, today=today, imported_by=imported_by)
    with transaction.atomic():
        numbers = allocate_registration_numbers(office=office, year=today.year, count=len(new))
        people["registration_number"] = numbers
        insert_many(JobSeeker, *column_rows(JobSeeker, people, len(new)), prepared=True)
        # The numbers are one contiguous block the office lock reserved for us.
        ids = dict(
            JobSeeker.objects.filter(
                office=office,
                registration_number__gte=numbers[0],
                registration_number__lte=numbers[-1],
            ).values_list("registration_number", "pk")
        )
        pairs = [
            (ids[number], code)
            for number, codes in zip(numbers, new["skill_codes"].tolist(), strict=True)
            for code in codes
        ]
        if pairs:
            skill_values = {
                "job_seeker_id": [pk for pk, _code in pairs],
                "skill_id": [code for _pk, code in pairs],
                "source": int(JobSeekerSkill.Source.DECLARED),
                "declared_from": connection.ops.adapt_datefield_value(today),
            }
            insert_many(
                JobSeekerSkill,
                *column_rows(JobSeekerSkill, skill_values, len(pairs)),
                prepared=True,
            )
    return numbers


def _people_columns(new: pd.DataFrame, *, office, today, imported_by) -> dict:
    """The new people's columns (one list a column, or one value for all)."""
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    consent = [bool(c) for c in new["consent"].tolist()]
    return {
        "office_id": office.pk,
        "nik": new["nik"].tolist(),
        "name": new["name"].tolist(),
        "name_normalised": [normalise_name(name) for name in new["name"].tolist()],
        "birth_place": new["birth_place"].tolist(),
        "birth_date": [ops.adapt_datefield_value(d) for d in new["birth"].dt.date.tolist()],
        "sex": new["sex_code"].tolist(),
        "marital_status": new["marital_code"].tolist(),
        "religion": new["religion"].tolist(),
        "address": new["address"].tolist(),
        "region_id": new["region_code"].tolist(),
        "phone": new["phone"].tolist(),
        "email": new["email"].tolist(),
        "education_id": new["education_code"].tolist(),
        "major": new["major"].tolist(),
        "courses": new["courses"].tolist(),
        "experience": new["experience"].tolist(),
        "experience_years": 0,
        "occupation_id": [code or None for code in new["occupation"].tolist()],
        "disability": new["disability"].tolist(),
        "consent_share_contact": consent,
        "consent_changed_at": [now if given else None for given in consent],
        "registered_on": ops.adapt_datefield_value(today),
        "expires_on": ops.adapt_datefield_value(
            add_months(today, settings.VOKASI["REGISTRATION_VALID_MONTHS"])
        ),
        "next_report_due": ops.adapt_datefield_value(next_due_after(today, today)),
        "registered_by_id": getattr(imported_by, "pk", None),
        "created_at": now,
        "updated_at": now,
    }


def _changes(new: pd.DataFrame, numbers: list[str] | None) -> list[dict]:
    """The first rows created (or, in a dry run, to be created), for people to check."""
    head = new.head(SHOW_CHANGES)
    return [
        {
            "row": int(row),
            "nik": mask_nik(nik),
            "name": name,
            "registration_number": numbers[i] if numbers else "",
        }
        for i, (row, nik, name) in enumerate(
            zip(head.index, head["nik"], head["name"], strict=True)
        )
    ]


__all__ = ["COLUMNS", "TEMPLATE_HEADERS", "TableError", "job_seekers_import", "rows_to_csv"]
