"""Asking for an account: the same answer whatever is asked (no enumeration), a limit per
address, and the region's staff approve (an invitation naming the matching record) or refuse
(the reason emailed)."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts import account_requests
from accounts.invitation_views import REQUESTS_PER_HOUR
from accounts.models import AccountRequest, Invitation, Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_earlier_requests():
    cache.clear()
    yield
    cache.clear()


def ask(client, cast, **changes):
    data = {"first_name": "Priya", "last_name": "Shah", "email": "priya.shah@nhs.example",
            "gmc_number": "7123456", "region": cast.region_a.pk, **changes}
    return client.post(reverse("accounts:ask"), data)


def test_the_start_page_offers_to_ask_for_an_account(client, cast):
    assert reverse("accounts:ask") in client.get(reverse("home")).content.decode()


def test_the_answer_is_the_same_whether_or_not_an_account_or_record_exists(client, cast):
    factories.TraineeFactory(region=cast.region_a, email="priya.shah@nhs.example", gmc_number="7123456")
    answers = [ask(client, cast),  # a record matches
               ask(client, cast, email="nobody@nhs.example", gmc_number="7999999"),  # nothing matches
               # an account
               ask(client, cast, email=cast.trainee_user.email, gmc_number=cast.trainee.gmc_number),
               ask(client, cast)]  # the same request again
    assert {(a.status_code, a.url) for a in answers} == {(302, reverse("accounts:asked"))}
    assert sorted(AccountRequest.objects.values_list("email", flat=True)) == [
        "nobody@nhs.example", "priya.shah@nhs.example"]
    assert not mail.outbox


def test_the_form_checks_what_is_typed(client, cast):
    response = client.post(reverse("accounts:ask"), {"gmc_number": "12345"})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: Ask for an account" in html
    for message in ("Enter first name", "Enter an email address", "A GMC number is 7 digits, like 1234567",
                    "Select your region"):
        assert message in html


def test_requests_from_one_address_are_limited(client, cast):
    for n in range(REQUESTS_PER_HOUR):
        assert ask(client, cast, email=f"p{n}@nhs.example").status_code == 302
    limited = ask(client, cast, email="one.more@nhs.example")
    assert limited.status_code == 429 and "Too many requests" in limited.content.decode()
    assert not AccountRequest.objects.filter(email="one.more@nhs.example").exists()


def test_staff_see_their_regions_requests_only(client, cast):
    ask(client, cast)
    ask(client, cast, email="b@nhs.example", first_name="Bea", region=cast.region_b.pk)
    for role, shown, hidden in (("staff_a", "Priya Shah", "Bea Shah"), ("staff_b", "Bea Shah", "Priya Shah")):
        client.force_login(cast.users()[role])
        html = client.get(reverse("accounts:account-requests")).content.decode()
        assert shown in html and hidden not in html
    bea = AccountRequest.objects.get(email="b@nhs.example")
    assert f'href="{reverse("accounts:account-request", args=[bea.uuid])}"' in html
    theirs = AccountRequest.objects.get(email="priya.shah@nhs.example")
    assert client.get(reverse("accounts:account-request", args=[theirs.uuid])).status_code == 404


def test_approving_invites_them_naming_the_record_whose_gmc_number_and_email_match(
        client, cast, django_capture_on_commit_callbacks):
    record = factories.TraineeFactory(region=cast.region_a, email="priya.shah@nhs.example",
                                      gmc_number="7123456")
    ask(client, cast, email="Priya.Shah@nhs.example")
    asked = AccountRequest.objects.get()
    client.force_login(cast.staff_a)
    page = client.get(reverse("accounts:account-request", args=[asked.uuid])).content.decode()
    assert "A trainee record of your region has this GMC number and email address" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:account-request", args=[asked.uuid]), {"action": "approve"})
    asked.refresh_from_db()
    invitation = Invitation.objects.get()
    assert (asked.status, asked.decided_by, asked.invitation) == ("approved", cast.staff_a, invitation)
    assert (invitation.role, invitation.record_uuid, invitation.invited_by) == (Role.TRAINEE, record.uuid,
                                                                                cast.staff_a)
    assert [m.to for m in mail.outbox] == [["priya.shah@nhs.example"]]
    again = client.post(reverse("accounts:account-request", args=[asked.uuid]), {"action": "approve"})
    assert again.status_code == 302 and Invitation.objects.count() == 1


def test_a_gmc_number_alone_does_not_name_a_record(cast):
    factories.TraineeFactory(region=cast.region_a, email="real.owner@nhs.example", gmc_number="7123456")
    asked = account_requests.account_request_make(first_name="Eve", last_name="Imposter",
                                                  email="eve@nhs.example", gmc_number="7123456",
                                                  region=cast.region_a)
    invitation = account_requests.account_request_approve(request=asked, by=cast.staff_a)
    assert invitation.record_uuid is None


def test_refusing_asks_for_the_reason_and_emails_it(client, cast, django_capture_on_commit_callbacks):
    ask(client, cast)
    asked = AccountRequest.objects.get()
    client.force_login(cast.staff_a)
    url = reverse("accounts:account-request-refuse", args=[asked.uuid])
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and "Enter why the request is refused" in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "You train in Wales: ask HEIW for an account."})
    asked.refresh_from_db()
    assert asked.status == "refused" and asked.decided_by == cast.staff_a
    [message] = mail.outbox
    assert message.to == ["priya.shah@nhs.example"]
    assert "You train in Wales: ask HEIW for an account." in message.body
    assert not Invitation.objects.exists()
    assert "already been decided" in client.get(url).content.decode()
