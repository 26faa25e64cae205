"""Settings of the reconstructed Django/DRF system, deployed as production
would run it: DEBUG off, persistent database connections, JSON only."""

import os
from urllib.parse import parse_qsl, unquote, urlsplit

DEBUG = False
SECRET_KEY = os.environ["BINORA_JWT_SECRET"]
# The JWT the harness sends is signed with Binora's secret.
JWT_SECRET = os.environ["BINORA_JWT_SECRET"]
ALLOWED_HOSTS = ["*"]
# Tenants are subdomains of this domain (e.g. acme.binora.example), or
# named by the X-Tenant header.
BASE_DOMAIN = os.environ.get("BINORA_BASE_DOMAIN", "").lower()
ROOT_URLCONF = "oldsystem.urls"
WSGI_APPLICATION = "oldsystem.wsgi.application"
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = False
APPEND_SLASH = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "core",
    "assets",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.TenantMiddleware",
]


def database_from_url(url):
    """The DATABASES entry for a postgres:// URL (what dj-database-url does;
    Debian does not package it)."""
    u = urlsplit(url)
    options = dict(parse_qsl(u.query))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(u.path.lstrip("/")),
        "USER": unquote(u.username or ""),
        "PASSWORD": unquote(u.password or ""),
        "HOST": u.hostname or "",
        "PORT": str(u.port or ""),
        "OPTIONS": options,
        # Persistent connections: each worker keeps its connection open
        # across requests, as a production deployment would.
        "CONN_MAX_AGE": 600,
    }


DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["core.authentication.BinoraJWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["stderr"], "level": "ERROR"}},
}
