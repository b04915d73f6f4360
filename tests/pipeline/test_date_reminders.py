"""Reminders timed to dates, each sent once: a fellowship's end, a CCT date, a return plan's
unanswered step (pipeline/reminders.py)."""

import datetime as dt

import pytest
from django.core import mail
from django.test.utils import override_settings

from config.celery_app import app
from notifications.models import Notification
from pipeline.models import DateReminder, ReturnPlan
from pipeline.reminders import send_date_reminders
from pipeline.return_plans import return_plans_open
from pipeline.tasks import send_date_reminders as reminders_task
from schemes.models import Fellowship
from tests import factories
from tests.clock import TODAY
from tests.helpers import wait_for

NONE = {"fellowship_end": 0, "cct": 0, "plan_steps": 0}

pytestmark = pytest.mark.usefixtures("same_day")


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def fellowship_ending(cast, in_days: int) -> Fellowship:
    cohort = factories.CohortFactory(region=cast.region_a, start_date=days(in_days - 300),
                                     end_date=days(in_days))
    return factories.FellowshipFactory(trainee=cast.trainee, cohort=cohort, status=Fellowship.Status.ACTIVE,
                                       completed_on=None)


def subjects(template: str) -> list[str]:
    return list(Notification.objects.filter(template=template).values_list("subject", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(("in_days", "words"), [
    (84, "in 12 weeks"), (40, "in 12 weeks"), (28, "in 4 weeks"), (1, "in 4 weeks"), (0, "today"),
    (-7, "today")])
def test_a_fellowship_end_is_reminded_once_at_each_date(cast, in_days, words):
    fellowship_ending(cast, in_days)
    assert send_date_reminders()["fellowship_end"] == 1
    assert subjects("fellowship_ending") == [f"Your Darzi Fellowship ends {words}"]
    assert send_date_reminders()["fellowship_end"] == 0  # claimed: never twice


@pytest.mark.django_db
@pytest.mark.parametrize("in_days", [85, -8])
def test_no_fellowship_reminder_outside_the_dates(cast, in_days):
    fellowship_ending(cast, in_days)
    assert send_date_reminders()["fellowship_end"] == 0


@pytest.mark.django_db
def test_the_fellow_hears_again_at_the_next_date(cast):
    fellowship = fellowship_ending(cast, 84)
    send_date_reminders()
    send_date_reminders(today=fellowship.end_date - dt.timedelta(days=28))
    send_date_reminders(today=fellowship.end_date)
    assert set(DateReminder.objects.values_list("kind", flat=True)) == {
        "fellowship-end-12w", "fellowship-end-4w", "fellowship-end-day"}


@pytest.mark.django_db
@pytest.mark.parametrize(("in_days", "kind"),
                         [(365, "cct-12m"), (200, "cct-12m"), (182, "cct-6m"), (3, "cct-6m")])
def test_a_cct_date_is_reminded_12_and_6_months_before(cast, in_days, kind):
    cast.trainee.expected_cct_date = days(in_days)
    cast.trainee.save()
    assert send_date_reminders()["cct"] == 1
    assert DateReminder.objects.get().kind == kind
    assert send_date_reminders()["cct"] == 0


@pytest.mark.django_db
def test_the_cct_reminder_lists_roles_starting_around_then(cast):
    cast.trainee.expected_cct_date = days(182)
    cast.trainee.save()
    soon = factories.VacancyFactory(trust=cast.trust_a, status="open", title="Too soon", start_date=days(30))
    then = factories.VacancyFactory(trust=cast.trust_a, status="open", title="New consultant lead",
                                    start_date=days(170))
    for vacancy in (soon, then):
        factories.MatchFactory(trainee=cast.trainee, vacancy=vacancy)
    send_date_reminders()
    roles = Notification.objects.get(template="cct_coming").context["roles"]
    assert [r["title"] for r in roles] == ["New consultant lead"]


@pytest.mark.django_db
def test_no_cct_reminder_more_than_a_year_ahead(cast):
    cast.trainee.expected_cct_date = days(366)
    cast.trainee.save()
    assert send_date_reminders()["cct"] == 0


@pytest.mark.django_db
@override_settings(RETURN_PLAN_REMIND_DAYS=14)
def test_an_unanswered_plan_step_reminds_whoever_it_waits_on_once(cast):
    fellowship_ending(cast, 70)
    return_plans_open()
    assert send_date_reminders()["plan_steps"] == 0  # not waiting long enough yet
    ReturnPlan.objects.update(opened_on=days(-14))
    # No next placement: the trust waits on region A's staff; the roles wait on the fellow.
    assert send_date_reminders()["plan_steps"] == 2
    told = set(Notification.objects.filter(template="return_plan_step").values_list("recipient", flat=True))
    assert told == {cast.staff_a.pk, cast.trainee_user.pk}
    assert send_date_reminders()["plan_steps"] == 0


def test_the_reminders_are_on_the_beat_schedule():
    assert app.conf.beat_schedule["daily-date-reminders"]["task"] == "pipeline.tasks.send_date_reminders"


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_two_beats_in_a_real_worker_send_each_reminder_once(live_worker, live_cast):
    mail.outbox.clear()
    fellowship_ending(live_cast, 28)
    live_cast.trainee.expected_cct_date = days(182)
    live_cast.trainee.save()
    return_plans_open()
    ReturnPlan.objects.update(opened_on=days(-20))
    beats = [reminders_task.delay(), reminders_task.delay()]  # two beats at once
    results = [beat.get(timeout=30) for beat in beats]
    sent = {key: sum(r[key] for r in results) for key in NONE}
    assert sent == {"fellowship_end": 1, "cct": 1, "plan_steps": 2}
    # The plan's opening, the fellowship's end, the CCT and the roles step to the fellow;
    # the trust step to region A's staff.
    assert wait_for(lambda: len(mail.outbox) >= 5)
    to_trainee = sorted(m.subject for m in mail.outbox if m.to == [live_cast.trainee.email])
    assert to_trainee == ["Plan your return to training", "Your Darzi Fellowship ends in 4 weeks",
                          "Your certificate of completion of training is due in 6 months",
                          "Your return to training is waiting for you"]
    assert [m.subject for m in mail.outbox if m.to == [live_cast.staff_a.email]] == [
        "Alice Ashworth's return to training is waiting for you"]
    assert reminders_task.delay().get(timeout=30) == NONE
