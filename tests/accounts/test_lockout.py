"""Lockout by account and address together (django-axes): one person's wrong passwords lock
only their account from their address; the address is the connection's own unless our own
proxies vouch for another; administrators unlock from a page, and the admin log says who."""

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, email: str, password: str, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def lock(client, email: str, **headers) -> None:
    for _ in range(5):
        sign_in(client, email, "wrong", **headers)


def test_five_wrong_passwords_lock_that_account_at_that_address(client, cast):
    lock(client, cast.staff_a.email)
    response = sign_in(client, cast.staff_a.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()


def test_a_locked_account_leaves_another_account_at_the_same_address_able_to_sign_in(client, cast):
    lock(client, "nobody@example.org")
    lock(client, cast.staff_a.email)
    response = sign_in(client, cast.mentor_user.email, PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")


def test_the_same_account_can_still_sign_in_from_another_address(client, cast):
    lock(client, cast.staff_a.email, REMOTE_ADDR="198.51.100.7")
    assert sign_in(client, cast.staff_a.email, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_a_client_cannot_choose_its_address_without_a_trusted_proxy(client, cast, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(5):
        sign_in(client, cast.staff_a.email, "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}
    response = sign_in(client, cast.staff_a.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_address_is_the_one_it_appended(client, cast, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote the first entry; our proxy appended the address it was reached from.
    lock(client, cast.staff_a.email, HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    elsewhere = sign_in(client, cast.staff_a.email, PASSWORD,
                        HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    assert elsewhere.status_code == 302


def test_an_administrator_unlocks_an_account_after_confirming_and_the_log_says_who(client, cast):
    lock(client, cast.staff_a.email)
    attempt = AccessAttempt.objects.get()
    client.force_login(cast.admin)
    listed = client.get(reverse("accounts:lockouts")).content.decode()
    assert cast.staff_a.email in listed
    confirm = client.get(reverse("accounts:lockout-unlock", kwargs={"pk": attempt.pk}))
    assert "Are you sure you want to unlock" in confirm.content.decode()
    assert AccessAttempt.objects.exists()
    done = client.post(reverse("accounts:lockout-unlock", kwargs={"pk": attempt.pk}))
    assert done.status_code == 302 and not AccessAttempt.objects.exists()
    entry = LogEntry.objects.get()
    assert entry.user == cast.admin and cast.staff_a.email in entry.object_repr
    client.logout()
    assert sign_in(client, cast.staff_a.email, PASSWORD).status_code == 302


def test_only_administrators_see_locked_accounts(client, cast):
    client.force_login(cast.staff_a)
    assert client.get(reverse("accounts:lockouts")).status_code == 404
