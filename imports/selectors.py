"""Reads of uploaded files."""

from imports.files import ImportFileError, read_rows
from imports.models import ImportBatch
from imports.registry import importer_for

# The kinds of file whose rows are people who may be invited to make an account.
PEOPLE = {"trainees"}


def people_of(batch: ImportBatch) -> list[str]:
    """The GMC numbers an imported file of people named (for inviting them all); none before
    the file is imported."""
    if batch.kind not in PEOPLE or batch.status != ImportBatch.Status.COMMITTED:
        return []
    importer = importer_for(batch.kind)
    try:
        rows = read_rows(batch.filename, bytes(batch.content), importer.columns, importer.optional_columns)
    except ImportFileError:
        return []
    return sorted({row["gmc_number"].strip() for row in rows if row.get("gmc_number", "").strip()})
