"""Nothing personal is kept by a browser or a proxy: every page, file and API answer says
`Cache-Control: no-store`."""

import pytest
from django.urls import reverse

from accounts.tokens import token_create

pytestmark = pytest.mark.django_db


def assert_never_stored(response) -> None:
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["trainees:portfolio", "trainees:portfolio-pdf", "trainees:my-data",
                                  "opportunities:list", "accounts:account"])
def test_a_trainees_pages_and_files_are_never_stored(client, cast, name):
    client.force_login(cast.trainee_user)
    assert_never_stored(client.get(reverse(name)))


def test_staff_downloads_are_never_stored(client, cast):
    client.force_login(cast.staff_a)
    url = reverse("alumni:report-download", kwargs={"name": "funnel", "fmt": "csv"})
    assert_never_stored(client.get(url))


def test_api_answers_are_never_stored(client, cast):
    _, token = token_create(user=cast.trainee_user, name="Export")
    response = client.get("/api/v1/trainees/", headers={"Authorization": f"Bearer {token}"})
    assert_never_stored(response)


def test_the_sign_in_page_is_not_stored_either(client):
    assert_never_stored(client.get(reverse("account_login")))
