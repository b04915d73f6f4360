"""An improvement project's dates agree with its status, on the page and in the service."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.helpers import date_fields
from trainees import services
from trainees.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cast):
    client.force_login(cast.trainee_user)
    return client


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def project_form(status: str, start: dt.date, end: dt.date | None = None, outcome: str = "") -> dict:
    data = {"title": "Flow", "aim": "Better flow", "measures": "", "baseline": "", "outcome": outcome,
            "status": status, **date_fields("start_date", start)}
    if end:
        data.update(date_fields("end_date", end))
    return data


def test_a_planned_project_can_start_in_the_future(signed_in, cast):
    response = signed_in.post(reverse("trainees:projects-add"), project_form("planned", days(30)))
    assert response.status_code == 302
    assert Project.objects.get(trainee=cast.trainee).start_date == days(30)


@pytest.mark.parametrize("status", ["in_progress", "completed"])
def test_a_project_under_way_or_done_cannot_start_in_the_future(signed_in, status):
    html = signed_in.post(reverse("trainees:projects-add"),
                          project_form(status, days(30), outcome="Fewer delays")).content.decode()
    assert "<title>Error: " in html
    assert "The start date must be today or in the past, unless the project is planned" in html
    assert 'href="#id_start_date-day"' in html
    assert not Project.objects.exists()


def test_a_completed_project_cannot_end_in_the_future(signed_in):
    html = signed_in.post(reverse("trainees:projects-add"),
                          project_form("completed", days(-60), days(10), outcome="Fewer delays")
                          ).content.decode()
    assert "The end date of a completed project must be today or in the past" in html
    assert not Project.objects.exists()


def test_a_planned_project_cannot_have_ended(signed_in):
    html = signed_in.post(reverse("trainees:projects-add"),
                          project_form("planned", days(-60), days(-10))).content.decode()
    assert "The end date of a planned project must be today or in the future" in html
    assert not Project.objects.exists()


def test_the_service_applies_the_same_rule(cast):
    project = Project(title="Flow", aim="Better flow", status=Project.Status.IN_PROGRESS, start_date=days(30))
    with pytest.raises(ValidationError) as refused:
        services.portfolio_item_save(trainee=cast.trainee, item=project)
    assert "start_date" in refused.value.message_dict
    planned = Project(title="Flow", aim="Better flow", status=Project.Status.PLANNED, start_date=days(30))
    services.portfolio_item_save(trainee=cast.trainee, item=planned)
    assert planned.pk
