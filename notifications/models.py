"""The notification outbox: every email the service sends, and whether it left."""

from django.conf import settings
from django.db import models

from core.modeling import PublicModel


class Notification(PublicModel):
    """An email we send, kept as an outbox: what went to whom, when, and whether it left."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="notifications",
    )
    to_address = models.EmailField()
    template = models.CharField(max_length=100)
    subject = models.CharField(max_length=200)
    context = models.JSONField(default=dict)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        db_table = "pipeline_notification"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to_address} ({self.get_status_display()})"
