"""Writes to mentorships: capacity is checked under a row lock on the mentor."""

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from mentoring import assignment
from mentoring.models import Meeting, Mentor, MentorRequest, Mentorship, MentorSuggestion
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
    """How much each trainee needs each MLCF domain: 1 minus the share of its 4 elements
    they have evidenced (one query for everyone)."""
    from pipeline.selectors import domain_evidence_counts

    evidenced = domain_evidence_counts([t.pk for t in trainees])
    return np.array([[1 - evidenced.get(t.pk, {}).get(d, 0) / 4 for d in range(1, assignment.DOMAINS + 1)]
                     for t in trainees], dtype=float).reshape(-1, assignment.DOMAINS)


def with_places(mentors):
    """Annotate mentors with their open mentorships and outstanding suggestions."""
    open_mentorships = Count("mentorships", filter=Q(mentorships__status__in=OPEN), distinct=True)
    offered = Count("suggestions", filter=Q(suggestions__request__status=MentorRequest.Status.OPEN),
                    distinct=True)
    return mentors.annotate(taken=open_mentorships, offered=offered)


def bulk_assignment_propose(
    *, trainees: list[Trainee], mentors: list[Mentor]
) -> list[tuple[Trainee, Mentor]]:
    """The optimal assignment of these trainees to these mentors' free places, for review."""
    expertise = np.zeros((len(mentors), assignment.DOMAINS))
    for i, mentor in enumerate(mentors):
        for domain in mentor.expertise.all():
            expertise[i, domain.number - 1] = 1.0
    taken = dict(with_places(Mentor.objects.filter(pk__in=[m.pk for m in mentors]))
                 .values_list("pk", "taken"))
    free = np.array([max(0, m.capacity - taken[m.pk]) if m.accepting else 0 for m in mentors])
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


# -- requests and suggestions ----------------------------------------------------------

SUGGESTIONS_PER_REQUEST = 3


def _free_places(mentor: Mentor) -> int:
    """Capacity less open mentorships and outstanding suggestions (annotated by with_places)."""
    return mentor.capacity - mentor.taken - mentor.offered


def _wanted_domains(request: MentorRequest) -> list[int]:
    """The domains asked for, or else the trainee's two weakest."""
    chosen = list(request.domains.values_list("number", flat=True))
    if chosen:
        return chosen
    coverage = sorted(mlcf_coverage(trainee=request.trainee), key=lambda c: (c.percent, c.domain.number))
    return [c.domain.number for c in coverage[:2]]


def _suggestion(request: MentorRequest, mentor: Mentor, wanted: list[int]) -> tuple[float, list[str]]:
    offered = {d.number: d.name for d in mentor.expertise.all()}
    matching = [offered[d] for d in wanted if d in offered]
    score, reasons = 10.0 * len(matching), []
    reasons.append(f"Expertise in {', '.join(matching)}" if matching
                   else "No expertise in the domains you want to develop")
    if mentor.region_id == request.trainee.region_id:
        score += 3 if request.same_region else 0
        reasons.append("In your region")
    free = _free_places(mentor)
    score += min(free, 3)
    reasons.append(f"{free} free place{'s' if free != 1 else ''}")
    return score, reasons


@transaction.atomic
def mentor_request_create(*, trainee: Trainee, goals: str, domains, outside_own_trust: bool,
                          same_region: bool) -> MentorRequest:
    """Record the request and offer the best mentors who still have room for it."""
    if MentorRequest.objects.filter(trainee=trainee, status=MentorRequest.Status.OPEN).exists():
        raise ValidationError("You already have an open request for a mentor")
    request = MentorRequest.objects.create(trainee=trainee, goals=goals.strip(),
                                           outside_own_trust=outside_own_trust, same_region=same_region)
    request.domains.set(domains)
    wanted = _wanted_domains(request)
    candidates = (Mentor.objects.select_for_update(of=("self",)).filter(accepting=True)
                  .exclude(user__trainee=trainee)
                  .exclude(mentorships__trainee=trainee, mentorships__status__in=OPEN))
    if same_region:
        candidates = candidates.filter(region_id=trainee.region_id)
    if outside_own_trust and trainee.current_trust:
        candidates = candidates.exclude(organisation=trainee.current_trust.name)
    # Lock the candidates first, then count their places: FOR UPDATE cannot take aggregates.
    locked = list(candidates.values_list("pk", flat=True))
    scored = []
    for mentor in with_places(Mentor.objects.filter(pk__in=locked)).prefetch_related("expertise"):
        if _free_places(mentor) > 0:
            score, reasons = _suggestion(request, mentor, wanted)
            scored.append((-score, mentor.pk, mentor, reasons))
    for neg_score, _, mentor, reasons in sorted(scored)[:SUGGESTIONS_PER_REQUEST]:
        MentorSuggestion.objects.create(request=request, mentor=mentor, score=-neg_score, reasons=reasons)
    return request


@transaction.atomic
def mentor_request_choose(*, request: MentorRequest, mentor: Mentor) -> Mentorship:
    """The trainee asks one of the suggested mentors; the other suggestions are released."""
    if request.status != MentorRequest.Status.OPEN:
        raise ValidationError("This request is no longer open")
    if not request.suggestions.filter(mentor=mentor).exists():
        raise ValidationError("Choose one of the mentors suggested to you")
    if Mentorship.objects.filter(mentor=mentor, trainee=request.trainee, status__in=OPEN).exists():
        raise ValidationError(f"{mentor} is already your mentor")
    mentorship = Mentorship.objects.create(mentor=mentor, trainee=request.trainee, goals=request.goals,
                                           status=Mentorship.Status.PROPOSED)
    request.status = MentorRequest.Status.MATCHED
    request.save(update_fields=["status", "updated_at"])
    request.suggestions.all().delete()
    return mentorship


# -- the mentorship itself -------------------------------------------------------------


def _side(mentorship: Mentorship, user: User) -> str:
    if mentorship.mentor.user_id == user.pk:
        return "mentor"
    if mentorship.trainee.user_id == user.pk:
        return "trainee"
    raise ValidationError("Only the mentor and the mentee can do this")


@transaction.atomic
def mentorship_decline(*, mentorship: Mentorship, by: User) -> Mentorship:
    if _side(mentorship, by) != "mentor" or mentorship.status != Mentorship.Status.PROPOSED:
        raise ValidationError("Only the mentor can decline a proposed mentee")
    mentorship.status = Mentorship.Status.ENDED
    mentorship.ended_on = timezone.localdate()
    mentorship.mentor_feedback = "Declined"
    mentorship.save(update_fields=["status", "ended_on", "mentor_feedback", "updated_at"])
    return mentorship


@transaction.atomic
def meeting_log(*, mentorship: Mentorship, by: User, held_on, topics, private_notes: str) -> Meeting:
    _side(mentorship, by)
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise ValidationError("Meetings can be logged for an active mentorship only")
    if held_on > timezone.localdate():
        raise ValidationError("The meeting date must be today or in the past")
    meeting = Meeting.objects.create(mentorship=mentorship, held_on=held_on, private_notes=private_notes)
    meeting.topics.set(topics)
    return meeting


@transaction.atomic
def mentorship_end(*, mentorship: Mentorship, by: User, feedback: str) -> Mentorship:
    """End an active mentorship with the ender's short feedback; the other may add theirs."""
    side = _side(mentorship, by)
    if not feedback.strip():
        raise ValidationError("Enter a few words of feedback")
    if mentorship.status == Mentorship.Status.ACTIVE:
        mentorship.status = Mentorship.Status.ENDED
        mentorship.ended_on = timezone.localdate()
    elif mentorship.status != Mentorship.Status.ENDED:
        raise ValidationError("Only an active mentorship can be ended")
    setattr(mentorship, f"{side}_feedback", feedback.strip())
    mentorship.save()
    return mentorship


@transaction.atomic
def mentor_profile_update(*, mentor: Mentor, organisation: str, current_role: str, past_roles: str,
                          expertise, capacity: int, accepting: bool) -> Mentor:
    mentor.organisation, mentor.current_role, mentor.past_roles = organisation, current_role, past_roles
    mentor.capacity, mentor.accepting = capacity, accepting
    mentor.full_clean()
    mentor.save()
    mentor.expertise.set(expertise)
    return mentor
