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
