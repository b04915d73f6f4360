"""Abstract model bases shared by the apps."""

import uuid

from django.db import models
from django.db.models import F, Q


class PublicModel(models.Model):
    """A row with a UUID for URLs and the API (never expose sequential ids)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class StatusTag:
    """A model with a `status` says the colour of its NHS.UK tag, so templates never map
    statuses to colours themselves (templates/macros/status.jinja)."""

    STATUS_COLOURS: dict[str, str] = {}
    status: str

    @property
    def status_colour(self) -> str:
        return self.STATUS_COLOURS.get(self.status, "grey")


def ends_after_start(name: str, start: str = "start_date", end: str = "end_date"):
    """A check constraint: the end date, when there is one, is after the start date."""
    return models.CheckConstraint(
        name=name,
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": F(start)}),
        violation_error_message="The end date must be after the start date.",
    )
