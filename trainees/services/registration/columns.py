"""The job-seeker import's file: its columns (with the headers people write, Indonesian
and English), the empty template's headers, and the words accepted for coded cells."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _l

from vokasi.tabular import Column

COLUMNS = [
    Column(
        "nik",
        label=_l("NIK"),
        aliases=("no nik", "nomor induk kependudukan", "no ktp", "nomor ktp", "ktp"),
        text=True,
    ),
    Column(
        "name",
        label=_l("Full name"),
        aliases=("nama", "nama lengkap", "full name", "nama pencari kerja"),
    ),
    Column(
        "birth_place",
        label=_l("Place of birth"),
        aliases=("tempat lahir", "place of birth", "tmp lahir"),
    ),
    Column(
        "birth_date",
        label=_l("Date of birth"),
        aliases=("tanggal lahir", "tgl lahir", "date of birth", "dob", "tgl_lahir"),
    ),
    Column("sex", label=_l("Sex"), aliases=("jenis kelamin", "jk", "l p", "gender", "kelamin")),
    Column(
        "marital_status",
        label=_l("Marital status"),
        aliases=("status perkawinan", "status kawin", "marital"),
        required=False,
    ),
    Column("religion", label=_l("Religion"), aliases=("agama",), required=False),
    Column("address", label=_l("Address"), aliases=("alamat", "alamat lengkap")),
    Column(
        "region",
        label=_l("Kecamatan"),
        aliases=("kecamatan", "kode kecamatan", "kode wilayah", "district"),
        text=True,
    ),
    Column(
        "phone",
        label=_l("Phone"),
        aliases=("telepon", "no hp", "nomor hp", "hp", "no telp", "telp", "handphone", "no wa"),
        required=False,
        text=True,
    ),
    Column("email", label=_l("Email"), aliases=("e mail", "surel"), required=False),
    Column(
        "education",
        label=_l("Education"),
        aliases=("pendidikan", "pendidikan terakhir", "education level", "ijazah"),
    ),
    Column(
        "major", label=_l("Major"), aliases=("jurusan", "program studi", "prodi"), required=False
    ),
    Column(
        "courses",
        label=_l("Non-formal courses"),
        aliases=("kursus", "pelatihan non formal", "non formal"),
        required=False,
    ),
    Column(
        "skills",
        label=_l("Skills"),
        aliases=("keterampilan", "keahlian", "kode keterampilan"),
        required=False,
    ),
    Column(
        "experience",
        label=_l("Work experience"),
        aliases=("pengalaman", "pengalaman kerja", "work experience"),
        required=False,
    ),
    Column(
        "occupation",
        label=_l("Occupation sought"),
        aliases=("jabatan", "jabatan yang dicari", "kbji"),
        required=False,
        text=True,
    ),
    Column(
        "disability",
        label=_l("Disability"),
        aliases=("disabilitas", "penyandang disabilitas"),
        required=False,
    ),
    Column(
        "consent_share_contact",
        label=_l("Consent to share contact"),
        aliases=("persetujuan", "setuju berbagi kontak", "consent", "izin berbagi kontak"),
        required=False,
    ),
]

#: The headers of the empty template offered for download (Indonesian, as officers write).
TEMPLATE_HEADERS = (
    "NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Jenis Kelamin", "Status Perkawinan",
    "Agama", "Alamat", "Kecamatan", "No HP", "Email", "Pendidikan", "Jurusan", "Kursus",
    "Keterampilan", "Pengalaman Kerja", "Jabatan", "Disabilitas", "Persetujuan",
)  # fmt: skip

MAX_LENGTHS = {
    "name": 120,
    "birth_place": 80,
    "address": 250,
    "phone": 20,
    "religion": 20,
    "major": 120,
    "disability": 120,
    "email": 254,
}
SEX_VALUES = {
    "l": "L", "laki laki": "L", "laki-laki": "L", "lk": "L", "pria": "L", "m": "L", "male": "L",
    "p": "P", "perempuan": "P", "pr": "P", "wanita": "P", "w": "P", "f": "P", "female": "P",
}  # fmt: skip
MARITAL_VALUES = {
    "": "",
    "belum kawin": "belum_kawin", "belum_kawin": "belum_kawin", "single": "belum_kawin",
    "kawin": "kawin", "menikah": "kawin", "married": "kawin",
    "cerai hidup": "cerai_hidup", "cerai_hidup": "cerai_hidup", "divorced": "cerai_hidup",
    "cerai mati": "cerai_mati", "cerai_mati": "cerai_mati", "widowed": "cerai_mati",
}  # fmt: skip
YES_NO = {
    "": False, "ya": True, "y": True, "yes": True, "1": True, "true": True, "setuju": True,
    "tidak": False, "t": False, "no": False, "n": False, "0": False, "false": False,
}  # fmt: skip
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
