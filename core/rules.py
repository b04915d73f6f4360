"""The one way a service refuses with a rule's sentence (each app's `rules.py` says why an
action cannot happen now, or None when it can)."""

from django.core.exceptions import ValidationError


def refuse(problem: str | None) -> None:
    """Raise the rule's sentence as a ValidationError, if the rule says no."""
    if problem:
        raise ValidationError(problem)
