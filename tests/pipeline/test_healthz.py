import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_reports_database_and_broker(client):
    body = client.get(reverse("healthz")).json()
    assert body["database"] == "ok"
    expected_broker = "ok" if settings.REDIS_URL else "not configured"
    assert body["broker"] == expected_broker
    assert body["status"] == "ok"


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_unreachable_broker_makes_the_service_unavailable(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"
