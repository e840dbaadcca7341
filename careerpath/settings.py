"""Settings for CareerPath: the one place configuration is read from the environment.

Every environment variable the site reads is listed in README.md ("Configuration").
Defaults are safe for production: debug is off unless DJANGO_DEBUG says otherwise, and
then a real DJANGO_SECRET_KEY is required.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from whitenoise.compress import Compressor
from xstatic.pkg import bootstrap as xstatic_bootstrap

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))' "
            "(or set DJANGO_DEBUG=1 for local development)."
        )
    # Local development only: a fresh random key per process, never a default in the repo.
    SECRET_KEY = "insecure-dev-" + os.urandom(32).hex()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Translated model fields (title_en, title_es…) for content in both languages; before
    # the admin so its admin classes can patch Django's (docs/decisions.md says why this one).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "core.staticfiles.SiteStaticFilesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "reversion",
    "core",
    "occupations",
    "interests",
    "certifications",
    "guides",
    "careers",
    "pay",
    "search",
    "plans",
    "questions",
    "feedback",
    "editorial",
    "content_packs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Cross-Origin-Resource-Policy (no Django setting); above whitenoise so static files get it.
    "core.security.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's page cache, in two halves (core.public_pages). This half runs last on the way
    # out: it gives every response its Cache-Control and stores the finished, compressed page
    # an anonymous visitor gets. Below the header-setting middleware, which add their headers
    # to cached pages on the way out.
    "core.public_pages.UpdatePublicPageMiddleware",
    # A strong ETag from the bytes sent, and 304 Not Modified when the visitor has them; above
    # the cache's fetch half, so cached pages answer 304 too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Compress pages (static files come pre-compressed from whitenoise, above). Django's gzip
    # adds random bytes to each private response to blunt BREACH-style attacks.
    "core.public_pages.PublicPageGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address alone (/es/… is Spanish, the rest English), so a
    # page is the same for everyone and the page cache keeps one copy per language.
    "core.languages.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The cache's fetch half: an anonymous visitor's GET is answered from the page cache here,
    # after everything that decides how a page varies, before the view.
    "core.public_pages.FetchPublicPageMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Admin login throttling (django-axes): five failures for one username from one address lock
# that pair out for 15 minutes; a successful login clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "core.security.login_throttle_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# No start-up banner on every manage.py command, and log lines that name only what a
# lockout counts (username, IP address), not the user agent. Lockouts are still logged.
AXES_VERBOSE = False

ROOT_URLCONF = "careerpath.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "careerpath.wsgi.application"

# Database: SQLite file by default so a fresh machine needs nothing else;
# PostgreSQL (or anything dj-database-url understands) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer gets a 503 page within seconds, not a hung request.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3"))
    )

# Caches: per-process memory by default, Redis when REDIS_URL is set, nothing at all when
# DJANGO_CACHE_DISABLED is on (to measure or debug the uncached site). "default" holds small
# things (form throttles, the pay regions); "pages" holds whole public pages (core.public_pages).
# A Redis that is down reads as an empty cache (core.cache_backends), never as an error.
REDIS_URL = os.environ.get("REDIS_URL", "")


def cache_settings(name: str) -> dict:
    if env_bool("DJANGO_CACHE_DISABLED", default=False):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if REDIS_URL:
        return {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"careerpath-{name}",
            # A Redis that hangs must not hang the page: give up quickly, then serve without it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": name,
        "OPTIONS": {"MAX_ENTRIES": 2000 if name == "pages" else 300},
    }


CACHES = {"default": cache_settings("default"), "pages": cache_settings("pages")}

# Public pages (core.public_pages, docs/caching.md). The page cache is off in development so
# a template edit shows at once; DJANGO_PAGE_CACHE=1 switches it on there too.
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", default=not DEBUG)
CACHE_MIDDLEWARE_ALIAS = "pages"
# How long a proxy or CDN (and the page cache) may keep a public page, in seconds (browsers
# revalidate every time: a 304 is cheap); then how long a cache may still send it while it
# fetches a fresh copy, and while the site answers with an error.
PAGE_SHARED_MAX_AGE = int(os.environ.get("DJANGO_PAGE_SHARED_MAX_AGE", "60"))
PAGE_STALE_WHILE_REVALIDATE = int(os.environ.get("DJANGO_PAGE_STALE_WHILE_REVALIDATE", "60"))
PAGE_STALE_IF_ERROR = int(os.environ.get("DJANGO_PAGE_STALE_IF_ERROR", str(24 * 60 * 60)))
CACHE_MIDDLEWARE_SECONDS = PAGE_SHARED_MAX_AGE
# When the database does not answer: how long the 503 page asks visitors to wait.
RETRY_AFTER_SECONDS = int(os.environ.get("DJANGO_RETRY_AFTER_SECONDS", "30"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at the site's own addresses, Spanish under /es/ (careerpath/urls.py). The interface
# text is in locale/es/LC_MESSAGES/django.po (compiled by make); content in both languages is in
# each model's translated fields (careerpath/translation.py's registrations, _en and _es).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# US Spanish writes numbers as US English does ($51,140.50) and months in lower case
# ("mayo de 2025"): careerpath/formats/es/formats.py.
FORMAT_MODULE_PATH = ["careerpath.formats"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A field with no Spanish text yet shows the English (and the page says so: core.languages).
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static files: Bootstrap comes from the pinned xstatic-bootstrap package, served by
# whitenoise with hashed, compressed names. Nothing is loaded from a third-party host.
STATIC_URL = "static/"
# Where collectstatic puts them for production. Local tools that collect (make bench, make
# audit) use a throwaway folder: whitenoise prefers STATIC_ROOT's copies to the source files,
# so a leftover collection would make development and tests serve stale CSS.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap/css", Path(xstatic_bootstrap.BASE_DIR) / "css"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development (and tests, including the live server the browser tests use) whitenoise
# serves straight from the finders; in production only from collected, hashed files.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Source maps are only fetched by developer tools: not worth compressing at deploy time.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy (Django's built-in middleware): only this site's own files; no inline
# script or style anywhere. If inline script ever becomes unavoidable, add CSP.NONCE to
# script-src and the "django.template.context_processors.csp" context processor.
# default-src 'none': anything not allowed below (frames, media, workers, manifests...) is
# refused; see docs/security.md. The admin needs script, style, img and connect-src.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # Bootstrap draws small icons (select arrows, checkboxes) from data: SVG images.
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    # Same-origin fetch() only (the admin's autocomplete widgets use it).
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
}

# Security. With debug off these follow Django's deployment checklist; behind a TLS-terminating
# proxy set DJANGO_SECURE_PROXY_SSL_HEADER=1 so Django knows the original request was HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Site-wide text used in templates (title suffix, meta).
SITE_NAME = "CareerPath"

# A visitor's pathway plan lives in their server-side session; anonymous sessions holding a plan
# last this long (seconds), so the plan survives browser restarts.
PLAN_SESSION_AGE = int(os.environ.get("CAREERPATH_PLAN_DAYS", "180")) * 24 * 60 * 60

# Public forms: how often one client may send them, and how long visitors' emails are kept.
QUESTIONS_PER_HOUR = int(os.environ.get("CAREERPATH_QUESTIONS_PER_HOUR", "5"))
FEEDBACK_PER_HOUR = int(os.environ.get("CAREERPATH_FEEDBACK_PER_HOUR", "20"))
QUESTION_EMAIL_DAYS = int(os.environ.get("CAREERPATH_QUESTION_EMAIL_DAYS", "90"))
