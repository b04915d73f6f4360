"""The API's bulk upsert never answers 500 (issue #23): a write that fails anyway is a 409
with the row report and a sentence saying why; a value too long is a row error."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from trainees.models import Trainee

pytestmark = pytest.mark.django_db
LAST_NAME = Trainee._meta.get_field("last_name").max_length
URL = "api:trainee-bulk-upsert"


def row(gmc: str, **changes) -> dict:
    return {"gmc_number": gmc, "first_name": "Ada", "last_name": "Okafor", "email": f"{gmc}@example.org",
            "grade": "ST4", "specialty": "Cardiology", "region": "north-west-london", "current_trust": "",
            **changes}


def post(user, rows: list[dict]):
    client = APIClient()
    client.force_authenticate(user)
    return client.post(reverse(URL), {"rows": rows}, format="json")


def test_a_write_that_fails_anyway_is_a_409_with_the_report(cast, added_meanwhile):
    response = post(cast.staff_a, [row("1234567"), row("2345678")])
    assert response.status_code == 409
    body = response.json()
    assert body["written"] is False and "added or changed by someone else" in body["error"]
    assert [r["action"] for r in body["rows"]] == ["create", "create"]
    assert not Trainee.objects.filter(gmc_number="2345678").exists()


def test_a_value_too_long_for_its_field_is_a_row_error_not_a_500(cast):
    response = post(cast.staff_a, [row("1234567", last_name="x" * (LAST_NAME + 1)), row("2345678")])
    assert response.status_code == 409
    [refused] = [r for r in response.json()["rows"] if r["action"] == "refused"]
    assert refused["row"] == 1 and refused["errors"] == [f"Last name is longer than {LAST_NAME} characters"]
    assert response.json()["error"] == ""


def test_a_successful_upsert_reports_no_error(cast):
    response = post(cast.staff_a, [row("1234567")])
    assert response.status_code == 200 and response.json()["error"] == ""
