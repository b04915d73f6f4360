"""How long each kind of text a person types may be.

One set of limits for the model field (and so the form, the API and the database, which
all read it) and for anything that copies the text somewhere else (an email's subject, a
log line): a copy reads the limit from the field it is copied into and cuts to fit.
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

NAME = 150  # a person's first or last name (Django's own limit)
TITLE = 200  # a title, an organisation, a place
NOTE = 2000  # a note or a short answer
TEXT = 10_000  # an account of what someone did, a description


class LimitedTextField(models.TextField):
    """A text box with a length limit that `full_clean` (and so every service) checks too:
    Django's TextField checks its max_length in forms only."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(
                self.max_length, "This must be %(limit_value)d characters or fewer (it has %(show_value)d)"))


def text_limits(name: str, **limits: int) -> models.CheckConstraint:
    """A check constraint holding each named text field to its length, so the database
    agrees with the form (TextField's max_length alone is not enforced by the database)."""
    condition = Q(*[LessThanOrEqual(Length(field), limit) for field, limit in limits.items()])
    return models.CheckConstraint(
        name=name, condition=condition,
        violation_error_message="A text is longer than its limit: shorten it and try again.")


def fit(text: str, model: type[models.Model], field: str) -> str:
    """`text` cut to the length `model.field` holds, with an ellipsis when cut."""
    limit = getattr(model._meta.get_field(field), "max_length", None)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"
