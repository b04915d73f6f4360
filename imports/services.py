"""Imports from the pages: upload, a dry run in the background, then a confirmed commit."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from imports import registry
from imports.files import MAX_BYTES, ImportFileError
from imports.models import ImportBatch
from imports.plans import ImportPlan, commit_plan
from imports.rules import confirm_error
from imports.tasks import import_commit, import_validate


@transaction.atomic
def import_batch_create(*, user: User, filename: str, content: bytes,
                        kind: str = "trainees") -> ImportBatch:
    """Keep the uploaded file and check it in the background (a Celery task)."""
    if kind not in registry.kinds():
        raise ValidationError("Choose what the file holds: " + ", ".join(registry.kinds()))
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise ValidationError("The file must be a CSV or an XLSX spreadsheet")
    if len(content) > MAX_BYTES:
        raise ValidationError(f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB")
    batch = ImportBatch.objects.create(uploaded_by=user, region=user.region, filename=filename[:200],
                                       content=content, kind=kind)
    import_validate.delay_on_commit(batch.pk)
    return batch


def _plan(batch: ImportBatch) -> ImportPlan:
    def progress(done: int) -> None:  # during the dry run (no transaction) the page sees it at once
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done)

    plan = registry.plan_import(batch.kind, batch.filename, bytes(batch.content),
                                region_id=batch.region_id, on_progress=progress)
    ImportBatch.objects.filter(pk=batch.pk).update(rows_total=len(plan.outcomes))
    return plan


def import_batch_validate(*, batch_id: int) -> ImportBatch:
    """The dry run: what each row would do. Writes no trainee."""
    batch = ImportBatch.objects.get(pk=batch_id)
    try:
        plan = _plan(batch)
    except ImportFileError as error:
        batch.status, batch.error = ImportBatch.Status.FAILED, str(error)
        batch.save(update_fields=["status", "error", "updated_at"])
        return batch
    batch.summary, batch.report = plan.counts(), plan.report()
    batch.rows_done = len(plan.outcomes)
    batch.status = ImportBatch.Status.VALIDATED
    batch.save(update_fields=["summary", "report", "rows_done", "status", "updated_at"])
    return batch


@transaction.atomic
def import_batch_confirm(*, batch: ImportBatch) -> ImportBatch:
    """Staff confirm: the commit runs in the background, once."""
    if problem := confirm_error(batch):
        raise ValidationError(problem)
    # Claimed by a conditional update: two confirmations at once import the file once.
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.VALIDATED).update(
        status=ImportBatch.Status.COMMITTING)
    if not claimed:
        raise ValidationError("This file has already been imported or is being imported.")
    import_commit.delay_on_commit(batch.pk)
    batch.refresh_from_db()
    return batch


def import_batch_commit(*, batch_id: int) -> ImportBatch:
    """Check the file again (records may have changed) and write it, all or nothing."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status != ImportBatch.Status.COMMITTING:
        return batch  # a redelivered task: already done
    try:
        with transaction.atomic():
            counts = commit_plan(_plan(batch))
            batch.summary, batch.status = counts, ImportBatch.Status.COMMITTED
            batch.save(update_fields=["summary", "status", "updated_at"])
    except (ImportFileError, ValidationError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        ImportBatch.objects.filter(pk=batch_id).update(status=ImportBatch.Status.FAILED, error=message)
    batch.refresh_from_db()
    return batch
