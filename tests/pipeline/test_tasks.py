"""Tasks sent through the real Redis broker and run by a real Celery worker."""


import pytest
from celery.result import EagerResult
from django.core import mail

from notifications.models import Notification
from notifications.services import notification_queue, notification_send
from notifications.tasks import send_notification
from pipeline import tasks
from pipeline.models import Stewardship
from tests.helpers import wait_for
from tests.pipeline.test_stewardship import alumnus_at_risk

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def queue_welcome(address: str = "new.person@test.example") -> Notification:
    return notification_queue(to_address=address, template="welcome",
                              subject="Your account is ready", context={"first_name": "Ada"})



def test_a_queued_email_is_sent_by_the_worker_after_commit(live_worker, reference_data_loaded):
    mail.outbox.clear()
    notification = queue_welcome()
    # on_commit has fired (no surrounding transaction): the task went to the broker.
    assert wait_for(lambda: Notification.objects.get(pk=notification.pk).status == "sent")
    assert [m.to for m in mail.outbox] == [["new.person@test.example"]]
    assert "Dear Ada" in mail.outbox[0].body
    assert "Dear Ada" in mail.outbox[0].alternatives[0][0]


def test_tasks_go_through_the_broker_not_eagerly(live_worker, reference_data_loaded):
    notification = queue_welcome("broker@test.example")
    result = send_notification.delay(notification.pk)
    assert not isinstance(result, EagerResult)
    result.get(timeout=10)
    assert result.state == "SUCCESS"


def test_running_the_task_twice_sends_one_email(live_worker, reference_data_loaded):
    mail.outbox.clear()
    notification = queue_welcome("twice@test.example")
    first = send_notification.delay(notification.pk).get(timeout=10)
    second = send_notification.delay(notification.pk).get(timeout=10)
    sent = [m for m in mail.outbox if m.to == ["twice@test.example"]]
    assert len(sent) == 1
    assert [first, second].count(True) <= 1


def test_a_missing_notification_is_a_no_op(db):
    assert notification_send(notification_id=987654) is False


def test_the_stewardship_sweep_runs_through_the_worker(live_worker, reference_data_loaded):
    trainee = alumnus_at_risk()
    result = tasks.stewardship_sweep.delay()
    assert not isinstance(result, EagerResult)
    assert result.get(timeout=20) == {"assessed": 1, "changed": 1, "alerts": 1}
    assert Stewardship.objects.get(trainee=trainee).status == "at_risk"
    assert tasks.stewardship_sweep.delay().get(timeout=20)["changed"] == 0
