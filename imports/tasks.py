"""Imports run in the background on their own queue, so a large file never delays email."""

from core.tasks import IMPORTS, task


@task(queue=IMPORTS, minutes=20)
def import_validate(batch_id: int) -> str:
    from imports.services import import_batch_validate  # noqa: PLC0415 (services queue these tasks)

    return import_batch_validate(batch_id=batch_id).status


@task(queue=IMPORTS, minutes=20)
def import_commit(batch_id: int) -> str:
    from imports.services import import_batch_commit  # noqa: PLC0415 (services queue these tasks)

    return import_batch_commit(batch_id=batch_id).status
