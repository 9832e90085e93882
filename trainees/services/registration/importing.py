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
import re

import pandas as pd
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from trainees.models import JobSeeker, mask_nik, normalise_name
from trainees.nik import normalise_nik, repeated_nik
from trainees.services.registration.columns import (
    COLUMNS,
    EMAIL,
    MARITAL_VALUES,
    MAX_LENGTHS,
    SEX_VALUES,
    TEMPLATE_HEADERS,
    YES_NO,
)
from trainees.services.registration.reference import ImportReference
from trainees.services.registration.rules import (
    already_registered,
    check_people,
)
from trainees.services.registration.saving import imported_people_write
from vokasi.models import LabourOffice
from vokasi.tabular import ImportResult, TableError, parsing, read_table
from vokasi.tabular.errors import RowErrors
from vokasi.tabular.pipeline import Upload, upload_run

SHOW_CHANGES = 200
_EMAIL = re.compile(EMAIL)


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
        new = checked.new_rows()
        return ImportResult(
            created=len(new["row"]),
            unchanged=checked.unchanged,
            dry_run=True,
            changes=_changes(new, numbers=None),
        )

    def write(self, checked, progress) -> ImportResult:
        new = checked.new_rows()
        if not new["row"]:
            return ImportResult(unchanged=checked.unchanged)
        progress.phase("writing", total=len(new["row"]))
        numbers = imported_people_write(
            new, office=self.office, today=self.today, imported_by=self.imported_by
        )
        progress.set(len(new["row"]))
        return ImportResult(
            created=len(new["row"]),
            unchanged=checked.unchanged,
            changes=_changes(new, numbers=numbers),
        )

    def log_fields(self) -> dict:
        return {"office_id": self.office.pk}


class _Validation:
    """Every rule over the whole table; fills ``errors`` and the typed columns.

    The cells are first read into what a person states (codes, dates); the registration
    rules (``registration.rules``, the same code the form and the API run on one person)
    then check every row at once. What only a file needs stays here: words for codes,
    dates as people write them, lengths and e-mail of free text, a NIK given twice.

    Everything works on the table's columns as plain lists, one pass a rule: the usual
    upload is a few rows, where each pandas operation (50-100 µs) would cost more than
    the rows, and over 20,000 rows a list comprehension is as fast as the Series method
    that loops over the same Python strings.
    """

    def __init__(self, table, *, office: LabourOffice, today: datetime.date):
        self.table = table
        self.found = found = RowErrors(table)
        self.today = today
        cells = table.cells
        for name, limit in MAX_LENGTHS.items():
            found.flag(
                [len(text) > limit for text in cells[name]],
                name,
                _("At most %(n)d characters.") % {"n": limit},
            )
        # The typed columns; ``cells`` keep the text as read, for the messages.
        self.typed = typed = {"nik": [normalise_nik(text) for text in cells["nik"]]}
        typed["birth"] = parsing.date_values(cells["birth_date"])
        found.flag(
            [
                born is pd.NaT and text != ""
                for born, text in zip(typed["birth"], cells["birth_date"], strict=True)
            ],
            "birth_date",
            _("Not a date: write it as 21-08-1999 or 1999-08-21."),
        )
        typed["skill_codes"] = [_skill_codes(text) for text in cells["skills"]]
        reference = ImportReference.read(
            office,
            occupations=set(cells["occupation"]),
            skills={code for codes in typed["skill_codes"] for code in codes},
        )
        self._read_codes(reference)
        check_people(
            self._people(),
            found,
            on=today,
            known=reference.known,
            districts=reference.districts,
        )
        self._check_niks(office)
        typed["consent"] = [
            YES_NO.get(text.lower().strip()) for text in cells["consent_share_contact"]
        ]
        found.flag(
            [consent is None for consent in typed["consent"]],
            "consent_share_contact",
            _("Write ya or tidak."),
        )
        found.flag(
            [text != "" and not _EMAIL.match(text) for text in cells["email"]],
            "email",
            _("Not an email address."),
        )
        self.errors = found.errors

    def _read_codes(self, reference: ImportReference) -> None:
        """Words people write for the coded fields, as codes (a word not understood stays
        as written, for the rule to name)."""
        cells, typed = self.table.cells, self.typed

        def coded(column: str, words: dict[str, str]) -> list[str]:
            written = [text.strip() for text in cells[column]]
            return [words.get(text.lower(), text) for text in written]

        typed["sex_code"] = coded("sex", SEX_VALUES)
        typed["marital_code"] = coded("marital_status", MARITAL_VALUES)
        typed["region_code"] = coded("region", reference.region_words)
        typed["education_code"] = coded("education", reference.education_words)

    def _people(self) -> dict[str, list]:
        """The rows as the registration rules read a person (see ``check_people``)."""
        cells, typed = self.table.cells, self.typed
        return {
            "nik": typed["nik"],
            "name": cells["name"],
            "birth_place": cells["birth_place"],
            "birth_date": [
                born if text != "" else ""
                for born, text in zip(typed["birth"], cells["birth_date"], strict=True)
            ],
            "sex": typed["sex_code"],
            "marital_status": typed["marital_code"],
            "address": cells["address"],
            "region": typed["region_code"],
            "education": typed["education_code"],
            "occupation": cells["occupation"],
            "skills": typed["skill_codes"],
        }

    def _check_niks(self, office: LabourOffice) -> None:
        """A NIK twice in the file, and NIKs already registered: one query for them all.
        The same person registered here before (same name and birth date) is unchanged."""
        found, niks = self.found, self.typed["nik"]
        refused = found.rows_in_column("nik")
        checkable = [
            nik != "" and row not in refused for nik, row in zip(niks, self.table.rows, strict=True)
        ]
        found.flag_repeated(niks, "nik", repeated_nik())
        existing = _existing(
            list(dict.fromkeys(n for n, ok in zip(niks, checkable, strict=True) if ok))
        )
        same_person = [False] * len(niks)
        messages: list[str | None] = [None] * len(niks)
        for at, (ok, nik, name, born) in enumerate(
            zip(checkable, niks, self.table.cells["name"], self.typed["birth"], strict=True)
        ):
            known = existing.get(nik) if ok else None
            if known is None:
                continue
            if (
                known["office_id"] == office.pk
                and known["name_normalised"] == normalise_name(name)
                and born is not pd.NaT
                and known["birth_date"] == born.date()
            ):
                same_person[at] = True
            else:
                messages[at] = already_registered(
                    known["registration_number"], known["office__name"]
                )
        found.flag_each(messages, "nik")
        self.unchanged = sum(same_person)
        seen: set[str] = set()
        self.new = []
        for at, (nik, same) in enumerate(zip(niks, same_person, strict=True)):
            if not same and nik not in seen:
                self.new.append(at)
            seen.add(nik)

    def new_rows(self) -> dict[str, list]:
        """The rows to register (not yet registered, each NIK once): their row numbers,
        cells and typed values, column by column."""
        columns = {"row": self.table.rows, **self.table.cells, **self.typed}
        return {name: [values[at] for at in self.new] for name, values in columns.items()}


def _skill_codes(text: str) -> list[str]:
    """The skill codes a cell lists, upper case, each once."""
    return list(dict.fromkeys(c.strip().upper() for c in _split(text) if c.strip()))


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
    """The registrations holding any of ``niks``, in one query whatever their number
    (unordered: a NIK is unique)."""
    if not niks:
        return {}
    fields = ("nik", "office_id", "office__name", "registration_number", "name_normalised",
              "birth_date")  # fmt: skip
    people = JobSeeker.objects.order_by()
    if connection.vendor == "postgresql":
        condition = ("nik = ANY(%s)", [niks])
    elif connection.vendor == "sqlite":
        condition = ("nik IN (SELECT value FROM json_each(%s))", [json.dumps(niks)])
    else:  # pragma: no cover - other databases take the plain IN list
        return {r["nik"]: r for r in people.filter(nik__in=niks).values(*fields)}
    rows = people.extra(where=[condition[0]], params=condition[1]).values(*fields)
    return {row["nik"]: row for row in rows}


def _changes(new: dict[str, list], numbers: list[str] | None) -> list[dict]:
    """The first rows created (or, in a dry run, to be created), for people to check."""
    shown = slice(SHOW_CHANGES)
    head = zip(new["row"][shown], new["nik"][shown], new["name"][shown], strict=True)
    return [
        {
            "row": int(row),
            "nik": mask_nik(nik),
            "name": name,
            "registration_number": numbers[i] if numbers else "",
        }
        for i, (row, nik, name) in enumerate(head)
    ]


__all__ = ["COLUMNS", "TEMPLATE_HEADERS", "TableError", "job_seekers_import", "rows_to_csv"]
