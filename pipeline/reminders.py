"""Reminders timed to dates, sent by a daily job (docs/stewardship.md, "Reminders").

- A fellowship's end: 12 weeks before, 4 weeks before and on the day, to the fellow.
- A trainee's expected CCT date: 12 and 6 months before, with the roles that start around it.
- A return plan's step left unanswered for RETURN_PLAN_REMIND_DAYS: to whoever it waits on.

Each reminder is claimed by inserting its `DateReminder` row (unique per trainee, kind and
due date) in the transaction that queues its emails: a re-run, a retry or two beats at once
send it once, and a failure sends nothing and leaves it to the next run. A reminder is due
from its date until the next one of its kind is, so a day the job did not run is caught up
without sending a stale reminder as well as a fresh one.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from notifications.services import notification_queue
from pipeline import return_steps
from pipeline.models import DateReminder, Match, ReturnPlan, Vacancy
from pipeline.return_plans import plan_steps
from schemes.models import Fellowship
from trainees.models import Trainee

# (kind, days before the date it is due, what the email says); each is due until the next.
FELLOWSHIP_END = [("fellowship-end-12w", 84, "in 12 weeks"), ("fellowship-end-4w", 28, "in 4 weeks"),
                  ("fellowship-end-day", 0, "today")]
ON_THE_DAY_FOR = 7  # the "today" reminder is still sent this many days late, never later
CCT = [("cct-12m", 365, "in 12 months"), ("cct-6m", 182, "in 6 months")]
ROLES_IN_EMAIL = 5


def send_date_reminders(today: date | None = None) -> dict[str, int]:
    """Send the reminders due today; how many of each kind were sent."""
    today = today or timezone.localdate()
    return {"fellowship_end": _fellowship_ends(today), "cct": _cct_dates(today),
            "plan_steps": _plan_steps(today)}


def _due(day: date, offsets: list[tuple[str, int, str]], today: date,
         last_for: int = 0) -> tuple[str, date, str] | None:
    """The reminder of `offsets` due today for a date `day`: (kind, due on, words), or None."""
    for n, (kind, before, words) in enumerate(offsets):
        due_on = day - timedelta(days=before)
        last = n + 1 == len(offsets)
        until = day + timedelta(days=last_for) if last else day - timedelta(days=offsets[n + 1][1] + 1)
        if due_on <= today <= until:
            return kind, due_on, words
    return None


def claim(trainee_id: int, kind: str, due_on: date) -> bool:
    """Take the reminder: False when another run already has."""
    try:
        with transaction.atomic():
            DateReminder.objects.create(trainee_id=trainee_id, kind=kind, due_on=due_on,
                                        sent_at=timezone.now())
    except IntegrityError:
        return False
    return True


def _fellowship_ends(today: date) -> int:
    sent = 0
    ending = (Fellowship.objects.active()
              .filter(end_date__gte=today - timedelta(days=ON_THE_DAY_FOR),
                      end_date__lte=today + timedelta(days=FELLOWSHIP_END[0][1]))
              .select_related("trainee__user", "cohort__scheme", "return_plan"))
    for fellowship in ending:
        due = _due(fellowship.end_date, FELLOWSHIP_END, today, last_for=ON_THE_DAY_FOR)
        if due and fellowship.trainee.user_id:
            sent += _remind_fellow(fellowship, *due)
    return sent


@transaction.atomic
def _remind_fellow(fellowship: Fellowship, kind: str, due_on: date, words: str) -> int:
    trainee = fellowship.trainee
    if not claim(trainee.pk, kind, due_on):
        return 0
    plan = getattr(fellowship, "return_plan", None)
    notification_queue(
        recipient=trainee.user, to_address=trainee.email, template="fellowship_ending",
        subject=f"Your {fellowship.cohort.scheme.short_name} ends {words}",
        context={"first_name": trainee.first_name, "scheme": fellowship.cohort.scheme.name, "when": words,
                 "end_date": f"{fellowship.end_date:%-d %B %Y}",
                 "path": reverse("returns:plan", kwargs={"uuid": plan.uuid}) if plan else ""})
    return 1


def _cct_dates(today: date) -> int:
    sent = 0
    soon = Trainee.objects.filter(expected_cct_date__gt=today, user__isnull=False,
                                  expected_cct_date__lte=today + timedelta(days=CCT[0][1]))
    for trainee in soon.select_related("user"):
        assert trainee.expected_cct_date is not None  # filtered on it
        due = _due(trainee.expected_cct_date, CCT, today)
        if due:
            sent += _remind_cct(trainee, *due)
    return sent


def roles_around_cct(trainee: Trainee) -> list[Match]:
    """The trainee's matched open roles starting no sooner than 3 months before their CCT:
    the roles for them as a new consultant."""
    assert trainee.expected_cct_date is not None
    return list(Match.objects.filter(
        trainee=trainee, vacancy__status=Vacancy.Status.OPEN,
        vacancy__start_date__gte=trainee.expected_cct_date - timedelta(days=91),
    ).select_related("vacancy__trust").order_by("-score", "vacancy_id")[:ROLES_IN_EMAIL])


@transaction.atomic
def _remind_cct(trainee: Trainee, kind: str, due_on: date, words: str) -> int:
    if not claim(trainee.pk, kind, due_on):
        return 0
    assert trainee.expected_cct_date is not None
    notification_queue(
        recipient=trainee.user, to_address=trainee.email, template="cct_coming",
        subject=f"Your certificate of completion of training is due {words}",
        context={"first_name": trainee.first_name, "when": words,
                 "cct_date": f"{trainee.expected_cct_date:%-d %B %Y}",
                 "roles": [{"title": m.vacancy.title, "trust": str(m.vacancy.trust),
                            "uuid": str(m.vacancy.uuid)} for m in roles_around_cct(trainee)]})
    return 1


def _plan_steps(today: date) -> int:
    sent = 0
    open_plans = ReturnPlan.objects.filter(done_on__isnull=True).select_related(
        "trainee__user", "receiving_trust", "fellowship__cohort__scheme")
    for plan in open_plans:
        for step in plan_steps(plan):
            if step.waits_on and step.since and step.waited_days(today) >= settings.RETURN_PLAN_REMIND_DAYS:
                sent += _remind_step(plan, step)
    return sent


def _waiting_on(plan: ReturnPlan, side: str) -> Iterable[User]:
    if side == return_steps.FELLOW:
        return [plan.trainee.user] if plan.trainee.user else []
    if side == return_steps.STAFF:
        return User.objects.filter(role=Role.DEANERY_STAFF, region_id=plan.trainee.region_id, is_active=True)
    return User.objects.filter(role=Role.MEDICAL_DIRECTOR, trust=plan.receiving_trust, is_active=True)


@transaction.atomic
def _remind_step(plan: ReturnPlan, step: return_steps.Step) -> int:
    assert step.waits_on is not None and step.since is not None
    if not claim(plan.trainee_id, f"plan-{step.key}-{step.waits_on}", step.since):
        return 0
    people = list(_waiting_on(plan, step.waits_on))
    for person in people:
        fellow = person.pk == plan.trainee.user_id  # written to at their training record's address
        whose = "Your" if fellow else f"{plan.trainee.full_name}'s"
        notification_queue(
            recipient=person, to_address=plan.trainee.email if fellow else person.email,
            template="return_plan_step",
            subject=f"{whose} return to training is waiting for you",
            context={"first_name": person.first_name, "whose": whose,
                     "step": step.title, "state": step.state, "waited": f"{step.since:%-d %B %Y}",
                     "path": reverse("returns:plan", kwargs={"uuid": plan.uuid})})
    return len(people)
