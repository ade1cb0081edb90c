"""Django settings for xxgk.

* Data folder: ``XXGK_DATA_DIR`` (default ``./data``): the SQLite database, uploaded
  attachments, the generated secret key and the calendar override file.
* ``DATABASE_URL`` (e.g. ``postgres://user:pw@host:5432/db``) switches to PostgreSQL.
* ``XXGK_DEBUG=1`` turns on debug mode; ``XXGK_ALLOWED_HOSTS`` is a comma list.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import django_stubs_ext

# Lets the admin and form classes be subscripted for mypy (``admin.ModelAdmin[Agency]``).
django_stubs_ext.monkeypatch()

DATA_DIR = Path(os.environ.get("XXGK_DATA_DIR", "data")).resolve()
WEB_DIR = Path(__file__).resolve().parent


def _secret_key() -> str:
    env = os.environ.get("XXGK_SECRET_KEY")
    if env:
        return env
    path = DATA_DIR / "secret_key.txt"
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        pass
    key = secrets.token_urlsafe(50)
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(key, encoding="utf-8")
        path.chmod(0o600)
    except OSError:
        pass  # read-only data folder: a per-process key (sessions end on restart)
    return key


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("XXGK_DEBUG", "") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("XXGK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

# Apps of this project.  Later registers add themselves here (one app per concern).
XXGK_APPS = [
    "xxgk.web.agencies",
    "xxgk.web.casework",
    "xxgk.web.disclosure",
    "xxgk.web.appeals",
    "xxgk.web.annual",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the Swagger UI assets locally (no CDN on government intranets)
    *XXGK_APPS,
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

ROOT_URLCONF = "xxgk.web.urls"
WSGI_APPLICATION = "xxgk.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xxgk.web.navigation.navigation",
            ],
        },
    },
]


def _databases() -> dict[str, dict[str, object]]:
    url = os.environ.get("DATABASE_URL")
    if url:
        import dj_database_url

        return {
            "default": dict(dj_database_url.parse(url, conn_max_age=int(os.environ.get("XXGK_DB_CONN_MAX_AGE", "0"))))
        }
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "xxgk.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

LOGIN_URL = "login"
LOGOUT_REDIRECT_URL = "home"
LOGIN_REDIRECT_URL = "home"

# Working-day calendar overrides (same layout as shared/spec/workday-calendar-cn.json);
# rows of the admin table 工作日日历调整 are added on top.
XXGK_CALENDAR_FILE = os.environ.get("XXGK_CALENDAR_FILE", str(DATA_DIR / "calendar-overrides.json"))

# How the statutory clock counts (spec §4, §8.2 leave these open): whether the day of
# receipt counts, and whether the first/last day of a consultation are excluded.
XXGK_CLOCK = {
    "count_start_day": os.environ.get("XXGK_COUNT_START_DAY", "") == "1",
    "pause_includes_start": True,
    "pause_includes_end": True,
    "fee_notice_pauses": False,
}
