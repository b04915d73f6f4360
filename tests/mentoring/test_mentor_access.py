"""A mentor reads the trainee's portfolio and the meeting notes only while the mentorship is
active (accepted by both); the mentorship page and the API agree (issue #21)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mentoring.models import Mentorship
from mentoring.services import (
    meeting_log,
    mentor_request_choose,
    mentor_request_create,
    mentorship_accept,
    mentorship_decline,
    mentorship_end,
    mentorship_propose,
)
from tests import factories
from tests.conftest import Cast
from trainees.models import PortfolioView

pytestmark = pytest.mark.django_db

EVIDENCE = "Chaired the sepsis screening huddle"
NOTES = "Talked through the rota dispute on ward 7"


def _staff_proposed(cast: Cast, mentor) -> Mentorship:
    return mentorship_propose(mentor=mentor, trainee=cast.trainee, goals="Prepare for a lead role")


def _trainee_asked(cast: Cast, mentor) -> Mentorship:
    cast.region_a.mentors.exclude(pk=mentor.pk).update(accepting=False)
    request = mentor_request_create(trainee=cast.trainee, goals="Prepare for a lead role",
                                    domains=[factories.mlcf_domain(3)], outside_own_trust=False,
                                    same_region=True)
    return mentor_request_choose(request=request, mentor=mentor)


def _active(cast: Cast, mentor) -> Mentorship:
    mentorship = mentorship_accept(mentorship=_staff_proposed(cast, mentor), by=mentor.user)
    meeting_log(mentorship=mentorship, by=mentor.user, held_on=timezone.localdate(), topics=[],
                private_notes=NOTES)
    return mentorship


def _declined(cast: Cast, mentor) -> Mentorship:
    return mentorship_decline(mentorship=_staff_proposed(cast, mentor), by=mentor.user)


def _ended(cast: Cast, mentor) -> Mentorship:
    return mentorship_end(mentorship=_active(cast, mentor), by=cast.trainee_user,
                          feedback="Thank you")


SITUATIONS = {"proposed by staff": _staff_proposed, "asked for by the trainee": _trainee_asked,
              "active": _active, "declined": _declined, "ended": _ended}


@pytest.fixture
def situation(cast, request):
    """The cast trainee, their first mentorship ended, paired again with a new mentor."""
    Mentorship.objects.filter(trainee=cast.trainee).update(status="ended", ended_on=timezone.localdate())
    factories.EvidenceFactory(trainee=cast.trainee, title=EVIDENCE)
    mentor = factories.MentorFactory(region=cast.region_a, capacity=2)
    return SITUATIONS[request.param](cast, mentor)


@pytest.mark.parametrize("situation", list(SITUATIONS), indirect=True)
def test_the_page_and_the_api_agree_the_mentor_reads_only_while_active(cast, client, situation):
    readable = situation.status == Mentorship.Status.ACTIVE
    mentor = situation.mentor.user

    client.force_login(mentor)
    page = client.get(reverse("mentoring:mentorship", kwargs={"uuid": situation.uuid}))
    assert page.status_code == 200
    text = page.content.decode()
    assert (EVIDENCE in text) is readable
    assert (NOTES in text) is readable
    assert ('id="mentor-reading-note"' in text) is not readable  # a sentence says why not
    assert PortfolioView.objects.filter(trainee=cast.trainee, viewer=mentor).exists() is readable

    api = APIClient()
    api.force_authenticate(mentor)
    detail = api.get(reverse("api:trainee-detail", kwargs={"uuid": cast.trainee.uuid}))
    assert detail.status_code == (200 if readable else 404)
    listed = api.get(reverse("api:trainee-list")).json()
    assert (str(cast.trainee.uuid) in str(listed)) is readable


@pytest.mark.parametrize("situation", ["ended", "active"], indirect=True)
def test_the_trainee_still_reads_their_own_meeting_notes(cast, client, situation):
    client.force_login(cast.trainee_user)
    page = client.get(reverse("mentoring:mentorship", kwargs={"uuid": situation.uuid}))
    assert NOTES in page.content.decode()
