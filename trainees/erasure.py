"""Erase a trainee's personal data at their request, keeping aggregates correct.

Every app erases its own part (core.personal_data); this anonymises what is left.

The trainee's row stays, stripped of everything that identifies them, so counts of
alumni, fellowships, appointments and representation do not change. Free text they
wrote goes; the audit history of their personal data is purged (it would otherwise
keep the old values); an ErasureRecord says that it happened.
"""

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import ErasureRecord, User
from core import personal_data
from trainees.models import Trainee


def _placeholder_gmc(trainee: Trainee) -> str:
    """A unique 7-digit stand-in: '0' and six digits from the row id (no real GMC number
    starts with 0)."""
    return f"0{trainee.pk % 1_000_000:06d}"


@transaction.atomic
def trainee_erase(*, trainee: Trainee, requested_by: User) -> ErasureRecord:
    trainee = Trainee.objects.select_for_update().get(pk=trainee.pk)
    user = trainee.user
    personal_data.erase_all(trainee)  # what every app holds, each app's own way
    trainee.first_name, trainee.last_name = "Erased", "trainee"
    trainee.email = f"erased-{trainee.uuid}@erased.invalid"
    trainee.gmc_number = _placeholder_gmc(trainee)
    trainee.user = None
    trainee.save()
    if user is not None:
        user.first_name, user.last_name = "Erased", "user"
        user.email = f"erased-{user.uuid}@erased.invalid"
        user.password = make_password(None)
        user.is_active = False
        user.save()
    Trainee.history.filter(id=trainee.pk).delete()  # it would keep the old values
    return ErasureRecord.objects.create(subject_uuid=trainee.uuid, requested_by=requested_by)
