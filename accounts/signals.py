"""A change of password, or closing an account, revokes the person's API tokens.

A signal, not a service: a password changes by many routes this service does not own
(the admin's password form, `manage.py changepassword`, `User.set_password` anywhere), and
every one of them saves the user. The rule itself is `accounts.tokens.tokens_revoke_all`.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from accounts import tokens
from accounts.models import User

WATCHED = {"password", "is_active"}


@receiver(pre_save, sender=User, dispatch_uid="accounts.revoke_tokens_with_the_credentials")
def revoke_tokens_with_the_credentials(sender, instance: User, raw: bool = False, update_fields=None,
                                       **kwargs) -> None:
    """Revoke the tokens when the save changes the stored password or closes the account.

    Revoked before the row is written, in the save's transaction: should the save fail
    outside one, the tokens are revoked anyway, which errs on the safe side.
    """
    if raw or instance._state.adding or (update_fields is not None and not WATCHED & set(update_fields)):
        return
    if _rehashed_on_sign_in(instance, update_fields):
        return
    stored = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if stored is not None and (stored["password"] != instance.password
                               or (stored["is_active"] and not instance.is_active)):
        tokens.tokens_revoke_all(user=instance)


def _rehashed_on_sign_in(user: User, update_fields) -> bool:
    """Django re-hashes the same password on sign-in when its hasher's settings have moved on
    (`AbstractBaseUser.check_password`): it saves only the password and marks the hash upgrade
    by leaving `_password` unset, as `set_password` never does. That is no change of password."""
    return (update_fields is not None and set(update_fields) == {"password"}
            and getattr(user, "_password", None) is None)
