"""What an account may do now, and why not (None when it may)."""

from accounts.models import Role, User


def erasure_error(user: User) -> str | None:
    """Why this account cannot be deleted now."""
    if user.role == Role.ADMINISTRATOR and not User.objects.filter(
            role=Role.ADMINISTRATOR, is_active=True).exclude(pk=user.pk).exists():
        return ("You are the only administrator. Make someone else an administrator before you "
                "delete your account")
    return None
