"""The return to training: plans opened before a fellowship ends, and each side's steps
(docs/stewardship.md). The rules are in `pipeline.return_steps`; these write, and every
change reassesses the fellow's stewardship."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from core.rules import refuse
from mentoring.models import Mentor, Mentorship
from mentoring.selectors import open_mentorship_of
from mentoring.services import mentorship_propose
from notifications.services import notification_queue
from pipeline import return_steps as rules
from pipeline import stewardship
from pipeline.models import Match, ReturnPlan, Vacancy
from reference.models import Trust
from schemes.models import Fellowship
from trainees.models import Placement

Session = ReturnPlan.Session


def next_trust(fellowship: Fellowship) -> Trust | None:
    """The trust of the fellow's next clinical placement: the first one still going after
    the fellowship ends."""
    placement = (Placement.objects.filter(trainee_id=fellowship.trainee_id, kind=Placement.Kind.CLINICAL,
                                          end_date__gt=fellowship.end_date)
                 .select_related("trust").order_by("start_date").first())
    return placement.trust if placement else None


def return_plans_open(*, today: date | None = None) -> int:
    """Open a plan for every active fellowship ending within RETURN_PLAN_WEEKS. Safe to run
    again, and by two workers at once: a fellowship has one plan (a unique key)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(weeks=settings.RETURN_PLAN_WEEKS)
    due = (Fellowship.objects.active().filter(end_date__lte=horizon, return_plan__isnull=True)
           .select_related("trainee", "cohort__scheme"))
    return sum(_open(fellowship, today) for fellowship in due)


@transaction.atomic
def _open(fellowship: Fellowship, today: date) -> bool:
    trust = next_trust(fellowship)
    plan, created = ReturnPlan.objects.get_or_create(fellowship=fellowship, defaults={
        "trainee": fellowship.trainee, "opened_on": today, "receiving_trust": trust,
        "trust_known_on": today if trust else None})
    if created:
        trainee = fellowship.trainee
        notification_queue(
            recipient=trainee.user, to_address=trainee.email, template="return_plan_opened",
            subject="Plan your return to training", context={
                "first_name": trainee.first_name, "scheme": fellowship.cohort.scheme.name,
                "end_date": f"{fellowship.end_date:%-d %B %Y}", "path": _path(plan)})
        stewardship.reassess(trainee)
    return created


def _path(plan: ReturnPlan) -> str:
    return reverse("returns:plan", kwargs={"uuid": plan.uuid})


def plan_steps(plan: ReturnPlan) -> list[rules.Step]:
    return rules.steps(plan, has_mentor=open_mentorship_of(plan.trainee) is not None)


def _locked(plan: ReturnPlan) -> ReturnPlan:
    return ReturnPlan.objects.select_for_update(of=("self",)).select_related(
        "trainee", "receiving_trust", "fellowship__cohort__scheme").get(pk=plan.pk)


def _saved(plan: ReturnPlan, *fields: str) -> ReturnPlan:
    """Save the step's fields, close the plan when every step is done, and reassess."""
    plan.full_clean()
    if rules.is_done(plan_steps(plan)):
        plan.done_on = timezone.localdate()
        fields = (*fields, "done_on")
    plan.save(update_fields=[*fields, "updated_at"])
    stewardship.reassess(plan.trainee)
    return plan


@transaction.atomic
def plan_set_trust(*, plan: ReturnPlan, trust: Trust, by: User) -> ReturnPlan:
    plan = _locked(plan)
    refuse(rules.set_trust_error(plan, rules.side_of(plan, by)))
    if plan.receiving_trust_id != trust.pk:
        # Another trust's director was not told about this fellow.
        plan.director_told_at, plan.session, plan.session_on = None, Session.NOT_PROPOSED, None
    plan.receiving_trust, plan.trust_known_on = trust, timezone.localdate()
    return _saved(plan, "receiving_trust", "trust_known_on", "director_told_at", "session", "session_on")


@transaction.atomic
def plan_tell_director(*, plan: ReturnPlan, by: User, share_project: bool, project_summary: str,
                       share_portfolio: bool) -> int:
    """Email the receiving trust's medical directors what the fellow chose to share; how many."""
    plan = _locked(plan)
    refuse(rules.tell_director_error(plan, rules.side_of(plan, by)))
    assert plan.receiving_trust is not None  # the rule requires it
    directors = list(User.objects.filter(role=Role.MEDICAL_DIRECTOR, trust=plan.receiving_trust,
                                         is_active=True))
    refuse(None if directors else f"No medical director of {plan.receiving_trust} uses this service "
           "yet. The deanery will contact the trust")
    plan.share_project, plan.share_portfolio = share_project, share_portfolio
    plan.project_summary = project_summary.strip() if share_project else ""
    plan.director_told_at = timezone.now()
    for director in directors:
        notification_queue(recipient=director, to_address=director.email, template="return_plan_director",
                           subject=f"{plan.trainee.full_name} is returning to your trust", context={
                               "first_name": director.first_name, **director_sees(plan), "path": _path(plan)})
    _saved(plan, "share_project", "share_portfolio", "project_summary", "director_told_at")
    return len(directors)


def director_sees(plan: ReturnPlan) -> dict:
    """What the receiving director is told: the name and fellowship, and only what the
    fellow chose to share."""
    fellowship = plan.fellowship
    told = {"fellow": plan.trainee.full_name, "scheme": fellowship.cohort.scheme.name,
            "end_date": f"{fellowship.end_date:%-d %B %Y}", "shared_project": plan.share_project,
            "shared_portfolio": plan.share_portfolio}
    if plan.share_project:
        told |= {"project_title": fellowship.project_title, "host": fellowship.host_organisation,
                 "project_summary": plan.project_summary}
    if plan.share_portfolio:
        told |= {"projects": list(plan.trainee.projects.values_list("title", flat=True)),
                 "roles": list(plan.trainee.leadership_roles.values_list("title", flat=True))}
    return told


@transaction.atomic
def plan_propose_session(*, plan: ReturnPlan, by: User, on: date) -> ReturnPlan:
    plan = _locked(plan)
    today = timezone.localdate()
    refuse(rules.propose_session_error(plan, rules.side_of(plan, by), on, today))
    plan.session, plan.session_on, plan.session_changed_on = Session.PROPOSED, on, today
    trainee = plan.trainee
    notification_queue(recipient=trainee.user, to_address=trainee.email, template="return_plan_session",
                       subject="A date to share your learning", context={
                           "first_name": trainee.first_name, "trust": str(plan.receiving_trust),
                           "date": f"{on:%-d %B %Y}", "path": _path(plan)})
    return _saved(plan, "session", "session_on", "session_changed_on")


@transaction.atomic
def plan_agree_session(*, plan: ReturnPlan, by: User) -> ReturnPlan:
    plan = _locked(plan)
    refuse(rules.agree_session_error(plan, rules.side_of(plan, by)))
    plan.session, plan.session_changed_on = Session.AGREED, timezone.localdate()
    return _saved(plan, "session", "session_changed_on")


@transaction.atomic
def plan_record_session(*, plan: ReturnPlan, by: User, note: str = "") -> ReturnPlan:
    plan = _locked(plan)
    today = timezone.localdate()
    refuse(rules.record_session_error(plan, rules.side_of(plan, by), today))
    plan.session, plan.session_changed_on, plan.session_note = Session.HELD, today, note.strip()
    return _saved(plan, "session", "session_changed_on", "session_note")


@transaction.atomic
def plan_roles_seen(*, plan: ReturnPlan, by: User) -> ReturnPlan:
    plan = _locked(plan)
    refuse(rules.roles_seen_error(plan, rules.side_of(plan, by)))
    plan.roles_seen_at = timezone.now()
    return _saved(plan, "roles_seen_at")


@transaction.atomic
def plan_ask_mentor(*, plan: ReturnPlan, by: User, mentor: Mentor) -> Mentorship:
    """Propose the suggested (or another) mentor: mentoring's one way to make a pair."""
    plan = _locked(plan)
    refuse(rules.ask_mentor_error(plan, rules.side_of(plan, by)))
    mentorship = mentorship_propose(mentor=mentor, trainee=plan.trainee,
                                    goals="Suggested for the return to training after a fellowship.")
    _saved(plan)
    return mentorship


def suggested_mentor(plan: ReturnPlan) -> Mentor | None:
    """A mentor in the fellow's region with a free place, if they have no mentor."""
    if open_mentorship_of(plan.trainee) is not None:
        return None
    return stewardship.mentors_with_room(region_id=plan.trainee.region_id).order_by("pk").first()


def plan_roles(plan: ReturnPlan, limit: int = 10) -> QuerySet[Match]:
    """The fellow's matched open roles at the receiving trust and in its region."""
    if plan.receiving_trust is None:
        return Match.objects.none()
    trust = plan.receiving_trust
    near = Q(vacancy__trust=trust) | Q(vacancy__trust__region_id=trust.region_id)
    return (Match.objects.filter(near, trainee_id=plan.trainee_id, vacancy__status=Vacancy.Status.OPEN)
            .select_related("vacancy__trust").order_by("-score", "vacancy_id")[:limit])


def plan_rows(*, plans: QuerySet[ReturnPlan], viewer: User) -> list[dict]:
    """Each plan with how many steps are done and how many wait on the viewer (two queries)."""
    plans = plans.order_by("done_on", "fellowship__end_date", "pk")
    mentored = set(Mentorship.objects.open().filter(trainee__return_plans__in=plans)
                   .values_list("trainee_id", flat=True))
    rows = []
    for plan in plans:
        steps = rules.steps(plan, has_mentor=plan.trainee_id in mentored)
        side = rules.side_of(plan, viewer)
        rows.append({"plan": plan, "done": sum(s.done for s in steps), "steps": len(steps),
                     "mine": sum(s.waits_on == side for s in steps)})
    return rows


def plans_close_finished(*, today: date | None = None) -> int:
    """Mark done the open plans whose last step was done elsewhere (a mentor accepted)."""
    closed = 0
    for plan in ReturnPlan.objects.filter(done_on__isnull=True).select_related("trainee"):
        if rules.is_done(plan_steps(plan)):
            ReturnPlan.objects.filter(pk=plan.pk, done_on__isnull=True).update(
                done_on=today or timezone.localdate())
            closed += 1
    return closed
