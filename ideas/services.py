"""Writes for fresh-eyes ideas (docs/ideas.md): inviting new starters, sharing an idea, the
trust's answer, turning an idea into a portfolio project, naming a trust's improvement lead."""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from core.limits import fit
from core.rules import refuse
from ideas import rules
from ideas.models import Idea, ImprovementLead, Invitation
from notifications.services import notification_queue
from reference.models import FrameworkElement, Trust
from trainees import services as trainee_services
from trainees.models import Evidence, Placement, Project, Trainee

# The Medical Leadership Competency Framework element an idea taken up is evidence of.
IMPROVING_SERVICES = "Improving Services"
IMPROVEMENT_ELEMENT = "Encouraging Improvement and Innovation"


# -- who hears about a trust's ideas --------------------------------------------------------


def directors_of(trust_id: int) -> QuerySet[User]:
    return User.objects.filter(role=Role.MEDICAL_DIRECTOR, trust_id=trust_id, is_active=True).order_by("pk")


def lead_of(trust_id: int) -> list[User]:
    """Who receives the trust's ideas: its named lead, else every medical director of it."""
    lead = (ImprovementLead.objects.filter(trust_id=trust_id, user__is_active=True)
            .select_related("user").first())
    return [lead.user] if lead else list(directors_of(trust_id))


@transaction.atomic
def lead_name(*, trust: Trust, user: User, by: User) -> ImprovementLead:
    """A medical director names who answers the trust's ideas (themselves or a colleague)."""
    refuse(rules.lead_error(trust, by))
    refuse(rules.lead_error(trust, user))
    lead, _ = ImprovementLead.objects.update_or_create(
        trust=trust, defaults={"user": user, "named_by": by, "named_at": timezone.now()})
    return lead


# -- inviting new starters ------------------------------------------------------------------


def _previous_placement(placement: Placement) -> Placement | None:
    return (Placement.objects.filter(trainee_id=placement.trainee_id, start_date__lt=placement.start_date)
            .order_by("-start_date", "-pk").first())


def invitations_send(today: date | None = None) -> int:
    """Invite every trainee whose clinical placement started lately (imported, entered or from
    the API: the daily job reads the placements, whoever wrote them). Each placement is
    claimed once by its invitation row, so a re-run sends nothing twice."""
    today = today or timezone.localdate()
    since = today - timedelta(days=settings.IDEAS_INVITE_WITHIN_DAYS)
    started = (Placement.objects.filter(kind=Placement.Kind.CLINICAL, start_date__lte=today,
                                        start_date__gte=since, end_date__gte=today,
                                        idea_invitation__isnull=True)
               .select_related("trainee__user", "trust").order_by("start_date", "pk"))
    return sum(_invite(placement, today) for placement in started)


def _invite(placement: Placement, today: date) -> int:
    before = _previous_placement(placement)
    if before is not None and before.trust_id == placement.trust_id:
        return 0  # no move, no fresh eyes
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                placement=placement, trainee=placement.trainee, trust=placement.trust,
                previous_trust_id=before.trust_id if before else None, invited_on=today,
                closes_on=placement.start_date + timedelta(days=settings.IDEAS_OPEN_DAYS))
            _email_invitation(invitation)
    except IntegrityError:
        return 0  # another run took it
    return 1


def _email_invitation(invitation: Invitation) -> None:
    trainee = invitation.trainee
    if trainee.user_id is None:
        return  # the prompt waits on their home page for when they have an account
    notification_queue(
        recipient=trainee.user, to_address=trainee.email, template="idea_invitation",
        subject=f"What worked better before you joined {invitation.trust.name}?",
        context={"first_name": trainee.first_name, "trust": invitation.trust.name,
                 "closes_on": f"{invitation.closes_on:%-d %B %Y}",
                 "path": reverse("ideas:new", kwargs={"uuid": invitation.uuid})})


@transaction.atomic
def invitation_dismiss(*, invitation: Invitation, trainee: Trainee) -> Invitation:
    """The trainee has nothing to share: the prompt goes from their home page."""
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk, trainee=trainee)
    refuse(rules.dismiss_error(invitation))
    invitation.dismissed_at = timezone.now()
    invitation.save(update_fields=["dismissed_at", "updated_at"])
    return invitation


# -- sharing and answering ------------------------------------------------------------------


@transaction.atomic
def idea_submit(*, invitation: Invitation, trainee: Trainee, area: str, title: str, idea: str,
                previous_trust: Trust, anonymous: bool, now=None) -> Idea:
    """Share an idea with the trust the placement is at; its improvement lead is told."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related("trust").get(
        pk=invitation.pk, trainee=trainee)
    refuse(rules.submit_error(invitation, timezone.localdate(now)))
    refuse(rules.previous_trust_error(invitation, previous_trust))
    row = Idea(invitation=invitation, trainee=trainee, trust=invitation.trust, previous_trust=previous_trust,
               area=area, title=title.strip(), idea=idea.strip(), anonymous=anonymous, submitted_at=now,
               due_on=timezone.localdate(now) + timedelta(days=settings.IDEAS_ANSWER_DAYS))
    row.full_clean()
    row.save()
    email_trust(row, template="idea_received", subject=f"A new idea for {row.trust.name}",
                 people=lead_of(row.trust_id))
    return row


def sender_for_trust(idea: Idea) -> str:
    """Who sent the idea, as the trust may know it: nobody, when it was sent anonymously."""
    if idea.anonymous:
        return "A trainee (they chose not to give their name)"
    return f"{idea.trainee.full_name}, {idea.trainee.grade.code} {idea.trainee.specialty.name}"


def email_trust(idea: Idea, *, template: str, subject: str, people: list[User]) -> None:
    for person in people:
        notification_queue(
            recipient=person, to_address=person.email, template=template, subject=subject,
            context={"first_name": person.first_name, "trust": idea.trust.name, "title": idea.title,
                     "area": idea.get_area_display(), "sender": sender_for_trust(idea),
                     "due_on": f"{idea.due_on:%-d %B %Y}",
                     "path": reverse("ideas:idea", kwargs={"uuid": idea.uuid})})


@transaction.atomic
def idea_answer(*, idea: Idea, status: str, answer: str, by: User) -> Idea:
    """The trust's answer: acknowledged, will try, tried (with what happened) or not for us
    (with why). The trainee is told."""
    idea = (Idea.objects.select_for_update(of=("self",)).select_related("trainee__user", "trust")
            .get(pk=idea.pk))
    if not rules.may_answer(by, idea):
        refuse("Only the trust's improvement lead or medical directors can answer this idea.")
    refuse(rules.answer_error(idea, status))
    refuse(rules.answer_words_error(status, answer))
    now = timezone.now()
    idea.status, idea.answer, idea.answered_by, idea.changed_at = status, answer.strip(), by, now
    idea.answered_at = idea.answered_at or now
    idea.full_clean()
    idea.save(update_fields=["status", "answer", "answered_by", "changed_at", "answered_at", "updated_at"])
    trainee = idea.trainee
    if trainee.user_id:
        notification_queue(
            recipient=trainee.user, to_address=trainee.email, template="idea_answered",
            subject=f"{idea.trust.name} has answered your idea",
            context={"first_name": trainee.first_name, "trust": idea.trust.name, "title": idea.title,
                     "answer": idea.get_status_display(), "words": idea.answer,
                     "path": reverse("ideas:idea", kwargs={"uuid": idea.uuid})})
    return idea


@transaction.atomic
def idea_make_project(*, idea: Idea, trainee: Trainee) -> Project:
    """Put an idea the trust took up into the trainee's portfolio: an improvement project, and
    evidence against the Improving Services domain."""
    idea = (Idea.objects.select_for_update(of=("self",)).select_related("trust")
            .get(pk=idea.pk, trainee=trainee))
    refuse(rules.make_project_error(idea))
    today = timezone.localdate()
    tried = idea.status == Idea.Status.TRIED
    project = Project(trainee=trainee, title=idea.title, aim=idea.idea, trust=idea.trust, start_date=today,
                      status=Project.Status.IN_PROGRESS if tried else Project.Status.PLANNED,
                      outcome=idea.answer if tried else "")
    trainee_services.portfolio_item_save(trainee=trainee, item=project)
    element = FrameworkElement.objects.mlcf().get(domain__name=IMPROVING_SERVICES, name=IMPROVEMENT_ELEMENT)
    evidence = Evidence(trainee=trainee, element=element,
                        title=fit(f"Idea taken up: {idea.title}", Evidence, "title"),
                        what_i_did=f"I brought an idea from {idea.previous_trust} to {idea.trust}: "
                                   f"{idea.idea}",
                        what_i_learned="", occurred_on=timezone.localdate(idea.submitted_at))
    trainee_services.portfolio_item_save(trainee=trainee, item=evidence)
    idea.project = project
    idea.save(update_fields=["project", "updated_at"])
    return project


@transaction.atomic
def idea_opportunity_link(*, idea: Idea, vacancy, by: User) -> Idea:
    """Record that the trust offered the idea as a short improvement project (the director
    posted `vacancy` from it, in the same transaction)."""
    idea = Idea.objects.select_for_update(of=("self",)).get(pk=idea.pk)
    if not rules.may_answer(by, idea):
        refuse("Only the trust's improvement lead or medical directors can offer this idea as a project.")
    refuse(rules.opportunity_error(idea))
    idea.opportunity = vacancy
    idea.save(update_fields=["opportunity", "updated_at"])
    return idea


def opportunity_initial(idea: Idea) -> dict:
    """What a short improvement project posted from the idea starts with."""
    element = FrameworkElement.objects.mlcf().get(domain__name=IMPROVING_SERVICES, name=IMPROVEMENT_ELEMENT)
    return {"title": fit(f"Short project: {idea.title}", Idea, "title"),
            "description": f"A trainee's idea from {idea.previous_trust}, which we will try: {idea.idea}",
            "element": element.pk, "required_domains": [element.domain_id]}
