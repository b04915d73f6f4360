"""Writes to mentorships: capacity is checked under a row lock on the mentor."""

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from mentoring import assignment
from mentoring.models import Mentor, Mentorship
from trainees.models import Trainee
from trainees.selectors import mlcf_coverage

OPEN = [Mentorship.Status.PROPOSED, Mentorship.Status.ACTIVE]


def _locked_mentor(mentor_id: int) -> Mentor:
    return Mentor.objects.select_for_update().get(pk=mentor_id)


@transaction.atomic
def mentorship_accept(*, mentorship: Mentorship, by: User) -> Mentorship:
    """The mentor accepts a proposed mentee. Two acceptances at once cannot both pass
    the capacity check: the mentor's row is locked until this transaction ends."""
    mentor = _locked_mentor(mentorship.mentor_id)
    if mentor.user_id != by.pk:
        raise ValidationError("Only the mentor can accept a mentee")
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if mentorship.status != Mentorship.Status.PROPOSED:
        raise ValidationError("Only a proposed mentorship can be accepted")
    active = Mentorship.objects.filter(mentor=mentor, status=Mentorship.Status.ACTIVE).count()
    if active >= mentor.capacity:
        raise ValidationError(f"You already have {active} mentees, your capacity")
    mentorship.status = Mentorship.Status.ACTIVE
    mentorship.started_on = timezone.localdate()
    mentorship.save(update_fields=["status", "started_on", "updated_at"])
    return mentorship


def _needs(trainees: list[Trainee]) -> np.ndarray:
    """How much each trainee needs each MLCF domain: 1 minus their strength there."""
    rows = []
    for trainee in trainees:
        coverage = mlcf_coverage(trainee=trainee)
        rows.append([1 - c.elements_evidenced / c.elements_total for c in coverage])
    return np.array(rows, dtype=float).reshape(-1, assignment.DOMAINS)


def bulk_assignment_propose(
    *, trainees: list[Trainee], mentors: list[Mentor]
) -> list[tuple[Trainee, Mentor]]:
    """The optimal assignment of these trainees to these mentors' free places, for review."""
    expertise = np.zeros((len(mentors), assignment.DOMAINS))
    for i, mentor in enumerate(mentors):
        for domain in mentor.expertise.all():
            expertise[i, domain.number - 1] = 1.0
    free = np.array([max(0, m.capacity - m.mentorships.filter(status__in=OPEN).count()) if m.accepting
                     else 0 for m in mentors])
    scores = assignment.score_matrix(
        _needs(trainees), expertise, np.array([t.region_id for t in trainees]),
        np.array([m.region_id for m in mentors]))
    return [(trainees[t], mentors[m]) for t, m in assignment.optimal_assignment(scores, free)]


@transaction.atomic
def bulk_assignment_publish(*, pairs: list[tuple[Trainee, Mentor]], by: User) -> list[Mentorship]:
    """Create the reviewed proposals; each mentor's free places are rechecked under a lock."""
    created = []
    for trainee, mentor in sorted(pairs, key=lambda p: p[1].pk):  # a fixed lock order
        locked = _locked_mentor(mentor.pk)
        if Mentorship.objects.filter(mentor=locked, status__in=OPEN).count() >= locked.capacity:
            raise ValidationError(f"{locked} has no free place left; review the assignment again")
        created.append(Mentorship.objects.create(mentor=locked, trainee=trainee,
                                                 status=Mentorship.Status.PROPOSED,
                                                 goals="Assigned with the cohort by the deanery."))
    return created
