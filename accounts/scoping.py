"""Who may see what: the one place that scopes querysets by the viewer.

Pages and (later) the API both go through these functions, so neither can show
what the other would hide. Anything outside a viewer's scope is simply absent
from the queryset, which views turn into a 404.
"""

from django.db.models import QuerySet

from accounts.models import Role, User
from mentoring.models import Mentorship
from pipeline.models import Interest, Vacancy
from trainees.models import Trainee

# A director learns who a candidate is only once the candidate has said they are
# interested (or accepted an invitation, which records interest).
IDENTIFIED_INTEREST_STATUSES = [
    Interest.Status.INTERESTED,
    Interest.Status.SHORTLISTED,
    Interest.Status.APPOINTED,
    Interest.Status.NOT_SELECTED,
]


def trainees_for(user: User) -> QuerySet[Trainee]:
    """The trainees whose records the viewer may open."""
    trainees = Trainee.objects.all()
    match user.role:
        case Role.ADMINISTRATOR:
            return trainees
        case Role.DEANERY_STAFF:
            return trainees.filter(region_id=user.region_id)
        case Role.TRAINEE:
            return trainees.filter(user=user)
        case Role.MENTOR:
            return trainees.filter(
                mentorships__mentor__user=user,
                mentorships__status__in=[Mentorship.Status.PROPOSED, Mentorship.Status.ACTIVE],
            ).distinct()
        case Role.MEDICAL_DIRECTOR:
            return trainees.filter(
                interests__vacancy__trust_id=user.trust_id,
                interests__status__in=IDENTIFIED_INTEREST_STATUSES,
            ).distinct()
    return trainees.none()


def vacancies_for(user: User) -> QuerySet[Vacancy]:
    """The vacancies the viewer may open: drafts only for the trust that owns them."""
    vacancies = Vacancy.objects.select_related("trust", "role_type")
    match user.role:
        case Role.ADMINISTRATOR:
            return vacancies
        case Role.MEDICAL_DIRECTOR:
            return vacancies.filter(trust_id=user.trust_id)
        case Role.DEANERY_STAFF:
            return vacancies.filter(trust__region_id=user.region_id).exclude(
                status=Vacancy.Status.DRAFT
            )
        case Role.TRAINEE | Role.MENTOR:
            return vacancies.exclude(status=Vacancy.Status.DRAFT)
    return vacancies.none()


def mentorships_for(user: User) -> QuerySet[Mentorship]:
    """Mentorships a viewer may open: the pair's own. Private notes are for the pair alone;
    nobody else opens a mentorship page at all."""
    mentorships = Mentorship.objects.select_related("mentor__user", "trainee")
    if user.role == Role.MENTOR:
        return mentorships.filter(mentor__user=user)
    if user.role == Role.TRAINEE:
        return mentorships.filter(trainee__user=user)
    return mentorships.none()


def cohorts_visible_to(user: User):
    """Cohorts: staff see their region's and national ones (as on the schemes pages)."""
    from django.db.models import Q

    from schemes.models import Cohort

    cohorts = Cohort.objects.select_related("scheme", "region")
    if user.role == Role.ADMINISTRATOR:
        return cohorts
    if user.role == Role.DEANERY_STAFF:
        return cohorts.filter(Q(region_id=user.region_id) | Q(region__isnull=True))
    return cohorts.none()


def fellowships_for(user: User):
    """Fellowships of the trainees the viewer may open; staff see their region's only."""
    from schemes.models import Fellowship

    return Fellowship.objects.filter(trainee__in=trainees_for(user)).select_related(
        "trainee", "cohort__scheme")


def matches_for(user: User):
    """A trainee's own matches to open roles, or a director's trust's matched candidates.

    A director's rows must be turned into candidates by
    `pipeline.selectors.candidates_from`, which anonymises them; nobody else sees matches.
    """
    from pipeline.models import Match

    matches = Match.objects.select_related("vacancy", "trainee__grade", "trainee__specialty",
                                           "trainee__region")
    if user.role == Role.TRAINEE:
        return matches.filter(trainee__user=user, vacancy__status=Vacancy.Status.OPEN)
    if user.role == Role.MEDICAL_DIRECTOR:
        return matches.filter(vacancy__trust_id=user.trust_id)
    return matches.none()


def interests_for(user: User) -> QuerySet[Interest]:
    """A trainee's own applications; for a director, only those that identify the candidate."""
    interests = Interest.objects.select_related("vacancy", "trainee")
    match user.role:
        case Role.TRAINEE:
            return interests.filter(trainee__user=user)
        case Role.MEDICAL_DIRECTOR:
            return interests.filter(vacancy__trust_id=user.trust_id,
                                    status__in=IDENTIFIED_INTEREST_STATUSES)
        case Role.ADMINISTRATOR:
            return interests.filter(status__in=IDENTIFIED_INTEREST_STATUSES)
    return interests.none()


def mentors_for(user: User):
    """Mentors: staff see their region's (to assign them), a mentor their own profile, a
    trainee the mentors they are paired with."""
    from mentoring.models import Mentor

    mentors = Mentor.objects.select_related("user", "region")
    match user.role:
        case Role.ADMINISTRATOR:
            return mentors
        case Role.DEANERY_STAFF:
            return mentors.filter(region_id=user.region_id)
        case Role.MENTOR:
            return mentors.filter(user=user)
        case Role.TRAINEE:
            return mentors.filter(mentorships__trainee__user=user).distinct()
    return mentors.none()


def rounds_for(user: User):
    """Allocation rounds: staff see their region's; a trainee the open and finished rounds
    of their region; a director those offering their trust's roles. Drafts are staff's alone."""
    from allocation.models import AllocationRound

    rounds = AllocationRound.objects.select_related("region")
    match user.role:
        case Role.ADMINISTRATOR:
            return rounds
        case Role.DEANERY_STAFF:
            return rounds.filter(region_id=user.region_id)
        case Role.TRAINEE:
            return rounds.filter(region__trainees__user=user).exclude(status=AllocationRound.Status.DRAFT)
        case Role.MEDICAL_DIRECTOR:
            return rounds.filter(posts__vacancy__trust_id=user.trust_id).exclude(
                status=AllocationRound.Status.DRAFT).distinct()
    return rounds.none()


def round_posts_for(user: User):
    """Posts in rounds a director may rank applicants for: their own trust's, once open."""
    from allocation.models import AllocationRound, RoundPost

    posts = RoundPost.objects.select_related("round", "vacancy__trust")
    if user.role == Role.MEDICAL_DIRECTOR:
        return posts.filter(vacancy__trust_id=user.trust_id).exclude(
            round__status=AllocationRound.Status.DRAFT)
    return posts.none()


def placements_for(user: User):
    """Where trainees were placed by allocation rounds: staff see their region's rounds once
    run; a trainee their own, and a director those into their trust's posts, once published."""
    from allocation.models import Allocation, AllocationRound

    placements = Allocation.objects.select_related("round", "trainee", "post__vacancy")
    published = AllocationRound.Status.PUBLISHED
    match user.role:
        case Role.ADMINISTRATOR:
            return placements
        case Role.DEANERY_STAFF:
            return placements.filter(round__region_id=user.region_id)
        case Role.TRAINEE:
            return placements.filter(trainee__user=user, round__status=published)
        case Role.MEDICAL_DIRECTOR:
            return placements.filter(post__vacancy__trust_id=user.trust_id, round__status=published)
    return placements.none()
