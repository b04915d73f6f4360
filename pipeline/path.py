"""A trainee's path: where they have been (fellowships, the roles they held), where their
return to training stands, when they complete training, and what comes next."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from mentoring.selectors import open_mentorship_of
from pipeline import return_plans, return_steps
from pipeline.models import Match, ReturnPlan, Vacancy
from pipeline.reminders import CCT, roles_around_cct
from schemes.models import Fellowship
from trainees.models import LeadershipRole, Preferences, Trainee


@dataclass(frozen=True)
class Plan:
    plan: ReturnPlan
    done: int
    steps: int
    for_you: int  # steps waiting on the trainee


@dataclass
class Path:
    fellowships: QuerySet[Fellowship]
    plans: list[Plan]
    roles: QuerySet[LeadershipRole]  # held: started by today
    roles_to_come: QuerySet[LeadershipRole]  # not started yet, e.g. a post won in a round
    cct: date | None
    months_to_cct: int | None
    roles_around_cct: list[Match]
    next_steps: list[tuple[str, str]] = field(default_factory=list)  # (words, link)


def path_of(trainee: Trainee, today: date | None = None) -> Path:
    today = today or timezone.localdate()
    plans = [_plan(p) for p in ReturnPlan.objects.filter(trainee=trainee).select_related(
        "fellowship__cohort__scheme", "receiving_trust", "trainee").order_by("-opened_on")]
    cct = trainee.expected_cct_date
    soon = cct is not None and today <= cct <= today + timedelta(days=CCT[0][1])
    path = Path(
        fellowships=Fellowship.objects.filter(trainee=trainee).select_related("cohort__scheme").order_by(
            "-start_date"),
        plans=plans,
        roles=trainee.leadership_roles.filter(start_date__lte=today).order_by("-start_date"),
        roles_to_come=trainee.leadership_roles.filter(start_date__gt=today).order_by("start_date"),
        cct=cct, months_to_cct=int((cct - today).days / 30.44) if cct and cct >= today else None,
        roles_around_cct=roles_around_cct(trainee) if soon else [])
    path.next_steps = _next_steps(trainee, path)
    return path


def _plan(plan: ReturnPlan) -> Plan:
    steps = return_plans.plan_steps(plan)
    return Plan(plan, sum(s.done for s in steps), len(steps),
                sum(s.waits_on == return_steps.FELLOW for s in steps))


def _next_steps(trainee: Trainee, path: Path) -> list[tuple[str, str]]:
    """What the trainee could do next, most pressing first, each with where to do it."""
    found: list[tuple[str, str]] = []
    for p in path.plans:
        if p.plan.done_on is None and p.for_you:
            found.append((ngettext("Your return to training plan has %(n)d step for you",
                                   "Your return to training plan has %(n)d steps for you", p.for_you)
                          % {"n": p.for_you}, reverse("returns:plan", kwargs={"uuid": p.plan.uuid})))
    if path.roles_around_cct:
        found.append(("Look at the roles that start around your CCT", reverse("opportunities:list")))
    preferences = Preferences.objects.filter(trainee=trainee).first()
    if preferences is None or not preferences.discoverable:
        found.append(("Agree to be found, so trusts can match you to leadership roles",
                      reverse("trainees:preferences")))
    else:
        matched = Match.objects.filter(trainee=trainee, vacancy__status=Vacancy.Status.OPEN).count()
        if matched:
            words = ngettext("%(n)d leadership role matches you now",
                             "%(n)d leadership roles match you now", matched) % {"n": matched}
            found.append((words, reverse("opportunities:list")))
    if open_mentorship_of(trainee) is None:
        found.append(("Ask for a mentor", reverse("mentoring:ask")))
    if path.cct is None:
        found.append(("Ask your deanery to record when you expect to complete training", ""))
    return found
