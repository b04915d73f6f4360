"""Counts in words agree with their number (issue #17: "1 sessions a week", "1 alumni.",
"1 are alumni"): each page and message is rendered with 1 and with 2. Plurals go through
Django's ngettext, in Python and in the Jinja environment."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.template import engines
from django.urls import reverse
from django.utils import timezone

from pipeline.matching import services as matching
from pipeline.stewardship import stewardship_digest, stewardship_sweep
from tests import factories
from tests.clock import TODAY
from tests.pipeline.matching_scenarios import open_vacancy
from trainees.models import LeadershipRole

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("same_day")]


def text_of(client, url: str) -> str:
    """The page's words, without markup, spaces collapsed."""
    html = client.get(url, follow=True).content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_jinja_environment_has_djangos_ngettext():
    template = engines["jinja2"].env.from_string(
        '{{ ngettext("%(num)d place for %(who)s", "%(num)d places for %(who)s", n, who=who) }}')
    assert template.render(n=1, who="<b>") == "1 place for &lt;b&gt;"
    assert template.render(n=2, who="Ann") == "2 places for Ann"


@pytest.mark.parametrize(("sessions", "words"), [(1, "1 session a week"), (2, "2 sessions a week")])
def test_opportunities_count_roles_and_sessions(client, cast, sessions, words):
    factories.PreferencesFactory(trainee=cast.trainee, discoverable=True,
                                 discoverable_consent_at=timezone.now())
    for _ in range(sessions):
        vacancy = open_vacancy(trust=cast.trust_a, sessions_per_week=sessions)
        matching.match_vacancy(vacancy_id=vacancy.pk)
    client.force_login(cast.trainee_user)
    text = text_of(client, reverse("opportunities:list"))
    assert words in text
    assert ("1 open role matches you." if sessions == 1 else "2 open roles match you") in text
    assert "1 sessions" not in text and "1 open roles" not in text


def alumnus(cast, *, role_after_days: int | None = None):
    trainee = factories.TraineeFactory(region=cast.region_a)
    fellowship = factories.FellowshipFactory(trainee=trainee)
    if role_after_days is not None:
        LeadershipRole.objects.create(trainee=trainee, title="Clinical director", organisation="A trust",
                                      start_date=fellowship.completed_on + dt.timedelta(days=role_after_days))
    return trainee


def test_the_alumni_list_counts_one_alumnus_and_two_alumni(client, cast):
    client.force_login(cast.staff_a)
    alumnus(cast)
    assert "1 alumnus." in text_of(client, reverse("alumni:list"))
    assert "1 alumnus matches these filters." in text_of(client, reverse("alumni:list") + "?status=")
    alumnus(cast)
    assert "2 alumni." in text_of(client, reverse("alumni:list"))
    assert "2 alumni match these filters." in text_of(client, reverse("alumni:list") + "?status=")


def test_the_pipeline_report_agrees_with_its_numbers(client, cast):
    client.force_login(cast.staff_a)
    alumnus(cast, role_after_days=1)
    text = text_of(client, reverse("alumni:report"))
    assert ("Of 1 trainee with an interest in leadership, 1 applied to a scheme, 0 are active "
            "fellows, 1 is an alumnus and 1 alumnus has gone on to a leadership role.") in text
    assert "first leadership role: 1 day." in text
    cache.clear()  # the report is worked out at most every 5 minutes
    alumnus(cast, role_after_days=2)
    factories.FellowshipFactory(trainee=factories.TraineeFactory(region=cast.region_a),
                                status="active", completed_on=None)
    text = text_of(client, reverse("alumni:report"))
    assert ("Of 3 trainees with an interest in leadership, 3 applied to a scheme, 1 is an active "
            "fellow, 2 are alumni and 2 alumni have gone on to leadership roles.") in text


def at_risk(cast):
    """Completed eight months ago, portfolio untouched since: at risk."""
    trainee = factories.TraineeFactory(region=cast.region_a)
    cohort = factories.CohortFactory(start_date=TODAY - dt.timedelta(days=600),
                                     end_date=TODAY - dt.timedelta(days=245))
    factories.FellowshipFactory(trainee=trainee, cohort=cohort)
    trainee.portfolio_updated_at = timezone.now() - dt.timedelta(days=20)
    trainee.save()


@pytest.mark.parametrize(("alumni", "subject", "opening"), [
    (1, "1 alumnus in North West London needs attention", "This alumnus in North West London newly needs"),
    (2, "2 alumni in North West London need attention", "These alumni in North West London newly need"),
])
def test_the_weekly_digest_counts_its_alumni(cast, django_capture_on_commit_callbacks,
                                             alumni, subject, opening):
    for _ in range(alumni):
        at_risk(cast)
    stewardship_sweep()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stewardship_digest()
    [email] = [m for m in mail.outbox if m.to == [cast.staff_a.email]]
    assert email.subject == subject
    assert opening in email.body and opening in email.alternatives[0][0]


@pytest.mark.parametrize(("fellows", "words"), [
    (1, "1 fellow could not be given a mentor"), (2, "2 fellows could not be given a mentor")])
def test_the_cohort_assignment_counts_fellows_left_without_a_mentor(client, cast, fellows, words):
    cohort = factories.CohortFactory(region=cast.region_a)
    for _ in range(fellows + 1):  # one mentor, one free place: one fellow gets a mentor
        factories.FellowshipFactory(cohort=cohort, status="active", completed_on=None,
                                    trainee=factories.TraineeFactory(region=cast.region_a))
    cast.mentor.accepting = False
    cast.mentor.save()
    factories.MentorFactory(region=cast.region_a, capacity=1)
    client.force_login(cast.staff_a)
    assert words in text_of(client, reverse("schemes:cohort-mentors", kwargs={"uuid": cohort.uuid}))


def test_sending_one_proposal_says_one_mentor_was_asked(client, cast):
    cohort = factories.CohortFactory(region=cast.region_a)
    factories.FellowshipFactory(cohort=cohort, status="active", completed_on=None,
                                trainee=factories.TraineeFactory(region=cast.region_a))
    cast.mentor.accepting = False
    cast.mentor.save()
    factories.MentorFactory(region=cast.region_a, capacity=2)
    client.force_login(cast.staff_a)
    url = reverse("schemes:cohort-mentors", kwargs={"uuid": cohort.uuid})
    pairs = re.findall(r'value="([0-9a-f-]{36}:[0-9a-f-]{36})"', client.get(url).content.decode())
    html = client.post(url, {"pair": pairs}, follow=True).content.decode()
    assert "1 mentor has been asked to take on a fellow." in html


@pytest.mark.parametrize("n", [1, 2])
def test_the_home_pages_count_in_words(client, cast, n):
    for _ in range(n):
        factories.EvidenceFactory(trainee=cast.trainee)
        factories.FellowshipFactory(trainee=factories.TraineeFactory(region=cast.region_a),
                                    status="active", completed_on=None)
    client.force_login(cast.trainee_user)
    trainee_home = text_of(client, reverse("home"))
    client.force_login(cast.staff_a)
    staff_home = text_of(client, reverse("home"))
    if n == 1:
        assert "1 Piece of evidence" in trainee_home and "1 Active fellow " in staff_home
    else:
        assert "2 Pieces of evidence" in trainee_home and "2 Active fellows" in staff_home
