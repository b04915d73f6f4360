"""The stewardship sweep, staff actions and digests against the database."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Mentorship
from pipeline.models import Stewardship, StewardshipAlert, StewardshipEvent
from pipeline.stewardship import stewardship_digest, stewardship_sweep
from tests import factories
from tests.clock import TODAY
from trainees.models import LeadershipRole

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("same_day")]


def alumnus_at_risk(**fields):
    """Completed eight months ago, nothing since: at risk."""
    trainee = factories.TraineeFactory(**fields)
    cohort = factories.CohortFactory(start_date=TODAY - dt.timedelta(days=600),
                                     end_date=TODAY - dt.timedelta(days=245))
    factories.FellowshipFactory(trainee=trainee, cohort=cohort)
    trainee.portfolio_updated_at = timezone.now() - dt.timedelta(days=20)
    trainee.save()
    return trainee


def test_the_sweep_records_changes_and_raises_alerts_once():
    trainee = alumnus_at_risk()
    first = stewardship_sweep()
    assert (first.changed, first.alerts) == (1, 1)
    assert Stewardship.objects.get(trainee=trainee).status == "at_risk"
    again = stewardship_sweep()
    assert (again.changed, again.alerts) == (0, 0)
    assert StewardshipEvent.objects.filter(trainee=trainee, kind="status").count() == 1


def test_becoming_engaged_resolves_the_alert():
    trainee = alumnus_at_risk()
    stewardship_sweep()
    factories.MentorshipFactory(trainee=trainee, status=Mentorship.Status.ACTIVE)
    stewardship_sweep()
    assert Stewardship.objects.get(trainee=trainee).status == "engaged"
    assert not StewardshipAlert.objects.filter(trainee=trainee, resolved_at__isnull=True).exists()


@override_settings(STEWARDSHIP_LOST_MONTHS=6)
def test_thresholds_are_settings():
    trainee = alumnus_at_risk()
    trainee.portfolio_updated_at = timezone.now() - dt.timedelta(days=300)
    trainee.save()
    stewardship_sweep()
    assert Stewardship.objects.get(trainee=trainee).status == "lost"


def test_trainees_without_a_completed_fellowship_are_not_assessed():
    factories.FellowshipFactory(status="active", completed_on=None)
    assert stewardship_sweep().assessed == 0


def test_the_weekly_digest_tells_each_regions_staff_once(cast, django_capture_on_commit_callbacks):
    alumnus_at_risk(region=cast.region_a, first_name="Ottoline", last_name="Marsh")
    alumnus_at_risk(region=cast.region_b, first_name="Barnaby", last_name="Rudge")
    stewardship_sweep()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert stewardship_digest() == 2
        assert stewardship_digest() == 0  # same week: not again
    to_a = [m for m in mail.outbox if m.to == [cast.staff_a.email]]
    assert len(to_a) == 1 and "Ottoline Marsh" in to_a[0].body and "Barnaby" not in to_a[0].body


@pytest.fixture
def staff(client, cast):
    client.force_login(cast.staff_a)
    return client


def test_staff_see_their_regions_alumni_and_filter_them(staff, cast):
    ours = alumnus_at_risk(region=cast.region_a, last_name="Ourregion")
    alumnus_at_risk(region=cast.region_b, last_name="Otherregion")
    stewardship_sweep()
    html = staff.get(reverse("alumni:list")).content.decode()
    assert "Ourregion" in html and "Otherregion" not in html
    assert "Ourregion" not in staff.get(reverse("alumni:list") + "?status=engaged").content.decode()
    assert ours.full_name in staff.get(reverse("alumni:list") + "?status=at_risk").content.decode()


def test_another_regions_alumnus_is_not_found(staff, cast):
    theirs = alumnus_at_risk(region=cast.region_b)
    for name in ("alumni:detail", "alumni:action"):
        assert staff.get(reverse(name, kwargs={"uuid": theirs.uuid})).status_code == 404


def test_assigning_a_mentor_engages_the_alumnus_and_is_in_the_history(staff, cast):
    trainee = alumnus_at_risk(region=cast.region_a)
    stewardship_sweep()
    mentor = factories.MentorFactory(region=cast.region_a, capacity=1)
    url = reverse("alumni:action", kwargs={"uuid": trainee.uuid})
    staff.post(url, {"action": "mentor", "mentor": str(mentor.uuid)})
    assert Stewardship.objects.get(trainee=trainee).status == "engaged"
    history = staff.get(reverse("alumni:detail", kwargs={"uuid": trainee.uuid})).content.decode()
    assert "Mentor assigned" in history and "Now engaged" in history


def test_a_full_mentor_cannot_be_assigned(staff, cast):
    trainee = alumnus_at_risk(region=cast.region_a)
    mentor = factories.MentorFactory(region=cast.region_a, capacity=1)
    factories.MentorshipFactory(mentor=mentor)
    staff.post(reverse("alumni:action", kwargs={"uuid": trainee.uuid}),
               {"action": "mentor", "mentor": str(mentor.uuid)})
    assert not Mentorship.objects.filter(trainee=trainee).exists()


def test_notes_nudges_and_contact_are_logged(staff, cast, django_capture_on_commit_callbacks):
    trainee = alumnus_at_risk(region=cast.region_a)
    url = reverse("alumni:action", kwargs={"uuid": trainee.uuid})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url, {"action": "note", "text": "Spoke at the regional away day"})
        staff.post(url, {"action": "nudge"})
        staff.post(url, {"action": "contacted"})
    kinds = set(StewardshipEvent.objects.filter(trainee=trainee).values_list("kind", flat=True))
    assert {"note", "nudge", "contacted"} <= kinds
    assert mail.outbox[-1].to == [trainee.email]
    assert mail.outbox[-1].subject == "Your leadership experience is wanted"
    assert Stewardship.objects.get(trainee=trainee).status == "engaged"  # contacted


def test_an_empty_note_is_refused(staff, cast):
    trainee = alumnus_at_risk(region=cast.region_a)
    staff.post(reverse("alumni:action", kwargs={"uuid": trainee.uuid}), {"action": "note", "text": ""})
    assert not StewardshipEvent.objects.filter(kind="note").exists()


@pytest.mark.parametrize(("sent", "message"), [
    ({"action": "note", "text": "   "}, "Enter the note"),
    ({"action": "mentor", "mentor": ""}, "Select a mentor"),
    ({"action": "mentor", "mentor": "full"}, "Select a mentor who still has a free place"),
])
def test_a_refused_note_or_mentor_is_shown_beside_its_field_on_the_page_again(staff, cast, sent, message):
    """Issue #17: these were a blue "Information" box after a redirect, the typing lost."""
    trainee = alumnus_at_risk(region=cast.region_a)
    full = factories.MentorFactory(region=cast.region_a, capacity=1)
    factories.MentorshipFactory(mentor=full)
    sent = {**sent, "mentor": str(full.uuid)} if sent.get("mentor") == "full" else sent
    response = staff.post(reverse("alumni:action", kwargs={"uuid": trainee.uuid}), sent)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html and "nhsuk-error-summary" in html and "Information:" not in html
    assert len(re.findall(rf"{message}\s*<", html)) == 2  # in the error summary, and beside the field
    assert not StewardshipEvent.objects.filter(kind__in=["note", "mentor"]).exists()


def test_the_list_shows_role_mentor_and_interests_without_a_query_per_row(staff, cast,
                                                                          django_assert_max_num_queries):
    for i in range(6):
        trainee = alumnus_at_risk(region=cast.region_a)
        factories.MentorshipFactory(trainee=trainee)

        LeadershipRole.objects.create(trainee=trainee, title=f"Clinical lead {i}", organisation="Trust",
                                      start_date=TODAY)
    with django_assert_max_num_queries(12):
        html = staff.get(reverse("alumni:list")).content.decode()
    assert "Clinical lead 5" in html
    assert html.count("Yes") >= 6
