"""Reads for the ideas pages: what each side sees, with the actions the rules allow now."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from ideas import rules
from ideas.models import Idea, ImprovementLead, Invitation
from ideas.scopes import ideas_for, invitations_for
from ideas.services import sender_for_trust
from trainees.models import Trainee


def _still_open(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    return invitations.filter(closes_on__gte=timezone.localdate(), dismissed_at__isnull=True)


def open_invitations(user: User) -> QuerySet[Invitation]:
    """Invitations the trainee may still answer, newest first, with how many ideas they shared."""
    return _still_open(invitations_for(user)).annotate(shared=Count("ideas")).order_by("-invited_on", "pk")


def invitations_to_prompt(*, trainee: Trainee) -> QuerySet[Invitation]:
    """What the trainee's home page asks about: open invitations they have not answered yet."""
    return _still_open(Invitation.objects.filter(trainee=trainee, ideas__isnull=True)).select_related(
        "trust").order_by("-invited_on", "pk")


@dataclass(frozen=True)
class IdeaView:
    """One idea as the viewer may see it."""

    idea: Idea
    sender: str  # who sent it, as this viewer may know it
    answers: list[tuple[str, str]]  # the answers the viewer may give now (value, label)
    can_make_project: bool
    trust_side: bool  # the viewer answers for the trust
    can_post_opportunity: bool  # offer it as a short improvement project (pipeline)
    overdue: bool


def idea_view(idea: Idea, viewer: User, today: date | None = None) -> IdeaView:
    today = today or timezone.localdate()
    own = idea.trainee.user_id == viewer.pk
    answers = []
    if rules.may_answer(viewer, idea) and rules.answer_error(idea) is None:
        answers = [(s, Idea.Status(s).label) for s in rules.NEXT_ANSWERS[idea.status]]
    return IdeaView(idea=idea, sender="You" if own else sender_for_trust(idea), answers=answers,
                    can_make_project=own and rules.make_project_error(idea) is None,
                    trust_side=rules.may_answer(viewer, idea),
                    can_post_opportunity=(rules.may_answer(viewer, idea)
                                          and rules.opportunity_error(idea) is None),
                    overdue=idea.status == Idea.Status.WAITING and idea.due_on < today)


def ideas_list(viewer: User) -> QuerySet[Idea]:
    """Waiting ideas first (the oldest answer date first), then the answered, newest first."""
    return ideas_for(viewer).annotate(waiting=Q(status=Idea.Status.WAITING)).order_by(
        "-waiting", "due_on", "-submitted_at", "pk")


def ideas_waiting(viewer: User) -> int:
    """How many of the ideas the viewer may answer wait for an answer."""
    return ideas_for(viewer).filter(status=Idea.Status.WAITING).count()


def lead_of_trust(trust_id: int) -> ImprovementLead | None:
    return ImprovementLead.objects.filter(trust_id=trust_id).select_related("user").first()
