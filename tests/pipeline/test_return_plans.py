"""The return to training: a plan opened before a fellowship ends, each side's steps, and
stewardship reading the plan (docs/stewardship.md)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from config.celery_app import app
from mentoring.models import Mentorship
from notifications.models import Notification
from notifications.services import notification_send
from pipeline import return_plans
from pipeline.models import ReturnPlan, Stewardship
from pipeline.scopes import return_plans_for
from pipeline.stewardship import stewardship_sweep
from schemes.models import Fellowship
from tests import factories
from tests.clock import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("same_day")]


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def fellow_ending(cast, in_days: int = 70, trainee=None, next_trust=None) -> Fellowship:
    """The cast trainee (or `trainee`) on an active fellowship ending in `in_days`, with a
    clinical placement at `next_trust` (trust A unless None is meant) after it."""
    trainee = trainee or cast.trainee
    cohort = factories.CohortFactory(region=cast.region_a, start_date=days(in_days - 300),
                                     end_date=days(in_days))
    fellowship = factories.FellowshipFactory(trainee=trainee, cohort=cohort, status=Fellowship.Status.ACTIVE,
                                             completed_on=None, project_title="Safer discharges")
    if next_trust is not False:
        factories.PlacementFactory(trainee=trainee, trust=next_trust or cast.trust_a,
                                   start_date=days(in_days + 1), end_date=days(in_days + 365))
    return fellowship


def opened(cast, **kwargs) -> ReturnPlan:
    fellowship = fellow_ending(cast, **kwargs)
    return_plans.return_plans_open()
    return ReturnPlan.objects.get(fellowship=fellowship)


def test_a_plan_opens_12_weeks_before_the_end_with_the_next_placements_trust(cast):
    fellowship = fellow_ending(cast, in_days=80)
    assert return_plans.return_plans_open() == 1
    plan = ReturnPlan.objects.get(fellowship=fellowship)
    assert (plan.receiving_trust, plan.opened_on) == (cast.trust_a, TODAY)
    told = Notification.objects.filter(template="return_plan_opened", recipient=cast.trainee_user)
    assert told.count() == 1
    assert return_plans.return_plans_open() == 0  # safe to re-run: one plan, one email
    assert Notification.objects.filter(template="return_plan_opened").count() == 1


def test_a_fellowship_ending_later_has_no_plan_yet(cast):
    fellow_ending(cast, in_days=90)
    assert return_plans.return_plans_open() == 0


@override_settings(RETURN_PLAN_WEEKS=14)
def test_how_long_before_the_end_is_a_setting(cast):
    fellow_ending(cast, in_days=90)
    assert return_plans.return_plans_open() == 1


def test_the_opening_job_is_on_the_beat_schedule():
    assert app.conf.beat_schedule["daily-return-plans"]["task"] == "pipeline.tasks.open_return_plans"


def test_by_default_the_director_is_told_only_the_name_and_fellowship(cast):
    plan = opened(cast)
    assert return_plans.plan_tell_director(plan=plan, by=cast.trainee_user, share_project=False,
                                           project_summary="Kept to myself", share_portfolio=False) == 1
    email = Notification.objects.get(template="return_plan_director")
    assert email.recipient == cast.director_a
    assert email.context["fellow"] == "Alice Ashworth"
    assert "project_title" not in email.context and "projects" not in email.context
    assert "Kept to myself" not in str(email.context)


def test_the_director_is_told_what_the_fellow_chose_to_share(cast):
    plan = opened(cast)
    return_plans.plan_tell_director(plan=plan, by=cast.trainee_user, share_project=True,
                                    project_summary="Cut delays by a day", share_portfolio=True)
    context = Notification.objects.get(template="return_plan_director").context
    assert context["project_title"] == "Safer discharges"
    assert context["project_summary"] == "Cut delays by a day"
    assert "projects" in context and "roles" in context


def test_telling_waits_for_the_trust_which_staff_can_set(cast):
    plan = opened(cast, next_trust=False)
    assert plan.receiving_trust is None
    with pytest.raises(ValidationError, match="not known yet"):
        return_plans.plan_tell_director(plan=plan, by=cast.trainee_user, share_project=False,
                                        project_summary="", share_portfolio=False)
    return_plans.plan_set_trust(plan=plan, trust=cast.trust_b, by=cast.staff_a)
    assert return_plans.plan_tell_director(plan=plan, by=cast.trainee_user, share_project=False,
                                           project_summary="", share_portfolio=False) == 1
    assert Notification.objects.get(template="return_plan_director").recipient == cast.director_b


@pytest.mark.parametrize("who", ["director_a", "staff_a", "staff_b", "other_trainee_user"])
def test_only_the_fellow_tells_the_director(cast, who):
    plan = opened(cast)
    with pytest.raises(ValidationError, match="Only the fellow"):
        return_plans.plan_tell_director(plan=plan, by=getattr(cast, who), share_project=False,
                                        project_summary="", share_portfolio=False)


@pytest.mark.parametrize("who", ["trainee_user", "director_a", "staff_b"])
def test_only_the_regions_staff_set_the_trust(cast, who):
    plan = opened(cast)
    with pytest.raises(ValidationError, match="Only the deanery"):
        return_plans.plan_set_trust(plan=plan, trust=cast.trust_b, by=getattr(cast, who))


def test_a_plan_goes_from_open_to_done(cast):
    plan = opened(cast)  # the cast trainee already has a mentor
    factories.VacancyFactory(trust=cast.trust_a, status="open")
    return_plans.plan_tell_director(plan=plan, by=cast.trainee_user, share_project=False,
                                    project_summary="", share_portfolio=False)
    with pytest.raises(ValidationError, match="must be today or in the future"):
        return_plans.plan_propose_session(plan=plan, by=cast.director_a, on=days(-1))
    return_plans.plan_propose_session(plan=plan, by=cast.director_a, on=TODAY)
    assert Notification.objects.filter(template="return_plan_session", recipient=cast.trainee_user).exists()
    with pytest.raises(ValidationError, match="once the fellow has agreed"):
        return_plans.plan_record_session(plan=plan, by=cast.director_a)
    return_plans.plan_agree_session(plan=plan, by=cast.trainee_user)
    return_plans.plan_record_session(plan=plan, by=cast.staff_a, note="Thirty came")
    plan.refresh_from_db()
    assert plan.done_on is None  # the roles are still to look at
    return_plans.plan_roles_seen(plan=plan, by=cast.trainee_user)
    plan.refresh_from_db()
    assert plan.done_on == TODAY
    with pytest.raises(ValidationError, match="This return plan is done"):
        return_plans.plan_set_trust(plan=plan, trust=cast.trust_b, by=cast.staff_a)


def test_a_mentor_is_suggested_when_they_have_none(cast):
    Mentorship.objects.filter(trainee=cast.trainee).update(status=Mentorship.Status.ENDED)
    plan = opened(cast)
    suggested = return_plans.suggested_mentor(plan)
    assert suggested == cast.mentor
    return_plans.plan_ask_mentor(plan=plan, by=cast.staff_a, mentor=suggested)
    assert return_plans.suggested_mentor(plan) is None
    assert {s.key: s.done for s in return_plans.plan_steps(plan)}["mentor"]


def test_matched_roles_at_the_trust_and_nearby_are_listed(cast):
    plan = opened(cast)
    here = factories.VacancyFactory(trust=cast.trust_a, status="open")
    near = factories.VacancyFactory(trust=factories.TrustFactory(region=cast.region_a), status="open")
    far = factories.VacancyFactory(trust=cast.trust_b, status="open")
    for score, vacancy in ((50, here), (60, near), (90, far)):
        factories.MatchFactory(trainee=cast.trainee, vacancy=vacancy, score=score)
    assert [m.vacancy for m in return_plans.plan_roles(plan)] == [near, here]


def test_each_side_sees_the_plan_and_no_one_else(cast):
    plan = opened(cast)

    def who_sees() -> set[str]:
        return {name for name, user in cast.users().items()
                if return_plans_for(user).filter(pk=plan.pk).exists()}

    assert who_sees() == {"trainee", "staff_a"}  # the director learns of it when told
    return_plans.plan_tell_director(plan=plan, by=cast.trainee_user, share_project=False,
                                    project_summary="", share_portfolio=False)
    assert who_sees() == {"trainee", "staff_a", "director_a"}


@override_settings(RETURN_PLAN_STALL_DAYS=28)
def test_a_stalled_plan_puts_the_fellow_at_risk_with_the_reason(cast):
    plan = opened(cast, next_trust=False)
    assert Stewardship.objects.get(trainee=cast.trainee).status == "engaged"
    assert "return plan under way" in Stewardship.objects.get(trainee=cast.trainee).reason
    ReturnPlan.objects.filter(pk=plan.pk).update(opened_on=days(-36))
    stewardship_sweep()
    stewardship = Stewardship.objects.get(trainee=cast.trainee)
    assert stewardship.status == "at_risk"
    assert stewardship.reason == ("The Darzi Fellowship ends in 10 weeks; "
                                  "return plan stalled: no receiving trust named for 5 weeks")
    return_plans.plan_set_trust(plan=plan, trust=cast.trust_a, by=cast.staff_a)  # reassessed at once
    assert Stewardship.objects.get(trainee=cast.trainee).reason.endswith("roles not looked at for 5 weeks")
    return_plans.plan_roles_seen(plan=plan, by=cast.trainee_user)
    assert Stewardship.objects.get(trainee=cast.trainee).status == "engaged"


def test_a_recently_returned_alumnus_with_a_stalled_plan_is_at_risk(cast):
    plan = opened(cast, in_days=20)
    Fellowship.objects.filter(pk=plan.fellowship_id).update(status="completed", completed_on=days(-10),
                                                            end_date=days(-10))
    ReturnPlan.objects.filter(pk=plan.pk).update(opened_on=days(-90), trust_known_on=days(-90))
    stewardship_sweep()
    stewardship = Stewardship.objects.get(trainee=cast.trainee)
    assert stewardship.status == "at_risk"
    assert stewardship.reason.startswith("Completed the Darzi Fellowship 0 months ago; return plan stalled: ")


def test_the_emails_read_as_the_fellow_chose(cast):
    plan = opened(cast)
    return_plans.plan_tell_director(plan=plan, by=cast.trainee_user, share_project=True,
                                    project_summary="Cut delays by a day", share_portfolio=True)
    return_plans.plan_propose_session(plan=plan, by=cast.director_a, on=days(7))
    mail.outbox.clear()
    for notification in Notification.objects.all():
        assert notification_send(notification_id=notification.pk)
    bodies = {m.to[0]: m.body for m in mail.outbox}
    director = bodies[cast.director_a.email]
    assert "Alice Ashworth is returning to your trust from the Fellowship in Clinical Leadership" in director
    assert "Safer discharges" in director and "Cut delays by a day" in director
    assert f"/return-to-training/{plan.uuid}/" in director
    assert "has proposed" in bodies[cast.trainee.email] or "plan is now open" in bodies[cast.trainee.email]


def test_the_api_gives_each_side_the_plan_and_its_steps_in_a_fixed_number_of_queries(cast):
    plan = opened(cast)
    client = APIClient()
    client.force_authenticate(cast.trainee_user)
    body = client.get(reverse("api:returnplan-detail", kwargs={"uuid": plan.uuid})).json()
    assert [(s["key"], s["waits_on"]) for s in body["steps"]] == [
        ("trust", None), ("director", "fellow"), ("session", None), ("mentor", None), ("roles", "fellow")]
    client.force_authenticate(cast.staff_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("api:returnplan-list")).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(3):
        opened(cast, trainee=factories.TraineeFactory(region=cast.region_a))
    assert queries() == few
