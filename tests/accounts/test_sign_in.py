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


def test_anonymous_visitors_land_on_the_start_page(client, db):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Find and grow clinical leaders</h1>" in html
    assert "Getting an account" in html
    assert f'href="{reverse("account_login")}"' in html


def test_signed_in_people_keep_their_own_home(client, cast):
    client.force_login(cast.staff_a)
    assert "Find and grow clinical leaders" not in client.get(reverse("home")).content.decode()


def test_sign_out_is_post_only_and_ends_the_session(client, cast):
    client.force_login(cast.trainee_user)
    assert client.get(reverse("account_logout")).status_code == 405
    response = client.post(reverse("account_logout"))
    assert response.url == reverse("home")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:account")).status_code == 302
