"""Settings shared by every environment. Environment-specific files import from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "alongside"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

# Demo sign-in shortcuts on the start page. Only the local settings turn this on.
ALONGSIDE_DEMO = False

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Recovery codes: single-use codes for when the phone with the authenticator is lost.
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    # Background tasks (Django's Tasks API, backported) kept in the database: ADR 0005.
    "django_tasks",
    "django_tasks_db",
    # Alongside's own apps, one per domain.
    "alongside.accounts",
    "alongside.organisations",
    "alongside.people",
    "alongside.audit",
    "alongside.web",
    "alongside.api",
    "alongside.fhir",
    "alongside.team",
    "alongside.rota",
    "alongside.quality",
    "alongside.everyday",
    "alongside.reviews",
    "alongside.outcomes",
    "alongside.downloads",
    "alongside.imports",
    "alongside.notifications",
    # Made-up data for trying Alongside out and for the benchmarks. It imports Faker only
    # when it makes data, so production runs without it (ADR 0064).
    "alongside.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "alongside.web.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "alongside.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "alongside.audit.middleware.RefusedAccessMiddleware",
    "alongside.audit.middleware.RecordViewsMiddleware",
    # Axes goes last so it sees the outcome of sign-in attempts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alongside.urls"
WSGI_APPLICATION = "alongside.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alongside.web.context_processors.shell",
            ],
            "builtins": ["rules.templatetags.rules", "alongside.web.templatetags.alongside"],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:start"

# Security headers. Scripts and styles come only from our own static files; an inline script
# would need this request's nonce (`{{ request.csp_nonce }}`), so an injected one never runs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # The two-factor QR code is a data: image.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
# Browser features no page uses, turned off (alongside.web.headers).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Sessions end after 30 minutes without activity.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Failed sign-ins: 5 tries per email address and place, then a 15 minute pause.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Axes' own log lines contain the email address typed; we log our own without it.
AXES_VERBOSE = False

# Sign-in links that a service manager issues to a person we support.
SIGN_IN_LINK_LIFETIME = timedelta(hours=24)
# Invitations to set a password, sent by email; and password reset links (Django's own).
INVITATION_LIFETIME = timedelta(days=7)
PASSWORD_RESET_TIMEOUT = 60 * 60  # seconds: a reset link works for an hour
# Tries at accepting an invitation, asking for a reset or sending invitations, per place
# (or per admin) in a window, before a pause: like sign-in's 5 tries and 15 minutes.
ACCOUNT_THROTTLE_LIMIT = 10
ACCOUNT_THROTTLE_WINDOW = timedelta(minutes=15)
# Where Alongside is, for links in emails (which have no request to take the address from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

OTP_TOTP_ISSUER = "Alongside"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Long work (solves, downloads, email, roll-ups) runs in a worker, never in a request.
# `manage.py db_worker` takes tasks from the database; several may run at once.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DEFAULT_FROM_EMAIL = "Alongside <no-reply@alongside.example>"

REST_FRAMEWORK = {
    # Integration clients send their own token (ADR 0062); the browser keeps its session.
    # The session comes first, so a signed-out request is refused as before (403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "alongside.api.authentication.ClientTokenAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["alongside.api.throttling.PerClientThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": "600/minute"},
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Every operation documents its refusals (400, 401, 403, 404, 412, 428, 429) there.
    "DEFAULT_SCHEMA_CLASS": "alongside.api.schema.ApiSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Alongside API",
    "DESCRIPTION": "Co-produced care and support. Every endpoint answers only what the "
    "signed-in user may see.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # ReDoc is served from our own static files, never a CDN.
    "REDOC_DIST": "SIDECAR",
    # Several models have a `kind` or a `status`: each choice set gets a name of its own, so
    # clients read ChangeRequestKindEnum, not an invented Kind626Enum.
    "ENUM_NAME_OVERRIDES": {
        "ChangeRequestKindEnum": "alongside.team.models.ChangeRequest.Kind",
        "MeetingActionStatusEnum": "alongside.everyday.models.MeetingAction.Status",
        "MeetingStatusEnum": "alongside.everyday.models.Meeting.Status",
        "ReviewStatusEnum": "alongside.reviews.models.ReviewStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "alongside.security": {"handlers": ["console"], "level": "INFO"},
    },
}
