"""Anonymise a trainee's record when the person asks for their account to be erased
(accounts.erasure); every app erases its own part first (core.personal_data).

The record stays, stripped of everything that identifies them, so counts of alumni,
fellowships and appointments do not change; its audit history is purged (it would
otherwise keep the old values).
"""

from collections.abc import Iterator

from django.db import IntegrityError, transaction

from trainees.models import Trainee

# Placeholders are '0' and six digits: 7 digits, as the check constraint asks, and no real
# GMC number starts with 0. There are a million of them; a search looks at this many at once.
PLACEHOLDERS = 1_000_000
BATCH = 100


def _placeholder_candidates(trainee: Trainee) -> Iterator[list[str]]:
    """Every placeholder once, in batches, from the one the row id's last six digits give."""
    for first in range(0, PLACEHOLDERS, BATCH):
        yield [f"0{(trainee.pk + n) % PLACEHOLDERS:06d}" for n in range(first, first + BATCH)]


def _claim_placeholder_gmc(trainee: Trainee) -> str:
    """A 7-digit stand-in no other record holds, given to the trainee's row.

    Ids a million apart give the same six digits, and a record may hold a number starting
    with 0 (typed, or imported): the candidates already taken are skipped, and the unique
    constraint settles a race with another erasure (the loser tries the next one).
    """
    others = Trainee.objects.exclude(pk=trainee.pk)
    for batch in _placeholder_candidates(trainee):
        taken = set(others.filter(gmc_number__in=batch).values_list("gmc_number", flat=True))
        for candidate in (c for c in batch if c not in taken):
            try:
                with transaction.atomic():  # a savepoint: a lost race leaves the rest intact
                    Trainee.objects.filter(pk=trainee.pk).update(gmc_number=candidate)
            except IntegrityError:
                continue
            return candidate
    raise RuntimeError("Every placeholder GMC number is taken.")


def trainee_record_erase(trainee: Trainee) -> None:
    """Anonymise the training record, once every other part of it is erased: it stays, so
    counts by region, grade and specialty do not change, and says nothing of who it was."""
    trainee = Trainee.objects.select_for_update().get(pk=trainee.pk)
    trainee.first_name, trainee.last_name = "Erased", "trainee"
    trainee.email = f"erased-{trainee.uuid}@erased.invalid"
    trainee.gmc_number = _claim_placeholder_gmc(trainee)
    trainee.user = None
    trainee.current_trust = None
    trainee.expected_cct_date = None
    trainee.save()
    Trainee.history.filter(id=trainee.pk).delete()  # it would keep the old values
