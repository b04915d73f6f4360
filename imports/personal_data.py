"""What imports hold about a person: the files staff uploaded, and every uploaded file and
report that names them (core.personal_data); files and reports are kept for 90 days.

An uploaded file holds many people, so a person's erasure empties the raw file of every
batch that names them (its counts stay) and takes the report rows naming them away.
"""

import io
import zipfile
from datetime import datetime, timedelta

from django.db.models import Q

from core import personal_data
from imports.files import MAX_UNCOMPRESSED_BYTES
from imports.models import ImportBatch

Status = ImportBatch.Status
FILES_KEPT = timedelta(days=90)
UNFINISHED = (Status.VALIDATING, Status.VALIDATED, Status.COMMITTING)
ERASED = ("The file was removed because someone named in it asked for their data to be erased. "
          "Nothing has been imported from it: upload it again without them.")
EXPIRED = "The file was removed after 90 days without being imported. Upload it again."


def _texts(content: bytes) -> list[str] | None:
    """The file as text to search: a CSV as it is, an XLSX's unzipped parts. None when it
    cannot be read safely (it is then taken as naming anyone)."""
    if not content.startswith(b"PK"):
        return [content.decode("utf-8", "replace")]
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
                return None
            return [archive.read(m).decode("utf-8", "replace") for m in members]
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _names(batch: ImportBatch, identifiers) -> bool:
    texts = _texts(bytes(batch.content))
    return (texts is None or any(personal_data.mentions(t, identifiers) for t in texts)
            or personal_data.mentions([batch.report, batch.filename, batch.error], identifiers))


def _uploaded(user) -> list[dict]:
    return [{"file": b.filename, "kind": b.kind, "uploaded_at": b.created_at,
             "status": b.get_status_display(), "counts": b.summary}
            for b in ImportBatch.objects.filter(uploaded_by=user).defer("content")]


def _rows_about(user) -> list[dict]:
    identifiers = personal_data.person(user).identifiers
    return [{"file": b.filename, "uploaded_at": b.created_at, **row}
            for b in ImportBatch.objects.defer("content") for row in b.report
            if personal_data.mentions(row, identifiers)]


def _export(user) -> dict:
    return {"files_you_uploaded": _uploaded(user), "rows_about_you": _rows_about(user)}


def _erase(person: personal_data.Person) -> None:
    # Files they uploaded stay, by the anonymised account; any file naming them is emptied.
    for pk in ImportBatch.objects.exclude(content=b"", report=[]).values_list("pk", flat=True):
        batch = ImportBatch.objects.get(pk=pk)
        if not _names(batch, person.identifiers):
            continue
        unfinished = batch.status in UNFINISHED
        ImportBatch.objects.filter(pk=pk).update(
            content=b"", filename=personal_data.scrub(batch.filename, person.identifiers),
            report=[row for row in batch.report if not personal_data.mentions(row, person.identifiers)],
            status=Status.FAILED if unfinished else batch.status,
            error=ERASED if unfinished else personal_data.scrub(batch.error, person.identifiers))


def _empty_old_files(cutoff: datetime) -> int:
    """Empty the file and report of every batch untouched for the period (its counts stay);
    a file checked but never imported is marked failed, so nobody tries to import nothing."""
    old = ImportBatch.objects.filter(updated_at__lt=cutoff).exclude(
        status__in=[Status.VALIDATING, Status.COMMITTING]).exclude(content=b"", report=[])
    waiting = old.filter(status=Status.VALIDATED).update(
        content=b"", report=[], status=Status.FAILED, error=EXPIRED)
    return waiting + old.filter(~Q(status=Status.VALIDATED)).update(content=b"", report=[])


def register() -> None:
    personal_data.register("import_files", models=[ImportBatch], export=_export, erase=_erase)
    personal_data.retain("import files and reports", kept_for=FILES_KEPT, apply=_empty_old_files)
