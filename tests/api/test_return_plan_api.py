"""A return plan's steps through the REST API (issue #19): each side does its own steps with
the same services and rules as the pages, and a refusal says why (409)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mentoring.models import Mentorship
from notifications.models import Notification
from pipeline.models import ReturnPlan
from tests import factories
from tests.pipeline.test_return_plans import TODAY, days, opened

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("same_day")]


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def step(user, plan: ReturnPlan, name: str, body: dict | None = None):
    return as_user(user).post(reverse(f"api:returnplan-{name}", kwargs={"uuid": plan.uuid}), body or {},
                              format="json")


def waits_on(response) -> dict[str, str | None]:
    return {s["key"]: s["waits_on"] for s in response.json()["steps"]}


def test_a_plan_goes_from_open_to_done_through_the_api(cast):
    plan = opened(cast)  # returning to trust A; the cast trainee already has a mentor
    told = step(cast.trainee_user, plan, "tell-director",
                {"share_project": True, "project_summary": "Fewer delayed discharges",
                 "share_portfolio": False})
    assert told.status_code == 200 and told.json()["project_summary"] == "Fewer delayed discharges"
    assert waits_on(told)["session"] == "director"
    assert Notification.objects.filter(template="return_plan_director", recipient=cast.director_a).exists()

    proposed = step(cast.director_a, plan, "propose-session", {"on": TODAY.isoformat()})
    assert proposed.status_code == 200 and waits_on(proposed)["session"] == "fellow"
    assert step(cast.trainee_user, plan, "agree-session").status_code == 200
    recorded = step(cast.staff_a, plan, "record-session", {"note": "Thirty came"})
    assert recorded.status_code == 200 and recorded.json()["done_on"] is None  # roles still to look at
    done = step(cast.trainee_user, plan, "roles-seen")
    assert done.status_code == 200 and done.json()["done_on"] == TODAY.isoformat()
    assert all(s["done"] for s in done.json()["steps"])


def test_a_refusal_is_the_pages_sentence_with_a_409(cast):
    plan = opened(cast)
    step(cast.trainee_user, plan, "tell-director")
    past = step(cast.director_a, plan, "propose-session", {"on": days(-1).isoformat()})
    assert past.status_code == 409
    assert past.json()["detail"] == "The date of the session must be today or in the future"
    early = step(cast.director_a, plan, "record-session")
    assert early.status_code == 409 and "once the fellow has agreed" in early.json()["detail"]
    assert ReturnPlan.objects.get(pk=plan.pk).session == ReturnPlan.Session.NOT_PROPOSED


def test_staff_set_the_trust_and_a_new_trusts_director_must_be_told_again(cast):
    plan = opened(cast)
    step(cast.trainee_user, plan, "tell-director")
    moved = step(cast.staff_a, plan, "set-trust", {"trust": str(cast.trust_b.uuid)})
    assert moved.status_code == 200
    assert moved.json()["receiving_trust"] == str(cast.trust_b.uuid)
    assert moved.json()["director_told_at"] is None
    assert step(cast.staff_a, plan, "set-trust", {"trust": "5a1d7c56-0000-4000-8000-000000000000"}
                ).status_code == 400


def test_staff_ask_a_mentor_of_the_region_with_a_free_place(cast):
    Mentorship.objects.filter(trainee=cast.trainee).delete()
    plan = opened(cast)
    elsewhere = factories.MentorFactory(region=cast.region_b)
    refused = step(cast.staff_a, plan, "ask-mentor", {"mentor": str(elsewhere.uuid)})
    assert refused.status_code == 400 and "mentor" in refused.json()
    asked = step(cast.staff_a, plan, "ask-mentor", {"mentor": str(cast.mentor.uuid)})
    assert asked.status_code == 200
    assert Mentorship.objects.get(trainee=cast.trainee).status == Mentorship.Status.PROPOSED


def test_a_side_cannot_do_another_sides_step(cast):
    plan = opened(cast)
    assert step(cast.staff_a, plan, "tell-director").status_code == 403
    assert step(cast.director_a, plan, "agree-session").status_code == 403
    assert step(cast.trainee_user, plan, "propose-session", {"on": TODAY.isoformat()}).status_code == 403
    assert step(cast.staff_b, plan, "set-trust", {"trust": str(cast.trust_b.uuid)}).status_code == 404
    assert ReturnPlan.objects.get(pk=plan.pk).receiving_trust == cast.trust_a


def test_the_director_of_another_trust_cannot_see_or_act_on_the_plan(cast):
    plan = opened(cast)
    step(cast.trainee_user, plan, "tell-director")
    assert step(cast.director_b, plan, "propose-session", {"on": TODAY.isoformat()}).status_code == 404
