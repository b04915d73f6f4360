"""`make run`: the embedded default with debugging on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The demo accounts (README) sign in with a password alone; set MFA_REQUIRED_ROLES to try it.
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=[])
