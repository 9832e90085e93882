"""Reference vocabulary for Vokasi: plain data loaded by a data migration.

Education levels, Kemendagri region codes (Banten, with the kecamatan of Kota Cilegon,
Kota Serang and Kabupaten Serang), BBPVP/BLK kejuruan and their competency units, KBJI 2014
occupations (= ISCO-08 unit groups) and KBLI 2020 business fields (the demo data's fictional
names live in ``demo/names.py``). Keep everything as literal tuples so that a
migration can import it without touching the ORM.

This module is long (about 430 lines) because it is a data table: one literal row per
code of the official lists, loaded as a whole by one data migration.
"""

from __future__ import annotations

# ------------------------------------------------------------------------- education

#: (code, name, rank, level). ``rank`` is the unique display order; ``level`` is the tier
#: used for "at least" comparisons: SMA and SMK share a tier, and so do D4 and S1.
EDUCATION_LEVELS: list[tuple[str, str, int, int]] = [
    ("none", "Tidak/belum sekolah", 0, 0),
    ("sd", "SD", 1, 1),
    ("smp", "SMP", 2, 2),
    ("sma", "SMA", 3, 3),
    ("smk", "SMK", 4, 3),
    ("d1", "D1", 5, 4),
    ("d2", "D2", 6, 5),
    ("d3", "D3", 7, 6),
    ("d4", "D4", 8, 7),
    ("s1", "S1", 9, 7),
    ("s2", "S2", 10, 8),
    ("s3", "S3", 11, 9),
]

# --------------------------------------------------------------------------- regions

#: (Kemendagri code, name, level). Kecamatan codes and names follow the Kemendagri
#: wilayah code list (Kepmendagri 300.2.2-2138/2025); every parent code is present.
REGIONS: list[tuple[str, str, str]] = [
    # Provinces
    ("18", "Lampung", "province"),
    ("31", "DKI Jakarta", "province"),
    ("32", "Jawa Barat", "province"),
    ("33", "Jawa Tengah", "province"),
    ("35", "Jawa Timur", "province"),
    ("36", "Banten", "province"),
    # Banten: kabupaten and kota
    ("36.01", "Kabupaten Pandeglang", "city"),
    ("36.02", "Kabupaten Lebak", "city"),
    ("36.03", "Kabupaten Tangerang", "city"),
    ("36.04", "Kabupaten Serang", "city"),
    ("36.71", "Kota Tangerang", "city"),
    ("36.72", "Kota Cilegon", "city"),
    ("36.73", "Kota Serang", "city"),
    ("36.74", "Kota Tangerang Selatan", "city"),
    # Kabupaten Serang (codes 01-04, 10 and 21 are no longer in use)
    ("36.04.05", "Kramatwatu", "district"),
    ("36.04.06", "Waringinkurung", "district"),
    ("36.04.07", "Bojonegara", "district"),
    ("36.04.08", "Pulo Ampel", "district"),
    ("36.04.09", "Ciruas", "district"),
    ("36.04.11", "Kragilan", "district"),
    ("36.04.12", "Pontang", "district"),
    ("36.04.13", "Tirtayasa", "district"),
    ("36.04.14", "Tanara", "district"),
    ("36.04.15", "Cikande", "district"),
    ("36.04.16", "Kibin", "district"),
    ("36.04.17", "Carenang", "district"),
    ("36.04.18", "Binuang", "district"),
    ("36.04.19", "Petir", "district"),
    ("36.04.20", "Tunjung Teja", "district"),
    ("36.04.22", "Baros", "district"),
    ("36.04.23", "Cikeusal", "district"),
    ("36.04.24", "Pamarayan", "district"),
    ("36.04.25", "Kopo", "district"),
    ("36.04.26", "Jawilan", "district"),
    ("36.04.27", "Ciomas", "district"),
    ("36.04.28", "Pabuaran", "district"),
    ("36.04.29", "Padarincang", "district"),
    ("36.04.30", "Anyar", "district"),
    ("36.04.31", "Cinangka", "district"),
    ("36.04.32", "Mancak", "district"),
    ("36.04.33", "Gunungsari", "district"),
    ("36.04.34", "Bandung", "district"),
    ("36.04.35", "Lebak Wangi", "district"),
    # Kota Cilegon
    ("36.72.01", "Cibeber", "district"),
    ("36.72.02", "Cilegon", "district"),
    ("36.72.03", "Pulomerak", "district"),
    ("36.72.04", "Ciwandan", "district"),
    ("36.72.05", "Jombang", "district"),
    ("36.72.06", "Grogol", "district"),
    ("36.72.07", "Purwakarta", "district"),
    ("36.72.08", "Citangkil", "district"),
    # Kota Serang
    ("36.73.01", "Serang", "district"),
    ("36.73.02", "Kasemen", "district"),
    ("36.73.03", "Walantaka", "district"),
    ("36.73.04", "Curug", "district"),
    ("36.73.05", "Cipocok Jaya", "district"),
    ("36.73.06", "Taktakan", "district"),
]

# ------------------------------------------------------------------ vocations, skills

#: (code, name): the kejuruan used by BBPVP and BLK training programmes.
#: Kecamatan codes no longer in the Kemendagri list (the gaps in the regencies above). NIKs
#: first registered under them stay valid for life, so the NIK check accepts them; they are
#: not offered as a place of residence.
RETIRED_DISTRICTS: frozenset[str] = frozenset(
    {"36.04.01", "36.04.02", "36.04.03", "36.04.04", "36.04.10", "36.04.21"}
)

VOCATIONS: list[tuple[str, str]] = [
    ("LAS", "Las"),
    ("LIS", "Listrik"),
    ("OTO", "Otomotif"),
    ("MAN", "Manufaktur"),
    ("REF", "Refrigerasi"),
    ("TIK", "Teknologi Informasi dan Komunikasi"),
    ("BAN", "Bangunan"),
    ("GAR", "Garmen Apparel"),
    ("PAR", "Pariwisata"),
    ("LOG", "Logistik"),
    ("K3", "Keselamatan dan Kesehatan Kerja"),
    ("ABT", "Alat Berat"),
    ("PRO", "Processing dan Petrokimia"),
    ("INS", "Instrumentasi"),
]

#: (code, name, vocation code): competency units drawn from competency-based training
#: programmes and SKKNI units.
SKILLS: list[tuple[str, str, str]] = [
    # Las
    ("LAS-SMAW", "Pengelasan SMAW (Shielded Metal Arc Welding) posisi 1G/2G", "LAS"),
    ("LAS-SMAW3G", "Pengelasan SMAW posisi 3G/4G", "LAS"),
    ("LAS-GTAW", "Pengelasan GTAW (TIG)", "LAS"),
    ("LAS-GMAW", "Pengelasan GMAW (MIG/MAG)", "LAS"),
    ("LAS-FCAW", "Pengelasan FCAW (Flux Cored Arc Welding)", "LAS"),
    ("LAS-OAW", "Pengelasan dan pemotongan oksi-asetilin (OAW)", "LAS"),
    ("LAS-PIPE6G", "Pengelasan pipa posisi 6G", "LAS"),
    ("LAS-BLUEPRINT", "Membaca gambar teknik dan simbol las", "LAS"),
    ("LAS-FITTER", "Fitter fabrikasi plat dan pipa (fit-up)", "LAS"),
    # Listrik
    ("LIS-PENERANGAN", "Instalasi penerangan listrik bangunan", "LIS"),
    ("LIS-TENAGA", "Instalasi tenaga listrik industri", "LIS"),
    ("LIS-KENDALI", "Instalasi motor listrik dengan kendali elektromagnetik", "LIS"),
    ("LIS-PLC", "Pemrograman PLC dasar", "LIS"),
    ("LIS-MOTOR", "Pemeliharaan motor listrik", "LIS"),
    ("LIS-PANEL", "Perakitan dan pemeliharaan panel distribusi tegangan rendah", "LIS"),
    ("LIS-PLTS", "Instalasi pembangkit listrik tenaga surya (PLTS) atap", "LIS"),
    # Otomotif
    ("OTO-MOTOR", "Servis sepeda motor (karburator dan injeksi)", "OTO"),
    ("OTO-MOBIL", "Servis kendaraan ringan (mobil bensin)", "OTO"),
    ("OTO-DIESEL", "Perawatan dan perbaikan mesin diesel", "OTO"),
    ("OTO-LISTRIK", "Perawatan sistem kelistrikan dan AC kendaraan ringan", "OTO"),
    ("OTO-CHASSIS", "Perawatan chassis dan pemindah tenaga kendaraan ringan", "OTO"),
    # Manufaktur
    ("MAN-BUBUT", "Operator mesin bubut konvensional", "MAN"),
    ("MAN-CNCBUBUT", "Operator mesin bubut CNC", "MAN"),
    ("MAN-FRAIS", "Operator mesin frais konvensional", "MAN"),
    ("MAN-CNCFRAIS", "Operator mesin frais CNC", "MAN"),
    ("MAN-GERINDA", "Operator mesin gerinda datar dan silindris", "MAN"),
    ("MAN-MEKANIK", "Perawatan mesin industri (mekanik industri)", "MAN"),
    ("MAN-HIDROLIK", "Perawatan sistem hidrolik dan pneumatik", "MAN"),
    # Refrigerasi
    ("REF-ACSPLIT", "Teknisi AC split residensial (pemasangan dan perawatan)", "REF"),
    ("REF-CHILLER", "Teknisi AC sentral dan chiller", "REF"),
    ("REF-KOMERSIAL", "Teknisi refrigerasi komersial (cold storage dan showcase)", "REF"),
    ("REF-DOMESTIK", "Perawatan dan perbaikan lemari es domestik", "REF"),
    # Teknologi Informasi dan Komunikasi
    ("TIK-WEB", "Pemrograman web (junior web programmer)", "TIK"),
    ("TIK-MOBILE", "Pemrograman aplikasi mobile Android", "TIK"),
    ("TIK-JARINGAN", "Administrasi jaringan komputer", "TIK"),
    ("TIK-TEKNISI", "Teknisi komputer (perakitan dan perbaikan)", "TIK"),
    ("TIK-DESAIN", "Desain grafis", "TIK"),
    ("TIK-OFFICE", "Operator komputer perkantoran", "TIK"),
    ("TIK-CAD", "Drafter CAD 2D/3D (AutoCAD)", "TIK"),
    # Bangunan
    ("BAN-BATU", "Tukang pasang batu dan bata", "BAN"),
    ("BAN-BETON", "Tukang besi beton dan pengecoran", "BAN"),
    ("BAN-KAYU", "Tukang kayu konstruksi (bekisting dan rangka)", "BAN"),
    ("BAN-DRAFTER", "Juru gambar bangunan", "BAN"),
    ("BAN-PLUMBING", "Pemasangan pipa air bersih dan air limbah (plumbing)", "BAN"),
    ("BAN-SCAFFOLD", "Pemasangan perancah (scaffolding)", "BAN"),
    # Garmen Apparel
    ("GAR-JAHIT", "Menjahit pakaian dengan mesin", "GAR"),
    ("GAR-POLA", "Membuat pola dan memotong bahan pakaian", "GAR"),
    ("GAR-KEMEJA", "Menjahit kemeja", "GAR"),
    ("GAR-SERAGAM", "Menjahit pakaian kerja dan seragam (wearpack)", "GAR"),
    ("GAR-QC", "Pemeriksaan mutu produk garmen (quality control)", "GAR"),
    # Pariwisata
    ("PAR-COMMIS", "Tata boga: juru masak (commis cook)", "PAR"),
    ("PAR-BAKERY", "Tata boga: pembuatan roti dan kue (bakery and pastry)", "PAR"),
    ("PAR-WAITER", "Tata hidang: pramusaji (waiter/waitress)", "PAR"),
    ("PAR-BARISTA", "Barista", "PAR"),
    ("PAR-HOUSEKEEP", "Tata graha: room attendant (housekeeping)", "PAR"),
    ("PAR-FRONTOFFICE", "Kantor depan hotel (front office)", "PAR"),
    # Logistik
    ("LOG-GUDANG", "Operasional pergudangan (warehouse operation)", "LOG"),
    ("LOG-INVENTORI", "Pengendalian persediaan (inventory control)", "LOG"),
    ("LOG-EXIM", "Administrasi ekspor-impor dan kepabeanan", "LOG"),
    ("LOG-SCM", "Manajemen rantai pasok dasar", "LOG"),
    ("LOG-REACHTRUCK", "Operator reach truck", "LOG"),
    # Keselamatan dan Kesehatan Kerja
    ("K3-UMUM", "Ahli K3 Umum / K3 dasar", "K3"),
    ("K3-LISTRIK", "K3 listrik", "K3"),
    ("K3-KETINGGIAN", "K3 bekerja di ketinggian (working at height)", "K3"),
    ("K3-RUANGTERBATAS", "K3 ruang terbatas (confined space)", "K3"),
    ("K3-KEBAKARAN", "Penanggulangan kebakaran", "K3"),
    ("K3-KIMIA", "K3 bahan kimia berbahaya", "K3"),
    ("K3-P3K", "Pertolongan pertama pada kecelakaan (P3K) di tempat kerja", "K3"),
    # Alat Berat
    ("ABT-FORKLIFT", "Operator forklift", "ABT"),
    ("ABT-EXCAVATOR", "Operator excavator", "ABT"),
    ("ABT-WHEELLOADER", "Operator wheel loader", "ABT"),
    ("ABT-CRANE", "Operator crane mobile", "ABT"),
    ("ABT-OVERHEAD", "Operator overhead crane", "ABT"),
    ("ABT-RIGGING", "Juru ikat beban (rigger)", "ABT"),
    # Processing dan Petrokimia
    ("PRO-KIMIA", "Operator proses kimia", "PRO"),
    ("PRO-DCS", "Operator ruang kendali pabrik proses (DCS)", "PRO"),
    ("PRO-BOILER", "Operator boiler (ketel uap)", "PRO"),
    ("PRO-UTILITAS", "Operator utilitas (air, uap, udara tekan)", "PRO"),
    ("PRO-LAB", "Analis laboratorium kimia", "PRO"),
    # Instrumentasi
    ("INS-KALIBRASI", "Kalibrasi instrumen tekanan, suhu, aliran dan level", "INS"),
    ("INS-PASANG", "Pemasangan instrumen proses dan tubing", "INS"),
    ("INS-KATUP", "Perawatan katup kendali (control valve)", "INS"),
    ("INS-KENDALI", "Pemeliharaan sistem kendali dan instrumentasi industri", "INS"),
]

# ----------------------------------------------------------------------- occupations

#: (KBJI 2014 code, name): the 10 major groups, then ISCO-08 unit groups (4 digits) common
#: in an industrial labour market.
OCCUPATIONS: list[tuple[str, str]] = [
    ("0", "TNI dan Polri"),
    ("1", "Manajer"),
    ("2", "Profesional"),
    ("3", "Teknisi dan asisten profesional"),
    ("4", "Tenaga tata usaha"),
    ("5", "Tenaga usaha jasa dan tenaga penjualan"),
    ("6", "Pekerja terampil pertanian, kehutanan dan perikanan"),
    ("7", "Pekerja pengolahan, kerajinan dan yang berhubungan dengan itu"),
    ("8", "Operator dan perakit mesin"),
    ("9", "Pekerja kasar"),
    ("1321", "Manajer industri pengolahan"),
    ("1324", "Manajer pasokan, distribusi dan yang berhubungan dengan itu"),
    ("2141", "Insinyur industri dan produksi"),
    ("2144", "Insinyur mesin"),
    ("2145", "Insinyur kimia"),
    ("2151", "Insinyur listrik"),
    ("2166", "Desainer grafis dan multimedia"),
    ("2263", "Profesional kesehatan lingkungan dan kesehatan kerja"),
    ("2512", "Pengembang perangkat lunak"),
    ("3111", "Teknisi ilmu kimia dan fisika"),
    ("3112", "Teknisi teknik sipil"),
    ("3113", "Teknisi teknik elektro"),
    ("3115", "Teknisi teknik mesin"),
    ("3116", "Teknisi teknik kimia"),
    ("3118", "Juru gambar (drafter)"),
    ("3122", "Supervisor industri pengolahan"),
    ("3123", "Supervisor konstruksi"),
    ("3131", "Operator pembangkit listrik"),
    ("3133", "Pengendali pabrik pengolahan kimia"),
    ("3135", "Pengendali proses produksi logam"),
    ("3257", "Inspektur kesehatan dan keselamatan lingkungan kerja"),
    ("3512", "Teknisi dukungan pengguna TIK"),
    ("3513", "Teknisi jaringan dan sistem komputer"),
    ("4110", "Petugas administrasi umum"),
    ("4311", "Petugas akuntansi dan pembukuan"),
    ("4321", "Petugas pencatat persediaan (gudang)"),
    ("4323", "Petugas transportasi"),
    ("5120", "Juru masak"),
    ("5131", "Pelayan restoran"),
    ("5414", "Satpam"),
    ("7112", "Tukang batu"),
    ("7114", "Tukang cor dan penyelesai beton"),
    ("7115", "Tukang kayu"),
    ("7119", "Pekerja rangka bangunan lainnya (termasuk pemasang perancah)"),
    ("7126", "Tukang pipa"),
    ("7127", "Mekanik pendingin udara dan refrigerasi"),
    ("7212", "Tukang las dan pemotong logam"),
    ("7214", "Pekerja penyiapan dan pemasangan konstruksi logam"),
    ("7215", "Juru ikat (rigger) dan penyambung kabel"),
    ("7223", "Penyetel dan operator perkakas mesin"),
    ("7224", "Pemoles logam, penggerinda dan pengasah perkakas"),
    ("7231", "Mekanik kendaraan bermotor"),
    ("7233", "Mekanik mesin pertanian dan industri"),
    ("7411", "Tukang listrik bangunan"),
    ("7412", "Mekanik dan tukang reparasi listrik"),
    ("7512", "Pembuat roti, kue dan gula-gula"),
    ("7531", "Penjahit"),
    ("8121", "Operator pabrik pengolahan logam"),
    ("8131", "Operator pabrik dan mesin produk kimia"),
    ("8142", "Operator mesin produk plastik"),
    ("8182", "Operator mesin uap dan ketel uap (boiler)"),
    ("8332", "Pengemudi truk berat dan truk tronton"),
    ("8342", "Operator alat berat pemindah tanah"),
    ("8343", "Operator crane dan alat angkat sejenis"),
    ("8344", "Operator truk pengangkat (forklift)"),
    ("9112", "Petugas kebersihan di kantor, hotel dan tempat lainnya"),
    ("9313", "Buruh konstruksi bangunan gedung"),
    ("9321", "Pengepak barang dengan tangan"),
    ("9329", "Buruh industri pengolahan"),
    ("9333", "Buruh angkut barang"),
]

# --------------------------------------------------------------------------- sectors

#: (KBLI 2020 code, name): the 21 categories, then golongan pokok (2 digits) and deeper
#: codes for Cilegon's industry.
SECTORS: list[tuple[str, str]] = [
    ("A", "Pertanian, Kehutanan dan Perikanan"),
    ("B", "Pertambangan dan Penggalian"),
    ("C", "Industri Pengolahan"),
    ("D", "Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin"),
    (
        "E",
        "Treatment Air, Treatment Air Limbah, Treatment dan Pemulihan Material Sampah, "
        "dan Aktivitas Remediasi",
    ),
    ("F", "Konstruksi"),
    ("G", "Perdagangan Besar dan Eceran; Reparasi dan Perawatan Mobil dan Sepeda Motor"),
    ("H", "Pengangkutan dan Pergudangan"),
    ("I", "Penyediaan Akomodasi dan Penyediaan Makan Minum"),
    ("J", "Informasi dan Komunikasi"),
    ("K", "Aktivitas Keuangan dan Asuransi"),
    ("L", "Real Estat"),
    ("M", "Aktivitas Profesional, Ilmiah dan Teknis"),
    (
        "N",
        "Aktivitas Penyewaan dan Sewa Guna Usaha Tanpa Hak Opsi, Ketenagakerjaan, "
        "Agen Perjalanan dan Penunjang Usaha Lainnya",
    ),
    ("O", "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib"),
    ("P", "Pendidikan"),
    ("Q", "Aktivitas Kesehatan Manusia dan Aktivitas Sosial"),
    ("R", "Kesenian, Hiburan dan Rekreasi"),
    ("S", "Aktivitas Jasa Lainnya"),
    (
        "T",
        "Aktivitas Rumah Tangga sebagai Pemberi Kerja; Aktivitas yang Menghasilkan Barang "
        "dan Jasa oleh Rumah Tangga yang Digunakan untuk Memenuhi Kebutuhan Sendiri",
    ),
    ("U", "Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya"),
    ("10", "Industri Makanan"),
    ("20", "Industri Bahan Kimia dan Barang dari Bahan Kimia"),
    ("2011", "Industri Kimia Dasar"),
    ("20111", "Industri Kimia Dasar Anorganik Khlor dan Alkali"),
    ("2013", "Industri Plastik dan Karet Buatan dalam Bentuk Dasar"),
    ("22", "Industri Karet, Barang dari Karet dan Plastik"),
    ("24", "Industri Logam Dasar"),
    ("2410", "Industri Logam Dasar Besi dan Baja"),
    ("2431", "Industri Pengecoran Besi dan Baja"),
    ("25", "Industri Barang Logam, Bukan Mesin dan Peralatannya"),
    ("35", "Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin"),
    ("3510", "Ketenagalistrikan"),
    ("41", "Konstruksi Gedung"),
    ("42", "Konstruksi Bangunan Sipil"),
    ("43", "Konstruksi Khusus"),
    ("4321", "Instalasi Listrik"),
    ("46", "Perdagangan Besar, Bukan Mobil dan Sepeda Motor"),
    ("49", "Angkutan Darat dan Angkutan Melalui Saluran Pipa"),
    ("4943", "Angkutan Bermotor untuk Barang"),
    ("50", "Angkutan Perairan"),
    ("52", "Pergudangan dan Aktivitas Penunjang Angkutan"),
    ("5210", "Pergudangan dan Penyimpanan"),
    ("5222", "Aktivitas Penunjang Angkutan Perairan"),
    ("52221", "Aktivitas Pelayanan Kepelabuhanan Laut"),
    ("5224", "Penanganan Kargo (Bongkar Muat Barang)"),
    ("5229", "Aktivitas Penunjang Angkutan Lainnya"),
    ("55", "Penyediaan Akomodasi"),
    ("56", "Penyediaan Makanan dan Minuman"),
    ("56290", "Penyediaan Jasa Boga Periode Tertentu"),
    ("62", "Aktivitas Pemrograman, Konsultasi Komputer dan Kegiatan yang Berhubungan dengan Itu"),
    ("6201", "Aktivitas Pemrograman Komputer"),
    ("6202", "Aktivitas Konsultasi Komputer dan Manajemen Fasilitas Komputer"),
    ("71", "Aktivitas Arsitektur dan Keinsinyuran; Analisis dan Uji Teknis"),
    ("78", "Aktivitas Ketenagakerjaan"),
    ("80", "Aktivitas Keamanan dan Penyelidikan"),
]

#: KBLI golongan pokok ranges (inclusive) of each category letter.
_KBLI_DIVISION_RANGES: tuple[tuple[int, int, str], ...] = (
    (1, 3, "A"),
    (5, 9, "B"),
    (10, 33, "C"),
    (35, 35, "D"),
    (36, 39, "E"),
    (41, 43, "F"),
    (45, 47, "G"),
    (49, 53, "H"),
    (55, 56, "I"),
    (58, 63, "J"),
    (64, 66, "K"),
    (68, 68, "L"),
    (69, 75, "M"),
    (77, 82, "N"),
    (84, 84, "O"),
    (85, 85, "P"),
    (86, 88, "Q"),
    (90, 93, "R"),
    (94, 96, "S"),
    (97, 98, "T"),
    (99, 99, "U"),
)


def sector_category(code: str) -> str:
    """Return the KBLI category letter of a KBLI code ("2410" -> "C", "H" -> "H").

    Numeric codes map by their golongan pokok (first two digits). Raises ``ValueError``
    for a code that is neither a category letter nor in a KBLI golongan pokok range.
    """
    if len(code) == 1 and "A" <= code <= "U":
        return code
    if len(code) >= 2 and code.isascii() and code.isdigit():
        division = int(code[:2])
        for low, high, letter in _KBLI_DIVISION_RANGES:
            if low <= division <= high:
                return letter
    raise ValueError(f"not a KBLI code: {code!r}")
