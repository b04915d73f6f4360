"""The showcase: alumni publish a story only with their consent to exactly what it shows,
withdraw it at once, and staff of their region take down one that breaks the rules."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from notifications.models import Notification
from schemes import selectors, services
from tests import factories
from trainees.models import Project, Story

pytestmark = pytest.mark.django_db


def project(trainee, **figures) -> Project:
    return Project.objects.create(
        trainee=trainee, title="Rapid assessment in the emergency department", aim="Faster assessment",
        status=Project.Status.COMPLETED, outcome="Waits fell", start_date=dt.date(2024, 10, 1),
        end_date=dt.date(2025, 6, 1), **figures)


def draft(trainee, fellowship=None, **fields) -> Story:
    story = Story(title="A faster front door", what_i_did="Redesigned triage.",
                  what_changed="Patients wait less.", fellowship=fellowship, **fields)
    return services.story_save(trainee=trainee, story=story, projects=[])


def showcase_page(client, **params) -> str:
    return client.get(reverse("showcase:list"), params).content.decode()


def public_api(**params) -> dict:
    response = APIClient().get(reverse("api:showcase-list"), params)
    assert response.status_code == 200
    return response.json()


# -- who may write and publish ---------------------------------------------------------------

def test_only_an_alumnus_can_write_a_story(cast):
    factories.FellowshipFactory(trainee=cast.trainee, status="active", completed_on=None)
    with pytest.raises(ValidationError, match="once you have completed a leadership fellowship"):
        draft(cast.trainee)


def test_a_story_is_about_one_of_its_authors_completed_fellowships(cast):
    factories.FellowshipFactory(trainee=cast.trainee)
    someone_elses = factories.FellowshipFactory(trainee=cast.other_trainee)
    with pytest.raises(ValidationError, match="a fellowship you have completed"):
        draft(cast.trainee, fellowship=someone_elses)
    with pytest.raises(ValidationError, match="Choose the fellowship"):
        draft(cast.trainee)


def test_a_story_shows_only_the_authors_own_projects(cast):
    fellowship = factories.FellowshipFactory(trainee=cast.trainee)
    theirs = project(cast.other_trainee)
    story = Story(title="T", what_i_did="D", what_changed="C", fellowship=fellowship)
    with pytest.raises(ValidationError, match="only your own improvement projects"):
        services.story_save(trainee=cast.trainee, story=story, projects=[theirs])


def test_a_draft_is_not_shown_until_its_author_consents(client, cast):
    fellowship = factories.FellowshipFactory(trainee=cast.trainee)
    draft(cast.trainee, fellowship)
    assert "A faster front door" not in showcase_page(client)
    assert public_api()["count"] == 0
    with pytest.raises(ValidationError, match="Confirm that you agree"):
        services.story_publish(trainee=cast.trainee, consent=False)
    story = services.story_publish(trainee=cast.trainee, consent=True)
    assert story.consented_at is not None
    assert "A faster front door" in showcase_page(client)
    assert public_api()["results"][0]["title"] == "A faster front door"


def test_publishing_twice_is_refused(cast):
    factories.published_story(trainee=cast.trainee)
    with pytest.raises(ValidationError, match="already published"):
        services.story_publish(trainee=cast.trainee, consent=True)


# -- what the public sees --------------------------------------------------------------------

def test_the_public_sees_nothing_the_alumnus_did_not_choose_to_show(client, cast):
    trainee = cast.trainee
    factories.published_story(trainee=trainee, projects=[project(trainee)])
    page, api = showcase_page(client), str(public_api())
    for secret in (trainee.first_name, trainee.last_name, trainee.gmc_number, trainee.email,
                   cast.trust_a.name, trainee.grade.code, trainee.specialty.name):
        assert secret not in page and secret not in api, secret
    assert "A fellow of the Darzi Fellowship, 2024" in page
    assert public_api()["results"][0]["trust"] is None


def test_the_name_and_trust_are_shown_when_chosen(client, cast):
    factories.published_story(trainee=cast.trainee, show_name=True, trust=cast.trust_a)
    page = showcase_page(client)
    assert "Alice Ashworth, fellow of the Darzi Fellowship, 2024" in page
    assert cast.trust_a.name in page
    assert public_api()["results"][0]["trust"] == cast.trust_a.name


def test_measured_outcomes_are_shown_with_their_unit_and_value(client, cast):
    chosen = project(cast.trainee, measure_unit="minutes to assessment", baseline_value=Decimal("95"),
                     result_value=Decimal("40.5"), value_pounds=Decimal("120000"))
    factories.published_story(trainee=cast.trainee, projects=[chosen])
    expected = "From 95 to 40.5 minutes to assessment. Money saved or value gained: £120,000"
    assert expected in showcase_page(client)
    outcome = public_api()["results"][0]["outcomes"][0]
    assert outcome == {"title": chosen.title, "baseline": "95.00", "result": "40.50",
                       "unit": "minutes to assessment", "value_pounds": "120000.00"}


def test_a_project_with_figures_needs_their_unit(cast):
    with pytest.raises(ValidationError, match="Enter the unit"):
        Project(trainee=cast.trainee, title="T", aim="A", start_date=dt.date(2024, 1, 1),
                baseline_value=Decimal("3")).full_clean()


def test_the_showcase_filters_by_scheme_and_trust(client, cast):
    nmdcf = factories.CohortFactory(scheme=factories.Scheme.objects.get(short_name="NMDCF Scheme"))
    factories.published_story(trainee=cast.trainee, title="Darzi story", trust=cast.trust_a)
    factories.published_story(trainee=cast.other_trainee, title="Clinical fellow story",
                              fellowship=factories.FellowshipFactory(trainee=cast.other_trainee,
                                                                     cohort=nmdcf))
    by_scheme = showcase_page(client, scheme=str(nmdcf.scheme.uuid))
    assert "Clinical fellow story" in by_scheme and "Darzi story" not in by_scheme
    by_trust = showcase_page(client, trust=str(cast.trust_a.uuid))
    assert "Darzi story" in by_trust and "Clinical fellow story" not in by_trust
    by_scheme_api = public_api(scheme=str(nmdcf.scheme.uuid))["results"]
    assert [s["title"] for s in by_scheme_api] == ["Clinical fellow story"]
    assert [s["title"] for s in public_api(trust=cast.trust_a.ods_code)["results"]] == ["Darzi story"]


def test_an_empty_showcase_says_so(client, db):
    assert "There are no stories yet" in showcase_page(client)


def test_the_showcase_is_paged(client, cast):
    for n in range(12):
        factories.published_story(trainee=factories.TraineeFactory(), title=f"Story {n}")
    first, second = showcase_page(client), showcase_page(client, page=2)
    assert "12 stories." in first and "Page 1 of 2" in first
    assert first.count('data-story="') == 10 and second.count('data-story="') == 2


# -- withdrawing, changing, taking down ------------------------------------------------------

def test_a_withdrawn_story_is_gone_from_the_page_and_the_api_at_once(client, cast):
    story = factories.published_story(trainee=cast.trainee)
    assert "A faster front door" in showcase_page(client)
    client.force_login(cast.trainee_user)
    response = client.post(reverse("showcase:withdraw"), {"action": "withdraw"})
    assert response.status_code == 302
    client.logout()
    assert "A faster front door" not in showcase_page(client)
    assert public_api()["count"] == 0
    assert APIClient().get(reverse("api:showcase-detail", kwargs={"uuid": story.uuid})).status_code == 404
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT and story.consented_at is None


def test_changing_a_published_story_takes_it_off_until_its_author_consents_again(client, cast):
    story = factories.published_story(trainee=cast.trainee)
    story.title = "A changed title"
    services.story_save(trainee=cast.trainee, story=story, projects=[])
    assert "A changed title" not in showcase_page(client)
    services.story_publish(trainee=cast.trainee, consent=True)
    assert "A changed title" in showcase_page(client)


def test_staff_of_the_region_take_down_a_story_with_a_reason_and_the_author_is_told(client, cast):
    story = factories.published_story(trainee=cast.trainee)
    client.force_login(cast.staff_a)
    assert reverse("showcase:take-down", kwargs={"uuid": story.uuid}) in showcase_page(client)
    refused = client.post(reverse("showcase:take-down", kwargs={"uuid": story.uuid}), {"reason": ""})
    assert "Enter why you are taking the story down" in refused.content.decode()
    client.post(reverse("showcase:take-down", kwargs={"uuid": story.uuid}),
                {"reason": "It names a patient."})
    story.refresh_from_db()
    assert story.status == Story.Status.HIDDEN and story.hidden_reason == "It names a patient."
    assert story.history.first().history_user == cast.staff_a  # audited: who took it down
    email = Notification.objects.get(template="story_hidden")
    assert email.to_address == cast.trainee.email and email.context["reason"] == "It names a patient."
    again = client.get(reverse("showcase:take-down", kwargs={"uuid": story.uuid})).content.decode()
    assert "Only a published story can be taken off the showcase" in again
    client.logout()
    assert "A faster front door" not in showcase_page(client)


def test_staff_of_another_region_cannot_take_a_story_down(client, cast):
    story = factories.published_story(trainee=cast.trainee)
    client.force_login(cast.staff_b)
    assert "Take down this story" not in showcase_page(client)
    response = client.post(reverse("showcase:take-down", kwargs={"uuid": story.uuid}), {"reason": "No"})
    assert response.status_code == 404


def test_a_story_taken_down_is_published_again_only_once_changed(cast):
    story = factories.published_story(trainee=cast.trainee)
    services.story_hide(story=story, by=cast.staff_a, reason="It names a patient.")
    with pytest.raises(ValidationError, match="Staff took your story off the showcase because: It names"):
        services.story_publish(trainee=cast.trainee, consent=True)
    story.refresh_from_db()
    story.what_i_did = "Redesigned triage with the team."
    services.story_save(trainee=cast.trainee, story=story, projects=[])
    assert services.story_publish(trainee=cast.trainee, consent=True).status == Story.Status.PUBLISHED


def test_a_story_about_a_fellowship_no_longer_completed_is_not_shown(cast):
    story = factories.published_story(trainee=cast.trainee)
    story.fellowship.status = "withdrawn"
    story.fellowship.save()
    assert not selectors.published_stories().exists()


# -- the alumnus's pages and API -------------------------------------------------------------

def test_the_consent_step_shows_exactly_what_will_be_public(client, cast):
    fellowship = factories.FellowshipFactory(trainee=cast.trainee)
    client.force_login(cast.trainee_user)
    response = client.post(reverse("showcase:your-story"), {
        "title": "A faster front door", "what_i_did": "Redesigned triage.", "what_changed": "Waits fell.",
        "fellowship": fellowship.pk, "trust": "", "show_name": "no"})
    assert response["Location"] == reverse("showcase:publish")
    page = client.get(reverse("showcase:publish")).content.decode()
    assert "A fellow of the Darzi Fellowship, 2024" in page and "Alice Ashworth" not in page.split("<main")[1]
    refused = client.post(reverse("showcase:publish"), {})
    assert "Confirm that you agree to publish your story as shown" in refused.content.decode()
    client.post(reverse("showcase:publish"), {"consent": "yes"})
    assert Story.objects.get().status == Story.Status.PUBLISHED


def test_an_alumnus_writes_publishes_and_withdraws_through_the_api(cast):
    fellowship = factories.FellowshipFactory(trainee=cast.trainee)
    mine = project(cast.trainee, measure_unit="falls a month", baseline_value=12, result_value=5)
    api = APIClient()
    api.force_authenticate(cast.trainee_user)
    created = api.post(reverse("api:story-list"), {
        "title": "Fewer falls", "what_i_did": "Led a falls huddle.", "what_changed": "Falls halved.",
        "fellowship": str(fellowship.uuid), "projects": [str(mine.uuid)]}, format="json")
    assert created.status_code == 201, created.content
    uuid = created.json()["uuid"]
    assert created.json()["show_name"] is False  # not named unless they say so
    again = api.post(reverse("api:story-list"), {
        "title": "Again", "what_i_did": "D", "what_changed": "C", "fellowship": str(fellowship.uuid)},
        format="json")
    assert again.status_code == 409
    published = api.post(reverse("api:story-publish", kwargs={"uuid": uuid}), {"consent": True},
                         format="json")
    assert published.json()["status"] == "published"
    assert public_api()["results"][0]["outcomes"][0]["unit"] == "falls a month"
    api.post(reverse("api:story-withdraw", kwargs={"uuid": uuid}))
    assert public_api()["count"] == 0


def test_the_story_goes_with_the_account(client, cast):
    factories.published_story(trainee=cast.trainee)
    client.force_login(cast.trainee_user)
    client.post(reverse("accounts:delete-account"))
    assert not Story.objects.exists() and not Story.history.exists()
    assert public_api()["count"] == 0


def test_the_story_is_in_the_download_of_the_persons_data(client, cast):
    factories.published_story(trainee=cast.trainee)
    client.force_login(cast.trainee_user)
    data = client.get(reverse("accounts:my-data")).json()
    assert data["showcase_story"]["title"] == "A faster front door"


# -- query counts ----------------------------------------------------------------------------

def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow_showcase(n: int) -> None:
    for _ in range(n):
        trainee = factories.TraineeFactory()
        factories.published_story(trainee=trainee, projects=[project(trainee, measure_unit="days",
                                                                     baseline_value=3, result_value=2)],
                                  trust=factories.TrustFactory(), show_name=True)


@pytest.mark.parametrize("who", ["anonymous", "staff_a"])
def test_the_showcase_keeps_its_query_count_as_stories_grow(client, cast, who):
    if who != "anonymous":
        client.force_login(cast.users()[who])
    urls = [reverse("showcase:list"), reverse("api:showcase-list")]
    grow_showcase(1)
    small = [count_queries(client, u) for u in urls]
    grow_showcase(6)
    assert [count_queries(client, u) for u in urls] == small
