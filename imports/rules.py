"""What can happen next to an import, and why not (as `allocation.rules`)."""

from imports.models import ImportBatch

Status = ImportBatch.Status


def in_progress(batch: ImportBatch) -> bool:
    """The file is being checked or imported in the background now."""
    return batch.status in (Status.VALIDATING, Status.COMMITTING)


def confirm_error(batch: ImportBatch) -> str | None:
    """Why the checked file cannot be imported now, if it cannot."""
    if batch.status != Status.VALIDATED:
        return "This file has already been imported or is being imported."
    if batch.summary.get("refused"):
        return "Nothing can be imported while any row is refused. Correct the file and upload it again."
    return None
