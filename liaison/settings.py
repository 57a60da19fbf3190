"""Django settings for Liaison.

Every secret and every deployment choice comes from the environment; the defaults are for a
developer's machine (embedded SQLite, debug off, a generated secret kept in the data folder).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

# Django's generic classes (ModelAdmin[Model], QuerySet[Model]) subscriptable at run time, as mypy
# --strict asks of their annotations.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("LIAISON_DATA_DIR", PROJECT_DIR / "var"))
# The pseudonymised analytical store (liaison/reporting, ADR 0011).
ANALYTICS_DIR = Path(os.environ.get("LIAISON_ANALYTICS_DIR", DATA_DIR / "analytics"))
# The audit chain's anchors (ADR 0017): each seal's head, one JSON line each. In production, a
# file on storage the database's administrators cannot rewrite (a WORM bucket, another host).
AUDIT_ANCHORS = Path(os.environ.get("LIAISON_AUDIT_ANCHORS", DATA_DIR / "audit-anchors.jsonl"))


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, str(default)).strip()
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept beside the database."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG", False)
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    # Django Ninja, for the bundled (not CDN) Swagger page at /api/v1/docs.
    "ninja",
    # Sign-in protection (ADR 0021): lockout after failed passwords, and the second factor.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "liaison.core",
    "liaison.geography",
    "liaison.organisations",
    "liaison.accounts",
    "liaison.people",
    "liaison.pathway",
    "liaison.screening",
    "liaison.assessment",
    "liaison.referrals",
    "liaison.sharing",
    "liaison.reporting",
    "liaison.linkage",
    "liaison.network",
    "liaison.feedback",
    "liaison.standards",
    "liaison.workforce",
    "liaison.governance",
    "liaison.audit",
    "liaison.records",
    "liaison.interop",
    "liaison.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Refuses NUL and the like before anything reads the database (the session, the user).
    "liaison.core.characters.RefuseUnstorableCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Restarts the idle timeout (at most once a minute): after the session middleware, so that on
    # the way out it runs first and the session is saved.
    "liaison.accounts.middleware.RenewSession",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Every view needs a signed-in user unless marked `login_not_required`, and (ADR 0021) a
    # second factor given in this session.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "liaison.accounts.middleware.SecondFactorRequired",
    # Pages and API answers carry personal data: no browser or proxy may keep a copy.
    "liaison.accounts.middleware.NoStore",
]

ROOT_URLCONF = "liaison.urls"
WSGI_APPLICATION = "liaison.wsgi.application"

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
            ],
        },
    }
]

# Widgets render through the project's template settings, so the NHS.UK widget templates in
# liaison/templates (the three-box date input) are found; "django.forms" supplies Django's own.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# The embedded default is SQLite in WAL mode with foreign keys on and a busy timeout, so that
# a small service runs with nothing to install; production and CI set DATABASE_URL to
# PostgreSQL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# PostgreSQL connections come from a pool in each server process (Django's psycopg pool): a
# request borrows one for its queries and gives it back at the end, so a worker's threads
# share a few open connections and none is opened for a request (issue 13). 0 turns the pool
# off for persistent connections instead (e.g. behind PgBouncer in transaction mode).
DB_POOL_SIZE = _env_int("LIAISON_DB_POOL_SIZE", 8)
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0 if DB_POOL_SIZE > 0 else 60)}
    if DB_POOL_SIZE > 0 and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": DB_POOL_SIZE,
            # A request that cannot borrow a connection in this long fails (503 page) rather than queueing forever.
            "timeout": 10,
        }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "liaison.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                # recursive_triggers: a REPLACE that deletes a row to make room fires the
                # append-only tables' DELETE triggers (ADR 0015); without it, it would not.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; PRAGMA recursive_triggers=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses a locked-out username before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "pathway:worklist"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

# Sessions end after a period of inactivity: a request renews the session (at most once a minute,
# `accounts.middleware.RenewSession`), so the age is an idle timeout. Custody suites share
# terminals; 30 minutes is the default.
SESSION_IDLE_MINUTES = int(os.environ.get("LIAISON_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Served over HTTPS (ADR 0021): HSTS and Secure cookies. On by default outside DEBUG; `make run`
# turns it off for the local demo on http://127.0.0.1. LIAISON_SECURE_COOKIES is its old name.
HTTPS = _env_bool("LIAISON_HTTPS", _env_bool("LIAISON_SECURE_COOKIES", not DEBUG))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 63_072_000 if HTTPS else 0  # two years, as the HSTS preload list asks
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script or style anywhere: scripts and styles come from our own static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"  # for `liaison collectstatic` in production
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The built NHS.UK assets (make assets) and our own scripts live in liaison/static, which is not an
# app folder, so it is named here.
STATICFILES_DIRS: list[Path] = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names with far-future caching once collected (liaison/core/staticfiles.py).
    "staticfiles": {"BACKEND": "liaison.core.staticfiles.StaticFiles"},
}

# How long a break-glass reason opens another scheme's record for the person who gave it.
BREAK_GLASS_HOURS = int(os.environ.get("LIAISON_BREAK_GLASS_HOURS", "12"))
# Response-time target used where a site has none set for a point of contact (minutes).
DEFAULT_RESPONSE_TARGET_MINUTES = int(os.environ.get("LIAISON_DEFAULT_RESPONSE_TARGET_MINUTES", "240"))
# When HELPS is positive (liaison/screening/scorers.py): "two-or-more" yes answers, or the printed
# form's "three-part" rule. A mistyped value must not quietly score by the other rule.
HELPS_RULE = os.environ.get("LIAISON_HELPS_RULE", "two-or-more").strip().lower()
if HELPS_RULE not in ("two-or-more", "three-part"):
    raise ImproperlyConfigured(f"LIAISON_HELPS_RULE must be two-or-more or three-part, not {HELPS_RULE!r}")


# Disclosure control on every published figure below national level (liaison/reporting/disclosure.py):
# counts 1 to SUPPRESS_BELOW - 1 show as *, the rest are rounded to the nearest ROUND_TO. The NHS
# rule is 8 and 5. Thresholds that would let a shown count round to 0 or into the suppressed range
# would quietly publish what the rule hides, so they stop the service instead (the same rule as
# disclosure.policy_problem, repeated here so settings import no app code).
DISCLOSURE_SUPPRESS_BELOW = _env_int("LIAISON_DISCLOSURE_SUPPRESS_BELOW", 8)
DISCLOSURE_ROUND_TO = _env_int("LIAISON_DISCLOSURE_ROUND_TO", 5)
if DISCLOSURE_SUPPRESS_BELOW < 1:
    raise ImproperlyConfigured(f"LIAISON_DISCLOSURE_SUPPRESS_BELOW must be 1 or more, not {DISCLOSURE_SUPPRESS_BELOW}")
if DISCLOSURE_ROUND_TO < 1:
    raise ImproperlyConfigured(f"LIAISON_DISCLOSURE_ROUND_TO must be 1 or more, not {DISCLOSURE_ROUND_TO}")
_smallest_shown = (
    (2 * DISCLOSURE_SUPPRESS_BELOW + DISCLOSURE_ROUND_TO) // (2 * DISCLOSURE_ROUND_TO) * DISCLOSURE_ROUND_TO
)
if _smallest_shown < DISCLOSURE_SUPPRESS_BELOW:
    raise ImproperlyConfigured(
        f"LIAISON_DISCLOSURE_ROUND_TO={DISCLOSURE_ROUND_TO} would show {DISCLOSURE_SUPPRESS_BELOW}, the smallest "
        f"count not suppressed (LIAISON_DISCLOSURE_SUPPRESS_BELOW), as {_smallest_shown}, below the threshold"
    )

# A scheme's monthly return is due by the end of this day of the following month (1-28).
RETURN_DUE_DAY = _env_int("LIAISON_RETURN_DUE_DAY", 15)
if not 1 <= RETURN_DUE_DAY <= 28:
    raise ImproperlyConfigured(f"LIAISON_RETURN_DUE_DAY must be a day from 1 to 28, not {RETURN_DUE_DAY}")

# Sign-in protection (ADR 0021). A username is locked after SIGNIN_FAILURE_LIMIT wrong passwords
# (or second-factor codes) within SIGNIN_LOCKOUT_MINUTES, until an administrator unlocks it or
# that long has passed since the last failure; an address is refused for a while after
# SIGNIN_ADDRESS_FAILURE_LIMIT failures within SIGNIN_ADDRESS_WINDOW_MINUTES, whatever the names.
SIGNIN_FAILURE_LIMIT = _env_int("LIAISON_SIGNIN_FAILURE_LIMIT", 5)
SIGNIN_LOCKOUT_MINUTES = _env_int("LIAISON_SIGNIN_LOCKOUT_MINUTES", 30)
SIGNIN_ADDRESS_FAILURE_LIMIT = _env_int("LIAISON_SIGNIN_ADDRESS_FAILURE_LIMIT", 30)
SIGNIN_ADDRESS_WINDOW_MINUTES = _env_int("LIAISON_SIGNIN_ADDRESS_WINDOW_MINUTES", 10)
AXES_FAILURE_LIMIT = SIGNIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=SIGNIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
# SignInAudit is the record; axes keeps only its counters.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Unlocking goes through the audited admin action and `liaison unlock`, not axes' own admin.
AXES_ENABLE_ADMIN = False
# The address the connection came from: a forwarded header is whatever the client says. Behind a
# proxy, set it to the proxy's header (e.g. HTTP_X_FORWARDED_FOR) with LIAISON_CLIENT_ADDRESS_HEADER.
AXES_IPWARE_META_PRECEDENCE_ORDER = [os.environ.get("LIAISON_CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")]

# Two-factor sign-in (TOTP with recovery codes) for every role; off only for a trial on one machine.
REQUIRE_2FA = _env_bool("LIAISON_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Liaison"
# Wrong codes count towards the same lockout as wrong passwords (axes), so django-otp's own
# growing delay is off: it would refuse the right code typed a second after a wrong one.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
RECOVERY_CODES = 10
# API tokens end this many days after they are issued.
API_TOKEN_DAYS = _env_int("LIAISON_API_TOKEN_DAYS", 90)
if API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured(f"LIAISON_API_TOKEN_DAYS must be 1 or more, not {API_TOKEN_DAYS}")
# The API's throttles, per token's user (and per address for calls without a valid token).
API_RATE = os.environ.get("LIAISON_API_RATE", "600/m")
API_BAD_TOKEN_LIMIT = _env_int("LIAISON_API_BAD_TOKEN_LIMIT", 20)
# Finding a person (page and API): name searches need this many characters and are limited per
# user per hour; other schemes' people are shown only on a close match (ADR 0021).
SEARCH_MIN_CHARACTERS = _env_int("LIAISON_SEARCH_MIN_CHARACTERS", 3)
SEARCH_NAME_LIMIT_PER_HOUR = _env_int("LIAISON_SEARCH_NAME_LIMIT_PER_HOUR", 60)
# The easy-read feedback form, open without signing in: responses per address per hour (a custody
# suite's tablet is one address for everyone detained there).
FEEDBACK_PER_HOUR = _env_int("LIAISON_FEEDBACK_PER_HOUR", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Serve files straight from the app folders as well, so tests and a fresh `make run` never
# depend on an earlier collectstatic.
WHITENOISE_USE_FINDERS = True

# PathwayEvent.voids is a unique ForeignKey rather than a OneToOneField on purpose: the timeline
# prefetches `voided_by` as a list for many events at once, which a reverse one-to-one cannot.
SILENCED_SYSTEM_CHECKS = [
    "fields.W342",
    # Axes' middleware would answer a lockout with its own page; the sign-in form says it instead.
    "axes.W002",
    # Addresses are throttled from the sign-in audit (SIGNIN_ADDRESS_*), apart from axes' per-username lock.
    "axes.W006",
]

# Retention (liaison/records/retention.py): years a closed episode's record (its events,
# screening, assessment, referrals, consents, shares) is kept after the last contact, by default
# the NHS England Records Management Code of Practice (2023) for mental health records: 20 years
# after no further treatment is considered necessary. A person's identity and the audit of who
# looked at them are kept as long as any of their episodes is.
RETENTION_EPISODE_YEARS = _env_int("LIAISON_RETENTION_EPISODE_YEARS", 20)
if RETENTION_EPISODE_YEARS < 8:
    # The Code's shortest period for any health record of an adult; anything less is a typo.
    raise ImproperlyConfigured(f"LIAISON_RETENTION_EPISODE_YEARS must be 8 or more, not {RETENTION_EPISODE_YEARS}")
