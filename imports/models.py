"""An uploaded spreadsheet and what became of it."""

from django.conf import settings
from django.db import models

from core.modeling import PublicModel


class ImportBatch(PublicModel):
    """An uploaded spreadsheet: validated as a dry run, then committed all-or-nothing."""

    class Status(models.TextChoices):
        VALIDATING = "validating", "Checking"
        VALIDATED = "validated", "Checked, not yet imported"
        COMMITTING = "committing", "Importing"
        COMMITTED = "committed", "Imported"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, default="trainees")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        "reference.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.VALIDATING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # {"create": n, "update": n, "unchanged": n, "refused": n}
    summary = models.JSONField(default=dict)
    # The rows that need a person's eye: refused ones first, then a sample of the rest.
    report = models.JSONField(default=list)
    error = models.TextField(blank=True)

    class Meta:
        db_table = "pipeline_importbatch"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"
