"""Reads about mentors and their mentees."""

from django.db.models import QuerySet

from mentoring.models import Mentor, Mentorship


def mentorships_of(*, mentor: Mentor) -> QuerySet[Mentorship]:
    """A mentor's open mentorships, newest first."""
    return (
        Mentorship.objects.filter(mentor=mentor)
        .exclude(status=Mentorship.Status.ENDED)
        .select_related("trainee__grade", "trainee__specialty", "trainee__current_trust")
        .order_by("status", "-created_at")
    )
