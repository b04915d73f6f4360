"""A trainee has one open mentorship (proposed or active) at a time, whoever asks."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.models import MentorRequest, Mentorship
from mentoring.services import mentor_request_choose, mentor_request_create, mentorship_propose
from pipeline.stewardship import alumnus_assign_mentor
from tests import factories

pytestmark = pytest.mark.django_db


def ask(trainee):
    return mentor_request_create(trainee=trainee, goals="Lead a service", domains=[],
                                 outside_own_trust=False, same_region=True)


def test_a_trainee_with_an_active_mentor_cannot_ask_for_another(cast):
    assert Mentorship.objects.get(trainee=cast.trainee).status == "active"
    with pytest.raises(ValidationError, match="is your mentor"):
        ask(cast.trainee)
    assert not MentorRequest.objects.filter(trainee=cast.trainee).exists()


def test_a_trainee_waiting_for_an_answer_cannot_ask_for_another(cast):
    trainee = factories.TraineeFactory(region=cast.region_a)
    mentorship_propose(mentor=factories.MentorFactory(region=cast.region_a), trainee=trainee, goals="Grow")
    with pytest.raises(ValidationError, match="You have asked"):
        ask(trainee)


def test_the_mentoring_page_shows_the_mentor_instead_of_the_ask_form(client, cast):
    client.force_login(cast.trainee_user)
    html = client.get(reverse("mentoring:ask")).content.decode()
    assert cast.mentor.user.get_full_name() in html
    assert "Find mentors" not in html
    assert "You can ask for another mentor once your mentorship ends" in html
    client.post(reverse("mentoring:ask"), {"goals": "Lead a service", "same_region": "yes",
                                           "outside_own_trust": "no"})
    assert not MentorRequest.objects.filter(trainee=cast.trainee).exists()


def test_once_the_mentorship_ends_the_trainee_can_ask_again(client, cast):
    Mentorship.objects.filter(trainee=cast.trainee).update(status="ended", ended_on=timezone.localdate())
    client.force_login(cast.trainee_user)
    assert "Find mentors" in client.get(reverse("mentoring:ask")).content.decode()


def test_staff_cannot_propose_a_second_open_mentorship(cast):
    second = factories.MentorFactory(region=cast.region_a, capacity=2)
    with pytest.raises(ValidationError, match="already"):
        mentorship_propose(mentor=second, trainee=cast.trainee, goals="More")
    trainee = factories.TraineeFactory(region=cast.region_a)
    mentorship_propose(mentor=second, trainee=trainee, goals="Grow")  # proposed, not yet answered
    third = factories.MentorFactory(region=cast.region_a, capacity=2)
    with pytest.raises(ValidationError, match="already"):
        alumnus_assign_mentor(trainee=trainee, mentor=third, by=cast.staff_a)
    assert Mentorship.objects.open().filter(trainee=trainee).count() == 1


def test_the_alumnus_page_shows_the_mentor_instead_of_offering_another(client, cast):
    factories.FellowshipFactory(trainee=cast.trainee)
    factories.MentorFactory(region=cast.region_a, capacity=2)
    client.force_login(cast.staff_a)
    html = client.get(reverse("alumni:detail", kwargs={"uuid": cast.trainee.uuid})).content.decode()
    assert "Assign mentor" not in html
    assert f"{cast.mentor} is already {cast.trainee.first_name}&#39;s mentor" in html


def test_a_staff_proposal_closes_the_trainees_open_request(cast):
    trainee = factories.TraineeFactory(region=cast.region_a)
    factories.MentorFactory(region=cast.region_a, capacity=2)
    request = ask(trainee)
    assert request.suggestions.exists()
    alumnus_assign_mentor(trainee=trainee, mentor=factories.MentorFactory(region=cast.region_a),
                          by=cast.staff_a)
    request.refresh_from_db()
    assert request.status == MentorRequest.Status.CLOSED
    assert not request.suggestions.exists()  # the places they held are free again
    with pytest.raises(ValidationError):
        mentor_request_choose(request=request, mentor=factories.MentorFactory(region=cast.region_a))
