"""Writes to mentorships: capacity is checked under a row lock on the mentor."""

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import User
from core.rules import refuse
from mentoring import assignment, rules, selectors
from mentoring.models import Meeting, Mentor, MentorRequest, Mentorship, MentorSuggestion
from notifications.services import notification_queue
from reference.models import FrameworkDomain
from trainees.models import Trainee
from trainees.selectors import domain_evidence_counts, mlcf_coverage


def _locked_mentor(mentor_id: int) -> Mentor:
    return Mentor.objects.select_for_update().get(pk=mentor_id)


def _free_places(mentor: Mentor) -> int:
    """A mentor's free places now (Mentor.objects.with_free_places says how they are counted)."""
    return Mentor.objects.with_free_places().values_list("free_places", flat=True).get(pk=mentor.pk)


@transaction.atomic
def mentorship_propose(*, mentor: Mentor, trainee: Trainee, goals: str,
                       place_held: bool = False) -> Mentorship:
    """Propose a mentorship: the one way a pair is made, whoever asks (the trainee choosing
    a suggested mentor, staff for an alumnus, staff for a cohort). The mentor's row is
    locked, so two proposals cannot both take the last place. `place_held`: the trainee
    chose one of their suggestions, which was already holding a place for them."""
    locked = _locked_mentor(mentor.pk)
    # One open mentorship per trainee: the trainee's row is locked (always after the
    # mentor's) so two proposals for them at once cannot both find none. Not a database
    # constraint: data made before this rule holds trainees with two active mentors.
    Trainee.objects.select_for_update(no_key=True).filter(pk=trainee.pk).first()
    refuse(rules.propose_error(selectors.open_mentorship_of(trainee), first_name=trainee.first_name))
    _close_open_requests(trainee)  # before counting places: one may be held for this trainee
    if not place_held and _free_places(locked) < 1:
        raise ValidationError(f"{locked} has no free place for a mentee")
    mentorship = Mentorship.objects.create(mentor=locked, trainee=trainee, goals=goals,
                                           status=Mentorship.Status.PROPOSED)
    _tell(mentorship, "mentor", "mentorship_proposed_mentor",
          f"{trainee.full_name} would like you as their mentor")
    _tell(mentorship, "trainee", "mentorship_proposed",
          f"We have asked {locked.user.get_full_name()} to mentor you")
    return mentorship


def _tell(mentorship: Mentorship, whom: str, template: str, subject: str) -> None:
    """Email the mentor or the mentee (`whom`) about their mentorship, through the outbox."""
    mentor, trainee = mentorship.mentor.user, mentorship.trainee
    to, address, first_name = ((mentor, mentor.email, mentor.first_name) if whom == "mentor"
                               else (trainee.user, trainee.email, trainee.first_name))
    notification_queue(recipient=to, to_address=address, template=template, subject=subject, context={
        "first_name": first_name, "mentor": mentor.get_full_name(), "mentee": trainee.full_name,
        "path": reverse("mentoring:mentorship", kwargs={"uuid": mentorship.uuid})})


def _close_open_requests(trainee: Trainee) -> None:
    """A mentor proposed some other way answers the trainee's own request: close it, and
    free the places its suggestions were holding."""
    open_requests = MentorRequest.objects.filter(trainee=trainee, status=MentorRequest.Status.OPEN)
    MentorSuggestion.objects.filter(request__in=open_requests).delete()
    open_requests.update(status=MentorRequest.Status.CLOSED, updated_at=timezone.now())


@transaction.atomic
def mentorship_accept(*, mentorship: Mentorship, by: User) -> Mentorship:
    """The mentor accepts a proposed mentee. Two acceptances at once cannot both pass
    the capacity check: the mentor's row is locked until this transaction ends."""
    mentor = _locked_mentor(mentorship.mentor_id)
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    refuse(rules.accept_error(mentorship, is_mentor=mentor.user_id == by.pk))
    active = Mentorship.objects.filter(mentor=mentor, status=Mentorship.Status.ACTIVE).count()
    if active >= mentor.capacity:
        raise ValidationError(ngettext(
            "You already have %(n)d mentee, as many as you offered to take.",
            "You already have %(n)d mentees, as many as you offered to take.", active) % {"n": active})
    mentorship.status = Mentorship.Status.ACTIVE
    mentorship.started_on = timezone.localdate()
    mentorship.save(update_fields=["status", "started_on", "updated_at"])
    _tell(mentorship, "trainee", "mentorship_accepted", f"{mentor.user.get_full_name()} will mentor you")
    return mentorship


def _mlcf_domains() -> list[tuple[int, int]]:
    """Each MLCF domain's number and how many elements it has, from the reference data."""
    return list(FrameworkDomain.objects.mlcf().with_element_counts().values_list("number", "element_count"))


def _needs(trainees: list[Trainee], domains: list[tuple[int, int]]) -> np.ndarray:
    """How much each trainee needs each MLCF domain: 1 minus the share of its elements they
    have evidenced (one query for everyone)."""
    evidenced = domain_evidence_counts([t.pk for t in trainees])
    return np.array([[1 - evidenced.get(t.pk, {}).get(number, 0) / total for number, total in domains]
                     for t in trainees], dtype=float).reshape(-1, len(domains))


def bulk_assignment_propose(
    *, trainees: list[Trainee], mentors: list[Mentor]
) -> list[tuple[Trainee, Mentor]]:
    """The optimal assignment of these trainees to these mentors' free places, for review."""
    domains = _mlcf_domains()
    column = {number: j for j, (number, _) in enumerate(domains)}
    expertise = np.zeros((len(mentors), len(domains)))
    for i, mentor in enumerate(mentors):
        for domain in mentor.expertise.all():
            expertise[i, column[domain.number]] = 1.0
    places = dict(Mentor.objects.filter(pk__in=[m.pk for m in mentors]).with_free_places()
                  .values_list("pk", "free_places"))
    free = np.array([places[m.pk] for m in mentors])
    scores = assignment.score_matrix(
        _needs(trainees, domains), expertise, np.array([t.region_id for t in trainees]),
        np.array([m.region_id for m in mentors]))
    return [(trainees[t], mentors[m]) for t, m in assignment.optimal_assignment(scores, free)]


@transaction.atomic
def bulk_assignment_publish(*, pairs: list[tuple[Trainee, Mentor]], by: User) -> list[Mentorship]:
    """Create the reviewed proposals; each mentor's free places are rechecked under a lock."""
    created = []
    for trainee, mentor in sorted(pairs, key=lambda p: p[1].pk):  # a fixed lock order
        try:
            created.append(mentorship_propose(mentor=mentor, trainee=trainee,
                                              goals="Assigned with the cohort by the deanery."))
        except ValidationError as refused:
            raise ValidationError(f"{refused.messages[0]}: review the assignment again") from refused
    return created


# -- requests and suggestions ----------------------------------------------------------

SUGGESTIONS_PER_REQUEST = 3


def _wanted_domains(request: MentorRequest) -> list[int]:
    """The domains asked for, or else the trainee's two weakest."""
    chosen = list(request.domains.values_list("number", flat=True))
    if chosen:
        return chosen
    coverage = sorted(mlcf_coverage(trainee=request.trainee), key=lambda c: (c.percent, c.domain.number))
    return [c.domain.number for c in coverage[:2]]


def _suggestion(request: MentorRequest, mentor: Mentor, free: int,
                wanted: list[int]) -> tuple[float, list[str]]:
    offered = {d.number: d.name for d in mentor.expertise.all()}
    matching = [offered[d] for d in wanted if d in offered]
    score, reasons = 10.0 * len(matching), []
    reasons.append(f"Expertise in {', '.join(matching)}" if matching
                   else "No expertise in the domains you want to develop")
    if mentor.region_id == request.trainee.region_id:
        score += 3 if request.same_region else 0
        reasons.append("In your region")
    score += min(free, 3)
    reasons.append(f"{free} free place{'s' if free != 1 else ''}")
    return score, reasons


@transaction.atomic
def mentor_request_create(*, trainee: Trainee, goals: str, domains, outside_own_trust: bool,
                          same_region: bool) -> MentorRequest:
    """Record the request and offer the best mentors who still have room for it."""
    refuse(rules.ask_error(selectors.open_mentorship_of(trainee)))
    if MentorRequest.objects.filter(trainee=trainee, status=MentorRequest.Status.OPEN).exists():
        raise ValidationError("You already have an open request for a mentor")
    request = MentorRequest.objects.create(trainee=trainee, goals=goals.strip(),
                                           outside_own_trust=outside_own_trust, same_region=same_region)
    request.domains.set(domains)
    wanted = _wanted_domains(request)
    candidates = (Mentor.objects.select_for_update(of=("self",)).filter(accepting=True)
                  .exclude(user__trainee=trainee)
                  .exclude(mentorships__trainee=trainee, mentorships__status__in=Mentorship.OPEN))
    if same_region:
        candidates = candidates.filter(region_id=trainee.region_id)
    if outside_own_trust and trainee.current_trust:
        candidates = candidates.exclude(organisation=trainee.current_trust.name)
    # Lock the candidates first, then count their places: FOR UPDATE cannot take aggregates.
    locked = list(candidates.values_list("pk", flat=True))
    scored = []
    for mentor in Mentor.objects.filter(pk__in=locked).with_free_places().prefetch_related("expertise"):
        if mentor.free_places > 0:
            score, reasons = _suggestion(request, mentor, mentor.free_places, wanted)
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
    refuse(rules.ask_error(selectors.open_mentorship_of(request.trainee)))
    mentorship = mentorship_propose(mentor=mentor, trainee=request.trainee, goals=request.goals,
                                    place_held=True)  # which closes the request and its suggestions
    MentorRequest.objects.filter(pk=request.pk).update(status=MentorRequest.Status.MATCHED,
                                                       updated_at=timezone.now())
    request.status = MentorRequest.Status.MATCHED
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
    refuse(rules.decline_error(mentorship, is_mentor=_side(mentorship, by) == "mentor"))
    mentorship.status = Mentorship.Status.ENDED
    mentorship.ended_on = timezone.localdate()
    mentorship.mentor_feedback = "Declined"
    mentorship.save(update_fields=["status", "ended_on", "mentor_feedback", "updated_at"])
    _tell(mentorship, "trainee", "mentorship_declined",
          f"{mentorship.mentor.user.get_full_name()} cannot mentor you at the moment")
    return mentorship


@transaction.atomic
def meeting_log(*, mentorship: Mentorship, by: User, held_on, topics, private_notes: str) -> Meeting:
    _side(mentorship, by)
    refuse(rules.meeting_error(mentorship))
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
    refuse(rules.feedback_error(mentorship))
    ending = rules.end_error(mentorship) is None  # else adding feedback to an ended one
    if ending:
        mentorship.status = Mentorship.Status.ENDED
        mentorship.ended_on = timezone.localdate()
    setattr(mentorship, f"{side}_feedback", feedback.strip())
    mentorship.save()
    if ending:  # the other one is told, and may add their own feedback
        other = "trainee" if side == "mentor" else "mentor"
        _tell(mentorship, other, "mentorship_ended", "Your mentorship has ended")
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
