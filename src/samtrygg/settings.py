"""Samtrygg settings: the one settings module, read from environment variables.

Every variable is documented in docs/configuration.md. A bad value stops start-up with
a message that names the variable. Secrets may come from ``<NAME>_FILE`` instead of
``<NAME>`` (for container secrets). The parsing helpers are in ``samtrygg.core.envsettings``.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samtrygg.core.envsettings import (
    case_data_keys,
    database_config,
    env_bool,
    env_date,
    env_hour,
    env_int,
    env_list,
    env_raw,
    env_str,
    shared_cache_config,
)
from samtrygg.core.roles import Role

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent

if (BASE_DIR / ".env").is_file() and not os.environ.get("SAMTRYGG_IGNORE_DOTENV"):
    environ.Env.read_env(str(BASE_DIR / ".env"), overwrite=False)

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_raw("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY: not set. Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value; "
            "a development key is used only when DEBUG=1."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production-6b2f"  # noqa: S105
elif len(SECRET_KEY) < 32 and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY: must be at least 32 characters long")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS: set the host names this site is served under")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

VAR_DIR = Path(env_str("SAMTRYGG_VAR_DIR", str(BASE_DIR / "var")))
# numba keeps its compiled kernels, matplotlib its font list, in a folder the service can
# write (by default beside the source or in the home folder, neither writable under the
# systemd unit in deploy/): read once per process start instead of rebuilt. Set before
# either library is imported; an explicit environment variable wins.
os.environ.setdefault("NUMBA_CACHE_DIR", str(VAR_DIR / "cache" / "numba"))
os.environ.setdefault("MPLCONFIGDIR", str(VAR_DIR / "cache" / "matplotlib"))
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    # Samtrygg apps, in dependency order (the demo builds them in this order).
    "samtrygg.core",
    "samtrygg.accounts",
    "samtrygg.notifications",
    "samtrygg.areas",
    "samtrygg.incidents",
    "samtrygg.picture",
    "samtrygg.situation",
    "samtrygg.governance",
    "samtrygg.actionplan",
    "samtrygg.public",
    "samtrygg.documents",
    "samtrygg.cases",
    "samtrygg.partners",
    "samtrygg.walks",
    "samtrygg.api",
]
SAMTRYGG_APPS = [app for app in INSTALLED_APPS if app.startswith("samtrygg.")]

MIDDLEWARE = [
    # Outermost: turns a request that failed on a database lock into a 503 (core/dblocks.py).
    "samtrygg.core.middleware.DatabaseBusyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "samtrygg.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samtrygg.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samtrygg.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "samtrygg.accounts.middleware.SessionIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "samtrygg.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samtrygg.urls"
WSGI_APPLICATION = "samtrygg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samtrygg.core.context_processors.navigation",
                "samtrygg.notifications.context_processors.bell",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
SQLITE_BUSY_TIMEOUT = env_int("SQLITE_BUSY_TIMEOUT", 5, minimum=1)
#: Seconds a client is told to wait (Retry-After) when a request met a locked database.
DATABASE_BUSY_RETRY_AFTER = env_int("DATABASE_BUSY_RETRY_AFTER", 10, minimum=1)
_default_db = f"sqlite:///{VAR_DIR / 'samtrygg.sqlite3'}"
DATABASES = {
    "default": database_config(
        env_str("DATABASE_URL", _default_db), busy_timeout=SQLITE_BUSY_TIMEOUT
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Brute-force lock-out (django-axes): this many failures for one user name from one address
# lock that combination for LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = env_int("LOCKOUT_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOCKOUT_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Roles that must use a TOTP second factor. Default: coordinator, police and case_worker,
# except in development (DEBUG=1), where the demo should be easy to try.
OTP_REQUIRED_ROLES = env_list(
    "OTP_REQUIRED_ROLES", [] if DEBUG else [Role.COORDINATOR, Role.POLICE, Role.CASE_WORKER]
)
_unknown = set(OTP_REQUIRED_ROLES) - set(Role.values)
if _unknown:
    raise ImproperlyConfigured(
        f"OTP_REQUIRED_ROLES: unknown role(s) {', '.join(sorted(_unknown))}; "
        f"known roles: {', '.join(sorted(Role.values))}"
    )
OTP_TOTP_ISSUER = env_str("OTP_ISSUER", "Samtrygg")

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# "5 dec. 2026" in text, "2026-12-05" in tables, "28 778" (core/formats/sv/formats.py).
FORMAT_MODULE_PATH = ["samtrygg.core.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Stockholm")
try:
    import zoneinfo

    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(f"TIME_ZONE: unknown time zone {TIME_ZONE!r}") from None
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Leaflet's JavaScript and CSS come from the django-leaflet package's static folder. The
# package is not an installed app: its admin module imports GeoDjango, which needs the GDAL
# system library, and Samtrygg needs nothing from it but these files.
_LEAFLET_SPEC = importlib.util.find_spec("leaflet")
if _LEAFLET_SPEC is None or _LEAFLET_SPEC.origin is None:
    raise ImproperlyConfigured("the django-leaflet package is missing: run `make setup`")
STATICFILES_DIRS = [Path(_LEAFLET_SPEC.origin).parent / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("SAMTRYGG_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security -------------------------------------------------------------------------
SECURE_SSL = env_bool("SECURE_SSL", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE_SSL else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 10, minimum=1) * 3600
# A signed-in session also ends after this many minutes without a request.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
# Database sessions whose routine "last seen" write does not fail a read during a lock.
SESSION_ENGINE = "samtrygg.accounts.sessions"
X_FRAME_OPTIONS = "DENY"
# Request limits (413 above them, never a 500): any body but a file upload, file uploads,
# and how deep a JSON document may nest (API bodies, GeoJSON imports, drawn areas).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("REQUEST_BODY_MAX_MB", 10, minimum=1) * 1024 * 1024
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 50, minimum=1) * 1024 * 1024
JSON_MAX_DEPTH = env_int("JSON_MAX_DEPTH", 32, minimum=8)
# The most corners an area's geometry may have (import, upload, drawing).
AREA_MAX_VERTICES = env_int("AREA_MAX_VERTICES", 100_000, minimum=100)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- API ------------------------------------------------------------------------------
# API tokens are made by their user on the tokens page; they last API_TOKEN_DAYS unless the
# user picks another length, never more than API_TOKEN_MAX_DAYS.
# The most rows one page of an API list may hold (?limit=).
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 1000, minimum=1)
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365, minimum=1)
API_TOKEN_DAYS = min(env_int("API_TOKEN_DAYS", 90, minimum=1), API_TOKEN_MAX_DAYS)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a refused or missing credential answers 401 with
        # WWW-Authenticate: Token (DRF takes the header from the first class).
        "samtrygg.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # django-filter with strict booleans and foreign keys by id (core/apifilters.py).
    "DEFAULT_FILTER_BACKENDS": ["samtrygg.core.apifilters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "samtrygg.api.pagination.ValidatedLimitOffsetPagination",
    # An unknown ?format= is a 400 naming the parameter (DRF answers 404).
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "samtrygg.api.negotiation.ContentNegotiation",
    "EXCEPTION_HANDLER": "samtrygg.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "samtrygg.api.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samtrygg API",
    "DESCRIPTION": "Crime prevention and safety work: incidents, areas, situational pictures.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "samtrygg.api.schema_errors.add_error_responses",
        "samtrygg.api.schema_empty.allow_empty_query_values",
    ],
    # The browser documentation's scripts and styles come from the installed package.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per shared choice set (the case API uses the agencies and levels twice).
    "ENUM_NAME_OVERRIDES": {
        # The areas API gives the kinds as a bare list of values (areas/api.py KIND_SCHEMA).
        "AreaKindEnum": "samtrygg.areas.models.AreaKind.values",
        "CaseAgencyEnum": "samtrygg.cases.models.choices.Agency",
        "CaseLevelEnum": "samtrygg.cases.models.choices.Level",
        "CaseStatusEnum": "samtrygg.cases.models.choices.CaseStatus",
        # The ?format=geojson answers' "type" members (areas/api.py).
        "GeoJSONFeatureCollectionTypeEnum": ["FeatureCollection"],
        "GeoJSONFeatureTypeEnum": ["Feature"],
        "GeoJSONPolygonTypeEnum": ["Polygon", "MultiPolygon"],
        "GeoJSONPointTypeEnum": ["Point"],
    },
}

# --- Background tasks -----------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Caches ---------------------------------------------------------------------------
#: "default" is per process (rendered fragments, short-lived values); "shared" is seen by
#: every server process: the computed pictures and the lock that lets one process
#: recompute a picture while the others serve the last one (docs/operations.md, "Caches").
SHARED_CACHE_URL = env_str("SHARED_CACHE_URL", "dbcache://samtrygg_cache")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": shared_cache_config(SHARED_CACHE_URL),
}
#: When the data changed, a picture younger than this (seconds) is still served, marked
#: with its age, instead of being recomputed: at most one recomputation per picture per
#: interval however often reports arrive.
PICTURE_REFRESH_SECONDS = env_int("PICTURE_REFRESH_SECONDS", 60, minimum=0)
#: How long one process may hold a picture's recomputation lock (seconds); the others
#: serve the last picture meanwhile, or wait for the first one.
PICTURE_LOCK_SECONDS = env_int("PICTURE_LOCK_SECONDS", 120, minimum=5)

# --- Serving and health (`samtrygg serve`, /healthz) ---------------------------------
_CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
#: gunicorn worker processes and threads per process: one process per core (at least two),
#: four threads each, chosen by bench_load (docs/operations.md, "Workers and threads").
SERVE_WORKERS = env_int("SERVE_WORKERS", max(2, _CORES), minimum=1)
SERVE_THREADS = env_int("SERVE_THREADS", 4, minimum=1)
#: Seconds a request may run before gunicorn restarts its worker process.
SERVE_TIMEOUT = env_int("SERVE_TIMEOUT", 120, minimum=10)
#: Load the application once before forking the worker processes and warm each one up in
#: the background (views imported, templates compiled, numba's kernels loaded): the first
#: lägesbild after a start costs what later ones do (``core.warmup``).
SERVE_WARM_UP = env_bool("SERVE_WARM_UP", True)
#: /healthz is unhealthy when the task worker's heartbeat is older than this (seconds).
HEALTH_WORKER_MAX_SILENCE = env_int("HEALTH_WORKER_MAX_SILENCE", 60, minimum=5)
#: /healthz is unhealthy when a due task has waited longer than this (seconds).
HEALTH_QUEUE_MAX_AGE = env_int("HEALTH_QUEUE_MAX_AGE", 900, minimum=10)

# --- Maps -----------------------------------------------------------------------------
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
if MAP_TILE_URL and not MAP_TILE_URL.startswith(("https://", "http://", "/")):
    raise ImproperlyConfigured(
        f"MAP_TILE_URL: an http(s) address or a path on this site, got {MAP_TILE_URL!r}"
    )
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (59.6099, 16.5448),
    "DEFAULT_ZOOM": 12,
    "MIN_ZOOM": 5,
    "MAX_ZOOM": 18,
    # Every map draws the districts and places from the database; a raster tile layer
    # beneath them only when one is configured (a municipal network often blocks public
    # tile servers, and each map then logged dozens of failed loads).
    "TILES": [
        (
            "tiles",
            MAP_TILE_URL,
            {"attribution": env_str("MAP_TILE_ATTRIBUTION", ""), "maxZoom": 19},
        )
    ]
    if MAP_TILE_URL
    else [],
    "RESET_VIEW": False,
}

# --- Samtrygg -------------------------------------------------------------------------
SAMTRYGG_MUNICIPALITY = env_str("SAMTRYGG_MUNICIPALITY", "Västerås")
#: Where users can get the source of the running version (AGPL-3.0 § 13); shown in the footer.
SAMTRYGG_SOURCE_URL = env_str("SAMTRYGG_SOURCE_URL", "")
if SAMTRYGG_SOURCE_URL and not SAMTRYGG_SOURCE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"SAMTRYGG_SOURCE_URL: must be an http(s) address, got {SAMTRYGG_SOURCE_URL!r}"
    )
#: The accessibility statement (tillgänglighetsredogörelse, lag 2018:1937): where users
#: report shortcomings or ask for content in another format, and when it was last assessed.
SAMTRYGG_ACCESSIBILITY_EMAIL = env_str("SAMTRYGG_ACCESSIBILITY_EMAIL", "")
SAMTRYGG_ACCESSIBILITY_PHONE = env_str("SAMTRYGG_ACCESSIBILITY_PHONE", "")
SAMTRYGG_ACCESSIBILITY_REVIEWED = env_date("SAMTRYGG_ACCESSIBILITY_REVIEWED", "2026-12-06")
SAMTRYGG_SUPPRESSION_THRESHOLD = env_int("SAMTRYGG_SUPPRESSION_THRESHOLD", 5, minimum=1)
#: Months between lägesbild renewals (the law-compliance tracker warns when one is due).
SAMTRYGG_SITUATION_INTERVAL_MONTHS = env_int("SAMTRYGG_SITUATION_INTERVAL_MONTHS", 24, minimum=1)
POLICE_FEED_URL = env_str("POLICE_FEED_URL", "https://polisen.se/api/events")
#: Days after an import finished before its uploaded file (and rejected rows) is deleted.
IMPORT_FILE_RETENTION_DAYS = env_int("IMPORT_FILE_RETENTION_DAYS", 30, minimum=1)

# --- E-mail and notifications ----------------------------------------------------------
#: The site's address as users reach it; e-mails link to it (no request to build it from).
SAMTRYGG_SITE_URL = env_str(
    "SAMTRYGG_SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}",
).rstrip("/")
if not SAMTRYGG_SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"SAMTRYGG_SITE_URL: must be an http(s) address, got {SAMTRYGG_SITE_URL!r}"
    )
EMAIL_HOST = env_str("EMAIL_HOST", "")
# Without an SMTP host, development prints e-mails on the console; production sends them
# to a mail server on this machine (port 25) unless told otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not EMAIL_HOST
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_raw("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL: choose one, not both")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("EMAIL_FROM", "Samtrygg <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
#: Local hour (0–23) when the daily digest and the reminders are sent.
NOTIFICATIONS_DIGEST_HOUR = env_hour("NOTIFICATIONS_DIGEST_HOUR", 7)
#: Attempts to send one e-mail before it is marked failed (with doubling waits between).
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 8, minimum=1)
#: The first wait before a retry, in seconds; each further attempt waits twice as long.
NOTIFICATIONS_RETRY_SECONDS = env_int("NOTIFICATIONS_RETRY_SECONDS", 60, minimum=1)
#: Days an e-mail link for a finding's owner stays valid.
FINDING_LINK_DAYS = env_int("FINDING_LINK_DAYS", 30, minimum=1)

# --- Case coordination (samtrygg.cases, docs/cases.md) --------------------------------
# CASE_DATA_KEY: one or more base64-encoded 32-byte keys, comma-separated; the first
# encrypts, the others still decrypt (key rotation, `samtrygg rotate-case-key`).
CASE_DATA_KEYS = case_data_keys(env_raw("CASE_DATA_KEY") or "", debug=DEBUG, secret_key=SECRET_KEY)
#: Every page and endpoint of the case app wants a verified second factor (TOTP).
CASES_OTP_REQUIRED = env_bool("CASES_OTP_REQUIRED", not DEBUG)
#: Years a closed case is kept before its content is deleted, per programme.
CASES_RETENTION_YEARS = {
    "sspf": env_int("CASES_RETENTION_YEARS_SSPF", 5, minimum=1),
    "victim_support": env_int("CASES_RETENTION_YEARS_VICTIM_SUPPORT", 5, minimum=1),
    "exit_programme": env_int("CASES_RETENTION_YEARS_EXIT_PROGRAMME", 5, minimum=1),
}
#: Local hour of the day the retention task runs.
CASES_RETENTION_HOUR = env_hour("CASES_RETENTION_HOUR", 2)
#: Consents that expire within this many days are listed for the case's coordinator.
CASES_CONSENT_WARNING_DAYS = env_int("CASES_CONSENT_WARNING_DAYS", 30, minimum=1)
#: Days a finding owner's e-mail link works (docs/partners.md, "Safety walks").
WALKS_OWNER_LINK_DAYS = env_int("WALKS_OWNER_LINK_DAYS", 30, minimum=1)
#: Days before a finding's due date its owner is reminded.
WALKS_DUE_WARNING_DAYS = env_int("WALKS_DUE_WARNING_DAYS", 7, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "one_line_forbidden": {"()": "samtrygg.core.logging.OneLineForbidden"},
        "task_failures_only": {"()": "samtrygg.core.logging.TaskFailuresOnly"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.request": {"filters": ["one_line_forbidden"]},
        # The worker sets its loggers' level from --verbosity; a filter holds regardless.
        "django_tasks": {"filters": ["task_failures_only"]},
    },
}
