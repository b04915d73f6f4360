"""Fresh-eyes ideas in the demo region (a part of the demo seeder, docs/ideas.md): the demo
director's trust has ideas in every state, anonymous ones among them, and enough answered
to show in the report; the other trusts of the region a few each (one too few to show); the
demo trainee is invited to share one and has one the trust will try, ready to become a project.
Each idea hangs on an invitation for a real placement of its trainee: none is invented."""

from datetime import date, timedelta
from itertools import cycle

from accounts.models import Role, User
from demo.base import SeederBase
from demo.content import DEMO_LOGINS, DEMO_REGION
from ideas.models import Area, Idea, IdeaReminder, ImprovementLead, Invitation
from reference.models import Region, Trust
from trainees.models import Placement, Trainee

Status = Idea.Status
# The demo director's trust: every state, twice over where it matters (the report counts them).
DEMO_TRUST_STATES = [Status.WAITING, Status.WAITING, Status.ACKNOWLEDGED, Status.WILL_TRY, Status.TRIED,
                     Status.NOT_FOR_US, Status.TRIED, Status.WILL_TRY, Status.ACKNOWLEDGED, Status.TRIED]
OTHER_TRUST_STATES = [Status.TRIED, Status.ACKNOWLEDGED, Status.NOT_FOR_US, Status.WILL_TRY, Status.WAITING,
                      Status.TRIED]
IDEAS_PER_INVITATION = 3
TITLES = {
    Area.PATIENT_SAFETY: "Safety huddle at 8.30 every morning",
    Area.HANDOVER: "One-page weekend handover checklist",
    Area.PATHWAYS: "Nurse-led discharge on ward rounds",
    Area.ROTAS: "Trainees swap shifts in an app",
    Area.TEACHING: "Induction videos before day one",
    Area.DIGITAL: "One sign-on for every clinical system",
    Area.WELLBEING: "Hot food for the night team",
}
ANSWERS = {
    Status.ACKNOWLEDGED: "Thank you. We are looking at how this could work here.",
    Status.WILL_TRY: "We will try this on two wards from next month.",
    Status.TRIED: "We tried it for 8 weeks: delays fell by a fifth, and we have kept it.",
    Status.NOT_FOR_US: "We already do something similar through our own system, so we will keep that.",
}


def seed_ideas(seeder: SeederBase) -> None:
    region = Region.objects.get(code=DEMO_REGION)
    trusts = list(Trust.objects.filter(region=region).order_by("ods_code"))
    director = User.objects.get(email=DEMO_LOGINS[Role.MEDICAL_DIRECTOR])
    demo_trainee = Trainee.objects.get(user__email=DEMO_LOGINS[Role.TRAINEE])
    assert director.trust is not None  # a medical director always has a trust
    ImprovementLead.objects.create(trust=director.trust, user=director, named_by=director,
                                   named_at=seeder.moment(seeder.days_ago(100, 200)))
    started = (Placement.objects.filter(trainee__region=region, kind=Placement.Kind.CLINICAL,
                                        start_date__lte=seeder.today - timedelta(days=45))
               .exclude(trainee=demo_trainee).select_related("trainee").order_by("pk"))
    for n, trust in enumerate(trusts):
        states = DEMO_TRUST_STATES if trust.pk == director.trust_id else OTHER_TRUST_STATES[:6 - n % 3 * 2]
        at_trust = list(started.filter(trust=trust)[:len(states)])
        others = [t for t in trusts if t.pk != trust.pk]
        _ideas_for(seeder, at_trust, states, others, director if trust.pk == director.trust_id else None)
    _demo_trainees_ideas(seeder, demo_trainee, trusts)


def _ideas_for(seeder: SeederBase, placements: list[Placement], states: list[Status], others: list[Trust],
               director: User | None) -> None:
    if not placements:
        return
    states = states[:len(placements) * IDEAS_PER_INVITATION]
    invitations = cycle([_invitation(seeder, p, seeder.rng.choice(others)) for p in placements])
    for k, (state, invitation) in enumerate(zip(states, invitations, strict=False)):
        overdue = state == Status.WAITING and k == 1
        shared = seeder.today - timedelta(days=40 if overdue else seeder.rng.randint(3, 25) if
                                          state == Status.WAITING else seeder.rng.randint(40, 200))
        _idea(seeder, invitation, state, shared, anonymous=k % 4 == 3, by=director, overdue=overdue)


def _invitation(seeder: SeederBase, placement: Placement, previous: Trust,
                closes_on: date | None = None) -> Invitation:
    return Invitation.objects.create(
        uuid=seeder.uuid(), placement=placement, trainee=placement.trainee, trust_id=placement.trust_id,
        previous_trust=previous, invited_on=placement.start_date,
        closes_on=closes_on or placement.start_date + timedelta(days=90))


def _idea(seeder: SeederBase, invitation: Invitation, state: Status, shared: date, *, anonymous: bool,
          by: User | None, overdue: bool = False) -> Idea:
    previous = invitation.previous_trust
    assert previous is not None  # the demo always knows where they were before
    area = seeder.rng.choice([a for a in Area if a in TITLES])
    answered = shared + timedelta(days=seeder.rng.choice((4, 9, 16, 27, 38)))
    idea = Idea.objects.create(
        uuid=seeder.uuid(), invitation=invitation, trainee=invitation.trainee, trust_id=invitation.trust_id,
        previous_trust=previous, area=area, title=TITLES[area],
        idea=f"At {previous.name} this made a real difference. {TITLES[area]}: it was "
             "simple to set up and people liked it.",
        anonymous=anonymous, submitted_at=seeder.moment(shared), due_on=shared + timedelta(days=30),
        status=state, answer=ANSWERS.get(state, "") if state != Status.ACKNOWLEDGED or anonymous else "",
        answered_at=None if state == Status.WAITING else seeder.moment(min(answered, seeder.today)),
        changed_at=None if state == Status.WAITING else seeder.moment(min(answered, seeder.today)),
        answered_by=None if state == Status.WAITING else by)
    if overdue:  # the daily job has reminded the lead and told the medical directors
        IdeaReminder.objects.bulk_create([
            IdeaReminder(idea=idea, kind=kind, sent_at=seeder.moment(shared + timedelta(days=after)))
            for kind, after in ((IdeaReminder.Kind.REMINDER, 21), (IdeaReminder.Kind.ESCALATION, 31))])
    return idea


def _demo_trainees_ideas(seeder: SeederBase, trainee: Trainee, trusts: list[Trust]) -> None:
    """An invitation waiting on the demo trainee's home page, for their current placement, and
    an idea they shared at an earlier one that its trust will try."""
    placements = list(Placement.objects.filter(trainee=trainee).order_by("-start_date"))
    if not placements:
        return
    current, *earlier = placements
    elsewhere = [t for t in trusts if t.pk != current.trust_id]
    _invitation(seeder, current, seeder.rng.choice(elsewhere), closes_on=seeder.today + timedelta(days=60))
    if earlier:
        before = earlier[0]
        previous = next((p.trust for p in earlier[1:] if p.trust_id != before.trust_id), None)
        invitation = _invitation(seeder, before, previous or seeder.rng.choice(
            [t for t in trusts if t.pk != before.trust_id]))
        _idea(seeder, invitation, Status.WILL_TRY, seeder.today - timedelta(days=50), anonymous=False,
              by=None)


__all__ = ["seed_ideas"]
