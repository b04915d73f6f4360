"""Personal API tokens: made, used and revoked here, stored only as a digest.

A token is 32 random bytes, so a plain SHA-256 digest is enough to keep it safe at rest
(a slow password hash is for guessable secrets) and lets each request find its token by
an indexed lookup. It expires settings.API_TOKEN_DAYS after it is made, and a change of
its owner's password or their account being closed revokes it (accounts.signals).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, User

PREFIX = "nlp_"  # marks the string as ours, so secret scanners and people can recognise it
MAX_ACTIVE_TOKENS = 10
# Recording every use would write on every API call; once a minute is enough to show.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for the user; returns it and the secret, which is never shown again."""
    name = name.strip()
    if not name:
        raise ValidationError("Enter a name for the token, so you can tell what it is for.")
    User.objects.select_for_update().filter(pk=user.pk).first()  # one creation at a time
    now = timezone.now()
    if user.api_tokens.filter(revoked_at__isnull=True, expires_at__gt=now).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(f"You already have {MAX_ACTIVE_TOKENS} tokens: revoke one you no longer use.")
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=raw[:12], digest=_digest(raw),
                                    expires_at=now + timedelta(days=settings.API_TOKEN_DAYS))
    return token, raw


def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def tokens_revoke_all(*, user: User) -> int:
    """Revoke every token of the user still in use (their password changed, or their account
    was closed): a token must not outlive the credentials it was made with. Returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


class TokenRefused(Exception):
    """Why a token cannot be used, in a sentence for whoever sent it."""


NOT_VALID = "This token is not valid: check that it was copied whole, or make a new one on your account page."


def user_for_token(raw: str) -> User:
    """The active user a live token belongs to; TokenRefused says why when there is none."""
    token = None
    if raw.startswith(PREFIX):
        token = (ApiToken.objects.select_related("user", "user__trust", "user__region")
                 .filter(digest=_digest(raw)).first())
    if token is None:
        raise TokenRefused(NOT_VALID)
    if token.revoked_at is not None:
        raise TokenRefused(f"This token is not valid: it was revoked on {token.revoked_at:%-d %B %Y}. "
                           "Make a new one on your account page.")
    if token.is_expired:
        raise TokenRefused(f"This token is not valid: it expired on {token.expires_at:%-d %B %Y}. "
                           "Make a new one on your account page.")
    if not token.user.is_active:
        raise TokenRefused("This token is not valid: the account it belongs to has been closed.")
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def tokens_of(user: User):
    return user.api_tokens.all()
