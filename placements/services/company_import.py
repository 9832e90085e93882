"""Bulk registration of companies from a list (.xlsx or .csv), e.g. the Apindo chapter's
members or the city's industry list.

It runs through the one upload pipeline (``vokasi.tabular.pipeline``): read, check every
row, report, write. Each row is checked by the register's own rules
(``companies.company_problems``, the code the page's form and the API run), so a file
gets the same message as a form for the same fault; a NIB already on a register is a row
error naming the company that has it, and so is a NIB given twice in the file. Any error:
nothing is saved. A register's list is hundreds of rows, so each company is saved
through ``company_register`` (its history kept), in one transaction.
"""

from __future__ import annotations

import pandas as pd
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from placements.services.companies import (
    REGISTER_FIELDS,
    Reference,
    company_problems,
    company_register,
    normalise_nib,
)
from vokasi.errors import Conflict
from vokasi.models import Company, LabourOffice, Region, User
from vokasi.tabular import Column, ImportResult, read_table
from vokasi.tabular.errors import RowErrors
from vokasi.tabular.pipeline import Upload, upload_run

COLUMNS = [
    Column("nib", label=_l("NIB"), aliases=("no nib", "nomor induk berusaha"), text=True),
    Column(
        "name",
        label=_l("Company name"),
        aliases=("nama", "nama perusahaan", "perusahaan", "company", "company name"),
    ),
    Column("npwp", label=_l("NPWP"), aliases=("no npwp", "nomor npwp"), required=False, text=True),
    Column(
        "sector",
        label=_l("KBLI sector"),
        aliases=("kbli", "kode kbli", "sektor", "kbli 2020", "bidang usaha"),
    ),
    Column(
        "region",
        label=_l("Kecamatan"),
        aliases=("kecamatan", "kode kecamatan", "kode wilayah", "district", "wilayah"),
    ),
    Column("address", label=_l("Address"), aliases=("alamat", "alamat perusahaan"), required=False),
    Column(
        "workforce",
        label=_l("Number of workers"),
        aliases=("jumlah pekerja", "jumlah tenaga kerja", "tenaga kerja", "pekerja", "karyawan"),
    ),
    Column(
        "apindo_member_no",
        label=_l("Apindo member number"),
        aliases=("no apindo", "nomor apindo", "nomor anggota apindo", "apindo"),
        required=False,
        text=True,
    ),
    Column(
        "contact_name",
        label=_l("Contact person"),
        aliases=("kontak", "nama kontak", "contact", "contact person", "narahubung"),
        required=False,
    ),
    Column(
        "contact_email",
        label=_l("Contact email"),
        aliases=("email", "e mail", "surel", "email kontak"),
        required=False,
    ),
    Column(
        "contact_phone",
        label=_l("Contact phone"),
        aliases=("telepon", "no telp", "telp", "hp", "no hp", "phone"),
        required=False,
        text=True,
    ),
]
TEMPLATE_HEADERS = [
    "nib",
    "nama",
    "npwp",
    "kbli",
    "kecamatan",
    "alamat",
    "jumlah_pekerja",
    "no_apindo",
    "kontak",
    "email",
    "telepon",
]


def companies_import(
    *,
    office: LabourOffice,
    file,
    by: User,
    filename: str | None = None,
    dry_run: bool = False,
    progress=None,
) -> ImportResult:
    """Check and (unless ``dry_run``) put every row on ``office``'s register, unverified;
    raises ``TableError`` for a file refused as a whole."""
    upload = _CompaniesUpload(office=office, file=file, filename=filename, by=by)
    return upload_run(upload, dry_run=dry_run, progress=progress)


class _CompaniesUpload(Upload):
    kind = "companies"
    # Someone registered one of these NIBs while we checked: check again, so the answer
    # names it as a row error, and save nothing.
    retry_on_conflict = True

    def __init__(self, *, office, file, filename, by) -> None:
        self.office, self.file, self.filename, self.by = office, file, filename, by

    def read(self):
        return read_table(self.file, COLUMNS, filename=self.filename)

    def check(self, table):
        return _Checked(table, office=self.office)

    def refused(self, checked, *, dry_run: bool) -> ImportResult:
        return ImportResult(errors=checked.found.sort(), dry_run=dry_run)

    def preview(self, checked) -> ImportResult:
        return ImportResult(created=len(checked.rows), dry_run=True)

    def write(self, checked, progress) -> ImportResult:
        progress.phase("writing", total=len(checked.rows))
        try:
            with transaction.atomic():
                for done, data in enumerate(checked.rows, start=1):
                    company_register(
                        data=data, by=self.by, office=self.office, reference=checked.reference
                    )
                    progress.set(done)
        except Conflict as error:
            raise IntegrityError(str(error)) from error
        return ImportResult(created=len(checked.rows))

    def log_fields(self) -> dict:
        return {"office_id": self.office.pk}


class _Checked:
    """Every row through the register's rules; ``rows`` are the clean companies."""

    def __init__(self, table, *, office: LabourOffice):
        self.found = found = RowErrors(table)
        self.reference = Reference()
        frame = table.frame
        clean_rows = self._check_rows(frame, _district_names(office))
        self._flag_nibs(frame)
        self._flag_apindo_numbers(clean_rows)
        self.errors = found.errors
        self.rows = [clean_rows[row] for row in frame.index if not found.bad[row]]

    def _check_rows(self, frame: pd.DataFrame, names: dict[str, str]) -> dict[int, dict]:
        """Each row through ``company_problems`` (a kecamatan may be named as well as
        coded); flags what it finds, returns every row's clean values."""
        messages: dict[str, dict[int, str]] = {field: {} for field in REGISTER_FIELDS}
        clean_rows: dict[int, dict] = {}
        for row, cells in frame.iterrows():
            data = {field: cells[field] for field in REGISTER_FIELDS if field in frame}
            written = str(data.get("region", "")).strip().lower().removeprefix("kecamatan ")
            if written in names:
                data["region"] = names[written]
            clean, errors = company_problems(data, reference=self.reference)
            for field, problems in errors.items():
                messages[field][row] = " ".join(problems)
            clean_rows[row] = clean
        for field, by_row in messages.items():
            if by_row and field in frame:
                self.found.flag_each(pd.Series(by_row, dtype=object), field)
        return clean_rows

    def _flag_nibs(self, frame: pd.DataFrame) -> None:
        """A NIB given twice in the file, or already on a register."""
        found = self.found
        nibs = frame["nib"].map(normalise_nib)
        nibs = nibs.where(~found.in_column("nib"), "")
        found.flag_repeated(nibs, "nib", _("This NIB is already in row %(row)d."))
        registered = dict(
            Company.objects.filter(nib__in=[n for n in nibs if n]).values_list("nib", "name")
        )
        found.flag_each(
            pd.Series(
                {
                    row: _("NIB %(nib)s is already registered: %(name)s.")
                    % {"nib": nib, "name": registered[nib]}
                    for row, nib in nibs.items()
                    if nib in registered
                },
                dtype=object,
            ),
            "nib",
        )

    def _flag_apindo_numbers(self, clean_rows: dict[int, dict]) -> None:
        """An Apindo member number another company already has."""
        apindo = [c.get("apindo_member_no") for c in clean_rows.values()]
        taken = set(
            Company.objects.filter(apindo_member_no__in=[a for a in apindo if a]).values_list(
                "apindo_member_no", flat=True
            )
        )
        self.found.flag_each(
            pd.Series(
                {
                    row: _("Another company has this Apindo member number.")
                    for row, clean in clean_rows.items()
                    if clean.get("apindo_member_no") in taken
                },
                dtype=object,
            ),
            "apindo_member_no",
        )


def _district_names(office: LabourOffice) -> dict[str, str]:
    """The kecamatan of the office's city by lower-case name, to their codes."""
    return {
        name.lower(): code
        for code, name in Region.objects.filter(
            level=Region.Level.DISTRICT, parent=office.region_id
        ).values_list("code", "name")
    }
