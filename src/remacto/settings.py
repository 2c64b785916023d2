"""Settings of the REMACTO platform: one module, configured only by environment variables.

Development defaults are safe and need nothing installed: SQLite in WAL mode, local-memory cache, eager Celery,
console email. Production sets ``DEBUG=0``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL``, ``REDIS_URL`` and
``EMAIL_URL``; ``manage.py check --deploy`` then passes.
"""

import warnings
from pathlib import Path

import environ
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-" + "x" * 40 if DEBUG else environ.Env.NOTSET)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "remacto.core",
    "remacto.territories",
    "remacto.accounts",
    "remacto.notifications",
    "remacto.participation",
    "remacto.cocreation",
    "remacto.budgets",
    "remacto.monitoring",
    "remacto.api",
    "remacto.cases",
    "remacto.advisory",
    "remacto.petitions",
    "remacto.information",
    "remacto.network",
    "remacto.support",
    "remacto.practices",
    "remacto.events",
    "remacto.netdash",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "remacto.core.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "remacto.core.middleware.ControlCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "remacto.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "remacto.urls"
WSGI_APPLICATION = "remacto.wsgi.application"
ASGI_APPLICATION = "remacto.asgi.application"

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
                "remacto.core.context_processors.site",
                "remacto.notifications.context_processors.unread",
            ],
        },
    },
]

# Database: SQLite (WAL) by default, anything dj-database-url style through DATABASE_URL.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{env.str('SQLITE_PATH', default=str(PROJECT_DIR / 'db.sqlite3'))}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, locks and rate limits: local memory by default, Redis when REDIS_URL is set.
REDIS_URL = env.str("REDIS_URL", default="")
# The "pages" alias holds anonymous pages (remacto.core.pagecache), apart so that they never evict a rate limit.
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "remacto.core.cache.RedisCache", "LOCATION": REDIS_URL},
        "pages": {
            "BACKEND": "remacto.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
    # Sessions are read from Redis and written through to the database: a signed-in request costs no session query.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
# Anonymous pages are cached until the next database write, and at most this long; 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# Figures of heavy public pages (the monitoring dashboard) are kept until the next write, at most this long; 0: off.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=600)

# Celery: eager in the embedded default, a real broker when REDIS_URL is set.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Africa/Casablanca"
# Periodic work, sent by exactly one `celery beat` process for the whole site (deploy/RUNBOOK.md).
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {"task": "remacto.core.tasks.clear_expired_sessions", "schedule": 24 * 60 * 60},
    "budgets-integrity-signals": {"task": "remacto.budgets.tasks.detect_in_open_campaigns", "schedule": 15 * 60},
    "budgets-lock-rules": {"task": "remacto.budgets.tasks.lock_rules_when_voting_opens", "schedule": 5 * 60},
    "monitoring-alerts": {"task": "remacto.monitoring.tasks.check_alerts", "schedule": 60 * 60},
    "cases-reminders": {"task": "remacto.cases.tasks.send_reminders", "schedule": 60 * 60},
    "petitions-lapse": {"task": "remacto.petitions.tasks.lapse_expired", "schedule": 60 * 60},
    "support-late-tickets": {"task": "remacto.support.tasks.remind_late_tickets", "schedule": 60 * 60},
    "events-reminders": {"task": "remacto.events.tasks.send_reminders", "schedule": 60 * 60},
    "netdash-figures": {"task": "remacto.netdash.tasks.compute", "schedule": 60 * 60},
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list("PASSWORD_HASHERS", default=["django.contrib.auth.hashers.PBKDF2PasswordHasher"])

# django-allauth: email login, mandatory verification, rate limits on sign-up and login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up says plainly that an email is taken (asked for by users); rate limits below bound enumeration.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[REMACTO] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "3/m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_ADAPTER = "remacto.accounts.adapter.AccountAdapter"  # its get_client_ip is core.http.client_ip
ACCOUNT_FORMS = {"signup": "remacto.accounts.forms.SignupForm"}
# URL names, not paths: they resolve in the page's language, so signing in or out keeps its /<lang>/ prefix.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_LOGOUT_REDIRECT_URL = "territories:home"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "REMACTO"
MFA_TOTP_TOLERANCE = 1  # accept the neighbouring 30 s windows: cheap phones drift

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="REMACTO <no-reply@remacto.invalid>")
# Text messages (one-time codes of participatory-budget votes): the dotted path of the gateway's backend class.
# The console backend logs the message with the number masked (development, or no gateway yet).
SMS_BACKEND = env.str("SMS_BACKEND", default="remacto.budgets.sms.ConsoleBackend")
# Absolute links in emails (accounts, notifications): the public address of the site, without a trailing slash.
# In production it defaults to HTTPS on the first of ALLOWED_HOSTS.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}").rstrip("/")

# Personal data (law 09-08): the declaration number the CNDP gave the platform's processing, shown in the privacy
# notice, and the address people write to about their data.
CNDP_DECLARATION = env.str("CNDP_DECLARATION", default="")
PRIVACY_CONTACT_EMAIL = env.str("PRIVACY_CONTACT_EMAIL", default="privacy@remacto.invalid")

# Languages: Arabic is the default and right-to-left; Amazigh is written in Tifinagh (code zgh).
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية"), ("fr", "Français"), ("zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"), ("en", "English")]
LANGUAGES_BIDI = ["ar"]
# Django knows no "zgh": register Standard Moroccan Amazigh (Tifinagh script) and its date formats.
LANG_INFO.setdefault(
    "zgh", {"bidi": False, "code": "zgh", "name": gettext_noop("Standard Moroccan Amazigh"), "name_local": "ⵜⴰⵎⴰⵣⵉⵖⵜ"}
)
FORMAT_MODULE_PATH = ["remacto.formats"]
# The platform's catalogues first, then Amazigh for the django-allauth and Django strings its pages show.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Africa/Casablanca"
MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "fr", "en", "zgh")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ar", "fr", "en")}

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=str(PROJECT_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(PROJECT_DIR / "var" / "media"))
# Media: the file system under MEDIA_ROOT by default (shared by every node, e.g. over NFS), or S3-compatible object
# storage when MEDIA_S3_BUCKET is set (credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3).
# Public media (remacto.core.media) are served by the web server in production, by Django when SERVE_MEDIA is on;
# protected files are handed to the web server through X-Accel-Redirect when MEDIA_ACCEL_REDIRECT names its
# internal location (file system storage only).
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "location": env.str("MEDIA_S3_PREFIX", default="media"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("MEDIA_S3_URL_SECONDS", default=3600),
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
MEDIA_ACCEL_REDIRECT = "" if MEDIA_S3_BUCKET else env.str("MEDIA_ACCEL_REDIRECT", default="")
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
if DEBUG:
    # In development static files come from the apps (finders); STATIC_ROOT exists only after collectstatic.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

# Security: strict by default in production.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers and reverse proxies in front of the site (addresses or networks, comma-separated). Only when
# REMOTE_ADDR is one of them is X-Forwarded-For read, from the right: the first untrusted address is the client
# (``core.http.client_ip``, used by every per-address limit). Empty: X-Forwarded-For is ignored.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Directory search and list limits shared by pages and the API.
PAGE_SIZE = 24
SEARCH_MAX_LENGTH = 100

# Posting limits: (at most N, per window of S seconds) per account, atomic counters in the cache that expire with
# their window. Accounts younger than ``new_account_hours`` also get the stricter ``new_account_comments`` limits.
PARTICIPATION_LIMITS = {
    "new_account_hours": 24,
    "new_account_comments": [(3, 10 * 60), (10, 24 * 60 * 60)],
    "comments": [(10, 10 * 60)],
    "supports": [(60, 10 * 60)],
    "flags": [(20, 10 * 60)],
    "ideas": [(5, 60 * 60)],
    "votes": [(10, 10 * 60)],
    "sms_codes": [(3, 10 * 60), (6, 24 * 60 * 60)],
    "comment_edit_minutes": 15,
}

# Participatory budgets: paper sheets may be typed until this many hours after voting closes (never after results
# are published); integrity signals flag bursts of ballots per network address or device (more than N within S
# seconds), and at least ``same_set_min`` accounts younger than ``new_account_days`` voting for the same projects.
BUDGETS_PAPER_ENTRY_HOURS = 72
BUDGETS_INTEGRITY = {
    "address_burst": (20, 10 * 60),
    "device_burst": (5, 60 * 60),
    "new_account_days": 2,
    "same_set_min": 5,
}
