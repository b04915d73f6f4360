"""Asking for a mentor, suggestions that respect capacity, meetings, notes for the pair alone."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Meeting, MentorRequest, Mentorship, MentorSuggestion
from mentoring.services import (
    meeting_log,
    mentor_request_choose,
    mentor_request_create,
    mentorship_accept,
    mentorship_end,
    mentorship_propose,
)
from notifications.models import Notification
from tests import factories
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def without_a_mentor(cast: Cast):
    """The cast trainee, their mentorship ended: a trainee has one mentor at a time."""
    Mentorship.objects.filter(trainee=cast.trainee).update(status="ended", ended_on=timezone.localdate())
    return cast.trainee


def ask(trainee, **overrides):
    data = {"goals": "Prepare for a clinical director role", "domains": [factories.mlcf_domain(3)],
            "outside_own_trust": False, "same_region": True, **overrides}
    return mentor_request_create(trainee=trainee, **data)


def test_suggestions_put_relevant_expertise_first_with_reasons(cast):
    expert = factories.MentorFactory(region=cast.region_a, capacity=2)
    expert.expertise.set([factories.mlcf_domain(3)])
    factories.MentorFactory(region=cast.region_a, capacity=2)
    request = ask(without_a_mentor(cast))
    first = request.suggestions.first()
    assert first.mentor == expert
    assert "Expertise in Managing Services" in first.reasons


def test_a_mentor_is_offered_to_no_more_trainees_than_free_places(cast):
    for mentor in list(cast.region_a.mentors.all()):
        mentor.accepting = False
        mentor.save()
    popular = factories.MentorFactory(region=cast.region_a, capacity=2)
    trainees = [factories.TraineeFactory(region=cast.region_a) for _ in range(4)]
    for trainee in trainees:
        ask(trainee)
    assert MentorSuggestion.objects.filter(mentor=popular).count() == 2


def test_choosing_proposes_and_releases_the_other_suggestions(cast):
    for _ in range(3):
        factories.MentorFactory(region=cast.region_a, capacity=1)
    request = ask(without_a_mentor(cast))
    mentor = request.suggestions.first().mentor
    mentorship = mentor_request_choose(request=request, mentor=mentor)
    assert mentorship.status == "proposed"
    assert not MentorSuggestion.objects.filter(request=request).exists()
    assert MentorRequest.objects.get(pk=request.pk).status == "matched"


def test_one_open_request_at_a_time(cast):
    ask(without_a_mentor(cast))
    with pytest.raises(ValidationError, match="already have an open request"):
        ask(cast.trainee)


def test_meetings_are_for_active_mentorships_and_not_in_the_future(cast):
    mentorship = Mentorship.objects.get(trainee=cast.trainee)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="today or in the past"):
        meeting_log(mentorship=mentorship, by=cast.mentor_user, held_on=tomorrow, topics=[],
                    private_notes="")
    with pytest.raises(ValidationError, match="Only the mentor and the mentee"):
        meeting_log(mentorship=mentorship, by=cast.staff_a, held_on=timezone.localdate(), topics=[],
                    private_notes="")


def test_ending_records_feedback_from_both(cast):
    mentorship = Mentorship.objects.get(trainee=cast.trainee)
    mentorship_end(mentorship=mentorship, by=cast.trainee_user, feedback="Very helpful")
    mentorship_end(mentorship=mentorship, by=cast.mentor_user, feedback="A pleasure")
    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.trainee_feedback, mentorship.mentor_feedback) == (
        "ended", "Very helpful", "A pleasure")


def pages_for(cast: Cast, mentorship) -> list[str]:
    return [reverse("home"), reverse("mentoring:mentorship", kwargs={"uuid": mentorship.uuid}),
            reverse("alumni:list"), reverse("mentoring:ask")]


@pytest.mark.parametrize("role", ["trainee", "mentor", "other_trainee", "staff_a", "staff_b",
                                  "director_a", "director_b", "admin"])
def test_private_notes_are_read_by_the_pair_alone(client, cast, role):
    mentorship = Mentorship.objects.get(trainee=cast.trainee)
    meeting_log(mentorship=mentorship, by=cast.mentor_user, held_on=timezone.localdate(), topics=[],
                private_notes="Discussed the Zanzibar reorganisation")
    factories.FellowshipFactory(trainee=cast.trainee)  # so staff can open the alumnus page too
    client.force_login(cast.users()[role])
    pages = [*pages_for(cast, mentorship), reverse("alumni:detail", kwargs={"uuid": cast.trainee.uuid})]
    html = "".join(client.get(page).content.decode() for page in pages)
    assert ("Zanzibar" in html) == (role in ("trainee", "mentor"))


def test_the_journey_through_the_pages(client, cast):
    other_mentor = factories.MentorFactory(region=cast.region_a, capacity=2)
    cast.mentor.accepting = False
    cast.mentor.save()
    without_a_mentor(cast)
    client.force_login(cast.trainee_user)
    response = client.post(reverse("mentoring:ask"), {
        "goals": "Lead a service", "same_region": "yes", "outside_own_trust": "no"})
    request = MentorRequest.objects.get(trainee=cast.trainee)
    assert response.url == reverse("mentoring:request", kwargs={"uuid": request.uuid})
    client.post(response.url, {"mentor": str(other_mentor.uuid)})
    mentorship = Mentorship.objects.get(trainee=cast.trainee, mentor=other_mentor)
    client.force_login(other_mentor.user)
    action = reverse("mentoring:mentorship-action", kwargs={"uuid": mentorship.uuid})
    client.post(action, {"action": "accept"})
    today = timezone.localdate()
    client.post(action, {"action": "meeting", "held_on[day]": today.day, "held_on[month]": today.month,
                         "held_on[year]": today.year, "private_notes": "First chat"})
    assert Meeting.objects.filter(mentorship=mentorship, private_notes="First chat").exists()
    mentorship.refresh_from_db()
    assert mentorship.status == "active"


def test_a_meeting_without_a_date_is_shown_beside_the_date_with_the_notes_kept(client, cast):
    """Issue #17: this was a blue "Information" box after a redirect, the notes lost."""
    mentorship = Mentorship.objects.get(trainee=cast.trainee)
    client.force_login(cast.mentor_user)
    response = client.post(reverse("mentoring:mentorship-action", kwargs={"uuid": mentorship.uuid}),
                           {"action": "meeting", "private_notes": "Talked about the rota redesign"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html and "Information:" not in html
    assert len(re.findall(r"Enter the date of the meeting\s*<", html)) == 2  # in the summary, and beside it
    assert "Talked about the rota redesign</textarea>" in html
    assert not Meeting.objects.filter(mentorship=mentorship).exists()


def test_the_mentor_profile_says_what_to_enter(client, cast):
    client.force_login(cast.mentor_user)
    response = client.post(reverse("mentoring:profile"), {"organisation": "", "current_role": "",
                                                          "capacity": "2", "accepting": "yes"})
    html = response.content.decode()
    assert "<title>Error: " in html and "This field is required." not in html
    assert "Enter your organisation" in html and "Enter your current role" in html


def test_accepting_beyond_capacity_is_refused(cast):
    full = factories.MentorFactory(capacity=0)
    proposal = factories.MentorshipFactory(mentor=full, status="proposed", started_on=None)
    with pytest.raises(ValidationError, match="as many as you offered to take"):
        mentorship_accept(mentorship=proposal, by=full.user)


def test_staff_propose_adjust_and_publish_a_cohort_assignment(client, cast):
    cohort = factories.CohortFactory(region=cast.region_a)
    fellows = [factories.FellowshipFactory(cohort=cohort, status="active", completed_on=None,
                                           trainee=factories.TraineeFactory(region=cast.region_a)).trainee
               for _ in range(3)]
    mentor = factories.MentorFactory(region=cast.region_a, capacity=2)
    cast.mentor.accepting = False
    cast.mentor.save()
    client.force_login(cast.staff_a)
    url = reverse("schemes:cohort-mentors", kwargs={"uuid": cohort.uuid})
    html = client.get(url).content.decode()
    assert "1 fellow could not be given a mentor" in html
    pairs = [v for v in __import__("re").findall(r'value="([0-9a-f-]{36}:[0-9a-f-]{36})"', html)]
    assert len(pairs) == 2
    client.post(url, {"pair": pairs[:1]})  # staff untick one
    proposed = Mentorship.objects.filter(mentor=mentor, status="proposed")
    assert proposed.count() == 1 and proposed.get().trainee in fellows


def test_declining_a_mentee_asks_first_then_tells_them(client, cast):
    """Declining ends the mentorship for good: the Decline button leads to a question."""
    without_a_mentor(cast)
    proposed = mentorship_propose(mentor=cast.mentor, trainee=cast.trainee, goals="Lead a service")
    decline = reverse("mentoring:mentorship-decline", kwargs={"uuid": proposed.uuid})
    client.force_login(cast.mentor_user)
    page = client.get(reverse("mentoring:mentorship", kwargs={"uuid": proposed.uuid})).content.decode()
    assert f'href="{decline}"' in page and 'value="decline"' not in page
    question = client.get(decline).content.decode()
    assert f"Decline to mentor {cast.trainee.full_name}?" in question and "You cannot undo this." in question
    assert Mentorship.objects.get(pk=proposed.pk).status == Mentorship.Status.PROPOSED  # only asked

    answered = client.post(decline)
    assert answered.url == reverse("mentoring:mentorship", kwargs={"uuid": proposed.uuid})
    assert Mentorship.objects.get(pk=proposed.pk).status == Mentorship.Status.ENDED
    assert Notification.objects.filter(template="mentorship_declined", recipient=cast.trainee_user).exists()
    after = client.get(answered.url).content.decode()
    assert "You have declined to mentor" in after and "did not go ahead" in after


def test_a_mentee_already_accepted_cannot_be_declined(client, cast):
    active = Mentorship.objects.get(trainee=cast.trainee)
    decline = reverse("mentoring:mentorship-decline", kwargs={"uuid": active.uuid})
    client.force_login(cast.mentor_user)
    assert 'id="confirm"' not in client.get(decline).content.decode()
    client.post(decline)
    assert Mentorship.objects.get(pk=active.pk).status == Mentorship.Status.ACTIVE
    client.force_login(cast.trainee_user)  # the mentee never declines: not their page
    assert client.get(decline).status_code == 404


@pytest.mark.parametrize("who", ["trainee", "mentor"])
def test_ending_a_mentorship_asks_first_and_keeps_the_feedback(client, cast, who):
    active = Mentorship.objects.get(trainee=cast.trainee)
    action = reverse("mentoring:mentorship-action", kwargs={"uuid": active.uuid})
    client.force_login(cast.trainee_user if who == "trainee" else cast.mentor_user)
    question = client.post(action, {"action": "end", "feedback": "A year of \"good\" advice"})
    html = question.content.decode()
    assert question.status_code == 200 and "End your mentorship with" in html
    assert 'name="feedback" value="A year of &#34;good&#34; advice"' in html
    assert Mentorship.objects.get(pk=active.pk).status == Mentorship.Status.ACTIVE  # only asked

    client.post(action, {"action": "end", "confirmed": "yes", "feedback": "A year of \"good\" advice"})
    ended = Mentorship.objects.get(pk=active.pk)
    side = "trainee_feedback" if who == "trainee" else "mentor_feedback"
    assert (ended.status, getattr(ended, side)) == (Mentorship.Status.ENDED, 'A year of "good" advice')


def test_ending_without_feedback_asks_for_it_before_asking_to_confirm(client, cast):
    active = Mentorship.objects.get(trainee=cast.trainee)
    client.force_login(cast.trainee_user)
    html = client.post(reverse("mentoring:mentorship-action", kwargs={"uuid": active.uuid}),
                       {"action": "end", "feedback": ""}).content.decode()
    assert "Enter a few words of feedback" in html and "End your mentorship with" not in html
