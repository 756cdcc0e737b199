"""Settings for Cognito Console, read from environment variables.

Every variable is listed in README.md. Development defaults need nothing set;
production (CONSOLE_ENV=production) refuses to start without a secret key and
allowed hosts.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from console.accounts.oidc_settings import oidc_settings
from console.core.logging import logging_config
from console.env import (
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CONSOLE_VAR_DIR", str(BASE_DIR / "var")))

CONSOLE_ENV = env_choice("CONSOLE_ENV", "development", ("development", "production"))
PRODUCTION = CONSOLE_ENV == "production"
# Django's technical error pages list URLs and settings: opt-in, even in development.
DEBUG = env_bool("CONSOLE_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("CONSOLE_DEBUG shows settings and URLs to anyone who causes an error: "
                               "never in production.")

SECRET_KEY = env_secret("CONSOLE_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("CONSOLE_SECRET_KEY (or CONSOLE_SECRET_KEY_FILE) is required in production.")
    SECRET_KEY = "dev-only-insecure-key-not-for-production-use-0123456789abcdef"

ALLOWED_HOSTS = env_list(
    "CONSOLE_ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("CONSOLE_ALLOWED_HOSTS is required in production (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CONSOLE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    # --- Security: sign-in throttling and two-factor (see SECURITY.md) -------
    # axes comes before console.accounts so that its failed-sign-in receiver
    # runs first and ours can tell a locked attempt from a wrong password.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # --- end security ----------------------------------------------------------
    "console.core",
    "console.accounts",
    "console.audit",
    "console.pools",
    "console.users",
    "console.groups",
    "console.jobs",
    "console.emulator",
    "console.operators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after SecurityMiddleware, so that an error page made by any middleware below
    # (a session store that is down) still carries the policy and the framing header.
    "console.core.middleware.ErrorPagesCSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "console.core.middleware.RequestIdMiddleware",
    # Before anything reads the body (CSRF, forms): oversized requests get a 413 unread.
    "console.core.middleware.RequestBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After the CSRF check, before any view: a NUL never reaches PostgreSQL or Cognito.
    "console.core.control_chars.ControlCharactersMiddleware",
    # --- Security (see SECURITY.md) ----------------------------------------------
    "console.accounts.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "console.accounts.middleware.TwoFactorMiddleware",
    # --- end security ----------------------------------------------------------
    "console.core.middleware.CognitoErrorMiddleware",
    # Last, so it turns a locked-out sign-in into the 429 page (axes docs).
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Production serves static files from the app server (collected at build time).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "console.urls"
WSGI_APPLICATION = "console.wsgi.application"

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
                "console.core.context_processors.console",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx"],
        },
    }
]

# --- Database -----------------------------------------------------------------
# SQLite by default: WAL lets the web process read while a worker writes, and
# IMMEDIATE transactions plus a generous timeout make concurrent writers wait
# for the lock instead of failing with "database is locked".
DEFAULT_SQLITE = VAR_DIR / "console.sqlite3"
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DEFAULT_SQLITE}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not DATABASE_URL:
    # A file, not :memory:, so the Celery worker process of the integration tests sees the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-console.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Keep each thread's connection between requests: opening one runs the PRAGMAs above,
    # a cost every page paid again (Django's default closes it after each request).
    DATABASES["default"].setdefault("CONN_MAX_AGE", 600)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Operators ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.Operator"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# --- Security: sessions ---------------------------------------------------------
# Absolute lifetime of a sign-in (enforced on the server by SessionTimeoutMiddleware,
# not only by the cookie's expiry), and how long an idle session lives.
SESSION_COOKIE_AGE = env_int("CONSOLE_SESSION_MAX_AGE_SECONDS", 8 * 3600, minimum=60)
CONSOLE_SESSION_IDLE_SECONDS = env_int("CONSOLE_SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie

# Helpdesk actions ask for a reason (ticket number); whether it is mandatory:
CONSOLE_REASON_REQUIRED = env_bool("CONSOLE_REASON_REQUIRED", True)
# Group membership changes are admin-only unless this lets helpdesk do them too.
CONSOLE_HELPDESK_MANAGES_GROUPS = env_bool("CONSOLE_HELPDESK_MANAGES_GROUPS", False)

# --- Cognito ------------------------------------------------------------------
CONSOLE_REGIONS = env_list("CONSOLE_REGIONS") or [env_str("AWS_REGION") or env_str("AWS_DEFAULT_REGION") or "us-east-1"]
# An endpoint override points every Cognito call at an emulator (moto server).
CONSOLE_COGNITO_ENDPOINT_URL = env_str("CONSOLE_COGNITO_ENDPOINT_URL") or None
if CONSOLE_COGNITO_ENDPOINT_URL and not CONSOLE_COGNITO_ENDPOINT_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("CONSOLE_COGNITO_ENDPOINT_URL must start with http:// or https://.")
CONSOLE_AWS_MAX_ATTEMPTS = env_int("CONSOLE_AWS_MAX_ATTEMPTS", 4, minimum=1, maximum=20)
CONSOLE_AWS_TIMEOUT_SECONDS = env_int("CONSOLE_AWS_TIMEOUT_SECONDS", 10, minimum=1, maximum=120)
# Users table: rows per ListUsers page (Cognito allows at most 60).
CONSOLE_USERS_PAGE_SIZE = env_int("CONSOLE_USERS_PAGE_SIZE", 50, minimum=1, maximum=60)
# "Find in all pools": how many pools one search may visit, how many users it shows,
# and how many searches one operator may run per minute.
CONSOLE_FIND_MAX_POOLS = env_int("CONSOLE_FIND_MAX_POOLS", 25, minimum=1, maximum=500)
CONSOLE_FIND_MAX_RESULTS = env_int("CONSOLE_FIND_MAX_RESULTS", 50, minimum=1, maximum=500)
CONSOLE_FIND_PER_MINUTE = env_int("CONSOLE_FIND_PER_MINUTE", 10, minimum=1, maximum=1000)
# Share of each Cognito quota the console may use, leaving the rest for the
# production applications that share the account.
CONSOLE_RATE_BUDGET_SHARE = env_float("CONSOLE_RATE_BUDGET_SHARE", 0.5, minimum=0.01, maximum=1.0)
CONSOLE_RATE_LIMITS_ENABLED = env_bool("CONSOLE_RATE_LIMITS_ENABLED", True)
# The pools list describes every pool (concurrently) and keeps each answer this long.
CONSOLE_POOL_DESCRIBE_CACHE_SECONDS = env_int("CONSOLE_POOL_DESCRIBE_CACHE_SECONDS", 60, minimum=0, maximum=3600)
CONSOLE_POOL_DESCRIBE_CONCURRENCY = env_int("CONSOLE_POOL_DESCRIBE_CONCURRENCY", 8, minimum=1, maximum=32)
# Per-category quota overrides (requests/second before the budget share), e.g.
# "UserCreation=50,UserUpdate=25" for an account with raised quotas.
CONSOLE_RATE_QUOTAS = env_list("CONSOLE_RATE_QUOTAS")
# Size the budgets from the account's quotas (Service Quotas) when readable; overrides still win.
CONSOLE_RATE_QUOTAS_FROM_ACCOUNT = env_bool("CONSOLE_RATE_QUOTAS_FROM_ACCOUNT", True)
for _quota in CONSOLE_RATE_QUOTAS:
    _name, _sep, _value = _quota.partition("=")
    if not (_sep and _name.strip().isalpha() and _value.strip().replace(".", "", 1).isdigit() and float(_value) > 0):
        raise ImproperlyConfigured(f"CONSOLE_RATE_QUOTAS: {_quota!r} is not Category=requests-per-second.")
# Bucket capacity as seconds of the rate: how far a burst may go above the rate.
CONSOLE_RATE_BURST_SECONDS = env_float("CONSOLE_RATE_BURST_SECONDS", 0.1, minimum=0.0, maximum=10.0)
# Testing aid, off by default: answer this share of job calls with TooManyRequestsException.
CONSOLE_FAULT_THROTTLE_SHARE = env_float("CONSOLE_FAULT_THROTTLE_SHARE", 0.0, minimum=0.0, maximum=0.9)
# CloudWatch Logs role for Cognito's native import jobs.
CONSOLE_IMPORT_LOGS_ROLE_ARN = env_str("CONSOLE_IMPORT_LOGS_ROLE_ARN")

# --- Jobs ---------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://.")
CONSOLE_IMPORT_MAX_BYTES = env_int("CONSOLE_IMPORT_MAX_BYTES", 100 * 1024 * 1024, minimum=1024)
CONSOLE_IMPORT_MAX_ROWS = env_int("CONSOLE_IMPORT_MAX_ROWS", 500_000, minimum=1)
CONSOLE_JOB_CHUNK_SIZE = env_int("CONSOLE_JOB_CHUNK_SIZE", 100, minimum=1, maximum=10_000)
CONSOLE_JOB_CONCURRENCY = env_int("CONSOLE_JOB_CONCURRENCY", 8, minimum=1, maximum=64)
CONSOLE_JOB_STALE_SECONDS = env_int("CONSOLE_JOB_STALE_SECONDS", 60, minimum=5)
# How long a job waits for Cognito to come back before rows fail as unreachable.
CONSOLE_JOB_OUTAGE_WINDOW_SECONDS = env_int("CONSOLE_JOB_OUTAGE_WINDOW_SECONDS", 900, minimum=60, maximum=86_400)
CONSOLE_REAPER_INTERVAL_SECONDS = env_int("CONSOLE_REAPER_INTERVAL_SECONDS", 30, minimum=1)
CONSOLE_EXPORT_RETENTION_DAYS = env_int("CONSOLE_EXPORT_RETENTION_DAYS", 7, minimum=1)
MEDIA_ROOT = Path(env_str("CONSOLE_FILES_DIR", str(VAR_DIR / "files")))
FILE_UPLOAD_TEMP_DIR = None
# Uploads larger than this stream to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Largest request body of every page but the imports (RequestBodyLimitMiddleware answers 413
# before reading it): ordinary forms are tiny; the largest is a pasted list of 50,000 names.
CONSOLE_FORM_MAX_BYTES = env_int("CONSOLE_FORM_MAX_BYTES", 3 * 1024 * 1024, minimum=64 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = CONSOLE_FORM_MAX_BYTES

# Celery: https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None  # job state lives in the database, not in Celery results
# #std-setting-accept_content: JSON only, never pickle
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
# #task-acks-late: job tasks are idempotent, so a task lost with its worker is redelivered
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# #worker-prefetch-multiplier: long tasks, one at a time per process
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# #task-time-limit
CELERY_TASK_TIME_LIMIT = env_int("CONSOLE_TASK_TIME_LIMIT", 6 * 3600, minimum=60)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
# #broker-transport-options: a unit of work must finish well inside this
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 600}
# #broker-connection-retry-on-startup
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_ALWAYS_EAGER = False
# #beat-schedule: the reaper re-enqueues jobs whose heartbeat went stale or that wait for Redis
CELERY_BEAT_SCHEDULE = {
    "jobs-reaper": {"task": "jobs.reap", "schedule": float(CONSOLE_REAPER_INTERVAL_SECONDS)},
}

# --- Static files, i18n -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

# Redis cache shared by every process; per process while Redis is down (console/cache.py).
CONSOLE_CACHE_URL = env_str("CONSOLE_CACHE_URL", REDIS_URL)
if not CONSOLE_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("CONSOLE_CACHE_URL must start with redis://, rediss:// or unix://.")
CACHES = {"default": {"BACKEND": "console.cache.ResilientRedisCache", "LOCATION": CONSOLE_CACHE_URL, "TIMEOUT": 60}}

# --- Security: sign-in throttling (django-axes) ---------------------------------
# A username+address pair is locked for a cool-off after too many failures: never
# for good, and never the username from everywhere (an attacker elsewhere cannot
# lock a real operator out). Locked attempts answer 429 with the retry time.
AUTHENTICATION_BACKENDS = [
    "console.accounts.backends.ThrottleBackend",
    "console.accounts.backends.RoleBackend",
]
CONSOLE_LOGIN_FAILURE_LIMIT = env_int("CONSOLE_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=1000)
CONSOLE_LOGIN_COOLOFF_MINUTES = env_int("CONSOLE_LOGIN_COOLOFF_MINUTES", 15, minimum=1, maximum=24 * 60)
AXES_ENABLED = env_bool("CONSOLE_LOGIN_THROTTLE_ENABLED", True)
AXES_FAILURE_LIMIT = CONSOLE_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=CONSOLE_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts while locked do not extend the lock: the retry time shown stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "console.accounts.throttle.lockout_response"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Our audit log records every attempt; axes keeps only its counters.
AXES_DISABLE_ACCESS_LOG = True
# Never copy these request fields into axes' tables.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code", "state", "otp_token", "token"]
# Behind N trusted reverse proxies the client address is the N-th entry from the
# right of X-Forwarded-For; 0 means REMOTE_ADDR is the client (no proxy).
CONSOLE_TRUSTED_PROXY_COUNT = env_int("CONSOLE_TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=10)
AXES_CLIENT_IP_CALLABLE = "console.core.net.client_address"

# --- Security: two-factor sign-in (django-otp, TOTP) ---------------------------
# Operators may enrol an authenticator app; once confirmed, sign-in asks for a code.
# When required for admins, an admin without a device is sent to enrolment first.
CONSOLE_REQUIRE_2FA_FOR_ADMINS = env_bool("CONSOLE_REQUIRE_2FA_FOR_ADMINS", False)
OTP_TOTP_ISSUER = env_str("CONSOLE_2FA_ISSUER", "Cognito Console")
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled after each wrong code

# --- Security: OpenID Connect sign-in (mozilla-django-oidc), off unless configured --
CONSOLE_OIDC_CLIENT_ID = env_str("CONSOLE_OIDC_CLIENT_ID")
CONSOLE_OIDC_ENABLED = bool(CONSOLE_OIDC_CLIENT_ID)
if CONSOLE_OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("console.accounts.oidc.OperatorOIDCBackend")
    globals().update(oidc_settings(CONSOLE_OIDC_CLIENT_ID))
CONSOLE_OIDC_USERNAME_CLAIM = env_str("CONSOLE_OIDC_USERNAME_CLAIM", "email")
CONSOLE_OIDC_ROLE_CLAIM = env_str("CONSOLE_OIDC_ROLE_CLAIM", "cognito:groups")
CONSOLE_OIDC_ROLE_MAP = env_str("CONSOLE_OIDC_ROLE_MAP", "")
CONSOLE_OIDC_LABEL = env_str("CONSOLE_OIDC_LABEL", "Sign in with your organisation")
if CONSOLE_OIDC_ENABLED:
    from console.accounts.rolemap import parse_role_map

    try:
        if not parse_role_map(CONSOLE_OIDC_ROLE_MAP):
            raise ValueError("map at least one group to a role, e.g. console-admins=admin,console-helpdesk=helpdesk.")
    except ValueError as exc:
        raise ImproperlyConfigured(f"CONSOLE_OIDC_ROLE_MAP: {exc}") from None

# --- Security: Content-Security-Policy (django-csp) -----------------------------
# No inline scripts, styles or event handlers anywhere: JS lives in static/js/,
# htmx is configured (base.html) not to inject styles nor evaluate code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Security: headers ----------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("CONSOLE_SSL_REDIRECT", True)
    # Health checks come from inside the container network over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("CONSOLE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # X-Forwarded-Proto says "https" only if a proxy we trust set it; without one any client
    # could send it and pass for a TLS connection.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if CONSOLE_TRUSTED_PROXY_COUNT > 0 else None

# --- Logging ------------------------------------------------------------------
LOG_LEVEL = env_choice("CONSOLE_LOG_LEVEL", "info", ("debug", "info", "warning", "error")).upper()
LOGGING = logging_config(LOG_LEVEL)
CSRF_FAILURE_VIEW = "console.core.views.csrf_failure"
