"""What an account may do now, and why not (None when it may)."""

from allauth.mfa.models import Authenticator
from django.conf import settings

from accounts.models import Role, User


def erasure_error(user: User) -> str | None:
    """Why this account cannot be deleted now."""
    if user.role == Role.ADMINISTRATOR and not User.objects.filter(
            role=Role.ADMINISTRATOR, is_active=True).exclude(pk=user.pk).exists():
        return ("You are the only administrator. Make someone else an administrator before you "
                "delete your account")
    return None


def two_factor_required(user: User) -> bool:
    """Whether this person must sign in with two factors: settings.MFA_REQUIRED_ROLES, by role
    (staff, directors and administrators in production; optional for everyone else)."""
    return user.role in settings.MFA_REQUIRED_ROLES


def two_factor_missing(user: User) -> bool:
    """Required to sign in with two factors, but no authenticator app set up yet: they set one
    up before anything else (accounts.middleware.TwoFactorRequired)."""
    return two_factor_required(user) and not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP).exists()
