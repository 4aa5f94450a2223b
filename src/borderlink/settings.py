"""Django settings for a borderlink node, read from ``BORDERLINK_*`` environment variables.

With no variables set, the node runs on a SQLite file under ``./var``: nothing to install.
See docs/settings.md for every variable.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from borderlink.config import Env, load_or_create_secret_key, parse_database_url

env = Env()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.string("DATA_DIR", "var")).resolve()

DEBUG = env.boolean("DEBUG", False)
SECRET_KEY = env.secret("SECRET_KEY") or load_or_create_secret_key(DATA_DIR)
ALLOWED_HOSTS = [
    host.strip() for host in env.string("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
]

NODE_STATE = env.string("NODE_STATE", "KHM").strip().upper()
if len(NODE_STATE) != 3 or not NODE_STATE.isalpha():
    raise ImproperlyConfigured(f"BORDERLINK_NODE_STATE={NODE_STATE!r}: expected an alpha-3 state code")

INGEST_BATCH = env.integer("INGEST_BATCH", 5000)
#: Where batch linking runs Splink (``borderlink identity train|cluster``; docs/identity.md).
IDENTITY_BACKEND = env.choice("IDENTITY_BACKEND", "DUCKDB", ("DUCKDB", "SPARK")).lower()
#: Hours the issuing state's focal point has to answer a hit before it escalates (DESIGN.md section 6).
HIT_DEADLINE_HOURS = env.integer("HIT_DEADLINE_HOURS", 12)
#: Days a new alert looks back over past crossings.
ALERT_LOOKBACK_DAYS = env.integer("ALERT_LOOKBACK_DAYS", 90)
#: Seconds a process may screen with an index that has not checked the alerts table for changes.
SCREENING_REFRESH_SECONDS = env.integer("SCREENING_REFRESH_SECONDS", 1, minimum=0)
#: Whether a complete birth date one digit away from an alert's may still hit (docs/screening.md).
SCREENING_ONE_DIGIT_BIRTHS = env.boolean("SCREENING_ONE_DIGIT_BIRTHS", False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "borderlink.accounts",
    "borderlink.registry",
    "borderlink.crossings",
    "borderlink.ingest",
    "borderlink.identity",
    "borderlink.screening",
    "borderlink.jobs",
    "borderlink.synth",
    "borderlink.bench",
    "borderlink.values",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "borderlink.urls"
WSGI_APPLICATION = "borderlink.wsgi.application"

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
                "borderlink.accounts.context.node",
                "borderlink.screening.views.unread_notifications",
            ],
        },
    }
]

_database = parse_database_url(env.string("DATABASE_URL", f"sqlite:///{DATA_DIR / 'borderlink.sqlite3'}"))
if _database.engine.endswith("sqlite3"):
    Path(_database.name).parent.mkdir(parents=True, exist_ok=True)
    DATABASES: dict[str, dict[str, object]] = {
        "default": {
            "ENGINE": _database.engine,
            "NAME": _database.name,
            "OPTIONS": {
                # WAL lets the web server read while the worker or an import writes;
                # IMMEDIATE transactions take the write lock up front instead of failing mid-import.
                # 16 KiB pages (set before WAL, so a new file is created with them; an existing file
                # keeps its own): an import's commit writes a quarter of the pages, 0.4 s less for
                # 200,000 crossings (docs/decisions/0003).
                "init_command": (
                    "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=30000; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": _database.engine,
            "NAME": _database.name,
            "USER": _database.user,
            "PASSWORD": _database.password,
            "HOST": _database.host,
            "PORT": _database.port,
            "CONN_MAX_AGE": 60,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "crossing-list"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.string("TIME_ZONE", "Asia/Bangkok")

HTTPS = env.boolean("HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env.string("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

STATIC_URL = "static/"

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_DIR = DATA_DIR / "uploads"

_log_level = env.choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "borderlink": {"handlers": ["console"], "level": _log_level, "propagate": False},
        "django": {"handlers": ["console"], "level": "WARNING"},
    },
}
