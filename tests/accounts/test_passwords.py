"""Forgotten and changed passwords (django-allauth): one email each, through the outbox; the
same answer whether or not the address has an account; a link that works once, for a while."""

import datetime as dt
import re

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.urls import reverse

from notifications.models import Notification
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-long-passphrase-77"


def ask_for_a_link(client, email: str, capture):
    with capture(execute=True):
        return client.post(reverse("account_reset_password"), {"email": email})


def the_link(message) -> str:
    return re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", message.body).group(1)


def test_a_forgotten_password_is_reset_by_one_email_sent_through_the_outbox(
        client, cast, django_capture_on_commit_callbacks):
    response = ask_for_a_link(client, cast.staff_a.email.upper(), django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse("account_reset_password_done")
    notification = Notification.objects.get()
    assert notification.template == "password_reset" and notification.recipient == cast.staff_a
    assert notification.status == Notification.Status.SENT
    assert [m.subject for m in mail.outbox] == ["Reset your password"]
    assert mail.outbox[0].to == [cast.staff_a.email]


def test_no_one_can_tell_from_the_answer_whether_an_address_has_an_account(
        client, cast, django_capture_on_commit_callbacks):
    known = ask_for_a_link(client, cast.staff_a.email, django_capture_on_commit_callbacks)
    unknown = ask_for_a_link(client, "nobody@example.org", django_capture_on_commit_callbacks)
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert client.get(known.url).content == client.get(unknown.url).content
    assert [m.to for m in mail.outbox] == [[cast.staff_a.email]]  # nothing to the unknown address


def set_new_password(client, link: str):
    page = client.get(link, follow=True)
    return page, client.post(page.redirect_chain[-1][0] if page.redirect_chain else link,
                             {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def test_the_link_sets_a_new_password_once_and_says_so_by_email(
        client, cast, django_capture_on_commit_callbacks):
    ask_for_a_link(client, cast.trainee_user.email, django_capture_on_commit_callbacks)
    link = the_link(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        page, done = set_new_password(client, link)
    assert "Choose a new password" in page.content.decode()
    assert done.status_code == 302 and done.url == reverse("account_reset_password_from_key_done")
    cast.trainee_user.refresh_from_db()
    assert cast.trainee_user.check_password(NEW_PASSWORD)
    assert [m.subject for m in mail.outbox] == ["Reset your password", "Your password has been reset"]
    again = client.get(link, follow=True).content.decode()
    assert "This link does not work" in again


def test_an_expired_link_is_refused(client, cast, settings, monkeypatch, django_capture_on_commit_callbacks):
    ask_for_a_link(client, cast.trainee_user.email, django_capture_on_commit_callbacks)
    later = dt.datetime.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    page = client.get(the_link(mail.outbox[0]), follow=True).content.decode()
    assert "This link does not work" in page
    cast.trainee_user.refresh_from_db()
    assert cast.trainee_user.check_password(PASSWORD)


def test_a_tampered_link_is_refused(client, cast, django_capture_on_commit_callbacks):
    ask_for_a_link(client, cast.trainee_user.email, django_capture_on_commit_callbacks)
    link = the_link(mail.outbox[0])
    tampered = link[:-3] + ("a" if link[-3] != "a" else "b") + link[-2:]
    assert "This link does not work" in client.get(tampered, follow=True).content.decode()
    other_user = the_link(mail.outbox[0]).replace(
        link.split("/key/")[1].split("-")[0], "zz", 1)
    assert "This link does not work" in client.get(other_user, follow=True).content.decode()


def test_changing_the_password_sends_one_email_saying_so(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.mentor_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_change_password"), {
            "oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    cast.mentor_user.refresh_from_db()
    assert cast.mentor_user.check_password(NEW_PASSWORD)
    assert [m.subject for m in mail.outbox] == ["Your password has been changed"]
    assert "Your password was changed." in mail.outbox[0].body
    assert Notification.objects.get().recipient == cast.mentor_user


def test_a_wrong_current_password_is_refused_in_plain_words(client, cast):
    client.force_login(cast.mentor_user)
    response = client.post(reverse("account_change_password"), {
        "oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: Change your password" in html
    assert "The password you entered is not your current password" in html
