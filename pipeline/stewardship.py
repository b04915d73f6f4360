"""Stewardship of alumni: engaged, at risk or lost, and why (docs/stewardship.md).

`assess` is the rule, a pure function of an alumnus's facts; the sweep and the
staff actions below only gather facts, apply it and record what changed.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import User
from mentoring.models import Mentor, Mentorship
from mentoring.services import mentorship_propose
from notifications.services import notification_queue
from pipeline import return_steps
from pipeline.models import (
    Interest,
    ReturnPlan,
    Stewardship,
    StewardshipAlert,
    StewardshipEvent,
    StewardshipStatus,
)
from schemes.models import Fellowship
from schemes.selectors import alumni_among
from trainees.models import LeadershipRole, Trainee

DAYS_A_MONTH = 30.44


@dataclass(frozen=True)
class Thresholds:
    grace: int
    interest: int
    contact: int
    lost: int
    stale_portfolio: int

    @classmethod
    def from_settings(cls) -> "Thresholds":
        return cls(settings.STEWARDSHIP_GRACE_MONTHS, settings.STEWARDSHIP_INTEREST_MONTHS,
                   settings.STEWARDSHIP_CONTACT_MONTHS, settings.STEWARDSHIP_LOST_MONTHS,
                   settings.STEWARDSHIP_STALE_PORTFOLIO_MONTHS)


@dataclass(frozen=True)
class AlumnusFacts:
    trainee_id: int
    completed_on: date | None  # None: still on the fellowship, with a return plan
    scheme: str
    current_role: str | None
    has_mentor: bool
    last_interest: date | None
    last_contact: date | None
    portfolio_updated: date | None
    fellowship_ends: date | None = None
    plan_stalled: str | None = None  # why their return plan is stalled, if it is


def months_between(earlier: date, later: date) -> float:
    return (later - earlier).days / DAYS_A_MONTH


def _within(day: date | None, months: int, today: date) -> bool:
    return day is not None and months_between(day, today) < months


def _whole_months(earlier: date, today: date) -> str:
    n = int(months_between(earlier, today))
    return ngettext("%(num)d month", "%(num)d months", n) % {"num": n}


def assess(f: AlumnusFacts, today: date, t: Thresholds) -> tuple[str, str]:
    """The alumnus's (or returning fellow's) status and the reason, in words."""
    if f.completed_on is None:
        return _returning(f, today)
    completed = f"Completed the {f.scheme} {_whole_months(f.completed_on, today)} ago"
    # A stalled return plan outweighs what would otherwise engage them ("recently returned").
    engaged_by = "" if f.plan_stalled else _engagement(f, today, t)
    if engaged_by:
        return StewardshipStatus.ENGAGED, f"{completed}; {engaged_by}"
    untouched = ("portfolio never updated" if f.portfolio_updated is None
                 else f"portfolio untouched for {_whole_months(f.portfolio_updated, today)}")
    lately = ngettext("in the last %(num)d month", "in the last %(num)d months",
                      t.interest) % {"num": t.interest}
    reason = f"{completed}; no leadership role, no mentor, no interest in a role {lately}, {untouched}"
    if f.plan_stalled:
        reason = f"{completed}; {f.plan_stalled}"
    stale = f.portfolio_updated is None or not _within(f.portfolio_updated, t.stale_portfolio, today)
    if not _within(f.completed_on, t.lost, today) and stale:
        return StewardshipStatus.LOST, reason
    return StewardshipStatus.AT_RISK, reason


def _returning(f: AlumnusFacts, today: date) -> tuple[str, str]:
    """A fellow not yet back: engaged while their return plan moves, at risk once it stalls."""
    assert f.fellowship_ends is not None  # a returning fellow's facts carry the end date
    days = (f.fellowship_ends - today).days
    when = (ngettext("ends in %(n)d week", "ends in %(n)d weeks", days // 7) % {"n": days // 7}
            if days >= 0 else "has ended")
    on = f"The {f.scheme} {when}"
    if f.plan_stalled:
        return StewardshipStatus.AT_RISK, f"{on}; {f.plan_stalled}"
    return StewardshipStatus.ENGAGED, f"{on}; return plan under way"


def _engagement(f: AlumnusFacts, today: date, t: Thresholds) -> str:
    if _within(f.completed_on, t.grace, today):
        return "recently returned"
    if f.current_role:
        return f"holds a leadership role: {f.current_role}"
    if f.has_mentor:
        return "has a mentor"
    if _within(f.last_interest, t.interest, today):
        return "interested in a leadership role"
    if _within(f.last_contact, t.contact, today):
        return "contacted by the deanery"
    return ""


def alumni(trainees: QuerySet[Trainee]) -> QuerySet[Trainee]:
    """The alumni among `trainees`, and the fellows whose return plan has opened: stewardship
    starts at the hand-over, not after it."""
    planned = ReturnPlan.objects.filter(trainee=OuterRef("pk"))
    return alumni_among(trainees) | trainees.filter(Exists(planned))


def _latest(rows) -> dict[int, datetime]:
    latest: dict[int, datetime] = {}
    for owner, value in rows:
        if value is not None and (owner not in latest or value > latest[owner]):
            latest[owner] = value
    return latest


def alumni_facts(trainees: QuerySet[Trainee], today: date) -> list[AlumnusFacts]:
    """Facts for every alumnus among `trainees`, in a handful of queries."""
    ids = list(alumni(trainees).values_list("pk", flat=True))
    completions: dict[int, tuple[date, str]] = {}
    for trainee_id, done, scheme in Fellowship.objects.completed().filter(trainee_id__in=ids).values_list(
            "trainee_id", "completed_on", "cohort__scheme__short_name"):
        assert done is not None  # the database requires a completed fellowship's date
        if trainee_id not in completions or done > completions[trainee_id][0]:
            completions[trainee_id] = (done, scheme)
    roles: dict[int, str] = {}
    for trainee_id, title in LeadershipRole.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gt=today), trainee_id__in=ids,
            start_date__lte=today).order_by("-start_date").values_list("trainee_id", "title"):
        roles.setdefault(trainee_id, title)
    mentored = set(Mentorship.objects.filter(
        trainee_id__in=ids, status__in=[Mentorship.Status.PROPOSED, Mentorship.Status.ACTIVE],
    ).values_list("trainee_id", flat=True))
    interests = _latest(Interest.objects.filter(trainee_id__in=ids).exclude(
        status=Interest.Status.WITHDRAWN).values_list("trainee_id", "updated_at"))
    contacts = _latest(StewardshipEvent.objects.filter(
        trainee_id__in=ids, kind=StewardshipEvent.Kind.CONTACTED).values_list("trainee_id", "at"))
    touched = dict(Trainee.objects.filter(pk__in=ids).values_list("pk", "portfolio_updated_at"))
    plans = _latest_plans(ids)
    local = timezone.localdate
    return [
        AlumnusFacts(
            trainee_id=i, completed_on=completions[i][0] if i in completions else None,
            scheme=completions[i][1] if i in completions else plans[i].fellowship.cohort.scheme.short_name,
            current_role=roles.get(i), has_mentor=i in mentored,
            last_interest=local(interests[i]) if i in interests else None,
            last_contact=local(contacts[i]) if i in contacts else None,
            portfolio_updated=local(touched[i]) if touched.get(i) else None,
            fellowship_ends=plans[i].fellowship.end_date if i in plans else None,
            plan_stalled=_stalled(plans.get(i), i in mentored, today),
        )
        for i in sorted(ids)
    ]


def _latest_plans(ids: list[int]) -> dict[int, ReturnPlan]:
    plans: dict[int, ReturnPlan] = {}
    for plan in ReturnPlan.objects.filter(trainee_id__in=ids).select_related(
            "fellowship__cohort__scheme", "receiving_trust").order_by("opened_on", "pk"):
        plans[plan.trainee_id] = plan
    return plans


def _stalled(plan: ReturnPlan | None, has_mentor: bool, today: date) -> str | None:
    if plan is None or plan.done_on is not None:
        return None
    return return_steps.stalled(return_steps.steps(plan, has_mentor=has_mentor), today)


@dataclass
class SweepCounts:
    assessed: int = 0
    changed: int = 0
    alerts: int = 0


def _record(facts: AlumnusFacts, status: str, reason: str, current: Stewardship | None,
            counts: SweepCounts) -> None:
    now = timezone.now()
    if current is not None and current.status == status:
        if current.reason != reason:
            current.reason, current.computed_at = reason, now
            current.save(update_fields=["reason", "computed_at"])
        return
    Stewardship.objects.update_or_create(
        trainee_id=facts.trainee_id,
        defaults={"status": status, "reason": reason, "status_since": now, "computed_at": now})
    label = StewardshipStatus(status).label.lower()
    StewardshipEvent.objects.create(trainee_id=facts.trainee_id, kind=StewardshipEvent.Kind.STATUS,
                                    text=f"Now {label}: {reason}", at=now)
    counts.changed += 1
    # Any open alert is resolved (engaged) or superseded (a new status, a new alert).
    StewardshipAlert.objects.filter(trainee_id=facts.trainee_id, resolved_at__isnull=True).update(
        resolved_at=now)
    if status == StewardshipStatus.ENGAGED:
        return
    StewardshipAlert.objects.create(trainee_id=facts.trainee_id, status=status, reason=reason,
                                    raised_at=now)
    counts.alerts += 1


@transaction.atomic
def stewardship_sweep(*, trainees: QuerySet[Trainee] | None = None,
                      today: date | None = None) -> SweepCounts:
    """Recompute the status of every alumnus (or of `trainees`); idempotent."""
    today = today or timezone.localdate()
    thresholds = Thresholds.from_settings()
    facts = alumni_facts(trainees if trainees is not None else Trainee.objects.all(), today)
    current = {s.trainee_id: s for s in Stewardship.objects.select_for_update().filter(
        trainee_id__in=[f.trainee_id for f in facts])}
    counts = SweepCounts()
    for f in facts:
        status, reason = assess(f, today, thresholds)
        _record(f, status, reason, current.get(f.trainee_id), counts)
        counts.assessed += 1
    return counts


def reassess(trainee: Trainee) -> None:
    stewardship_sweep(trainees=Trainee.objects.filter(pk=trainee.pk))


def status_counts(*, trainee_ids: list[int]) -> dict[str, int]:
    """How many of these alumni are engaged, at risk and lost."""
    rows = (Stewardship.objects.filter(trainee_id__in=trainee_ids).values_list("status")
            .annotate(n=Count("pk")).order_by())
    return dict(rows)


# -- staff actions: each is in the alumnus's history, and reassesses them ------------


def _event(trainee: Trainee, kind: str, text: str, by: User) -> StewardshipEvent:
    return StewardshipEvent.objects.create(trainee=trainee, kind=kind, text=text, by=by,
                                           at=timezone.now())


@transaction.atomic
def alumnus_add_note(*, trainee: Trainee, by: User, text: str) -> StewardshipEvent:

    if not text.strip():
        raise ValidationError("Enter the note")
    event = _event(trainee, StewardshipEvent.Kind.NOTE, text.strip(), by)
    reassess(trainee)  # every staff action reassesses: the facts may have moved since the sweep
    return event


@transaction.atomic
def alumnus_mark_contacted(*, trainee: Trainee, by: User, text: str = "") -> StewardshipEvent:
    event = _event(trainee, StewardshipEvent.Kind.CONTACTED, text.strip() or "Contacted", by)
    reassess(trainee)
    return event


@transaction.atomic
def alumnus_nudge(*, trainee: Trainee, by: User) -> StewardshipEvent:
    """Email the alumnus an invitation back in (from a template); logged in their history."""

    notification_queue(recipient=trainee.user, to_address=trainee.email, template="nudge",
                       subject="Your leadership experience is wanted",
                       context={"first_name": trainee.first_name, "region": trainee.region.name})
    event = _event(trainee, StewardshipEvent.Kind.NUDGE, f"Nudge email sent to {trainee.email}", by)
    reassess(trainee)
    return event


@transaction.atomic
def alumnus_assign_mentor(*, trainee: Trainee, mentor: Mentor, by: User) -> Mentorship:
    """Propose a mentorship (mentoring's one way to do it); kept in the alumnus's history."""
    mentorship = mentorship_propose(mentor=mentor, trainee=trainee,
                                    goals="Assigned by the deanery after a fellowship.")
    _event(trainee, StewardshipEvent.Kind.MENTOR, f"Mentor assigned: {mentor}", by)
    reassess(trainee)
    return mentorship


def mentors_with_room(*, region_id: int) -> QuerySet[Mentor]:
    """Mentors in the region who are accepting and have a free place."""
    return Mentor.objects.filter(region_id=region_id).with_room().select_related("user")


def stewardship_digest(*, today: date | None = None) -> int:
    """Email each region's staff who newly needs attention; once per region a week."""


    today = today or timezone.localdate()
    week = f"{today.isocalendar().year}-W{today.isocalendar().week:02d}"
    since = timezone.now() - timedelta(days=7)
    sent = 0
    for staff in User.objects.filter(role="deanery_staff", is_active=True).select_related("region"):
        region = staff.region
        assert region is not None  # the database requires deanery staff to have a region
        alerts = StewardshipAlert.objects.filter(
            trainee__region_id=region.pk, raised_at__gte=since, resolved_at__isnull=True,
        ).select_related("trainee").order_by("trainee__last_name")
        already = staff.notifications.filter(template="digest", context__week=week).exists()
        if not alerts or already:
            continue
        notification_queue(
            recipient=staff, to_address=staff.email, template="digest",
            subject=ngettext("%(num)d alumnus in %(region)s needs attention",
                             "%(num)d alumni in %(region)s need attention",
                             len(alerts)) % {"num": len(alerts), "region": region.name},
            context={"week": week, "first_name": staff.first_name, "region": region.name,
                     "alumni": [{"name": a.trainee.full_name, "status": a.get_status_display(),
                                 "reason": a.reason, "uuid": str(a.trainee.uuid)} for a in alerts]},
        )
        sent += 1
    return sent

