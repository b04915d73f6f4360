"""Imports from the pages: upload, a dry run in the background, then a confirmed commit."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from pipeline.models import ImportBatch
from trainees.imports import MAX_BYTES, ImportFileError
from trainees.imports_more import KINDS, commit_planned, plan_import

IMPORT_KINDS = ["trainees", *KINDS]


@transaction.atomic
def import_batch_create(*, user: User, filename: str, content: bytes,
                        kind: str = "trainees") -> ImportBatch:
    """Keep the uploaded file and check it in the background (a Celery task)."""
    from trainees.tasks import import_validate

    if kind not in IMPORT_KINDS:
        raise ValidationError("Choose what the file holds: trainees, placements or fellowships")
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise ValidationError("The file must be a CSV or an XLSX spreadsheet")
    if len(content) > MAX_BYTES:
        raise ValidationError(f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB")
    batch = ImportBatch.objects.create(uploaded_by=user, region=user.region, filename=filename[:200],
                                       content=content, kind=kind)
    transaction.on_commit(lambda: import_validate.delay(batch.pk))
    return batch


def _plan(batch: ImportBatch):
    def progress(done: int) -> None:  # during the dry run (no transaction) the page sees it at once
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done)

    planned = plan_import(batch.kind, batch.filename, bytes(batch.content), region_id=batch.region_id,
                         on_progress=progress)
    ImportBatch.objects.filter(pk=batch.pk).update(rows_total=len(planned.plan.outcomes))
    return planned


def import_batch_validate(*, batch_id: int) -> ImportBatch:
    """The dry run: what each row would do. Writes no trainee."""
    batch = ImportBatch.objects.get(pk=batch_id)
    try:
        plan = _plan(batch).plan
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
    from trainees.tasks import import_commit

    if batch.summary.get("refused"):
        raise ValidationError("Some rows are refused: correct the file and upload it again.")
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.VALIDATED).update(
        status=ImportBatch.Status.COMMITTING)
    if not claimed:
        raise ValidationError("This file has already been imported or is being imported.")
    transaction.on_commit(lambda: import_commit.delay(batch.pk))
    batch.refresh_from_db()
    return batch


def import_batch_commit(*, batch_id: int) -> ImportBatch:
    """Check the file again (records may have changed) and write it, all or nothing."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status != ImportBatch.Status.COMMITTING:
        return batch  # a redelivered task: already done
    try:
        with transaction.atomic():
            counts = commit_planned(_plan(batch))
            batch.summary, batch.status = counts, ImportBatch.Status.COMMITTED
            batch.save(update_fields=["summary", "status", "updated_at"])
    except (ImportFileError, ValidationError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        ImportBatch.objects.filter(pk=batch_id).update(status=ImportBatch.Status.FAILED, error=message)
    batch.refresh_from_db()
    return batch
