"""Reads about mentors and their mentees."""

from django.db.models import QuerySet

from mentoring.models import Mentor, Mentorship
from trainees.models import Trainee


def mentorships_of(*, mentor: Mentor) -> QuerySet[Mentorship]:
    """A mentor's open mentorships, newest first."""
    return (
        Mentorship.objects.filter(mentor=mentor)
        .exclude(status=Mentorship.Status.ENDED)
        .select_related("trainee__grade", "trainee__specialty", "trainee__current_trust")
        .order_by("status", "-created_at")
    )


def open_mentorship_of(trainee: Trainee) -> Mentorship | None:
    """The trainee's proposed or active mentorship, if they have one (at most one is open)."""
    return (Mentorship.objects.open().filter(trainee=trainee).select_related("mentor__user")
            .order_by("status", "created_at").first())  # "active" before "proposed"
