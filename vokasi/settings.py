"""Vokasi settings: one module, configured from the environment.

Every value that differs between a laptop and production comes from an environment
variable with a safe local default. Secrets may also be read from a file named by
``<NAME>_FILE`` (for container and systemd secrets).

This module is long (about 480 lines) because Vokasi keeps one settings module on
purpose (STYLE.md): each setting is declared once, next to the environment variable it
reads and the comment that says why its default is what it is; split into files, a
setting would again be appended or overridden further down.
"""

from __future__ import annotations

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """Read ``name`` from the environment, or from the file named by ``name_FILE``."""
    if name in os.environ:
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return default


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """The key from the environment; a kept development key under DEBUG; otherwise empty.

    An empty key fails the moment anything signs with it (Django reads the setting lazily)
    and the web server refuses to start (``vokasi.wsgi``), while commands that sign nothing
    (``makemigrations --check``, ``check --deploy``, which names the missing key) still run.
    """
    key = env("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        return ""
    # A development key kept beside the database, so sessions survive restarts.
    dev_key_file = BASE_DIR / ".dev-secret-key"
    if not dev_key_file.exists():
        dev_key_file.write_text(secrets.token_urlsafe(50))
    return dev_key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A refused form (stale page, expired session) answers with our page, in the layout.
CSRF_FAILURE_VIEW = "vokasi.views.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "vokasi",
    "trainees",
    "placements",
    "reports",
    "demo",
    # Audit (vokasi.history, vokasi.audit): every change to the audited models is kept
    # with who made it. Old versions are read, never restored from the admin: a revert
    # would skip the services' rules (SIMPLE_HISTORY_* below).
    "simple_history",
]

MIDDLEWARE = [
    # Each request is logged once, with its status and duration (vokasi.logging_json).
    "vokasi.logging_json.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # NUL in a path, query or page form answers 400 before it reaches a query.
    "vokasi.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Exposes the request (its user, set by the session or, on the API, by the key) to
    # the history writer.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vokasi.urls"
WSGI_APPLICATION = "vokasi.wsgi.application"
ASGI_APPLICATION = "vokasi.asgi.application"

# Form widgets are looked up in the project's templates, so vokasi/templates can render the
# slow ones (a select's options) in Python (vokasi/templatetags/vokasi_forms.py).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "vokasi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vokasi.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Optional: a read replica for the reports (reports.db: a router sends the reports'
# reads there). Tests mirror it onto the test database.
REPORTS_DATABASE_URL = env("REPORTS_DATABASE_URL", "")
if REPORTS_DATABASE_URL:
    DATABASES["reports"] = dj_database_url.parse(
        REPORTS_DATABASE_URL,
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}
VOKASI_REPORTS_DATABASE = "reports" if REPORTS_DATABASE_URL else None
DATABASE_ROUTERS = ["reports.db.ReportsRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE avoids lock upgrades
    # that otherwise fail as "database is locked" under concurrent writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "vokasi.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks out after too many (see AXES_* below).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Lock the username from that address, so a typo-prone colleague behind the same office
# NAT does not lock out everyone else.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# How many reverse proxies of ours stand in front (README, Deploying): behind one nginx,
# AXES_PROXY_COUNT=1 makes the lockout key on the client's address from X-Forwarded-For
# instead of the proxy's; 0 (serving directly) ignores the header. vokasi.auth.client_ip
# reads it (django-ipware, which axes would otherwise use, is not installed).
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_CLIENT_IP_CALLABLE = "vokasi.auth.client_ip"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS: list = []  # each app keeps its own locale/ folder
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True
# Ids, years and codes are never grouped: a template that prints `{{ obj.pk }}` into a
# value="", a URL or a data attribute must get "2421", not "2.421". Amounts and counts
# are grouped explicitly where they are shown (`intcomma`, reports.formatting).
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"

# Uploads: a cohort results file of 100,000 rows is about 5 MB as .xlsx.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
VOKASI_UPLOAD_MAX_BYTES = env_int("VOKASI_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)

# Background jobs: the database is the queue (django-tasks' database backend), so any
# number of `manage.py db_worker` processes, on any machine, share it; SQLite works too.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Files with more rows than this are handed to a worker by the upload pages.
VOKASI_BACKGROUND_ROWS = env_int("VOKASI_BACKGROUND_ROWS", 2000)
# Downloads (lists, reports) with more rows than this are written by a worker; the page
# shows the job's progress, then the file (kept VOKASI_JOB_KEEP_HOURS). The yearly IPK
# workbook always is.
VOKASI_BACKGROUND_EXPORT_ROWS = env_int("VOKASI_BACKGROUND_EXPORT_ROWS", 5000)
# A running job silent for this long has lost its worker (queued again once, then failed).
VOKASI_JOB_STALE_SECONDS = env_int("VOKASI_JOB_STALE_SECONDS", 120)
# Finished jobs' files (uploads, exports) are kept this long for download.
VOKASI_JOB_KEEP_HOURS = env_int("VOKASI_JOB_KEEP_HOURS", 24)

REST_FRAMEWORK = {
    # Programs authenticate with an API key (vokasi.auth); each key is rate limited. The
    # key scheme comes first so an anonymous request answers 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "vokasi.auth.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["vokasi.auth.ApiKeyRateThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON bodies through a parser that refuses deep nesting and NUL (vokasi.api.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "vokasi.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "vokasi.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["vokasi.api.filtering.ListFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "vokasi.api.exceptions.exception_handler",
}
VOKASI_API_RATE = env("VOKASI_API_RATE", "600/minute")
# The public vacancy board (page and API), per client address (vokasi.auth.PublicRateThrottle).
VOKASI_PUBLIC_RATE = env("VOKASI_PUBLIC_RATE", "60/minute")

# Invitations (a company's new users choose their password through an e-mailed link).
# Development prints the mail on the console; production sends it through SMTP.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Vokasi <no-reply@localhost>")
# The reporting duty (Perpres 57/2023 Pasal 6): days after a vacancy's closing date
# before a vacancy with no fill report counts as overdue in the ledger (reports app).
VOKASI_FILL_REPORT_GRACE_DAYS = env_int("VOKASI_FILL_REPORT_GRACE_DAYS", 30)

SPECTACULAR_SETTINGS = {
    "TITLE": "Vokasi API",
    "DESCRIPTION": "Link and match between Disnaker, training providers and Apindo companies.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "VacancyCloseReasonEnum": "placements.models.Vacancy.CloseReason",
        "VacancyCloseRequestReasonEnum": "placements.api.vacancies.COMPANY_CLOSE_CHOICES",
        # A person's sex keeps the name v1 clients know; a vacancy's may also be "any".
        "SexEnum": "trainees.models.Sex",
        "VacancySexEnum": "placements.models.Vacancy.Sex",
        # A vacancy's employment type (v1's name) and a placement's or reported hire's
        # contract type (no "magang": an apprentice is not hired).
        "EmploymentTypeEnum": "placements.models.Vacancy.EmploymentType",
        "ContractTypeEnum": "placements.models.Placement.ContractType",
        # A company's decision on a candidate, and the office's on a submitted vacancy.
        "DecisionEnum": "placements.api.referrals.REFERRAL_DECISIONS",
        "VerifyDecisionEnum": "placements.api.vacancies.VERIFY_DECISIONS",
        # Several models have a "status"; each gets its own named enum in the schema.
        "VacancyStatusEnum": "placements.models.Vacancy.Status",
        "ReferralStatusEnum": "placements.models.Referral.Status",
        "ApprenticeshipStatusEnum": "placements.models.Apprenticeship.Status",
        "JobSeekerStatusEnum": "trainees.models.JobSeeker.Status",
        "CohortStatusEnum": "trainees.models.Cohort.Status",
        "EnrollmentStatusEnum": "trainees.models.Enrollment.Status",
        # Agreements: a "kind" of agreement and a "kind" of party, beside a vacancy's,
        # which keeps the name clients of v1 know.
        "KindEnum": "placements.models.Vacancy.Kind",
        "AgreementKindEnum": "vokasi.agreements.models.Kind",
        "AgreementPartyKindEnum": "vokasi.agreements.models.AgreementParty.Kind",
        "AgreementOtherKindEnum": "vokasi.agreements.models.AgreementParty.OtherKind",
        "AgreementScopeItemEnum": "vokasi.agreements.models.ScopeItem",
        "AgreementMeasureEnum": "vokasi.agreements.models.Measure",
        "GraduateStatusStatusEnum": "trainees.models.GraduateStatus.Status",
        # A scholarship's status: on the scholarship and on the PATCH changing it.
        "ScholarshipStatusEnum": "trainees.models.Scholarship.Status",
    },
    # Document the error answers every endpoint can give (401/403/429, 400, 404) once.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "vokasi.api.schema.document_common_errors",
    ],
}

DJANGO_TABLES2_TEMPLATE = "vokasi/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table"}

# Security. Production (DEBUG off) is secure by default; each can be relaxed by env.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading HSTS commits the whole parent domain (a city's go.id domain hosts many other
# services) to HTTPS in every browser, irreversibly for months; it is the operator's call,
# so the deploy check does not demand it.
# trainees.JobSeeker's covering index (INCLUDE) gives PostgreSQL's reports an index-only
# scan; SQLite builds it on the key column alone, which is all it needs.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    *(["models.W040"] if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else []),
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: only our own scripts and styles, no inline code at all, so an
# injected <script> or onclick= does nothing. Pages put behaviour in static .js files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Structured logging (vokasi.logging_json): one JSON object a line in production, plain
# text in development; every line carries the request id (X-Request-ID), the user id and
# the path.
LOG_FORMAT = env("LOG_FORMAT", "plain" if DEBUG else "json").strip().lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request": {"()": "vokasi.logging_json.RequestContextFilter"},
        # Database error details (the refused row) and request bodies never reach a log line.
        "scrub": {"()": "vokasi.logging_json.ScrubFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "vokasi.logging_json.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request", "scrub"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # not its start-up banner on every command
    },
}

# Domain rules that are policy rather than law: each is a setting (see DOMAIN.md).
VOKASI = {
    "MIN_REGISTRATION_AGE": env_int("VOKASI_MIN_REGISTRATION_AGE", 15),
    "REGISTRATION_VALID_MONTHS": 24,
    "REPORT_BACK_MONTHS": 6,
    "CERTIFICATE_VALID_YEARS": 3,
    "APPRENTICESHIP_MAX_MONTHS": 12,
    "APPRENTICESHIP_MIN_AGE": 17,
    "APPRENTICESHIP_MAX_SHARE": 0.20,
    "FOLLOW_UP_MONTHS": (3, 6),
    "DEFAULT_COHORT_QUOTA": 16,
    "RETENTION_YEARS": env_int("VOKASI_RETENTION_YEARS", 5),
    # Reports (reports app): the supply / demand ratio below which a skill is in shortage
    # and above which it is in surplus (link and match), and the horizons of the outcome
    # report.
    "LINK_MATCH_SHORTAGE_BELOW": 0.8,
    "LINK_MATCH_SURPLUS_ABOVE": 1.2,
    "OUTCOME_PLACED_DAYS": (90, 180),
    "OUTCOME_RETENTION_DAYS": 180,
    # Memory PostgreSQL may use per sort or hash in a report query (reports app), in MB.
    "REPORT_WORK_MEM_MB": env_int("VOKASI_REPORT_WORK_MEM_MB", 128),
}

# Candidate matching: the weight of each factor in the 0-100 score, and how each factor
# scores. Officers read these on the match page, so changing them changes the explanation.
VOKASI_MATCHING = {
    "WEIGHTS": {
        "required_skills": 50,
        "preferred_skills": 10,
        "occupation": 15,
        "education": 5,
        "distance": 12,
        "training_recency": 8,
    },
    # How much holding a skill counts, by how we know it.
    "SOURCE_CREDIT": {"certified": 1.0, "trained": 0.75, "declared": 0.4},
    "DISTANCE_CREDIT": {"same_kecamatan": 1.0, "same_city": 0.6, "elsewhere": 0.2},
    # Training (certified or trained skill) within this many days counts fully, within the
    # second figure half.
    "RECENT_TRAINING_DAYS": (365, 3 * 365),
    "MAX_RESULTS": 200,
}


# One cache every worker shares: the API rate limit counts each key's requests in it, and
# the results page claims a confirmation in it. The database's own table (created by
# every migrate, see vokasi.apps), so a deployment needs no other service.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": env("VOKASI_CACHE_TABLE", "vokasi_cache"),
    }
}
# Audit: old versions are read, never restored from the admin.
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = False
