"""Reminders before a round's deadlines, sent by a daily job.

Three days before trainees' ranking closes, the region's eligible trainees who have not
ranked anything are reminded; three days before directors' ranking closes, directors with
a post still unranked are. Each reminder is claimed by a conditional update inside the
transaction that queues its emails, so a re-run, a retry or two workers at once send it
once, and a failure sends nothing and leaves it to the next run.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from allocation.eligibility import trainees_who_may_rank
from allocation.models import AllocationRound, TraineeChoice
from allocation.rules import day
from notifications.services import notification_queue
from trainees.models import Trainee

REMIND_DAYS_BEFORE = 3
Status = AllocationRound.Status


def send_round_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Send the reminders that are due today; returns how many emails were queued."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=REMIND_DAYS_BEFORE)
    open_rounds = AllocationRound.objects.filter(status=Status.OPEN)
    sent = {"trainees": 0, "directors": 0}
    for round in open_rounds.filter(trainee_deadline__gte=today, trainee_deadline__lte=soon,
                                    trainee_reminder_sent_on__isnull=True):
        sent["trainees"] += _remind_trainees(round, today)
    for round in open_rounds.filter(trainee_deadline__lt=today, director_deadline__gte=today,
                                    director_deadline__lte=soon, director_reminder_sent_on__isnull=True):
        sent["directors"] += _remind_directors(round, today)
    return sent


@transaction.atomic
def _remind_trainees(round: AllocationRound, today: dt.date) -> int:

    if not _claim(round, "trainee_reminder_sent_on", today):
        return 0
    ranked = TraineeChoice.objects.filter(round=round).values("trainee_id")
    waiting = trainees_who_may_rank(round, Trainee.objects.exclude(pk__in=ranked))
    for trainee in waiting:
        notification_queue(
            recipient=trainee.user, to_address=trainee.email, template="round_reminder",
            subject=f"{round.name}: ranking closes on {day(round.trainee_deadline)}",
            context={"first_name": trainee.first_name, "round_name": round.name,
                     "round_uuid": str(round.uuid), "deadline": day(round.trainee_deadline)})
    return len(waiting)


@transaction.atomic
def _remind_directors(round: AllocationRound, today: dt.date) -> int:

    if not _claim(round, "director_reminder_sent_on", today):
        return 0
    unranked = round.posts.filter(ranked_at__isnull=True).select_related("vacancy")
    titles_by_trust: dict[int, list[str]] = {}
    for post in unranked:
        titles_by_trust.setdefault(post.vacancy.trust_id, []).append(post.vacancy.title)
    count = 0
    for director in User.objects.filter(trust_id__in=titles_by_trust, is_active=True):
        assert director.trust_id is not None  # filtered on it
        notification_queue(
            recipient=director, to_address=director.email, template="round_reminder_director",
            subject=f"{round.name}: rank your applicants by {day(round.director_deadline)}",
            context={"first_name": director.first_name, "round_name": round.name,
                     "deadline": day(round.director_deadline),
                     "posts": sorted(titles_by_trust[director.trust_id])})
        count += 1
    return count


def _claim(round: AllocationRound, field: str, today: dt.date) -> bool:
    return AllocationRound.objects.filter(pk=round.pk, **{f"{field}__isnull": True}).update(
        **{field: today}) == 1
