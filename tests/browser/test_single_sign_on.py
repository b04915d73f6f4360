"""Single sign-on against a real OpenID Provider (npm's oidc-provider, started by the test):
a first sign-in joins the account with the address the provider verified; an identity with
no account, or with an address the provider does not vouch for, is refused, not given one."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import assert_accessible
from tests.oidc import running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCOUNTS = {
    "director": {"email": "", "email_verified": True, "given_name": "Dana", "family_name": "Okafor"},
    "stranger": {"email": "stranger@elsewhere.example", "email_verified": True},
    "unverified": {"email": "", "email_verified": False},
}


@pytest.fixture
def provider(live_server, live_cast, settings):
    accounts = {**ACCOUNTS, "director": {**ACCOUNTS["director"], "email": live_cast.director_a.email.upper()},
                "unverified": {**ACCOUNTS["unverified"], "email": live_cast.staff_a.email}}
    callback = f"{live_server.url}/accounts/sso/test-idp/login/callback/"
    with running_provider(callback, accounts) as running:
        settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [running.app()]}}
        yield running


def sign_on(page, base_url: str, account_id: str = "") -> None:
    """Sign in through the provider; signed in there already, it sends the browser straight back."""
    page.goto(f"{base_url}/accounts/sign-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in with Test identity provider").click()
    if not account_id:
        return
    # The provider's own (development) sign-in form: any account id, any password.
    page.locator("input[name=login]").fill(account_id)
    page.locator("input[name=password]").fill("anything")
    page.locator("button[type=submit]").click()


def test_a_first_sign_on_joins_the_account_with_the_verified_address(page, live_server, live_cast, provider):
    director = live_cast.director_a
    sign_on(page, live_server.url, "director")
    expect(page.locator(".nhsuk-header__account")).to_contain_text(director.last_name)
    assert_accessible(page)
    link = SocialAccount.objects.get(user=director)
    assert (link.provider, link.uid) == ("test-idp", "director")
    director.refresh_from_db()
    assert director.has_usable_password()  # signing on never takes the password away
    assert [m.subject for m in mail.outbox] == [
        "Signing in through your organisation is now connected to your account"]

    page.get_by_role("button", name="Sign out").click()
    sign_on(page, live_server.url)  # the second time, by the joined identity
    expect(page.locator(".nhsuk-header__account")).to_contain_text(director.last_name)


@pytest.mark.parametrize("account_id", ["stranger", "unverified"])
def test_an_identity_without_a_verified_matching_account_is_refused(page, live_server, live_cast, provider,
                                                                     account_id):
    people = User.objects.count()
    sign_on(page, live_server.url, account_id)
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have an account yet")
    assert_accessible(page)
    expect(page.locator(".nhsuk-header__account")).to_have_count(0)
    assert User.objects.count() == people
    assert not SocialAccount.objects.exists()
