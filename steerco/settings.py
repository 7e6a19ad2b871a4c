"""One settings module, read from the environment.

SQLite by default (zero set-up); PostgreSQL when DATABASE_URL names it.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# Production sets its own key; the default serves the demo and the tests only.
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-key-for-the-demo-and-tests-only")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "template_partials",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "steerco.accounts",
    "steerco.governance",
    "steerco.meetings",
    "steerco.strategy",
    "steerco.portfolio",
    "steerco.risks",
    "steerco.documents",
    "steerco.calendars",
    "steerco.planning",
    "steerco.dashboard",
    "steerco.progress_report",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "steerco.accounts.middleware.OrganisationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "steerco.urls"
WSGI_APPLICATION = "steerco.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "steerco" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "steerco.accounts.context_processors.organisation",
            ],
        },
    },
]
FORM_RENDERER = "steerco.lib.forms.GovukFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions so concurrent writers wait rather than fail.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# What is kept of a page between requests (the rendered agenda of a meeting) is keyed on a stamp
# of what it shows, so a process never serves another's stale copy: each process's own memory
# by default; CACHE_BACKEND=database shares one table between processes and servers (run
# `manage.py createcachetable` once).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if os.environ.get("CACHE_BACKEND") == "database"
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "steerco_cache",
        "TIMEOUT": int(os.environ.get("CACHE_SECONDS", "600")),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "500"))},
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "steerco.accounts.backends.UsernameOrEmailBackend",
]
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
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
# Lock a username from one address: a whole council office behind one address is not locked out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The "username" is the account reached, however it was typed (username in any case, or email).
AXES_USERNAME_CALLABLE = "steerco.accounts.backends.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Sign-in attempts are every council's: not for the admin, which shows only your own (see
# docs/development.md, Tenancy). `manage.py axes_reset_username` lifts a lock-out.
AXES_ENABLE_ADMIN = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "steerco" / "static",
    # Served from the npm install, never copied into the repository.
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
# Static files come from the finders until `collectstatic` fills STATIC_ROOT for production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Papers are served only through the permission-checked download view, never from MEDIA_URL.
PAPER_MAX_BYTES = int(os.environ.get("PAPER_MAX_MEGABYTES", "25")) * 1024 * 1024
# A Word or Excel paper is a zip: refused when its parts would unpack to more than this (a zip
# bomb), or to more than PAPER_MAX_RATIO times its own size.
PAPER_MAX_UNPACKED_BYTES = int(os.environ.get("PAPER_MAX_UNPACKED_MEGABYTES", "200")) * 1024 * 1024
PAPER_MAX_RATIO = 100
# What one paper may take while it is converted or read for a pack, and the pack's merge: past
# these the child process is stopped and the paper (or the pack) named as not included.
PACK_PAPER_SECONDS = int(os.environ.get("PACK_PAPER_SECONDS", "120"))
PACK_PAPER_MEMORY_MB = int(os.environ.get("PACK_PAPER_MEMORY_MB", "2048"))
PACK_MERGE_SECONDS = int(os.environ.get("PACK_MERGE_SECONDS", "600"))
PACK_MERGE_MEMORY_MB = int(os.environ.get("PACK_MERGE_MEMORY_MB", "3072"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "steerco@localhost")

# Emails go out from a worker (`manage.py db_worker`) reading the queue in the database; the demo
# sends them at once (TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend).
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# The address people reach steerco at, for the links in emails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
