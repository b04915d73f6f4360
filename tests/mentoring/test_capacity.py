"""Capacity holds when two mentees are accepted at the same moment (PostgreSQL row locks)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from mentoring.models import Mentorship
from mentoring.services import mentorship_accept
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_acceptances_at_once_cannot_exceed_capacity(reference_data_loaded):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (CI); SQLite serialises all writes")
    mentor = factories.MentorFactory(capacity=1)
    proposals = [factories.MentorshipFactory(mentor=mentor, status=Mentorship.Status.PROPOSED,
                                             started_on=None) for _ in range(2)]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(mentorship):
        try:
            start.wait()
            mentorship_accept(mentorship=mentorship, by=mentor.user)
            outcomes.append("accepted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(m,)) for m in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["accepted", "refused"]
    assert Mentorship.objects.filter(mentor=mentor, status="active").count() == 1


def test_only_the_mentor_accepts_and_only_proposals(live_cast):
    cast = live_cast
    proposal = factories.MentorshipFactory(mentor=cast.mentor, status="proposed", started_on=None)
    with pytest.raises(ValidationError, match="Only the mentor"):
        mentorship_accept(mentorship=proposal, by=cast.staff_a)
    mentorship_accept(mentorship=proposal, by=cast.mentor.user)
    with pytest.raises(ValidationError, match="Only a proposed"):
        mentorship_accept(mentorship=proposal, by=cast.mentor.user)
