"""Mentors and mentees are told, through the outbox, of proposals, acceptances, declines
and endings."""

import pytest
from django.core import mail
from django.utils import timezone

from mentoring.models import Mentorship
from mentoring.services import mentorship_accept, mentorship_decline, mentorship_end, mentorship_propose
from notifications.models import Notification
from notifications.services import notification_send
from tests import factories

pytestmark = pytest.mark.django_db


def told() -> list[tuple[str, str]]:
    """(template, address) of every email queued, oldest first."""
    return list(Notification.objects.order_by("created_at", "pk").values_list("template", "to_address"))


def proposed(cast) -> Mentorship:
    Mentorship.objects.filter(trainee=cast.trainee).update(status="ended", ended_on=timezone.localdate())
    mentor = factories.MentorFactory(region=cast.region_a,
                                     user=factories.UserFactory(role="mentor", first_name="Marguerite",
                                                                last_name="Okonjo"))
    return mentorship_propose(mentor=mentor, trainee=cast.trainee, goals="Lead a service")


def test_a_proposal_tells_the_mentor_and_the_mentee(cast):
    mentorship = proposed(cast)
    assert told() == [("mentorship_proposed_mentor", mentorship.mentor.user.email),
                      ("mentorship_proposed", cast.trainee.email)]
    mail.outbox.clear()
    for notification in Notification.objects.all():
        notification_send(notification_id=notification.pk)
    to_mentor = next(m for m in mail.outbox if m.to == [mentorship.mentor.user.email])
    assert to_mentor.subject == "Alice Ashworth would like you as their mentor"
    assert f"/mentoring/mentorships/{mentorship.uuid}/" in to_mentor.body


def test_an_acceptance_tells_the_mentee(cast):
    mentorship = proposed(cast)
    Notification.objects.all().delete()
    mentorship_accept(mentorship=mentorship, by=mentorship.mentor.user)
    assert told() == [("mentorship_accepted", cast.trainee.email)]
    assert Notification.objects.get().subject == "Marguerite Okonjo will mentor you"


def test_a_decline_tells_the_mentee(cast):
    mentorship = proposed(cast)
    Notification.objects.all().delete()
    mentorship_decline(mentorship=mentorship, by=mentorship.mentor.user)
    assert told() == [("mentorship_declined", cast.trainee.email)]


def test_an_ending_tells_the_other_once(cast):
    mentorship = Mentorship.objects.get(trainee=cast.trainee)
    mentorship_end(mentorship=mentorship, by=cast.trainee_user, feedback="Very helpful")
    assert told() == [("mentorship_ended", cast.mentor_user.email)]
    mentorship_end(mentorship=mentorship, by=cast.mentor_user, feedback="A pleasure")  # feedback only
    assert len(told()) == 1
