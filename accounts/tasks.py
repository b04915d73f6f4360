"""The nightly retention sweep: each app's retention periods (docs/privacy.md), applied."""

from core import personal_data
from core.tasks import DEFAULT, task


@task(queue=DEFAULT, minutes=10)
def apply_retention() -> dict[str, int]:
    return personal_data.apply_retention()
