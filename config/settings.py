"""Settings for STI Roadmaps.

One file. Safe local defaults; every production difference comes from the environment
(see `.env.example`). DATABASE_URL and REDIS_URL are required: the developer targets of the
Makefile (`make run`, `make test`...) set them to an embedded PostgreSQL and Redis under
`.local/` (config/embedded.py) when they are not given. Importing the settings never starts a
server unless EMBEDDED_SERVICES=1 asks for it.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# DEBUG is off unless asked for: `make run` and `make test` (and pytest's `env`) turn it on.
# The shipped key only ever serves a developer's machine: with DEBUG off it is refused below.
DEFAULT_SECRET_KEY = "dev-only-insecure-key-change-me"
SECRET_KEY = env.str("SECRET_KEY", default=DEFAULT_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "DEBUG is off but SECRET_KEY is the shipped development key: set SECRET_KEY "
        "(on a developer's machine, DEBUG=1 instead; `make run` and `make test` set it)."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "storages",
    "programme",
    "pilots",
    "roadmaps",
    "egm",
    "guidebook",
    "monitoring",
    "portal",
    "audit",
    "devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it reads the language cookie), before CommonMiddleware (which may redirect).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks whether this session passed the second factor (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # A signed-in person's own language choice wins over the browser's (needs request.user).
    "programme.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "programme.middleware.PartnerApiOnlyMiddleware",
    # Sends the secretariat and superusers to set up their second factor first, when required.
    "programme.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each change, for the audit history (reads request.user at save time).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.navigation",
            ],
            # `ui` (badges, form helpers), `i18n_extras` (text and formats in the active language)
            # `markdown` (`{{ text|markdown }}`, safe Markdown from base/markdown.py) and
            # `readcache` (a page's part kept until its data changes, base/readcache.py) are
            # available in every template.
            "builtins": [
                "portal.templatetags.ui",
                "programme.templatetags.i18n_extras",
                "base.markdown",
                "base.readcache",
            ],
        },
    },
]

# --- Services: PostgreSQL and Redis ---------------------------------------------------------
# A missing (or misspelt) URL is refused rather than replaced by a private, empty embedded
# database: a deployment would otherwise serve from it silently. The Makefile's developer
# targets fill in the embedded servers' URLs (`python -m config.embedded env`);
# EMBEDDED_SERVICES=1 lets the settings start them (a developer's own `manage.py` or pytest).
EMBEDDED_SERVICES = env.bool("EMBEDDED_SERVICES", default=False)


def _service_url(name: str, what: str, start) -> str:
    url = env.str(name, default="")
    if url:
        return url
    if EMBEDDED_SERVICES:
        return start()
    raise ImproperlyConfigured(
        f"{name} is not set: give the URL of the {what} to use. On a developer's machine, the "
        "Makefile's targets (make run, make test) start the embedded servers and set it; for "
        'another command, first run: eval "$(.venv/bin/python -m config.embedded env)" '
        "(or set EMBEDDED_SERVICES=1)."
    )


def _embedded_postgres() -> str:
    from config import embedded

    return embedded.postgres_url()


def _embedded_redis() -> str:
    from config import embedded

    return embedded.redis_url()


# --- Database: PostgreSQL only -------------------------------------------------------------
DATABASES = {
    "default": env.db_url_config(
        _service_url("DATABASE_URL", "PostgreSQL database", _embedded_postgres)
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("STI Roadmaps runs on PostgreSQL only; DATABASE_URL must be one.")
# A socket folder given as `?host=/path` (the embedded server's URL) arrives among the OPTIONS;
# moved to HOST, where Django reads it too, so whatever else connects (pg_dump and psql in the
# backups, a second connection in a test) finds the same server from one setting.
if not DATABASES["default"].get("HOST") and "host" in DATABASES["default"].get("OPTIONS", {}):
    DATABASES["default"]["HOST"] = DATABASES["default"]["OPTIONS"].pop("host")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker and results ----------------------------------------------
REDIS_URL = _service_url("REDIS_URL", "Redis server", _embedded_redis)


def _celery_url(url: str) -> str:
    # Celery (kombu) spells unix-socket Redis as redis+socket://; redis-py uses unix://.
    if url.startswith("unix://"):
        path, _, query = url[len("unix://") :].partition("?")
        db = dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("db", "0")
        return f"redis+socket://{path}?virtual_host={db}"
    return url


# The serving release's name (e.g. the deployed commit), part of every cached read's key so a
# deploy never serves what the code before it cached; unset, a digest of the checkout's
# page-making files stands for it (base/release.py).
RELEASE = env.str("RELEASE", default="")

CACHES = {
    "default": {
        # Django's Redis cache, with an unreachable Redis read as an empty cache: it only holds
        # copies, so an outage must not fail a write or a page (base/cache_backend.py).
        "BACKEND": "base.cache_backend.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="sti"),
    }
}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=_celery_url(REDIS_URL))
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_celery_url(REDIS_URL))
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# All periodic work, one place. Each entry says why it runs when it does.
CELERY_BEAT_SCHEDULE = {
    # Clears expired sessions nightly so the session table does not grow without bound.
    "clear-expired-sessions": {
        "task": "programme.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
    },
    # Milestone reminders: every 15 minutes, so a reminder goes out early on its day and a
    # missed run catches up soon. One cheap query when nothing is due.
    "sweep-milestone-reminders": {
        "task": "programme.tasks.sweep_milestone_reminders",
        "schedule": crontab(minute="*/15"),
    },
    # Every minute, one indexed query: reminders whose worker died mid-send, or whose queued
    # message the broker lost, go again once their short lease (EMAIL_SEND_LEASE) has run out,
    # without waiting for the next quarter-hour sweep.
    "recover-milestone-reminders": {
        "task": "programme.tasks.recover_milestone_reminders",
        "schedule": crontab(minute="*"),
    },
    # Every minute: emails of the outbox (programme.outbox) still pending because the broker
    # was down when they were written, or whose worker died, are sent here; a Redis outage
    # only delays them.
    "sweep-outbox-emails": {
        "task": "programme.tasks.sweep_outbox_emails",
        "schedule": crontab(minute="*"),
    },
    # Meeting reminders to those who accepted, a week ahead: hourly, so a meeting scheduled
    # at short notice is reminded the same day; the outbox key sends each one once.
    "send-meeting-reminders": {
        "task": "egm.tasks.send_meeting_reminders",
        "schedule": crontab(minute=41),
    },
}

# --- Auth ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "programme.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a sign-in for a locked-out username from that address before the
# password is even checked. API tokens do not pass through here (programme/api/authentication.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading a signed-in person with their roles in one query.
    "programme.roles.SignInBackend",
]
# The Nth failure for a username from one address locks that username from that address (the
# pair together) for the cool-off; a success clears the count. Locking a username alone would
# let anyone anywhere lock a named person out with five guesses; locking an address alone would
# lock out everyone behind it. The locked-out page offers the password reset (which lifts the
# pause) and the secretariat's "Sign-in locks" page lifts one at once. Every failure is kept for
# the audit (AccessAttempt and AccessFailureLog, readable in the admin).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "base.security.locked_out_response"
AXES_CLIENT_IP_CALLABLE = "base.security.client_ip"
# How many proxies in front of the app append to X-Forwarded-For (0: use the socket address).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
LOGIN_URL = "login"
# Two-factor sign-in (django-otp: an authenticator app's codes, with recovery codes). Anyone may
# turn it on; the secretariat and superusers must when this is on, and may do nothing else
# until they have. Off by default only on developers' machines (DEBUG), where the demo accounts
# and the test suite sign in with a password alone.
OTP_REQUIRED_FOR_STAFF = env.bool("OTP_REQUIRED_FOR_STAFF", default=not DEBUG)
OTP_TOTP_ISSUER = "STI Roadmaps"
# How many recovery codes a person gets when they turn two-factor sign-in on (each works once).
OTP_RECOVERY_CODES = 10
# How long the password step waits for its code before the person must start again.
OTP_PENDING_SECONDS = 600
# How long an emailed invitation link works (it also stops once used or replaced).
INVITATION_MAX_AGE = timedelta(days=env.int("INVITATION_MAX_AGE_DAYS", default=7))
LOGIN_REDIRECT_URL = "programme:dashboard"
LOGOUT_REDIRECT_URL = "login"

# --- Email ---------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="STI Roadmaps <noreply@sti-roadmaps.test>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where notices for the secretariat go (new submissions and the like).
SECRETARIAT_EMAIL = env.str("SECRETARIAT_EMAIL", default="secretariat@sti-roadmaps.test")

# --- Internationalisation ------------------------------------------------------------------
# Django's form templates, with selects written in Python (base/renderers.py): hundreds
# of options rendered one template include each dominated the busiest pages.
FORM_RENDERER = "base.renderers.ProgrammeFormRenderer"

# Adding a language is a catalogue (locale/<code>/LC_MESSAGES/django.po) and one line here; see
# the README. Right-to-left languages (ar) get dir="rtl" and Bootstrap's RTL stylesheet by
# themselves (Django's LANGUAGES_BIDI). Names are the languages' own, as the switcher shows them.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The project's named short date formats per language (config/formats/<lang>/formats.py), on
# top of Django's: French "M" makes June and July both "Jui".
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
# Dates and numbers follow the active language's formats (Django ships them for every UN
# language). No thousands separator by default: ids and years in text and links stay plain;
# counts and money that need one use `intcomma` / the `money` filter, which localise it.
USE_THOUSAND_SEPARATOR = False
USE_TZ = True
# The language cookie outlives the session, so a signed-out visitor keeps their choice.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and uploaded files ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))


def _vendor_assets():
    # Third-party assets come from their PyPI packages at set-up; nothing third-party is
    # committed. This list is the asset manifest: URL prefix -> package directory.
    import xstatic.pkg.bootstrap

    return [("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]


STATICFILES_DIRS = [BASE_DIR / "static", *_vendor_assets()]
# Uploaded files go to an S3-compatible object store when AWS_STORAGE_BUCKET_NAME is set, so
# several web servers and workers share them; otherwise to PRIVATE_MEDIA_ROOT on local disk.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="") or None
AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="") or None
AWS_LOCATION = env.str("AWS_LOCATION", default="")
# Private objects: drafts are only ever streamed through views that check permissions.
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = True
AWS_S3_FILE_OVERWRITE = False
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage"
        if AWS_STORAGE_BUCKET_NAME
        else "django.core.files.storage.FileSystemStorage"
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded roadmap drafts are private: kept outside STATIC_ROOT and never served by URL,
# only through views that check permissions. No MEDIA_URL is routed.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / ".local" / "media")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Roadmap drafts (PDF, DOCX, ODT) are refused above this size; file bodies do not count towards
# DATA_UPLOAD_MAX_MEMORY_SIZE, so this is the limit that matters for uploads.
ROADMAP_UPLOAD_MAX_BYTES = env.int("ROADMAP_UPLOAD_MAX_BYTES", default=25 * 1024 * 1024)

# Sessions are read from Redis and written to both (the database keeps them through a cache
# flush or a Redis restart): a signed-in request reads its session without a query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Security ------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# With DEBUG off everything defaults to HTTPS-only; each can be turned down from the
# environment (e.g. SECURE_HSTS_PRELOAD=0 before the domain is ready for the preload list).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEBUG else None
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Every page: scripts, styles, images and fonts from this site only, no inline script or style
# (templates keep CSS in static/css and JS in static/js). `data:` images are Bootstrap's icons.
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

# --- REST API ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its challenge makes unauthenticated calls 401 rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "programme.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["base.api.permissions.ScopedAccess"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "base.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bounded in size and depth (a deeply nested body is a 400, not a 500).
    "DEFAULT_PARSER_CLASSES": [
        "base.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "base.api.exceptions.api_exception_handler",
    # Both limits in one throttle: one round trip to Redis a call (programme/api/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": ["programme.api.throttling.FairUseThrottle"],
    # Per token (per user for browser sessions), each over a sliding window; counts in Redis,
    # shared by every web process.
    "DEFAULT_THROTTLE_RATES": {
        "burst": env.str("API_RATE_BURST", default="60/min"),
        "sustained": env.str("API_RATE_SUSTAINED", default="1000/hour"),
    },
    # `?format=` names an export's file format, not a renderer.
    "URL_FORMAT_OVERRIDE": None,
}
# Filter forms say "Any" rather than a row of dashes for "no filter".
FILTERS_EMPTY_CHOICE_LABEL = _("Any")

SPECTACULAR_SETTINGS = {
    "TITLE": "STI Roadmaps API",
    "DESCRIPTION": (
        "Read the IATT Global Pilot Programme on STI for SDGs roadmaps: pilots and their six "
        "steps, published roadmaps and their versions, SDGs, the effectiveness-criteria rubric, "
        "meetings, the advisory group, the Guidebook and the programme's public milestones.\n\n"
        "**Authentication**: `Authorization: Token <key>` with a token from the IATT secretariat. "
        "Partners see published material only.\n\n"
        "**Lists** are paginated (`page`, `page_size` up to 500), filterable, searchable "
        "(`search`) and sortable (`ordering`); `.../export/?format=csv|json` streams a whole "
        "resource.\n\n"
        "**Errors** all have one shape: "
        '`{"error": {"status", "code", "message", "fields"}}`.\n\n'
        "**Fair use**: 60 calls a minute and 1000 an hour per token; beyond that 429 with "
        "`Retry-After`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Swagger UI's settings as JavaScript (drf-spectacular passes a string through as is): the
    # page's own layout, from static/js/api-docs.js, which the page loads before Swagger UI
    # starts. Its layout keeps one main landmark on the page, the site's own. `plugins` is a
    # getter because drf-spectacular's own plugin list is declared after these settings and
    # read when they are spread into Swagger UI's options.
    "SWAGGER_UI_SETTINGS": (
        "{deepLinking: true, layout: window.ApiDocsPage ? 'PageLayout' : 'BaseLayout', "
        "get plugins() { return plugins.concat(window.ApiDocsPage ? [window.ApiDocsPage] : []); }}"
    ),
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `status`: each choice set gets its own readable name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "PilotStatusEnum": "pilots.choices.PilotStatus",
        # How precise a recorded date is: pilots', cohorts', meetings' and milestones' dates.
        "DatePrecisionEnum": "base.dates.DatePrecision",
        "StepStatusEnum": "pilots.choices.StepStatus",
        "VersionStatusEnum": "roadmaps.choices.VersionStatus",
        "TaskTeamRoleEnum": "pilots.choices.TaskTeamRole",
        "SupportRoleEnum": "pilots.choices.SupportRole",
        "AssessmentStatusEnum": "roadmaps.choices.AssessmentStatus",
        "MeetingStatusEnum": "egm.choices.MeetingStatus",
        "MilestoneStatusEnum": "programme.choices.MilestoneStatus",
        "EditionStatusEnum": "guidebook.choices.EditionStatus",
        "ChapterStatusEnum": "guidebook.choices.ChapterStatus",
        # Meetings' choice sets share field names (status, role, kind) with other resources.
        "ParticipantStatusEnum": "egm.choices.ParticipantStatus",
        "ActionStatusEnum": "egm.choices.ActionStatus",
        "HostRoleEnum": "egm.choices.HostRole",
        "AdvisoryRoleEnum": "egm.choices.AdvisoryRole",
        "TrackPartnerRoleEnum": "egm.choices.TrackPartnerRole",
        "MeetingKindEnum": "egm.choices.MeetingKind",
        "DocumentKindEnum": "egm.choices.DocumentKind",
        "ParticipantLevelEnum": "egm.choices.ParticipantLevel",
        "TargetLinkKindEnum": "roadmaps.choices.TargetLinkKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "base.api.schema.add_error_responses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # The embedded PostgreSQL narrates every start and exit at INFO; only problems matter.
    "loggers": {"pgserver": {"level": "WARNING"}},
}

# --- Public site and country records -------------------------------------------------------
# The licence of what the public site and its open-data downloads publish.
OPEN_DATA_LICENCE = {
    "name": env.str("OPEN_DATA_LICENCE_NAME", default="Creative Commons Attribution 4.0"),
    "url": env.str("OPEN_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"),
}
# Country pages link out to each source's record of the country; `{record}` is the path the
# secretariat recorded for the country ({iso2} and {iso3} are also available). Nothing is fetched.
COUNTRY_RECORD_SOURCES = {
    "stip_compass": {
        "name": "OECD/EC STIP Compass",
        "pattern": env.str("STIP_COMPASS_LINK_PATTERN", default="https://stip.oecd.org/{record}"),
    },
    "go_spin": {
        "name": "UNESCO GO-SPIN",
        "pattern": env.str("GO_SPIN_LINK_PATTERN", default="https://gospin.unesco.org/{record}"),
    },
}

# --- Outgoing email under faults, and backups ---------------------------------------------
# (programme/outbox.py, programme/reminders.py, programme/backup.py)
# An SMTP server that stops answering is given up on after this many seconds (Django waits
# forever by default), so the send lease below can be short.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# A reminder or outbox email claimed or being sent by a worker that then died (or queued while
# the broker was down) is taken up again once this has passed. Longer than EMAIL_TIMEOUT, so a
# slow send is not doubled; short, so a killed worker delays its emails by minutes, not hours.
EMAIL_SEND_LEASE = timedelta(seconds=env.int("EMAIL_SEND_LEASE_SECONDS", default=120))
# The key backup manifests are signed with (HMAC-SHA256). Empty: derived from SECRET_KEY. Set it
# to restore a backup on a deployment with another SECRET_KEY.
BACKUP_SIGNING_KEY = env.str("BACKUP_SIGNING_KEY", default="")
