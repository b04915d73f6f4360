"""Two-factor sign-in (allauth.mfa): required of the roles in MFA_REQUIRED_ROLES, who set up an
authenticator app before anything else; a choice for everyone else. The code, or a recovery
code once, completes signing in."""

import importlib
import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db

REQUIRED = ["deanery_staff", "medical_director", "administrator"]


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED_ROLES = REQUIRED


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def set_up_the_app(client) -> str:
    page = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'<code id="totp-secret">(\w+)</code>', page).group(1)
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()
    assert response.url == reverse("mfa_view_recovery_codes")
    return secret


def test_staff_set_up_an_authenticator_app_before_anything_else(client, cast, required):
    sign_in(client, cast.staff_a)
    for page in (reverse("home"), reverse("alumni:list"), reverse("accounts:account")):
        response = client.get(page)
        assert response.status_code == 302 and response.url == reverse("mfa_activate_totp"), page
    set_up = client.get(reverse("mfa_activate_totp")).content.decode()
    assert "Your role must sign in with two factors" in set_up
    set_up_the_app(client)
    codes = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert "Your recovery codes" in codes
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("who", ["staff_a", "director_a", "admin"])
def test_each_role_that_must_is_sent_to_set_it_up(client, cast, required, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("home")).url == reverse("mfa_activate_totp")


@pytest.mark.parametrize("who", ["trainee_user", "mentor_user"])
def test_trainees_and_mentors_may_choose(client, cast, required, who):
    sign_in(client, getattr(cast, who))
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_the_next_sign_in_asks_for_the_code(client, cast, required):
    sign_in(client, cast.staff_a)
    secret = set_up_the_app(client)
    client.post(reverse("account_logout"))
    response = sign_in(client, cast.staff_a)
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("accounts:account")).status_code == 302  # not signed in yet
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"}).content.decode()
    assert "<title>Error: Enter the code from your authenticator app" in wrong
    assert "The code is not correct" in wrong
    done = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert done.status_code == 302 and done.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_a_recovery_code_signs_in_once(client, cast, required):
    sign_in(client, cast.staff_a)
    set_up_the_app(client)
    codes = Authenticator.objects.get(user=cast.staff_a, type=Authenticator.Type.RECOVERY_CODES)
    code = codes.wrap().get_unused_codes()[0]
    for attempt in (1, 2):
        client.post(reverse("account_logout"))
        sign_in(client, cast.staff_a)
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert (response.status_code == 302) is (attempt == 1)


def test_a_role_that_must_cannot_remove_its_app(client, cast, required):
    sign_in(client, cast.staff_a)
    set_up_the_app(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert "you cannot turn it off" in response.content.decode()
    assert Authenticator.objects.filter(user=cast.staff_a, type=Authenticator.Type.TOTP).exists()


def test_a_trainee_can_turn_it_on_and_off_after_confirming_it_is_them(client, cast, required):
    sign_in(client, cast.trainee_user)
    assert client.get(reverse("mfa_activate_totp")).url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    set_up_the_app(client)
    assert client.post(reverse("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user=cast.trainee_user, type=Authenticator.Type.TOTP).exists()


def test_required_in_production_and_off_for_the_demo_accounts():
    base = importlib.import_module("config.settings.base")
    development = importlib.import_module("config.settings.development")
    assert base.MFA_REQUIRED_ROLES == REQUIRED
    assert development.MFA_REQUIRED_ROLES == []
