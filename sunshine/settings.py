"""Settings for Sunshine, read from the environment (see ``sunshine.env`` and docs/operations.md)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sunshine.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SUNSHINE_VAR_DIR", str(BASE_DIR / "var")))

DEMO_SECRET_KEY = "sunshine-demo-secret-key-never-use-in-production"  # noqa: S105 - refused below
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", DEMO_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEMO_SECRET_KEY and not env_bool("SUNSHINE_ALLOW_DEMO_SECRET", False):
    raise ImproperlyConfigured(
        "SECRET_KEY is the demo secret. Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value "
        "in production, or DEBUG=1 for the demo."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env_str("SUNSHINE_SITE_NAME", "阳光政务")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # the Swagger UI of /api/v1/docs from its own static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "sunshine.core",
    "sunshine.accounts",
    "sunshine.agencies",
    "sunshine.workdays",
    "sunshine.inforequests",
    "sunshine.annualreports",
    "sunshine.records",
    "sunshine.solicitations",
    "sunshine.surveys",
    "sunshine.letters",
    "sunshine.search",
    "sunshine.faq",
    "sunshine.opendays",
    "sunshine.eservices",
    "sunshine.cases",
    "sunshine.outbox",
    "sunshine.supervision",
    "sunshine.sitehealth",
    "sunshine.evaluations",
    "sunshine.oversight",
    "sunshine.ledger",
    "sunshine.inspections",
    "sunshine.newmedia",
    "sunshine.onboarding",
    "sunshine.bulletins",
    "sunshine.portal",
    "sunshine.backoffice",
    "sunshine.api",
]
# The demo and benchmark data commands (demo_data, demo_records, demo_requests, generate); production
# may leave them out with SUNSHINE_DEMO_APP=0 (no production module imports sunshine.demo).
DEMO_APP = env_bool("SUNSHINE_DEMO_APP", True)
if DEMO_APP:
    INSTALLED_APPS.append("sunshine.demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sunshine.core.csp.ContentSecurityPolicyMiddleware",
    "sunshine.api.middleware.ApiErrorEnvelopeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sunshine.portal.middleware.StoredPublicPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sunshine.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sunshine.core.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
    # Looks only at 404s: an imported record's old address → 301 (docs/onboarding.md#old-addresses).
    "sunshine.onboarding.old_addresses.OldAddressMiddleware",
]

ROOT_URLCONF = "sunshine.urls"
WSGI_APPLICATION = "sunshine.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sunshine" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sunshine.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite (WAL) is the embedded default; PostgreSQL in production: DATABASE_URL=postgres://...
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sunshine.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("SUNSHINE_TEST_SQLITE", "") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Read replica (scale-out, docs/operations.md#scale-out) -----------------------------------
# With DATABASE_REPLICA_URL (a PostgreSQL streaming replica), anonymous public GETs read from it;
# signed-in staff, every write and the browser that wrote in the last SUNSHINE_REPLICA_PIN_SECONDS
# read from the primary (sunshine.core.db_routing). Without it nothing changes.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
SUNSHINE_REPLICA_PIN_SECONDS = env_int("SUNSHINE_REPLICA_PIN_SECONDS", 15)
SUNSHINE_REPLICA_DATABASE: str | None = None
if DATABASE_REPLICA_URL:
    SUNSHINE_REPLICA_DATABASE = "replica"
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["sunshine.core.db_routing.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "sunshine.core.db_routing.ReplicaReadMiddleware",
    )

# --- Cache (Redis when REDIS_URL is set) ------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("SUNSHINE_CACHE_PREFIX", "sunshine"),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks (django-tasks backport of django.tasks) ---------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env_str("SUNSHINE_TASKS", "immediate") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "portal:home"
# Lockout after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env_int("SUNSHINE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("SUNSHINE_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
# Locked by the pair username + address: a guesser elsewhere cannot lock a person out of their own
# device (docs/security.md#guessing-and-lockout). An address that fails this many times across any
# usernames is locked itself (sunshine/accounts/guessing.py).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "sunshine.accounts.guessing.AddressLockHandler"
SUNSHINE_LOGIN_FAILURES_PER_ADDRESS = env_int("SUNSHINE_LOGIN_FAILURES_PER_ADDRESS", 20)
# This many lockouts within this many seconds send one e-mail to ADMINS and the superusers.
SUNSHINE_LOCKOUT_ALERT_THRESHOLD = env_int("SUNSHINE_LOCKOUT_ALERT_THRESHOLD", 10)
SUNSHINE_LOCKOUT_ALERT_WINDOW = env_int("SUNSHINE_LOCKOUT_ALERT_WINDOW", 10 * 60)
ADMINS = [("Sunshine administrators", a) for a in env_list("SUNSHINE_ADMIN_EMAILS", [])]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sunshine.accounts.lockout.lockout_response"
AXES_VERBOSE = False
API_TOKEN_DAYS = env_int("SUNSHINE_API_TOKEN_DAYS", 30)
# The second factor (django-otp, docs/security.md#second-factor): staff may add a TOTP app; with this
# setting on (the default when DEBUG is off), administrators and superusers must, before any staff page.
SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS = env_bool("SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS", not DEBUG)
OTP_TOTP_ISSUER = SITE_NAME
# Seconds between the password and the code on the sign-in's second step; wrong codes allowed there.
SUNSHINE_SECOND_STEP_SECONDS = env_int("SUNSHINE_SECOND_STEP_SECONDS", 5 * 60)
SUNSHINE_SECOND_STEP_TRIES = env_int("SUNSHINE_SECOND_STEP_TRIES", 5)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "sunshine" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "media")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- Security -------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (sunshine.core.csp): where browsers send their violation reports, if anywhere.
SUNSHINE_CSP_REPORT_URI = env_str("SUNSHINE_CSP_REPORT_URI", "")
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Paths answered over plain HTTP too (load balancer health checks).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@sunshine.invalid")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# --- Sunshine -------------------------------------------------------------------------------
SUNSHINE_DUE_SOON_WORKING_DAYS = env_int("SUNSHINE_DUE_SOON_WORKING_DAYS", 3)
# Paths of the former site (TRS, Hanweb…) whose unknown pages show the search for their words.
SUNSHINE_OLD_SITE_PREFIXES = tuple(
    env_list("SUNSHINE_OLD_SITE_PREFIXES", ["/art/", "/col/", "/module/", "/zwgk/", "/xxgk/", "/govinfo/"])
)
SUNSHINE_ATTACHMENT_MAX_BYTES = env_int("SUNSHINE_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024)
# Bounds on reading an uploaded file (docs/security.md#uploads): what a DOCX or XLSX may unpack to
# (and each stream of a PDF), how deep and how many its XML elements, how much text, and the CPU
# seconds reading one file may take. A file past one is refused with the reason.
SUNSHINE_UPLOAD_MAX_UNPACKED_BYTES = env_int("SUNSHINE_UPLOAD_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
SUNSHINE_UPLOAD_MAX_XML_DEPTH = env_int("SUNSHINE_UPLOAD_MAX_XML_DEPTH", 256)
SUNSHINE_UPLOAD_MAX_XML_ELEMENTS = env_int("SUNSHINE_UPLOAD_MAX_XML_ELEMENTS", 1_000_000)
SUNSHINE_UPLOAD_MAX_TEXT_CHARS = env_int("SUNSHINE_UPLOAD_MAX_TEXT_CHARS", 5_000_000)
SUNSHINE_UPLOAD_MAX_SECONDS = env_int("SUNSHINE_UPLOAD_MAX_SECONDS", 10)
# Service cases (docs/cases.md#warnings): the yellow warning once this percentage of the promised
# working days is used (or one working day is left).
SUNSHINE_CASE_YELLOW_SHARE = env_int("SUNSHINE_CASE_YELLOW_PERCENT", 80) / 100
# Electronic supervision (docs/supervision.md#anomalies): a case decided in fewer working days after
# its acceptance than this is "too fast" (即办件, promised in 0 days, are never); a suspension longer
# than this many working days is an anomaly.
SUNSHINE_SUPERVISION_MIN_DECISION_DAYS = env_int("SUNSHINE_SUPERVISION_MIN_DECISION_DAYS", 1)
SUNSHINE_SUPERVISION_MAX_SUSPENSION_DAYS = env_int("SUNSHINE_SUPERVISION_MAX_SUSPENSION_DAYS", 60)
# Service evaluation (docs/evaluations.md): the agency rectifies a bad rating within this many working
# days of the rating; the applicant's rating link (sent by text message) works for this many days.
SUNSHINE_EVALUATION_RECTIFICATION_DAYS = env_int("SUNSHINE_EVALUATION_RECTIFICATION_DAYS", 15)
SUNSHINE_EVALUATION_LINK_DAYS = env_int("SUNSHINE_EVALUATION_LINK_DAYS", 30)
# Inspections (docs/inspections.md): the agency rectifies a finding within this many working days.
SUNSHINE_INSPECTION_RECTIFICATION_DAYS = env_int("SUNSHINE_INSPECTION_RECTIFICATION_DAYS", 15)
# Whether an agency's replies are reviewed and signed before they are sent, where the agency has not
# chosen (its request settings). On by default (docs/workflows.md#replies).
SUNSHINE_REPLY_REVIEW_DEFAULT = env_bool("SUNSHINE_REPLY_REVIEW_DEFAULT", True)
# The portal's public address ("https://gk.example.gov.cn"), for links in messages sent outside a
# web request (reminders from the scheduled command). Empty: such links are paths.
SUNSHINE_SITE_URL = env_str("SUNSHINE_SITE_URL", "").rstrip("/")
# Static publishing (docs/static_publishing.md): the folder nginx serves the public portal from, kept
# up to date after every change to public content. Empty: off (``sunshine publish-static DIR`` still
# writes a copy on demand).
SUNSHINE_STATIC_SITE_DIR = env_str("SUNSHINE_STATIC_SITE_DIR", "")
# Website health (docs/sitehealth.md#settings): the crawler of the portal itself and the probe of
# /healthz. The address crawled (default: SUNSHINE_SITE_URL), its bounds and manners, and which
# catalogue keys are news columns (two weeks) and notice or policy columns (six months).
SUNSHINE_SITEHEALTH_BASE_URL = env_str("SUNSHINE_SITEHEALTH_BASE_URL", "").rstrip("/")
SUNSHINE_SITEHEALTH_MAX_PAGES = env_int("SUNSHINE_SITEHEALTH_MAX_PAGES", 2000)
SUNSHINE_SITEHEALTH_MAX_DEPTH = env_int("SUNSHINE_SITEHEALTH_MAX_DEPTH", 4)
SUNSHINE_SITEHEALTH_DELAY_MS = env_int("SUNSHINE_SITEHEALTH_DELAY_MS", 500)
SUNSHINE_SITEHEALTH_TIMEOUT = env_int("SUNSHINE_SITEHEALTH_TIMEOUT", 10)
SUNSHINE_SITEHEALTH_USER_AGENT = env_str(
    "SUNSHINE_SITEHEALTH_USER_AGENT", "SunshineSiteHealth/1.0 (the portal's own link check)"
)
SUNSHINE_SITEHEALTH_SKIP_PREFIXES = env_list(
    "SUNSHINE_SITEHEALTH_SKIP_PREFIXES", ["/staff/", "/admin/", "/api/", "/i18n/", "/language/"]
)
SUNSHINE_SITEHEALTH_DYNAMIC_KEYS = env_list("SUNSHINE_SITEHEALTH_DYNAMIC_KEYS", ["work_news"])
SUNSHINE_SITEHEALTH_NOTICE_POLICY_KEYS = env_list(
    "SUNSHINE_SITEHEALTH_NOTICE_POLICY_KEYS",
    ["notices", "policy_documents", "normative_documents", "other_documents", "policy_interpretation"],
)
SUNSHINE_SITEHEALTH_BLANK_COLUMNS_VETO = env_int("SUNSHINE_SITEHEALTH_BLANK_COLUMNS_VETO", 5)
# Text messages to applicants who gave a phone but no e-mail (sunshine.core.messaging): "log" writes
# them to the log (the demo), "http" posts them to the provider's API.
SUNSHINE_SMS_BACKEND = env_str("SUNSHINE_SMS_BACKEND", "log")
SUNSHINE_SMS_URL = env_str("SUNSHINE_SMS_URL", "")
SUNSHINE_SMS_TOKEN = env_str("SUNSHINE_SMS_TOKEN", "")
SUNSHINE_SMS_TIMEOUT = env_int("SUNSHINE_SMS_TIMEOUT", 10)

# The outbox to the provincial government-services platform (docs/outbox.md): case events are posted
# as JSON to this address by `manage.py outbox_push`; empty: nothing is sent, messages stay pending.
SUNSHINE_OUTBOX_URL = env_str("SUNSHINE_OUTBOX_URL", "")
SUNSHINE_OUTBOX_TOKEN = env_str("SUNSHINE_OUTBOX_TOKEN", "")
SUNSHINE_OUTBOX_TIMEOUT = env_int("SUNSHINE_OUTBOX_TIMEOUT", 10)

# New-media accounts (docs/newmedia.md#cross-posting): the platforms' API addresses (tests point them at
# local fake servers), the time allowed per call, and the credentials of the accounts: a JSON object
# keyed by the account's id on the platform ({"gh_123": {"appid": "…", "secret": "…"}, "1234567":
# {"access_token": "…"}}), read from the file named here (kept out of the database and of the code).
SUNSHINE_NEWMEDIA_WECHAT_URL = env_str("SUNSHINE_NEWMEDIA_WECHAT_URL", "https://api.weixin.qq.com").rstrip(
    "/"
)
SUNSHINE_NEWMEDIA_WEIBO_URL = env_str("SUNSHINE_NEWMEDIA_WEIBO_URL", "https://api.weibo.com").rstrip("/")
SUNSHINE_NEWMEDIA_TIMEOUT = env_int("SUNSHINE_NEWMEDIA_TIMEOUT", 10)
SUNSHINE_NEWMEDIA_CREDENTIALS_FILE = env_str("SUNSHINE_NEWMEDIA_CREDENTIALS_FILE", "")
SUNSHINE_NEWMEDIA_CREDENTIALS: dict[str, dict[str, str]] = {}  # the same, set here (a local settings module)

# Letters' moderation and brakes (docs/letters.md#moderation, #brakes): a letter from the same phone or
# e-mail whose subject and text are at least this similar (0–1, shingles of two characters) to one
# of the last days is flagged as a probable duplicate; words that flag a letter as abusive (commas).
SUNSHINE_LETTERS_DUPLICATE_DAYS = env_int("SUNSHINE_LETTERS_DUPLICATE_DAYS", 30)
SUNSHINE_LETTERS_DUPLICATE_SIMILARITY = env_int("SUNSHINE_LETTERS_DUPLICATE_SIMILARITY_PERCENT", 80) / 100
SUNSHINE_LETTERS_ABUSIVE_WORDS = env_list(
    "SUNSHINE_LETTERS_ABUSIVE_WORDS", ["傻逼", "操你", "去死", "王八蛋", "狗官"]
)
# New letters online (API and form): at most this many per phone or e-mail a day, per address an hour.
SUNSHINE_LETTERS_PER_CONTACT_PER_DAY = env_int("SUNSHINE_LETTERS_PER_CONTACT_PER_DAY", 5)
SUNSHINE_LETTERS_PER_ADDRESS_PER_HOUR = env_int("SUNSHINE_LETTERS_PER_ADDRESS_PER_HOUR", 10)
# The public forms ask a question (sunshine/core/challenge.py) once an address has sent this many in
# the brake's window; the question is valid this many seconds.
SUNSHINE_CHALLENGE_AFTER = env_int("SUNSHINE_CHALLENGE_AFTER", 3)
SUNSHINE_CHALLENGE_MAX_AGE = env_int("SUNSHINE_CHALLENGE_MAX_AGE", 30 * 60)

# The brake on guessing access keys (sunshine/core/key_tries.py, docs/security.md#guessing-and-lockout):
# failed tries allowed per client address and per tracking code in a window of this many seconds,
# across every door that takes a key (API, forms, private links of requests, letters and cases).
SUNSHINE_KEY_TRIES_PER_ADDRESS = env_int("SUNSHINE_KEY_TRIES_PER_ADDRESS", 10)
SUNSHINE_KEY_TRIES_PER_CODE = env_int("SUNSHINE_KEY_TRIES_PER_CODE", 30)
SUNSHINE_KEY_TRIES_WINDOW = env_int("SUNSHINE_KEY_TRIES_WINDOW", 10 * 60)

# The brake on anonymous submissions (sunshine/core/submissions.py, docs/security.md#anonymous-submissions):
# new requests, letters and cases sent online per client address and per e-mail or phone in a window
# of this many seconds; acknowledgements go to an address at most once an hour unless it is
# confirmed (a private link of a message to it was opened), remembered this many days.
SUNSHINE_SUBMISSIONS_PER_ADDRESS = env_int("SUNSHINE_SUBMISSIONS_PER_ADDRESS", 20)
SUNSHINE_SUBMISSIONS_PER_CONTACT = env_int("SUNSHINE_SUBMISSIONS_PER_CONTACT", 10)
SUNSHINE_SUBMISSIONS_WINDOW = env_int("SUNSHINE_SUBMISSIONS_WINDOW", 60 * 60)
SUNSHINE_CONFIRMED_CONTACT_DAYS = env_int("SUNSHINE_CONFIRMED_CONTACT_DAYS", 90)

# The lobby screen (docs/lobby.md): a page left untouched this many seconds returns to the start page;
# the topic words offered above the on-screen keyboard (commas).
SUNSHINE_LOBBY_IDLE_SECONDS = env_int("SUNSHINE_LOBBY_IDLE_SECONDS", 120)
SUNSHINE_LOBBY_TOPICS = env_list("SUNSHINE_LOBBY_TOPICS", ["社保", "医保", "户籍", "教育", "住房", "公积金"])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
SUNSHINE_TRUST_X_FORWARDED_FOR = env_bool("SUNSHINE_TRUST_X_FORWARDED_FOR", False)
# An audit code without a label (sunshine/core/audit_actions.py) is logged here; the tests refuse it.
SUNSHINE_AUDIT_STRICT = False
# HSTS preloading (security.W021) commits the whole domain to HTTPS in browsers for good; it is each
# site's own decision (SECURE_HSTS_PRELOAD=1), not a default.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
