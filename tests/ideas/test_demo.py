"""The demo region has ideas in every state (demo/ideas.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import Role, User
from demo.content import DEMO_LOGINS
from demo.seeder import seed_demo
from ideas.models import Idea, IdeaReminder
from ideas.reports import responsiveness

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 28)


def test_the_demo_shows_ideas_in_every_state_to_each_side(client):
    seed_demo(trainees=400, seed=3, today=DAY)
    director = User.objects.get(email=DEMO_LOGINS[Role.MEDICAL_DIRECTOR])
    theirs = Idea.objects.filter(trust_id=director.trust_id)
    assert set(theirs.values_list("status", flat=True)) == set(Idea.Status.values)
    assert theirs.filter(anonymous=True).exists()
    assert IdeaReminder.objects.filter(idea__trust_id=director.trust_id, kind="escalation").exists()

    trainee = User.objects.get(email=DEMO_LOGINS[Role.TRAINEE])
    assert Idea.objects.filter(trainee__user=trainee, status="will_try").exists()
    client.force_login(trainee)
    assert "Share an idea with" in client.get("/").content.decode()

    staff = User.objects.get(email=DEMO_LOGINS[Role.DEANERY_STAFF])
    rows = responsiveness(viewer=staff, today=DAY)
    assert any(not r.withheld for r in rows) and any(r.withheld for r in rows)
    client.force_login(staff)
    assert client.get(reverse("ideas:report")).status_code == 200
