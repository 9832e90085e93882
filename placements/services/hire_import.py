"""A company's file of hires (.xlsx or .csv), one row per person hired, through the one
upload pipeline: every row checked with the rules of ``hire_report``, every error listed
(row, column, value, message), then all rows saved or none.

Each row carries the company's own reference (``external_ref``), so the same file
uploaded again changes nothing: a row whose hire is already recorded with the same
content is *unchanged*, with different content an error naming the recorded hire.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from placements.models import Hire, Placement, Vacancy
from placements.services.hires import OUTSIDE, HireInput, hire_errors, hire_report, nik_errors
from trainees.services.registration import known_districts
from vokasi.exports import rows_to_csv
from vokasi.models import Company, EducationLevel, Occupation, Region, User
from vokasi.tabular import Column, ImportResult, RowError, Table, parsing, read_table
from vokasi.tabular.pipeline import Upload, upload_run

COLUMNS: tuple[Column, ...] = (
    Column(
        "external_ref",
        label=_l("Your reference (unique per hire)"),
        aliases=("referensi", "no referensi", "nomor referensi", "ref", "external ref"),
    ),
    Column(
        "vacancy_ref",
        label=_l("Vacancy reference (optional)"),
        aliases=("referensi lowongan", "lowongan", "vacancy", "vacancy ref"),
        required=False,
    ),
    Column("name", label=_l("Name"), aliases=("nama", "nama pekerja")),
    Column("sex", label=_l("Sex (L/P)"), aliases=("jenis kelamin", "jk", "l/p", "kelamin")),
    Column("birth_year", label=_l("Year of birth"), aliases=("tahun lahir", "birth year")),
    Column("education", label=_l("Education"), aliases=("pendidikan", "pendidikan terakhir")),
    Column(
        "domicile",
        label=_l('Domicile kecamatan (code or name; "luar kota" outside the city)'),
        aliases=("domisili", "kecamatan domisili", "kecamatan", "tempat tinggal"),
    ),
    Column(
        "nik", label=_l("NIK (optional)"), aliases=("NIK", "nomor KTP"), required=False, text=True
    ),
    Column(
        "occupation",
        label=_l("Occupation (KBJI code)"),
        aliases=("jabatan", "kbji", "kode kbji", "pekerjaan"),
    ),
    Column(
        "start_date",
        label=_l("Start date"),
        aliases=("tanggal mulai", "mulai kerja", "tanggal mulai kerja", "tmt", "start date"),
    ),
    Column(
        "employment_type",
        label=_l("Contract (pkwt, pkwtt, harian)"),
        aliases=("status kerja", "jenis kontrak", "kontrak", "status hubungan kerja"),
    ),
    Column("wage", label=_l("Monthly wage (Rp)"), aliases=("upah", "gaji", "upah per bulan")),
)

SEX_WORDS = {
    "l": "L",
    "p": "P",
    "laki-laki": "L",
    "laki laki": "L",
    "pria": "L",
    "perempuan": "P",
    "wanita": "P",
    "male": "L",
    "female": "P",
}
OUTSIDE_WORDS = {OUTSIDE, "luar kota", "luar", "luar daerah", "di luar kota", "outside the city"}
CONTRACTS = frozenset(Placement.ContractType)
_WAGE = re.compile(r"^(\d+|\d{1,3}(\.\d{3})+)$")

TEMPLATE_EXAMPLE = {
    "external_ref": "HIRE-2026-0001",
    "vacancy_ref": "",
    "name": "Ahmad Fauzi",
    "sex": "L",
    "birth_year": "1999",
    "education": "smk",
    "domicile": "36.72.04",
    "nik": "",
    "occupation": "7212",
    "start_date": "2026-11-16",
    "employment_type": "pkwt",
    "wage": "5200000",
}


def _word(text) -> str:
    """A cell's words, lower case, single-spaced (as the other importers compare them)."""
    return " ".join(str(text).lower().split())


def hires_template_csv() -> bytes:
    """An empty file with the columns and one example row."""
    return rows_to_csv([TEMPLATE_EXAMPLE], [(c.name, c.name) for c in COLUMNS])


def hires_read_file(file, *, filename: str | None = None) -> Table:
    if hasattr(file, "seek"):
        file.seek(0)
    data = file if isinstance(file, bytes) else file.read(settings.VOKASI_UPLOAD_MAX_BYTES + 1)
    return read_table(data, COLUMNS, filename=filename or getattr(file, "name", None))


def hires_import(
    *,
    company: Company,
    by: User,
    file=None,
    filename: str | None = None,
    dry_run: bool = False,
    progress=None,
) -> ImportResult:
    """Check every row, then record all hires or none; ``TableError`` when the file
    cannot be read at all."""
    upload = _HiresUpload(company=company, by=by, file=file, filename=filename)
    return upload_run(upload, dry_run=dry_run, progress=progress)


@dataclass
class _Checked:
    errors: list[RowError]
    #: The new hires, in the file's order.
    planned: list[HireInput]
    unchanged: int = 0


class _HiresUpload(Upload):
    kind = "hires"
    retry_on_conflict = True

    def __init__(self, *, company, by, file, filename) -> None:
        self.company, self.by, self.file, self.filename = company, by, file, filename

    def read(self) -> Table:
        return hires_read_file(self.file, filename=self.filename)

    def check(self, table: Table) -> _Checked:
        return _check_rows(table, self.company)

    def preview(self, checked: _Checked) -> ImportResult:
        return ImportResult(created=len(checked.planned), unchanged=checked.unchanged, dry_run=True)

    def write(self, checked: _Checked, progress) -> ImportResult:
        progress.phase("writing", total=len(checked.planned))
        with transaction.atomic():
            for data in checked.planned:
                hire_report(company=self.company, by=self.by, data=data)
                progress.advance()  # a big file's job page moves its bar as rows are saved
        progress.set(len(checked.planned))
        return ImportResult(created=len(checked.planned), unchanged=checked.unchanged)

    def log_fields(self) -> dict:
        return {"company_id": self.company.pk}


@dataclass
class _Lookups:
    """What the rows are checked against, read once for the whole file."""

    education: dict
    education_names: dict
    occupations: dict
    districts: dict
    #: A kecamatan's name → the kecamatan, or None when two share the name.
    district_names: dict
    vacancies: dict
    #: The company's hires already recorded under the file's references.
    recorded: dict
    dates: pd.Series
    known: object


def _lookups(frame: pd.DataFrame, company: Company) -> _Lookups:
    education = {e.code: e for e in EducationLevel.objects.all()}
    occupations = Occupation.objects.in_bulk(
        [c.strip() for c in frame["occupation"].unique() if c.strip()]
    )
    districts = {r.code: r for r in Region.objects.filter(level=Region.Level.DISTRICT)}
    district_names: dict[str, Region | None] = {}
    for region in districts.values():
        key = _word(region.name)
        district_names[key] = None if key in district_names else region  # ambiguous: None
    vacancies = {
        v.external_ref: v for v in Vacancy.objects.filter(company=company) if v.external_ref
    }
    recorded = {
        h.external_ref: h
        for h in Hire.objects.filter(
            company=company, external_ref__in=[r.strip() for r in frame["external_ref"]]
        ).select_related("vacancy", "education", "domicile", "occupation")
    }
    return _Lookups(
        education=education,
        education_names={_word(e.name): e for e in education.values()},
        occupations=occupations,
        districts=districts,
        district_names=district_names,
        vacancies=vacancies,
        recorded=recorded,
        dates=parsing.dates(frame["start_date"]),
        known=known_districts(),
    )


def _domicile(values, lk: _Lookups, fail) -> Region | None:
    """The kecamatan a row names by code or name; None outside the city (or unknown)."""
    domicile_text = values["domicile"].strip()
    domicile_word = _word(domicile_text)
    if domicile_word in OUTSIDE_WORDS:
        return None
    if domicile_text in lk.districts:
        return lk.districts[domicile_text]
    if lk.district_names.get(domicile_word) is not None:
        return lk.district_names[domicile_word]
    fail(
        "domicile",
        _('Unknown kecamatan; write its code (36.72.04), its name, or "luar kota".'),
    )
    return None


def _reference(values, row, seen: dict[str, int], fail) -> str:
    """The row's own reference, refused when empty or already on an earlier row."""
    ref = values["external_ref"].strip()
    if not ref:
        fail(
            "external_ref",
            _("Give each hire your own reference, so a file sent twice records it once."),
        )
    elif ref in seen:
        fail(
            "external_ref",
            _("This reference is also on row %(row)d of the file.") % {"row": seen[ref]},
        )
    seen.setdefault(ref, int(row))
    return ref


def _read_cells(row, values, lk: _Lookups, seen: dict[str, int], fail) -> dict:
    """Each cell of a row read into the value ``HireInput`` takes; a cell that cannot be
    read fails its column (and its value is then None)."""
    ref = _reference(values, row, seen, fail)
    vacancy = None
    if values["vacancy_ref"].strip():
        vacancy = lk.vacancies.get(values["vacancy_ref"].strip())
        if vacancy is None:
            fail("vacancy_ref", _("No vacancy of this company has this reference."))
    sex = SEX_WORDS.get(_word(values["sex"]))
    if sex is None:
        fail("sex", _("Write L or P."))
    year_text = values["birth_year"].strip()
    birth_year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    if birth_year is None:
        fail("birth_year", _("Write the year of birth as four digits."))
    word = _word(values["education"])
    level = lk.education.get(word) or lk.education_names.get(word)
    if level is None:
        fail("education", _("Unknown education level; write e.g. sd, smp, sma, smk, d3, s1."))
    domicile = _domicile(values, lk, fail)
    occupation = lk.occupations.get(values["occupation"].strip())
    if occupation is None:
        fail("occupation", _("Unknown KBJI occupation code."))
    start = lk.dates.loc[row]
    if pd.isna(start):
        fail("start_date", _("Write a date as YYYY-MM-DD or DD-MM-YYYY."))
    contract = _word(values["employment_type"])
    if contract not in CONTRACTS:
        fail("employment_type", _("Write pkwt, pkwtt or harian."))
    wage_text = values["wage"].strip().removeprefix("Rp").removeprefix("rp").strip()
    wage = int(wage_text.replace(".", "")) if _WAGE.match(wage_text) else None
    if wage is None:
        fail("wage", _("Write the monthly wage in whole Rupiah, digits only."))
    for problem in nik_errors(values["nik"], sex, districts=lk.known):
        fail("nik", problem)
    return {
        "external_ref": ref,
        "vacancy": vacancy,
        "name": values["name"],
        "sex": sex,
        "birth_year": birth_year,
        "education": level,
        "domicile": domicile,
        "occupation": occupation,
        "start_date": start,
        "employment_type": contract,
        "wage": wage,
        "nik": values["nik"],
    }


_UNCHANGED = object()


def _settle(
    cells: dict, lk: _Lookups, taken: dict[int, int], columns, fail, row_errors: list
) -> HireInput | object | None:
    """A row whose cells all read, checked with ``hire_report``'s rules, against the hire
    recorded under its reference and against its vacancy's openings: the hire to record,
    ``_UNCHANGED`` when it is recorded as it is, or None when it failed."""
    data = HireInput(**{**cells, "start_date": cells["start_date"].date()}).normalised()
    for field, problems in hire_errors(data, districts=lk.known).items():
        column = "vacancy_ref" if field == "vacancy" else field
        for problem in problems:
            fail(column if column in columns else "name", problem)
    existing = lk.recorded.get(cells["external_ref"])
    if not row_errors and existing is not None:
        if HireInput.of(existing).fingerprint() == data.fingerprint():
            return _UNCHANGED
        fail(
            "external_ref",
            _("A different hire is already recorded with this reference (id %(id)d).")
            % {"id": existing.pk},
        )
    vacancy = cells["vacancy"]
    if not row_errors and vacancy is not None:
        taken[vacancy.pk] = taken.get(vacancy.pk, vacancy.filled) + 1
        if taken[vacancy.pk] > vacancy.openings:
            fail(
                "vacancy_ref",
                _("All %(n)d openings of this vacancy are taken.") % {"n": vacancy.openings},
            )
    return None if row_errors else data


def _check_rows(table: Table, company: Company) -> _Checked:
    frame = table.frame
    header = table.header
    errors: list[RowError] = list(table.errors)
    refused = {(e.row, e.column) for e in table.errors}
    lk = _lookups(frame, company)
    seen: dict[str, int] = {}
    taken: dict[int, int] = {}
    planned: list[HireInput] = []
    unchanged = 0
    for row, values in frame.iterrows():
        row_errors: list[RowError] = []

        def fail(column: str, message: str, _row=row, _errors=row_errors, _v=values) -> None:
            if (int(_row), header(column)) not in refused:
                _errors.append(RowError(int(_row), header(column), str(_v[column]), str(message)))

        cells = _read_cells(row, values, lk, seen, fail)
        if not row_errors:
            outcome = _settle(cells, lk, taken, frame.columns, fail, row_errors)
            if outcome is _UNCHANGED:
                unchanged += 1
            elif outcome is not None:
                planned.append(outcome)
        errors.extend(row_errors)
    return _Checked(errors=errors, planned=[] if errors else planned, unchanged=unchanged)


def refusal_message(error: ValidationError | Http404 | Exception) -> str:
    """A write refused after the check (the data changed meanwhile), for a message."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(getattr(error, "message", error))
