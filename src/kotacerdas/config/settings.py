"""Django settings, all derived from :func:`kotacerdas.config.environment.load` (validated at start-up)."""

from __future__ import annotations

import datetime as dt

from csp.constants import NONE, SELF, UNSAFE_INLINE

from kotacerdas.config.environment import load

ENV = load()

SECRET_KEY = ENV.secret_key
DEBUG = ENV.debug
KOTACERDAS_MODE = ENV.mode  # "production" makes the demo refuse to load (kotacerdas.demo.guard)
ALLOWED_HOSTS = list(ENV.allowed_hosts)
DATA_DIR = ENV.data_dir
ENV.data_dir.mkdir(parents=True, exist_ok=True)
(ENV.data_dir / "static").mkdir(exist_ok=True)  # STATIC_ROOT: collectstatic target, served by WhiteNoise

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "leaflet",  # django-leaflet: only for the Leaflet files it vendors (static leaflet/leaflet.js, .css)
    "kotacerdas.accounts",
    "kotacerdas.regions",
    "kotacerdas.programme",
    "kotacerdas.monitoring",
    "kotacerdas.jobs",
    "kotacerdas.notifications",
    "kotacerdas.assessment",
    "kotacerdas.demo",
    "kotacerdas.web",
    "kotacerdas.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kotacerdas.web.middleware.RequestSizeLimit",  # before anything reads the body
    "django.middleware.gzip.GZipMiddleware",  # HTML and JSON compressed (BREACH-mitigated since Django 4.2)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
    "kotacerdas.web.page_cache.PublicPageCache",  # after axes: only its process_view may short-circuit
]

ROOT_URLCONF = "kotacerdas.config.urls"
WSGI_APPLICATION = "kotacerdas.config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kotacerdas.web.context.navigation",
                "kotacerdas.web.context.notifications",
            ]
        },
    }
]

DATABASES = {"default": ENV.database}
# The task queue: django-tasks (Django 6's tasks API backported) with its database backend; the worker
# is `kotacerdas worker`. A running job renews its lease every JOB_LEASE/4 s; one silent for JOB_LEASE
# seconds is failed by the worker's stale-job sweep (docs/platform.md, "Background jobs").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOB_LEASE = ENV.job_lease
# Anonymous public pages are cached until a public change (kotacerdas.web.page_cache); 0 turns it off.
KOTACERDAS_PAGE_CACHE = ENV.page_cache
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:dashboard"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins before any password check
    "django.contrib.auth.backends.ModelBackend",
]
# Login lockout (django-axes): 5 failures for one user name from one address lock that pair for 15
# minutes, even with the right password; a success resets the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False
# Password-reset requests (the "Lupa kata sandi?" form): at most this many per e-mail address and per
# client address within the window (seconds), counted in the cache whether or not the address has an account.
KOTACERDAS_RESET_PER_EMAIL = 3
KOTACERDAS_RESET_PER_ADDRESS = 10
KOTACERDAS_RESET_WINDOW = 3600
# Shared by all worker processes on the host: the API throttle counters (and the reset counters).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(ENV.data_dir / "cache"),
    }
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# E-mail: console by default, SMTP from KOTACERDAS_EMAIL_URL; links in e-mails start with the base URL.
EMAIL_BACKEND = ENV.email["EMAIL_BACKEND"]
EMAIL_HOST = ENV.email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = ENV.email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = ENV.email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = ENV.email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = ENV.email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = ENV.email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = ENV.email.get("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = ENV.email["DEFAULT_FROM_EMAIL"]
KOTACERDAS_BASE_URL = ENV.base_url

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
# Dates as "6 Desember 2026" in Indonesian (kotacerdas/config/formats/id); numbers from Django's locale.
FORMAT_MODULE_PATH = ["kotacerdas.config.formats"]
USE_TZ = True

# Every form widget gets Bootstrap's class for its kind (form-control, form-select, form-check-input).
FORM_RENDERER = "kotacerdas.web.forms_renderer.BootstrapFormRenderer"

STATIC_URL = "/static/"
STATIC_ROOT = ENV.data_dir / "static"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "kotacerdas.web.staticfinders.PlotlyJsFinder",
    "kotacerdas.web.staticfinders.BootstrapCssFinder",
]
# WhiteNoise serves static files from the finders too, so no collectstatic is needed to run.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = ENV.data_dir / "media"  # served only through permission-checked views
MEDIA_URL = "/media/"
# Uploads: one limit for every request body, web form and API alike (PDF books of 20 MB plus the form);
# tables are checked again at 5 MB by the import itself (kotacerdas.regions.domain.tables).
KOTACERDAS_MAX_REQUEST_BYTES = 21 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form fields and JSON bodies read by Django
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files go to a temporary file, not memory

# Content-Security-Policy (django-csp 4): scripts only from the site's own files (no inline script, no
# eval); styles may be inline because plotly.js and htmx set style attributes; nothing may frame us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Security: always on; the HTTPS-only parts when KOTACERDAS_HTTPS (default in production).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads it through the meta tag; the form token is still checked
SESSION_COOKIE_SECURE = ENV.https
CSRF_COOKIE_SECURE = ENV.https
SECURE_SSL_REDIRECT = ENV.https
SECURE_HSTS_SECONDS = 31536000 if ENV.https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = ENV.https
SECURE_HSTS_PRELOAD = ENV.https
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if ENV.https else None

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # first, so the public gets 401 + WWW-Authenticate; failed tokens are throttled per address
        "kotacerdas.api.throttling.ThrottledTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["kotacerdas.api.permissions.DenyByDefault"],
    "DEFAULT_SCHEMA_CLASS": "kotacerdas.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "kotacerdas.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "kotacerdas.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_THROTTLE_CLASSES": [
        "kotacerdas.api.throttling.AnonThrottle",
        "kotacerdas.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": ENV.api_rate_anon,
        "user": ENV.api_rate_user,
        "bad_token": ENV.bad_token_rate,
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kota Cerdas API",
    "DESCRIPTION": "Programme tracking, datasets and index runs of a national smart-city programme.",
    "VERSION": "1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "kotacerdas.programme.models.ReviewStatus",
        "ReviewerStatusEnum": "kotacerdas.programme.models.REVIEWER_CHOICES",
        # named here, the two choice sets keep their names in every language (a collision's name is a
        # hash of the choices with their labels, which change with the request's language)
        "ParticipationStateEnum": "kotacerdas.programme.lifecycle.State",
        "QuickWinStatusEnum": "kotacerdas.monitoring.framework.QuickWinStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kotacerdas.api.schema.add_error_responses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
