"""Settings shared by every environment.

Everything that differs between machines comes from the environment. Unset, the
embedded default applies: SQLite and Celery tasks run eagerly in-process, so
`make run` needs nothing else installed.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Only good for local development; production.py refuses to start with it.
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_celery_beat",
    "simple_history",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    # Ground first, roof last: docs/architecture.md.
    "reference",
    "accounts",
    "notifications",
    "imports",
    "trainees",
    "mentoring",
    "schemes",
    "pipeline",
    "allocation",
    "ideas",
    "portal",
    "demo",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so static files keep their caching: nothing else is ever stored.
    "core.middleware.NeverStore",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # django-allauth's sign-in stages (two-factor, reauthentication) need it.
    "allauth.account.middleware.AccountMiddleware",
    # Staff, directors and administrators set up two-factor sign-in before anything else.
    "accounts.middleware.TwoFactorRequired",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records who made each change in the audit trail (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: counts failed sign-ins and locks out guessing.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # django-allauth signs in with email and password (and, later, single sign-on).
    "allauth.account.auth_backends.AuthenticationBackend",
    # The admin site's own sign-in form.
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins for one account from one address lock that account from that address
# for an hour (django-axes): one person's typos never lock out anyone else behind a shared
# address. Administrators unlock at /accounts/locked/ (or `manage.py axes_reset_username`).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.addresses.sign_in_name"
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
# How many proxies we run in front of the service, each appending to X-Forwarded-For: the
# client's address is read from there only when this is set (accounts/addresses.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Accounts: django-allauth, with our forms, adapter and Jinja2 pages (templates/account/).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_TEMPLATE_EXTENSION = "jinja"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Accounts are made for people by staff, at addresses their employer gave them; nobody signs
# up, so there is no new address to verify. Single sign-on links only a verified address.
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
# No email to an address without an account: the page says the same either way.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# "Your password was changed" and the like.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SESSION_REMEMBER = True  # for SESSION_COOKIE_AGE, as before
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_FORMS = {
    "login": "accounts.forms.SignInForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "set_password": "accounts.forms.SetPasswordForm",
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
# Two-factor sign-in (allauth.mfa): an authenticator app, with recovery codes.
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Clinical leadership pipeline"
# A code from the 30 seconds before or after is accepted too (a slow phone or typist).
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {
    "authenticate": "accounts.forms.TwoFactorSignInForm",
    "reauthenticate": "accounts.forms.TwoFactorReauthenticateForm",
    "activate_totp": "accounts.forms.AuthenticatorSetUpForm",
}
# The roles that must sign in with two factors (accounts.rules.two_factor_required); the
# others may choose to. development.py turns it off for the demo accounts.
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=["deanery_staff", "medical_director",
                                                             "administrator"])
# Single sign-on with OpenID Connect (NHS CIS2, an organisation's Microsoft Entra ID), from the
# environment: OIDC_PROVIDERS, a JSON list of {"id", "name", "server_url", "client_id",
# "secret"[, "settings"]}, or one provider from OIDC_SERVER_URL, OIDC_CLIENT_ID,
# OIDC_CLIENT_SECRET, OIDC_NAME (and OIDC_ID). Nobody gets an account by signing on: a first
# sign-in joins the account whose email address the provider says it has verified.
def _oidc_apps() -> list[dict]:
    providers = list(env.json("OIDC_PROVIDERS", default=[]))
    if env("OIDC_SERVER_URL", default=""):
        providers.append({"id": env("OIDC_ID", default="organisation"),
                          "name": env("OIDC_NAME", default="your organisation"),
                          "server_url": env("OIDC_SERVER_URL"), "client_id": env("OIDC_CLIENT_ID"),
                          "secret": env("OIDC_CLIENT_SECRET", default="")})
    return [{"provider_id": p["id"], "name": p["name"], "client_id": p["client_id"],
             "secret": p.get("secret", ""),
             "settings": {"server_url": p["server_url"], "oauth_pkce_enabled": True, **p.get("settings", {})}}
            for p in providers]


SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": _oidc_apps()}}
SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False  # a POST starts it, so a link cannot
SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = ""  # /accounts/sso/<provider id>/login/

# django-axes alone locks out failed sign-ins (by account and address together); allauth's
# per-address limits on signing in would lock out a whole trust behind one address.
ACCOUNT_RATE_LIMITS = {"login": None, "login_failed": None}

# A strict Content Security Policy: nothing from other hosts, no inline scripts or styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        # Pages use the official NHS.UK macros, which are Jinja2.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "core.jinja2.environment"},
    },
    {
        # Django templates are kept for the admin.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# The web process sets this (docker-compose.yml): no page can hold a worker on a slow
# query for longer; Celery workers leave it unset, since matching runs for minutes.
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=0)
if DATABASE_STATEMENT_TIMEOUT_MS and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"  # the start page
# A link to reset a password works once, for this long.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60 * 3)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # one working day
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# static/ holds our own CSS and JS; static/dist/ is built from npm packages by
# scripts/build_assets.py (not committed).
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Email: console in development; SMTP settings come from the environment in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Leadership pipeline <no-reply@example.org>")

# Celery. Without REDIS_URL the embedded default runs tasks eagerly in-process.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A worker that dies mid-task gets the message redelivered, not lost.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_TASK_DEFAULT_QUEUE = "default"
# Each task names its queue where it is declared (core.tasks.task); this router reads it.
CELERY_TASK_ROUTES = ("core.tasks.route",)
# An unacknowledged task (its worker died) is handed out again after this long.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60)
}
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The beat schedule is in config/celery_app.py.

# Redis when configured (shared by every process, e.g. for coalescing rematches).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

SERVICE_NAME = "Clinical leadership pipeline"
# Where the service is reached, for links in emails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Matching (docs/matching.md).
MATCH_TOP_K = env.int("MATCH_TOP_K", default=50)
MATCH_FULL_CHUNKS = env.int("MATCH_FULL_CHUNKS", default=4)
MATCH_REMATCH_DELAY_SECONDS = env.int("MATCH_REMATCH_DELAY_SECONDS", default=60)

# A trust's directors hear that a candidate is interested in a role at most once in this
# many hours, however often the candidate withdraws and says yes again.
INTEREST_EMAIL_WINDOW_HOURS = env.int("INTEREST_EMAIL_WINDOW_HOURS", default=24)

# Stewardship thresholds, in months (docs/stewardship.md).
STEWARDSHIP_GRACE_MONTHS = env.int("STEWARDSHIP_GRACE_MONTHS", default=3)
STEWARDSHIP_INTEREST_MONTHS = env.int("STEWARDSHIP_INTEREST_MONTHS", default=6)
STEWARDSHIP_CONTACT_MONTHS = env.int("STEWARDSHIP_CONTACT_MONTHS", default=3)
STEWARDSHIP_LOST_MONTHS = env.int("STEWARDSHIP_LOST_MONTHS", default=12)
STEWARDSHIP_STALE_PORTFOLIO_MONTHS = env.int("STEWARDSHIP_STALE_PORTFOLIO_MONTHS", default=6)
# The return to training (docs/stewardship.md): a plan opens this many weeks before a
# fellowship ends; a step waiting this many days is reminded once, and stalls the plan.
RETURN_PLAN_WEEKS = env.int("RETURN_PLAN_WEEKS", default=12)
RETURN_PLAN_REMIND_DAYS = env.int("RETURN_PLAN_REMIND_DAYS", default=14)
RETURN_PLAN_STALL_DAYS = env.int("RETURN_PLAN_STALL_DAYS", default=28)
# Fresh-eyes ideas (docs/ideas.md): the days a trust has to answer an idea, the days after which
# its lead is reminded, how long after a placement starts ideas may be shared, and how late the
# daily job still invites a trainee whose placement has started (an import of last month's).
IDEAS_ANSWER_DAYS = env.int("IDEAS_ANSWER_DAYS", default=30)
IDEAS_REMIND_DAYS = env.int("IDEAS_REMIND_DAYS", default=21)
IDEAS_OPEN_DAYS = env.int("IDEAS_OPEN_DAYS", default=90)
IDEAS_INVITE_WITHIN_DAYS = env.int("IDEAS_INVITE_WITHIN_DAYS", default=28)

# A personal API token stops working this many days after it is made (the account page
# says when); a change of password or a closed account revokes it sooner.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=90)
# How long the link in an invitation email works (accounts.invitations).
INVITATION_DAYS = env.int("INVITATION_DAYS", default=14)

# Before a candidate says they are interested, a director sees only what at least this
# many discoverable trainees of the candidate's region share (pipeline/anonymity.py).
ANONYMITY_K = env.int("ANONYMITY_K", default=5)

# The REST API (/api/v1/): personal tokens or the browser's session; JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so a request with no credentials gets 401 and a Bearer challenge.
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.RoleScoped"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.filters.Pages",
    "DEFAULT_SCHEMA_CLASS": "api.schema.DocumentedErrorsSchema",
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Clinical leadership talent pipeline API",
    "DESCRIPTION": "The same data and permissions as the service's pages, for integrations.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Read from the database when the schema is built: a role's lowest and highest grade.
    "ENUM_NAME_OVERRIDES": {"GradeEnum": "api.writes.grade_codes",
                            "OpportunityKindEnum": "pipeline.models.Vacancy.Kind"},
    # The schema lists reference data (grades, specialties) read from the database, so it
    # cannot be built by `check --deploy` before migrating; the test suite builds and
    # fuzzes it instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}
