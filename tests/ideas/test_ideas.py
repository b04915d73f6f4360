"""Fresh-eyes ideas (docs/ideas.md): a placement starts → the trainee is invited once → they
share an idea → the receiving trust's lead answers → the trainee reads it, and may make it a
project in their portfolio."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import Role
from ideas import services
from ideas.models import Idea, Invitation
from imports.plans import commit_plan
from imports.registry import plan_import
from notifications.models import Notification
from tests import factories
from tests.clock import TODAY
from tests.ideas.helpers import invite, share
from tests.trainees.test_imports_more import csv_of
from tests.trainees.test_imports_more import placement as imported_placement
from trainees.imports import PLACEMENT_COLUMNS
from trainees.models import Evidence, Project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("same_day")]



def emails(template: str) -> list[Notification]:
    return list(Notification.objects.filter(template=template).order_by("pk"))


# -- the invitation -------------------------------------------------------------------------


def placement(cast, trust, starts_in: int, ends_in: int):
    return factories.PlacementFactory(trainee=cast.trainee, trust=trust,
                                      start_date=TODAY + dt.timedelta(days=starts_in),
                                      end_date=TODAY + dt.timedelta(days=ends_in))


def test_a_placement_that_starts_invites_the_trainee_once(cast):
    invitation = invite(cast.trainee, cast.trust_a)
    assert services.invitations_send() == 0  # re-run: claimed by the invitation row
    assert Invitation.objects.count() == 1
    sent = emails("idea_invitation")
    assert [(n.recipient, n.subject) for n in sent] == [
        (cast.trainee_user, "What worked better before you joined Alderbrook Hospitals NHS Trust?")]
    assert sent[0].context["path"] == reverse("ideas:new", kwargs={"uuid": invitation.uuid})
    assert invitation.previous_trust.name == "Cobbleford Hospitals NHS Trust"  # from the placement before


def test_an_imported_placement_invites_the_trainee(cast):
    # A placement written by the spreadsheet import (in bulk, no form) is found by the daily job.
    factories.TrustFactory(ods_code="RJ1", name="Ravensholme NHS Trust")
    row = {"start_date": f"{TODAY - dt.timedelta(days=2):%Y-%m-%d}",
           "end_date": f"{TODAY + dt.timedelta(days=200):%Y-%m-%d}"}
    commit_plan(plan_import("placements", "p.csv", csv_of(PLACEMENT_COLUMNS, [
        imported_placement(cast.trainee.gmc_number, **row)])))
    assert services.invitations_send() == 1
    assert Invitation.objects.get().trust.name == "Ravensholme NHS Trust"


@pytest.mark.parametrize(("start", "why"), [(5, "not started yet"), (-60, "started too long ago")])
def test_no_invitation_outside_the_window(cast, start, why):
    placement(cast, cast.trust_a, start, 300)
    assert services.invitations_send() == 0, why


def test_no_invitation_when_the_trainee_stays_at_the_same_trust(cast):
    placement(cast, cast.trust_a, -300, -10)
    placement(cast, cast.trust_a, -9, 300)
    assert services.invitations_send() == 0


def test_the_home_page_prompts_until_the_trainee_shares_or_says_no(client, cast):
    invitation = invite(cast.trainee, cast.trust_a)
    client.force_login(cast.trainee_user)
    assert "Share an idea with Alderbrook Hospitals NHS Trust" in client.get("/").content.decode()
    response = client.post(reverse("ideas:dismiss", kwargs={"uuid": invitation.uuid}), {"action": "dismiss"},
                           follow=True)
    assert "We will not ask you again about this placement." in response.content.decode()
    assert "Share an idea with" not in client.get("/").content.decode()
    with pytest.raises(ValidationError, match="already said"):
        services.invitation_dismiss(invitation=invitation, trainee=cast.trainee)


# -- sharing ---------------------------------------------------------------------------------


def test_a_shared_idea_goes_to_the_named_lead(client, cast):
    deputy = factories.UserFactory(role=Role.MEDICAL_DIRECTOR, trust=cast.trust_a, first_name="Dee")
    client.force_login(cast.director_a)
    client.post(reverse("ideas:lead"), {"lead": str(deputy.uuid)})
    invitation = invite(cast.trainee, cast.trust_a)
    client.force_login(cast.trainee_user)
    response = client.post(reverse("ideas:new", kwargs={"uuid": invitation.uuid}), {
        "previous_trust": str(invitation.previous_trust.uuid), "area": "handover",
        "title": "Weekend handover checklist", "idea": "A checklist for Friday handover."})
    idea = Idea.objects.get()
    assert response.url == reverse("ideas:idea", kwargs={"uuid": idea.uuid})
    assert idea.due_on == TODAY + dt.timedelta(days=30)
    assert [n.recipient for n in emails("idea_received")] == [deputy]
    assert emails("idea_received")[0].context["sender"] == "Alice Ashworth, ST4 Anaesthetics"


def test_without_a_lead_every_director_of_the_trust_is_told(cast):
    second = factories.UserFactory(role=Role.MEDICAL_DIRECTOR, trust=cast.trust_a)
    share(invite(cast.trainee, cast.trust_a))
    assert {n.recipient for n in emails("idea_received")} == {cast.director_a, second}


def test_a_director_cannot_name_someone_of_another_trust(client, cast):
    client.force_login(cast.director_a)
    response = client.post(reverse("ideas:lead"), {"lead": str(cast.director_b.uuid)})
    assert "Choose someone who works at your trust" in response.content.decode()
    with pytest.raises(ValidationError, match="works at the trust"):
        services.lead_name(trust=cast.trust_a, user=cast.director_b, by=cast.director_a)


def test_an_anonymous_idea_never_names_the_trainee_to_the_trust(client, cast):
    idea = share(invite(cast.trainee, cast.trust_a), anonymous=True)
    names = ("Alice", "Ashworth", cast.trainee.gmc_number, str(cast.trainee.uuid), cast.trainee.email)
    client.force_login(cast.director_a)
    pages = [client.get(reverse("ideas:list")), client.get(reverse("ideas:idea", kwargs={"uuid": idea.uuid}))]
    api = APIClient()
    api.force_authenticate(cast.director_a)
    answers = [api.get("/api/v1/ideas/"), api.get(f"/api/v1/ideas/{idea.uuid}/")]
    services.idea_answer(idea=idea, status="will_try", answer="", by=cast.director_a)
    services.invitations_send()
    to_trust = Notification.objects.exclude(recipient=cast.trainee_user)
    told = [json.dumps(n.context) + n.subject for n in to_trust]
    seen = [r.content.decode() for r in pages + answers] + told
    assert all(r.status_code == 200 for r in pages + answers)
    assert "they chose not to give their name" in seen[1]
    assert not [(name, text[:80]) for text in seen for name in names if name in text]
    # The trainee still sees it as theirs.
    client.force_login(cast.trainee_user)
    assert "Weekend handover checklist" in client.get(reverse("ideas:list")).content.decode()


def test_the_idea_must_come_from_another_trust(cast):
    invitation = invite(cast.trainee, cast.trust_a)
    with pytest.raises(ValidationError, match="Choose the trust you were at before"):
        share(invitation, previous_trust=cast.trust_a)


def test_a_trainee_cannot_share_through_another_trainees_invitation(client, cast):
    invitation = invite(cast.trainee, cast.trust_a)
    client.force_login(cast.other_trainee_user)
    assert client.get(reverse("ideas:new", kwargs={"uuid": invitation.uuid})).status_code == 404
    api = APIClient()
    api.force_authenticate(cast.other_trainee_user)
    response = api.post("/api/v1/ideas/", {"placement": str(invitation.placement.uuid),
                                           "previous_trust": "ZZZ", "area": "other", "title": "x",
                                           "idea": "y"}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize(("field", "limit", "says"), [
    ("title", 200, "Your idea in a few words must be 200 characters or fewer"),
    ("idea", 2000, "Your answer must be 2,000 characters or fewer"),  # its label is a question
])
def test_text_longer_than_its_limit_is_refused_on_the_page_and_in_the_api(client, cast, field, limit, says):
    invitation = invite(cast.trainee, cast.trust_a)
    data = {"area": "handover", "title": "Checklist", "idea": "A checklist.", field: "x" * (limit + 1)}
    client.force_login(cast.trainee_user)
    page = client.post(reverse("ideas:new", kwargs={"uuid": invitation.uuid}),
                       {**data, "previous_trust": str(invitation.previous_trust.uuid)})
    assert says in page.content.decode()
    api = APIClient()
    api.force_authenticate(cast.trainee_user)
    response = api.post("/api/v1/ideas/", {**data, "placement": str(invitation.placement.uuid),
                                           "previous_trust": invitation.previous_trust.ods_code},
                        format="json")
    assert response.status_code == 400 and field in response.json()
    assert not Idea.objects.exists()


def test_a_closed_invitation_takes_no_more_ideas(cast):
    invitation = invite(cast.trainee, cast.trust_a)
    Invitation.objects.filter(pk=invitation.pk).update(closes_on=TODAY - dt.timedelta(days=1))
    invitation.refresh_from_db()
    with pytest.raises(ValidationError, match="could be shared until"):
        share(invitation)


def test_a_trainee_shares_through_the_api(cast):
    invitation = invite(cast.trainee, cast.trust_a)
    api = APIClient()
    api.force_authenticate(cast.trainee_user)
    response = api.post("/api/v1/ideas/", {
        "placement": str(invitation.placement.uuid),
        "previous_trust": invitation.previous_trust.ods_code.lower(), "area": "rotas",
        "title": "Self-rostering", "idea": "Trainees swap shifts in an app.", "anonymous": True},
        format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["sender"], body["anonymous"]) == ("waiting", "You", True)


# -- answering -------------------------------------------------------------------------------


def test_the_lead_answers_and_the_trainee_reads_it(client, cast):
    idea = share(invite(cast.trainee, cast.trust_a))
    client.force_login(cast.director_a)
    url = reverse("ideas:action", kwargs={"uuid": idea.uuid})
    refused = client.post(url, {"action": "answer", "status": "tried", "answer": " "})
    assert "Enter what happened when the trust tried it" in refused.content.decode()
    client.post(url, {"action": "answer", "status": "tried", "answer": "Bleeps fell by a third."})
    idea.refresh_from_db()
    assert (idea.status, idea.answered_by) == ("tried", cast.director_a)
    [told] = emails("idea_answered")
    assert (told.recipient, told.context["answer"]) == (cast.trainee_user, "Tried")
    client.force_login(cast.trainee_user)
    page = client.get(reverse("ideas:idea", kwargs={"uuid": idea.uuid})).content.decode()
    assert "Tried: Bleeps fell by a third." in page


def test_an_idea_cannot_be_answered_twice_the_same_way_or_after_a_final_answer(client, cast):
    idea = share(invite(cast.trainee, cast.trust_a))
    services.idea_answer(idea=idea, status="acknowledged", answer="", by=cast.director_a)
    with pytest.raises(ValidationError, match="already been answered: acknowledged"):
        services.idea_answer(idea=idea, status="acknowledged", answer="", by=cast.director_a)
    services.idea_answer(idea=idea, status="not_for_us", answer="We have one already.", by=cast.director_a)
    api = APIClient()
    api.force_authenticate(cast.director_a)
    response = api.post(f"/api/v1/ideas/{idea.uuid}/answer/", {"status": "will_try"}, format="json")
    assert response.status_code == 409 and "already been answered" in response.json()["detail"]
    client.force_login(cast.director_a)
    page = client.get(reverse("ideas:idea", kwargs={"uuid": idea.uuid})).content.decode()
    assert "Send your answer" not in page  # no form once final
    assert len(emails("idea_answered")) == 2


def test_another_trust_cannot_read_or_answer_the_idea(client, cast):
    idea = share(invite(cast.trainee, cast.trust_a))
    client.force_login(cast.director_b)
    assert client.get(reverse("ideas:idea", kwargs={"uuid": idea.uuid})).status_code == 404
    assert client.post(reverse("ideas:action", kwargs={"uuid": idea.uuid}),
                       {"action": "answer", "status": "acknowledged"}).status_code == 404
    api = APIClient()
    api.force_authenticate(cast.director_b)
    assert api.post(f"/api/v1/ideas/{idea.uuid}/answer/", {"status": "acknowledged"},
                    format="json").status_code == 404
    with pytest.raises(ValidationError, match="Only the trust"):
        services.idea_answer(idea=idea, status="acknowledged", answer="", by=cast.director_b)
    assert Idea.objects.get().status == "waiting"


def test_the_lead_answers_through_the_api(cast):
    idea = share(invite(cast.trainee, cast.trust_a))
    api = APIClient()
    api.force_authenticate(cast.director_a)
    listed = api.get("/api/v1/ideas/?status=waiting").json()
    assert [i["uuid"] for i in listed["results"]] == [str(idea.uuid)]
    response = api.post(f"/api/v1/ideas/{idea.uuid}/answer/", {"status": "will_try", "answer": "From May."},
                        format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["answer"]) == ("will_try", "From May.")


# -- into the portfolio ----------------------------------------------------------------------


def test_an_idea_the_trust_will_try_becomes_a_project_with_one_action(client, cast):
    idea = share(invite(cast.trainee, cast.trust_a))
    with pytest.raises(ValidationError, match="once the trust says it will try it"):
        services.idea_make_project(idea=idea, trainee=cast.trainee)
    services.idea_answer(idea=idea, status="will_try", answer="", by=cast.director_a)
    client.force_login(cast.trainee_user)
    page = client.get(reverse("ideas:idea", kwargs={"uuid": idea.uuid})).content.decode()
    assert "Add it to my portfolio" in page
    response = client.post(reverse("ideas:action", kwargs={"uuid": idea.uuid}), {"action": "project"},
                           follow=True)
    assert "Your idea is now an improvement project in your portfolio." in response.content.decode()
    project = Project.objects.get(trainee=cast.trainee)
    assert (project.title, project.trust, project.status) == (
        "Weekend handover checklist", cast.trust_a, "planned")
    evidence = Evidence.objects.get(trainee=cast.trainee)
    assert (evidence.element.domain.name, evidence.element.name) == (
        "Improving Services", "Encouraging Improvement and Innovation")
    with pytest.raises(ValidationError, match="already a project"):
        services.idea_make_project(idea=idea, trainee=cast.trainee)


def test_the_director_cannot_make_the_trainees_idea_a_project(client, cast):
    idea = share(invite(cast.trainee, cast.trust_a))
    services.idea_answer(idea=idea, status="tried", answer="It worked.", by=cast.director_a)
    client.force_login(cast.director_a)
    client.post(reverse("ideas:action", kwargs={"uuid": idea.uuid}), {"action": "project"})
    assert not Project.objects.exists()
