"""Checking a row's values the way the database will, so the dry run reports every problem
the commit could meet (issue #23).

Each check reads the model field itself (its max_length, choices, validators), so a limit
changed in a model is checked here from then on, with no number copied.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst

SHOWN_CHARS = 60  # of a value quoted back in a message: enough to find it in the file
NUL = "\x00"


def field_errors(model: type[models.Model], values: Mapping[str, object]) -> list[str]:
    """What `model`'s own fields refuse among `values` (field name to value), in plain
    English: a value too long, missing, not one of the choices, badly formed, or holding
    a character PostgreSQL cannot store. Relations are not checked here: each planner
    looks them up itself."""
    errors = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        if isinstance(field, models.Field) and not field.is_relation:
            errors += _errors_of(field, value)
    return errors


def _errors_of(field: models.Field, value: object) -> list[str]:
    label = str(capfirst(field.verbose_name))
    if isinstance(value, str) and not _can_store(value):
        return [f"{label} holds a character that cannot be stored (a null character, or "
                "half of an emoji): retype it"]
    try:
        field.clean(value, None)
    except ValidationError as invalid:
        return [_plain(field, label, value, problem) for problem in invalid.error_list]
    return []


def _plain(field: models.Field, label: str, value: object, problem: ValidationError) -> str:
    if problem.code == "max_length":
        return f"{label} is longer than {field.max_length} characters"
    if problem.code in ("blank", "null"):
        return f"{label} is missing"
    if problem.code == "invalid_choice":
        return f"{label} '{shown(value)}' must be one of: " + ", ".join(
            str(choice) for choice, _ in field.flatchoices)
    if isinstance(field, models.EmailField):
        return f"{label} '{shown(value)}' is not an email address"
    return f"{label} '{shown(value)}' is not valid: " + " ".join(problem.messages)


def _can_store(text: str) -> bool:
    """PostgreSQL refuses a NUL in text, and UTF-8 cannot hold half a surrogate pair
    (which JSON from the API can carry)."""
    if NUL in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def storable(value: object) -> str:
    """The value as text PostgreSQL can store, what it cannot hold written out (\\x00)."""
    return str(value).replace(NUL, "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A value as a message may quote it: short, and storable in the batch's report."""
    text = storable(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
