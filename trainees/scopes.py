"""Which trainees each role may open (mentors' and directors' rules live with the
relation that gives them: `mentoring.scopes`, `pipeline.scopes`)."""

from django.db.models import Q, QuerySet

from accounts.models import Role, User
from accounts.people import region_members
from accounts.scoping import everything, rule, visible
from trainees.models import Trainee

rule(Trainee, Role.ADMINISTRATOR)(everything)


@rule(Trainee, Role.DEANERY_STAFF)
def _staff_trainees(user: User, trainees: QuerySet) -> QuerySet:
    return trainees.filter(region_id=user.region_id)


@rule(Trainee, Role.TRAINEE)
def _own_record(user: User, trainees: QuerySet) -> QuerySet:
    return trainees.filter(user=user)


def trainees_for(user: User) -> QuerySet[Trainee]:
    """The trainees whose records the viewer may open."""
    return visible(user, Trainee.objects.all())


@region_members
def _trainees_of_region(region_id: int) -> Q:
    """Trainees' accounts belong to the region of their training record."""
    return Q(role=Role.TRAINEE, trainee__region_id=region_id)
