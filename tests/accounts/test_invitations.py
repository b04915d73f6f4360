"""Invitations: who may invite whom, the single-use link that expires, re-sending and
withdrawing, accepting by password or single sign-on, and the audit of who invited whom."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import invitations
from accounts.models import Invitation, Role, User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-new-passphrase-42"


def invite_mentor(cast, by=None, email="nia.mensah@nhs.example") -> Invitation:
    return invitations.invitation_send(by=by or cast.staff_a, email=email, first_name="Nia",
                                       last_name="Mensah", role=Role.MENTOR, region=cast.region_a)


def sent_link(message) -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", message.body).group(0)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


@pytest.fixture
def emailed(cast, django_capture_on_commit_callbacks):
    """An invitation to a mentor of region A, its email sent through the outbox; its link."""
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_mentor(cast)
    [message] = mail.outbox
    return invitation, path_of(sent_link(message))


def test_the_email_holds_a_link_whose_secret_is_not_stored(emailed, settings):
    invitation, link = emailed
    secret = link.rstrip("/").rsplit("/", 1)[1]
    [message] = mail.outbox
    assert message.to == ["nia.mensah@nhs.example"]
    assert f"until {timezone.localtime(invitation.expires_at):%-d %B %Y} ({settings.INVITATION_DAYS} days)" \
        in message.body
    assert secret not in str(list(Invitation.objects.values()))
    assert invitation.token_digest != secret and len(invitation.token_digest) == 64


def test_the_link_expires_after_the_days_set(cast, settings):
    settings.INVITATION_DAYS = 3
    invitation = invite_mentor(cast)
    assert invitation.expires_at - invitation.sent_at == dt.timedelta(days=3)


@pytest.mark.parametrize(("inviter", "role", "allowed"), [
    ("staff_a", Role.MENTOR, True),
    ("staff_a", Role.MEDICAL_DIRECTOR, True),
    ("staff_a", Role.DEANERY_STAFF, False),
    ("staff_a", Role.ADMINISTRATOR, False),
    ("staff_b", Role.MENTOR, False),  # region A's mentor
    ("staff_b", Role.MEDICAL_DIRECTOR, False),  # trust A's director
    ("admin", Role.DEANERY_STAFF, True),
    ("admin", Role.ADMINISTRATOR, True),
    ("director_a", Role.MENTOR, False),
    ("trainee", Role.MENTOR, False),
    ("mentor", Role.MENTOR, False),
])
def test_who_may_invite_whom(cast, inviter, role, allowed):
    send = lambda: invitations.invitation_send(  # noqa: E731
        by=cast.users()[inviter], email="someone@nhs.example", first_name="Sam", last_name="Okoro", role=role,
        region=cast.region_a, trust=cast.trust_a)
    if allowed:
        assert send().invited_by == cast.users()[inviter]
    else:
        with pytest.raises(ValidationError):
            send()
        assert not Invitation.objects.exists()


def test_nobody_is_invited_twice_nor_when_they_have_an_account(cast):
    invite_mentor(cast)
    with pytest.raises(ValidationError, match="already has an invitation waiting"):
        invite_mentor(cast, email="NIA.MENSAH@nhs.example")
    with pytest.raises(ValidationError, match="already an account"):
        invite_mentor(cast, email=cast.director_b.email)


def test_accepting_makes_the_account_signs_in_and_lands_on_the_role_home(client, cast, emailed):
    invitation, link = emailed
    page = client.get(link)
    assert page.status_code == 200 and "Make your account" in page.content.decode()
    response = client.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home")
    user = User.objects.get(email="nia.mensah@nhs.example")
    assert (user.role, user.first_name, user.check_password(PASSWORD)) == (Role.MENTOR, "Nia", True)
    invitation.refresh_from_db()
    assert invitation.user == user and invitation.accepted_at is not None
    assert int(client.session["_auth_user_id"]) == user.pk
    # A mentor starts with a profile in the region they were invited for, not yet accepting.
    assert (user.mentor.region, user.mentor.accepting) == (cast.region_a, False)
    assert "Fill in" in client.get(reverse("home")).content.decode()
    assert client.get(reverse("mentoring:profile")).status_code == 200


def test_a_used_link_is_refused_with_a_clear_page(client, cast, emailed):
    _, link = emailed
    client.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert client.post(link, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 410
    assert User.objects.filter(email="nia.mensah@nhs.example").count() == 1


def test_an_expired_link_is_refused(client, cast, emailed):
    invitation, link = emailed
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    page = client.get(link)
    assert page.status_code == 410 and "This invitation expired on" in page.content.decode()
    assert client.post(link, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 410
    assert not User.objects.filter(email="nia.mensah@nhs.example").exists()


def test_a_tampered_link_is_refused(client, cast, emailed):
    _, link = emailed
    tampered = link[:-3] + ("a" if link[-3] != "a" else "b") + link[-2:]
    page = client.get(tampered)
    assert page.status_code == 404 and "This link does not work" in page.content.decode()
    assert "not have been copied whole" in page.content.decode()


def test_sending_again_makes_a_new_link_and_kills_the_old_one(client, cast, emailed,
                                                                django_capture_on_commit_callbacks):
    invitation, old = emailed
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    client.force_login(cast.staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:invitation-resend", args=[invitation.uuid]), {"action": "resend"})
    new = path_of(sent_link(mail.outbox[-1]))
    assert new != old and len(mail.outbox) == 2
    invitation.refresh_from_db()
    assert invitation.times_sent == 2 and not invitation.is_expired
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_withdrawing_asks_first_then_the_link_stops_working(client, cast, emailed):
    invitation, link = emailed
    client.force_login(cast.staff_a)
    url = reverse("accounts:invitation-revoke", args=[invitation.uuid])
    assert "Are you sure you want to withdraw" in client.get(url).content.decode()
    assert not Invitation.objects.get().revoked_at
    client.post(url)
    invitation.refresh_from_db()
    assert invitation.revoked_by == cast.staff_a and invitation.revoked_at
    client.logout()
    page = client.get(link)
    assert page.status_code == 410 and "withdrawn" in page.content.decode()


def test_staff_list_their_regions_invitations_and_administrators_all(client, cast):
    invite_mentor(cast)
    invitations.invitation_send(by=cast.staff_b, email="b.mentor@nhs.example", first_name="Bea",
                                last_name="Lund", role=Role.MENTOR, region=cast.region_b)
    seen = {}
    for role in ("staff_a", "staff_b", "admin"):
        client.force_login(cast.users()[role])
        html = client.get(reverse("accounts:invitations")).content.decode()
        seen[role] = {name for name in ("Nia Mensah", "Bea Lund") if name in html}
    assert seen == {"staff_a": {"Nia Mensah"}, "staff_b": {"Bea Lund"}, "admin": {"Nia Mensah", "Bea Lund"}}
    client.force_login(cast.staff_b)
    other = Invitation.objects.get(email="nia.mensah@nhs.example")
    assert client.post(reverse("accounts:invitation-revoke", args=[other.uuid])).status_code == 404
    resend = reverse("accounts:invitation-resend", args=[other.uuid])
    assert client.post(resend, {"action": "resend"}).status_code == 404


def test_the_invite_form_checks_what_is_typed(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(reverse("accounts:invite"), {"role": Role.MEDICAL_DIRECTOR})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: Invite someone" in html
    for message in ("Enter first name", "Enter an email address", "Select the trust of the medical director"):
        assert message in html
    # Staff are offered their own region's trusts only.
    assert cast.trust_a.name in html and cast.trust_b.name not in html


def test_staff_invite_a_director_of_a_trust_in_their_region(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(reverse("accounts:invite"), {
        "first_name": "Dee", "last_name": "Ward", "email": "dee.ward@nhs.example",
        "role": Role.MEDICAL_DIRECTOR, "trust": cast.trust_a.pk})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.trust, invitation.region, invitation.invited_by) == (cast.trust_a, cast.region_a,
                                                                            cast.staff_a)


def test_the_history_says_who_invited_whom(client, cast):
    client.force_login(cast.staff_a)
    client.post(reverse("accounts:invite"), {"first_name": "Nia", "last_name": "Mensah",
                                             "email": "nia.mensah@nhs.example", "role": Role.MENTOR})
    [created] = Invitation.history.all()
    assert created.history_user == cast.staff_a and created.invited_by == cast.staff_a
    assert not hasattr(created, "token_digest")


def test_a_first_single_sign_on_with_the_invited_address_accepts_the_invitation(cast):
    invitation = invite_mentor(cast)
    assert invitations.invitation_by_sign_on("Nia.Mensah@nhs.example") == invitation
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert invitations.invitation_by_sign_on("nia.mensah@nhs.example") is None  # expired


def test_a_weak_or_mismatched_password_is_refused_in_plain_words(client, cast, emailed):
    _, link = emailed
    weak = client.post(link, {"password1": "short", "password2": "short"}).content.decode()
    assert "This password is too short" in weak
    different = client.post(link, {"password1": PASSWORD, "password2": PASSWORD + "x"}).content.decode()
    assert "The passwords do not match" in different
    assert not User.objects.filter(email="nia.mensah@nhs.example").exists()


def test_an_invited_member_of_staff_gets_the_region_and_a_director_the_trust(cast):
    staff = invitations.invitation_send(by=cast.admin, email="s@nhs.example", first_name="S",
                                        last_name="T", role=Role.DEANERY_STAFF, region=cast.region_b)
    director = invitations.invitation_send(by=cast.admin, email="d@nhs.example", first_name="D",
                                           last_name="T", role=Role.MEDICAL_DIRECTOR, trust=cast.trust_b)
    made = [invitations.invitation_accept(invitation=i, password=PASSWORD) for i in (staff, director)]
    assert [(u.role, u.region, u.trust) for u in made] == [
        (Role.DEANERY_STAFF, cast.region_b, None), (Role.MEDICAL_DIRECTOR, None, cast.trust_b)]

