import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_signs_in_with_email_and_password(client, cast):
    response = client.post(reverse("account_login"),
                           {"login": cast.staff_a.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_wrong_password_shows_the_error_summary_and_error_title(client, cast):
    response = client.post(reverse("account_login"),
                           {"login": cast.staff_a.email, "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in html
    assert "nhsuk-error-summary" in html
    assert "Enter a correct email address and password" in html


def test_empty_form_says_what_is_missing(client, db):
    html = client.post(reverse("account_login"), {}).content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html
    assert 'href="#id_login"' in html


def test_home_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_sign_out_is_post_only_and_ends_the_session(client, cast):
    client.force_login(cast.trainee_user)
    assert client.get(reverse("account_logout")).status_code == 405
    client.post(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 302
