"""What can happen next to an import, and why not (as `allocation.rules`)."""

from imports.models import ImportBatch

Status = ImportBatch.Status


def in_progress(batch: ImportBatch) -> bool:
    """The file is being checked or imported in the background now."""
    return batch.status in (Status.VALIDATING, Status.COMMITTING)


def has_refused_rows(batch: ImportBatch) -> bool:
    return batch.status == Status.VALIDATED and bool(batch.summary.get("refused"))


def confirm_error(batch: ImportBatch) -> str | None:
    """Why the checked file cannot be imported now, if it cannot."""
    if batch.status == Status.FAILED:
        return "Nothing can be imported from a file that failed. Check it again first."
    if batch.status != Status.VALIDATED:
        return "This file has already been imported or is being imported."
    if has_refused_rows(batch):
        return ("Nothing can be imported while any row is refused. Correct the file and upload it again, "
                "or check it again once the records it needs are in place.")
    return None


def recheck_error(batch: ImportBatch) -> str | None:
    """Why the file cannot be checked again now, if it cannot: only a failed file, or one
    with refused rows, is worth checking again (the records may have changed since)."""
    if batch.status == Status.FAILED or has_refused_rows(batch):
        return None
    if in_progress(batch):
        return "This file is being checked or imported now."
    return "Only a file that failed, or that has refused rows, can be checked again."


def status_text(batch: ImportBatch) -> str:
    """The status as staff should read it: a file with refused rows, whether found when it
    was checked or when it was imported, is not "not yet imported" nor merely "failed"."""
    if batch.status in (Status.VALIDATED, Status.FAILED) and batch.summary.get("refused"):
        return "Rows refused: nothing imported"
    if batch.status == Status.FAILED:
        return "Failed: nothing imported"
    return batch.get_status_display()
