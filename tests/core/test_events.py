"""Domain events: handlers hear what happened, answers come back, a failing handler fails
the change it was sent from."""

import pytest
from django.db import transaction

from core.events import Event
from tests import factories
from trainees.models import Trainee
from trainees.services import portfolio_item_save

pytestmark = pytest.mark.django_db


def test_send_reaches_every_handler_with_the_facts():
    event, heard = Event("Something happened. Facts: what."), []
    event.connect(lambda **facts: heard.append(facts["what"]), uid="first")
    event.connect(lambda **facts: heard.append(facts["what"].upper()), uid="second")
    event.send(what="done")
    assert heard == ["done", "DONE"]


def test_ask_returns_the_answers_that_are_not_none():
    event = Event("A question.")
    event.connect(lambda **facts: None, uid="silent")
    event.connect(lambda **facts: f"held by {facts['vacancy']}", uid="answers")
    assert event.ask(vacancy="Clinical lead") == ["held by Clinical lead"]


def test_a_failing_handler_rolls_the_change_back(cast):
    event = Event("A trainee changed.")

    def refuse(**facts):
        raise RuntimeError("the handler failed")

    event.connect(refuse, uid="refuse")
    with pytest.raises(RuntimeError), transaction.atomic():
        Trainee.objects.filter(pk=cast.trainee.pk).update(first_name="Changed")
        event.send(trainee=cast.trainee)
    cast.trainee.refresh_from_db()
    assert cast.trainee.first_name != "Changed"


def test_connecting_the_same_handler_twice_registers_it_once():
    event, heard = Event("Once."), []

    def handler(**facts):
        heard.append(1)

    event.connect(handler)
    event.connect(handler)
    event.send()
    assert heard == [1]
    assert len(event.handlers()) == 1


def test_a_portfolio_change_queues_the_rematch_through_the_event(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        portfolio_item_save(trainee=cast.trainee, item=factories.EvidenceFactory.build(trainee=cast.trainee))
    assert callbacks, "the pipeline's handler queued a rematch"
