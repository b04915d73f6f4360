"""Unanswered ideas, sent by a daily job (docs/ideas.md, "Timings").

- IDEAS_REMIND_DAYS after an idea was shared and still unanswered: a reminder to the trust's
  improvement lead (or its medical directors, when none is named).
- Past its answer date (IDEAS_ANSWER_DAYS) and still unanswered: an escalation to every
  medical director of the trust.

Each is claimed by inserting its `IdeaReminder` row (unique per idea and kind) in the
transaction that queues its emails, as pipeline.reminders does for dates: a re-run, a retry
or two beats at once send it once, and a failure sends nothing and leaves it to the next run.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ideas.models import Idea, IdeaReminder
from ideas.services import directors_of, email_trust, lead_of


def send_idea_reminders(today: date | None = None) -> dict[str, int]:
    """Remind and escalate the unanswered ideas due today; how many of each were sent."""
    today = today or timezone.localdate()
    waiting = Idea.objects.filter(status=Idea.Status.WAITING).select_related("trust", "trainee__grade",
                                                                              "trainee__specialty")
    sent = {"reminders": 0, "escalations": 0}
    remind_before = today - timedelta(days=settings.IDEAS_REMIND_DAYS)
    for idea in waiting.filter(submitted_at__date__lte=remind_before, due_on__gte=today).exclude(
            reminders__kind=IdeaReminder.Kind.REMINDER):
        sent["reminders"] += _send(idea, IdeaReminder.Kind.REMINDER)
    for idea in waiting.filter(due_on__lt=today).exclude(reminders__kind=IdeaReminder.Kind.ESCALATION):
        sent["escalations"] += _send(idea, IdeaReminder.Kind.ESCALATION)
    return sent


def claim(idea: Idea, kind: str) -> bool:
    """Take the reminder: False when another run already has."""
    try:
        with transaction.atomic():
            IdeaReminder.objects.create(idea=idea, kind=kind, sent_at=timezone.now())
    except IntegrityError:
        return False
    return True


@transaction.atomic
def _send(idea: Idea, kind: str) -> int:
    if not claim(idea, kind):
        return 0
    if kind == IdeaReminder.Kind.REMINDER:
        people = lead_of(idea.trust_id)
        email_trust(idea, template="idea_reminder", people=people,
                    subject=f"An idea for {idea.trust.name} is waiting for an answer")
    else:
        people = list(directors_of(idea.trust_id))
        email_trust(idea, template="idea_escalated",
                     subject=f"An idea for {idea.trust.name} has not been answered in time", people=people)
    return len(people)
