"""Benchmark: read a 100,000 × 10 .xlsx results file, against pandas.read_excel.

    PYTHONPATH=. python -m bench.read_results [--rows 100000]

Generates a cohort's results workbook the way a training provider's spreadsheet has it
(NIK and phone number as text cells, with leading zeros and all 16 digits), then reads the
same bytes with ``vokasi.tabular.read_table`` (what every upload uses) and with
``pandas.read_excel(engine="openpyxl")``, alternately, ``--repeat`` times each, and
reports the best of each. Our reading must keep every NIK and phone number exactly as
written (asserted); whether pandas does is in the notes. No database is used.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vokasi.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")

HEADER = ["NIK", "Nama", "No HP", "Kehadiran %", "Nilai", "Hasil", "Kompetensi",
          "Nomor Sertifikat", "Tanggal Uji", "Keterangan"]  # fmt: skip


def workbook(rows: int) -> tuple[bytes, list[str], list[str]]:
    """The .xlsx bytes, and the NIKs and phone numbers written in it."""
    import datetime

    from openpyxl import Workbook

    from trainees.nik import build_nik

    niks, phones = [], []
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hasil")
    sheet.append(HEADER)
    assessed = datetime.date(2026, 8, 21)
    for i in range(rows):
        born = datetime.date(1990, 1, 1) + datetime.timedelta(days=i // 9000)
        nik = build_nik("36.72.04", born, "P" if i % 2 else "L", i % 9000 + 1)
        phone = f"08{i:010d}"
        niks.append(nik)
        phones.append(phone)
        outcome = ("lulus", "lulus", "lulus", "tidak lulus", "mengundurkan diri")[i % 5]
        competent = ("K" if i % 3 else "BK") if outcome == "lulus" else ""
        sheet.append(
            [nik, f"Peserta {i}", phone, 80 + i % 20, 60 + i % 41, outcome, competent,
             f"LSP-LAS/{i:06d}" if competent == "K" else "", assessed if competent else None,
             "" if i % 7 else "susulan"]
        )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), niks, phones


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)

    import django

    django.setup()
    import pandas as pd

    from bench.common import Result, peak_rss_mb, report
    from vokasi.tabular import Column, read_table

    columns = [
        Column("nik", text=True),
        Column("name", ("nama",)),
        Column("phone", ("no hp",), text=True),
        Column("attendance", ("kehadiran",)),
        Column("score", ("nilai",)),
        Column("outcome", ("hasil",)),
        Column("competency", ("kompetensi",)),
        Column("certificate", ("nomor sertifikat",)),
        Column("assessed_on", ("tanggal uji",)),
        Column("note", ("keterangan",), required=False),
    ]
    data, niks, phones = workbook(args.rows)

    def ours():
        table = read_table(data, columns, filename="hasil.xlsx", max_bytes=len(data) + 1)
        assert len(table) == args.rows and not table.errors, table.errors[:3]
        assert table.frame["nik"].tolist() == niks, "a NIK changed on reading"
        assert table.frame["phone"].tolist() == phones, "a phone number changed on reading"
        return table

    def theirs():
        return pd.read_excel(io.BytesIO(data), engine="openpyxl")

    times: dict[str, list[float]] = {"ours": [], "pandas": []}
    peak = None
    for _ in range(args.repeat):
        for name, read in (("ours", ours), ("pandas", theirs)):
            started = time.perf_counter()
            frame = read()
            times[name].append(time.perf_counter() - started)
            if name == "ours" and peak is None:
                peak = peak_rss_mb()  # before pandas/openpyxl ever ran
            if name == "pandas":
                kept_nik = frame["NIK"].astype(str).tolist() == niks
                kept_phone = frame["No HP"].astype(str).tolist() == phones
    ours_s, pandas_s = min(times["ours"]), min(times["pandas"])
    report(
        Result(
            scenario=f"read {args.rows:,} × {len(HEADER)} .xlsx",
            database="file",
            ours=ours_s,
            unit="s",
            baseline=pandas_s,
            baseline_name='pandas.read_excel("openpyxl")',
            target="<= 0.2x (5x faster), IDs intact",
            met=ours_s * 5 <= pandas_s,
            peak_rss_mb=peak,
            notes=f"{len(data) / 1e6:.1f} MB; best of {args.repeat}; NIKs and phones intact "
            f"in ours (asserted); pandas kept NIKs: {kept_nik}, phones: {kept_phone}; "
            f"{pandas_s / ours_s:.1f}× faster",
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
