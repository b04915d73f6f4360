"""Imports from the pages: upload, a dry run in the background, then a confirmed commit.

No batch stays "Checking" or "Importing": any failure marks it failed with a sentence
saying why, and a batch whose task died without a word (a worker killed at its time
limit, or out of memory) is marked failed by `import_batches_fail_stopped` on the beat.
A failed file, or one with refused rows, can be checked again.
"""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import User
from core.audit import changes_by
from core.rules import refuse
from imports import registry
from imports.checks import storable
from imports.files import MAX_BYTES, ImportFileError
from imports.models import ImportBatch
from imports.plans import ImportPlan, commit_plan, failure_reason
from imports.rules import confirm_error, recheck_error
from imports.tasks import import_commit, import_validate

logger = logging.getLogger(__name__)
Status = ImportBatch.Status

# A task still running has touched its batch within its own time limit; past that (and a
# margin for a queue backlog) nothing is coming back to finish the batch.
STOPPED_AFTER = timedelta(seconds=max(import_validate.time_limit, import_commit.time_limit) + 600)
STOPPED = ("Checking or importing the file stopped before it finished. Nothing has been imported: "
           "check the file again.")


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
    batch = ImportBatch.objects.create(uploaded_by=user, region=user.region, filename=_kept_name(filename),
                                       content=content, kind=kind)
    import_validate.delay_on_commit(batch.pk)
    return batch


def _kept_name(filename: str) -> str:
    """The file's name as kept: storable (no NUL), and cut in the middle if too long, so
    its extension, which says how to read it, survives."""
    name, limit = storable(filename), ImportBatch._meta.get_field("filename").max_length
    assert limit is not None  # a CharField always has one
    return name if len(name) <= limit else name[:limit - 6] + "…" + name[-5:]


def _touch(batch_id: int, **changes) -> None:
    """Change the batch at once (outside any transaction, so the page sees it) and show it is alive."""
    ImportBatch.objects.filter(pk=batch_id).update(updated_at=timezone.now(), **changes)


def _plan(batch: ImportBatch) -> ImportPlan:
    def progress(done: int) -> None:  # during the dry run (no transaction) the page sees it at once
        _touch(batch.pk, rows_done=done)

    plan = registry.plan_import(batch.kind, batch.filename, bytes(batch.content),
                                region_id=batch.region_id, on_progress=progress)
    _touch(batch.pk, rows_total=len(plan.outcomes))
    return plan


def _fail(batch: ImportBatch, error: Exception, *, was: str) -> ImportBatch:
    """Mark the batch failed with the reason in a sentence; the traceback goes to the log."""
    if not isinstance(error, ImportFileError | ValidationError):
        logger.exception("Import batch %s failed", batch.pk)
    ImportBatch.objects.filter(pk=batch.pk, status=was).update(
        status=Status.FAILED, error=failure_reason(error), updated_at=timezone.now())
    batch.refresh_from_db()
    return batch


def import_batch_validate(*, batch_id: int) -> ImportBatch:
    """The dry run: what each row would do. Writes no trainee."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status != Status.VALIDATING:
        return batch  # a redelivered task, or one that was given up on
    _touch(batch.pk)
    try:
        plan = _plan(batch)
        ImportBatch.objects.filter(pk=batch.pk, status=Status.VALIDATING).update(
            summary=plan.counts(), report=plan.report(), rows_done=len(plan.outcomes),
            status=Status.VALIDATED, updated_at=timezone.now())
    except Exception as error:  # whatever stopped the check, the batch says so
        return _fail(batch, error, was=Status.VALIDATING)
    batch.refresh_from_db()
    return batch


@transaction.atomic
def import_batch_confirm(*, batch: ImportBatch, user: User) -> ImportBatch:
    """Staff confirm: the commit runs in the background, once, on the confirmer's behalf."""
    refuse(confirm_error(batch))
    # Claimed by a conditional update: two confirmations at once import the file once.
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=Status.VALIDATED).update(
        status=Status.COMMITTING, updated_at=timezone.now())
    if not claimed:
        raise ValidationError("This file has already been imported or is being imported.")
    import_commit.delay_on_commit(batch.pk, user.pk)
    batch.refresh_from_db()
    return batch


def import_batch_commit(*, batch_id: int, user_id: int | None = None) -> ImportBatch:
    """Check the file again (records may have changed) and write it, all or nothing, with
    `user_id` (who confirmed it; the uploader when not given) as the author of every change
    in the audit history: a worker has no request to say who."""
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    if batch.status != Status.COMMITTING:
        return batch  # a redelivered task: already done
    _touch(batch.pk)
    try:
        plan = _plan(batch)
        if plan.refused:
            _refused_since_checked(batch, plan)
        author = User.objects.filter(pk=user_id).first() if user_id else batch.uploaded_by
        with transaction.atomic(), changes_by(author):
            counts = commit_plan(plan)
            _touch(batch.pk, summary=counts, status=Status.COMMITTED)
    except Exception as error:  # whatever stopped the import, the batch says so
        return _fail(batch, error, was=Status.COMMITTING)
    batch.refresh_from_db()
    return batch


def _refused_since_checked(batch: ImportBatch, plan: ImportPlan) -> None:
    """Show the rows refused now (someone changed the records since the check), and stop."""
    _touch(batch.pk, summary=plan.counts(), report=plan.report())
    raise ValidationError(ngettext(
        "Since the file was checked, the records have changed and %(num)d row is now refused "
        "(listed below). Nothing has been imported.",
        "Since the file was checked, the records have changed and %(num)d rows are now refused "
        "(listed below). Nothing has been imported.", plan.refused) % {"num": plan.refused})


@transaction.atomic
def import_batch_recheck(*, batch: ImportBatch, user: User) -> ImportBatch:
    """Check a file again: after a failure, or once the records its refused rows need are in
    place (trainees imported before their placements). Staff of the file's region only."""
    if not user.is_deanery_staff or user.region_id != batch.region_id:
        raise ValidationError("Only deanery staff of the file's region can check it again.")
    refuse(recheck_error(batch))
    claimed = ImportBatch.objects.filter(pk=batch.pk, status__in=[Status.FAILED, Status.VALIDATED]).update(
        status=Status.VALIDATING, error="", summary={}, report=[], rows_done=0, rows_total=0,
        updated_at=timezone.now())
    if not claimed:
        raise ValidationError("This file is already being checked again.")
    import_validate.delay_on_commit(batch.pk)
    batch.refresh_from_db()
    return batch


def import_batches_fail_stopped() -> int:
    """Mark failed every batch whose task stopped without a word, so none stays "Checking"
    or "Importing" for ever. Returns how many."""
    cutoff = timezone.now() - STOPPED_AFTER
    return ImportBatch.objects.filter(status__in=[Status.VALIDATING, Status.COMMITTING],
                                      updated_at__lt=cutoff).update(
        status=Status.FAILED, error=STOPPED, updated_at=timezone.now())
