"""Getting people in, in Chromium: staff invite a mentor, who makes their account from the
emailed link and lands on their home; an imported trainee invited from their record makes
their account and confirms their GMC number before the record is theirs. A used link is
refused with a clear page. A first single sign-on (against a real OpenID provider) with an
invited address makes the account. Every page axe-clean."""

import re

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from playwright.sync_api import expect

from accounts import invitations
from accounts.models import Role, User
from tests import factories
from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD
from tests.oidc import running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a-long-new-passphrase-42"


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def emailed_link(to: str) -> str:
    [message] = [m for m in mail.outbox if m.to == [to]]
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


def make_account(page, link: str) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Make your account")
    assert_accessible(page)
    page.get_by_role("button", name="Make my account").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a password")
    assert_accessible(page)
    page.get_by_label("Choose a password").fill(NEW_PASSWORD)
    page.get_by_label("Enter the password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Make my account").click()


def test_staff_invite_a_mentor_who_makes_their_account_from_the_email(page, live_server, live_cast, settings):
    settings.SITE_URL = live_server.url
    sign_in(page, live_server.url, live_cast.staff_a.email)
    page.get_by_role("link", name="Invitations waiting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invitations waiting")
    assert_accessible(page)
    page.get_by_role("button", name="Invite someone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone")
    assert_accessible(page)
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter first name")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Mensah")
    page.get_by_label("Email address").fill("nia.mensah@nhs.example")
    page.get_by_label("Mentor").check()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation has been sent to nia.mensah@nhs.example")).to_be_visible()
    expect(page.get_by_role("cell", name="Nia Mensah")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    link = emailed_link("nia.mensah@nhs.example")
    make_account(page, link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your mentees")
    expect(page.locator(".nhsuk-header__account")).to_contain_text("Mensah")
    assert_accessible(page)
    assert User.objects.get(email="nia.mensah@nhs.example").role == "mentor"

    page.get_by_role("button", name="Sign out").click()
    page.goto(link)  # used once already
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    expect(page.get_by_text("already been used")).to_be_visible()
    assert_accessible(page)


def test_an_imported_trainee_claims_their_record_by_confirming_the_gmc_number(page, live_server, live_cast,
                                                                           settings):
    settings.SITE_URL = live_server.url
    record = factories.FellowshipFactory(trainee=factories.TraineeFactory(
        region=live_cast.region_a, first_name="Priya", last_name="Shah", email="priya.shah@nhs.example",
        gmc_number="7123456")).trainee
    sign_in(page, live_server.url, live_cast.staff_a.email)
    page.goto(f"{live_server.url}/alumni/{record.uuid}/")
    page.get_by_role("button", name="Invite them to make an account").click()
    expect(page.get_by_text("An invitation to make an account has been sent to priya.shah@nhs.example")
           ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    make_account(page, emailed_link("priya.shah@nhs.example"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your GMC reference number")
    assert_accessible(page)
    page.get_by_label("Your GMC reference number").fill("7000001")
    page.get_by_role("button", name="Link my record").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The GMC number does not match your record")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    record.refresh_from_db()
    assert record.user is None

    page.get_by_label("Your GMC reference number").fill("7123456")
    page.get_by_role("button", name="Link my record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your leadership portfolio")
    expect(page.get_by_text("Your training record is now linked to your account")).to_be_visible()
    assert_accessible(page)
    record.refresh_from_db()
    assert record.user == User.objects.get(email="priya.shah@nhs.example")


def test_a_first_single_sign_on_with_the_invited_address_makes_the_account(page, live_server, live_cast,
                                                                         settings):
    invitation = invitations.invitation_send(by=live_cast.staff_a, email="dee.ward@nhs.example",
                                             first_name="Dee", last_name="Ward", role=Role.MEDICAL_DIRECTOR,
                                             trust=live_cast.trust_a)
    callback = f"{live_server.url}/accounts/sso/test-idp/login/callback/"
    accounts = {"invited": {"email": "Dee.Ward@nhs.example", "email_verified": True,
                            "given_name": "Dee", "family_name": "Ward"}}
    with running_provider(callback, accounts) as provider:
        settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [provider.app()]}}
        page.goto(f"{live_server.url}/accounts/sign-in/")
        page.get_by_role("button", name="Sign in with Test identity provider").click()
        page.locator("input[name=login]").fill("invited")
        page.locator("input[name=password]").fill("anything")
        page.locator("button[type=submit]").click()
        expect(page.locator(".nhsuk-header__account")).to_contain_text("Ward")
        assert_accessible(page)
    director = User.objects.get(email="dee.ward@nhs.example")
    assert (director.role, director.trust, director.has_usable_password()) == (
        Role.MEDICAL_DIRECTOR, live_cast.trust_a, False)
    invitation.refresh_from_db()
    assert invitation.user == director and invitation.accepted_at is not None
    assert SocialAccount.objects.get(user=director).uid == "invited"


def test_a_trainee_asks_for_an_account_and_staff_refuse_or_approve(page, live_server, live_cast, settings):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="ask for an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for an account")
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your GMC reference number")
    assert_accessible(page)
    for first, email in (("Priya", "priya.shah@nhs.example"), ("Omar", "omar.shah@nhs.example")):
        page.goto(f"{live_server.url}/accounts/ask/")
        page.get_by_label("First name").fill(first)
        page.get_by_label("Last name").fill("Shah")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("GMC reference number").fill("7123456")
        page.get_by_label("Region").select_option(label=live_cast.region_a.name)
        page.get_by_role("button", name="Send the request").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Request sent")
    assert_accessible(page)

    sign_in(page, live_server.url, live_cast.staff_a.email)
    page.get_by_role("link", name="Requests for an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Requests for an account")
    assert_accessible(page)
    page.get_by_role("link", name="Priya Shah").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Priya Shah")
    assert_accessible(page)
    page.get_by_role("link", name="Refuse the request").click()
    page.get_by_role("button", name="Refuse and email the reason").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter why the request is refused")
    assert_accessible(page)
    page.get_by_label("Why the request is refused").fill("You train in Wales: ask HEIW.")
    page.get_by_role("button", name="Refuse and email the reason").click()
    expect(page.get_by_text("The request has been refused")).to_be_visible()

    page.get_by_role("link", name="Omar Shah").click()
    page.get_by_role("button", name="Approve and send an invitation").click()
    expect(page.get_by_text("Omar Shah has been sent an invitation")).to_be_visible()
    [refused] = [m for m in mail.outbox if m.to == ["priya.shah@nhs.example"]]
    assert "You train in Wales: ask HEIW." in refused.body
    emailed_link("omar.shah@nhs.example")

    page.goto(f"{live_server.url}/accounts/invitations/")
    page.get_by_role("link", name="Withdraw the invitation to omar.shah@nhs.example").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to withdraw the invitation to Omar Shah?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, withdraw it").click()
    expect(page.get_by_text("The invitation to omar.shah@nhs.example has been withdrawn")).to_be_visible()
    assert_accessible(page)
