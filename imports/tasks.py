"""Imports run in the background on their own queue, so a large file never delays email."""

from core.tasks import DEFAULT, IMPORTS, task


@task(queue=IMPORTS, minutes=20)
def import_validate(batch_id: int) -> str:
    from imports.services import import_batch_validate  # noqa: PLC0415 (services queue these tasks)

    return import_batch_validate(batch_id=batch_id).status


@task(queue=IMPORTS, minutes=20)
def import_commit(batch_id: int, user_id: int | None = None) -> str:
    """Write the batch on behalf of `user_id`, who confirmed it (the author in the history)."""
    from imports.services import import_batch_commit  # noqa: PLC0415 (services queue these tasks)

    return import_batch_commit(batch_id=batch_id, user_id=user_id).status


# On the default queue: it must run when the imports worker is busy or gone, which is
# when batches are left stranded.
@task(queue=DEFAULT, minutes=2)
def fail_stopped_imports() -> int:
    from imports.services import import_batches_fail_stopped  # noqa: PLC0415 (services queue these tasks)

    return import_batches_fail_stopped()
