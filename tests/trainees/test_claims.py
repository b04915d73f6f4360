"""Inviting imported trainees and claiming the record: only the invited trainee, signed in
with the record's address, who gives the record's GMC number, gets it; a few tries only."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import invitations
from accounts.invitation_rules import CLAIM_ATTEMPTS
from accounts.models import Invitation, Role, User
from imports.models import ImportBatch
from tests import factories
from tests.trainees.test_imports import csv_bytes, row
from trainees import claims
from trainees.models import Trainee

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-new-passphrase-42"


@pytest.fixture
def imported(cast) -> Trainee:
    return factories.TraineeFactory(region=cast.region_a, first_name="Priya", last_name="Shah",
                                    email="priya.shah@nhs.example", gmc_number="7123456")


def accept(client, invitation: Invitation) -> User:
    user = invitations.invitation_accept(invitation=invitation, password=PASSWORD)
    client.force_login(user)
    return user


def test_staff_invite_a_trainee_from_their_record_and_it_names_the_record(client, cast, imported,
                                                                       django_capture_on_commit_callbacks):
    alumnus = factories.FellowshipFactory(trainee=imported).trainee
    client.force_login(cast.staff_a)
    page = client.get(reverse("alumni:detail", args=[alumnus.uuid])).content.decode()
    assert "Invite them to make an account" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("alumni:action", args=[alumnus.uuid]), {"action": "invite"})
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.record_uuid) == (imported.email, Role.TRAINEE,
                                                                           imported.uuid)
    [message] = mail.outbox
    assert "confirm your GMC reference number" in message.body
    page = client.get(reverse("alumni:detail", args=[alumnus.uuid])).content.decode()
    assert "already has an invitation waiting" in page


def test_staff_of_another_region_cannot_invite_the_trainee(cast, imported):
    with pytest.raises(ValidationError):
        claims.trainee_invite(trainee=imported, by=cast.staff_b)


def test_a_trainee_with_an_account_is_not_invited(cast):
    with pytest.raises(ValidationError, match="already has an account"):
        claims.trainee_invite(trainee=cast.trainee, by=cast.staff_a)


def test_the_invited_trainee_is_sent_to_confirm_their_gmc_number_before_the_record_is_theirs(
        client, cast, imported):
    user = accept(client, claims.trainee_invite(trainee=imported, by=cast.staff_a))
    home = client.get(reverse("home"))
    assert home.status_code == 302 and home.url == reverse("trainees:claim")
    imported.refresh_from_db()
    assert imported.user is None  # nothing attached until they confirm
    page = client.get(reverse("trainees:claim"))
    assert "Confirm your GMC reference number" in page.content.decode()

    wrong = client.post(reverse("trainees:claim"), {"gmc_number": "7000001"})
    assert wrong.status_code == 200
    assert "The GMC number does not match your record" in wrong.content.decode()
    imported.refresh_from_db()
    assert imported.user is None

    right = client.post(reverse("trainees:claim"), {"gmc_number": "7123456"})
    assert right.status_code == 302 and right.url == reverse("home")
    imported.refresh_from_db()
    assert imported.user == user
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("trainees:claim")).status_code == 302  # nothing left to claim


def test_wrong_gmc_numbers_are_limited(client, cast, imported):
    user = accept(client, claims.trainee_invite(trainee=imported, by=cast.staff_a))
    for _ in range(CLAIM_ATTEMPTS):
        with pytest.raises(ValidationError):
            claims.record_claim(user=user, gmc_number="7000001")
    with pytest.raises(ValidationError, match="wrong too many times"):
        claims.record_claim(user=user, gmc_number="7123456")  # even the right one, now
    imported.refresh_from_db()
    assert imported.user is None
    assert Invitation.objects.get().claim_attempts == CLAIM_ATTEMPTS


def test_a_record_whose_address_changed_meanwhile_is_not_taken(client, cast, imported):
    user = accept(client, claims.trainee_invite(trainee=imported, by=cast.staff_a))
    Trainee.objects.filter(pk=imported.pk).update(email="someone.else@nhs.example")
    with pytest.raises(ValidationError, match="could not be linked"):
        claims.record_claim(user=user, gmc_number="7123456")


def test_a_trainee_who_was_not_invited_to_a_record_has_nothing_to_claim(client, cast):
    client.force_login(cast.trainee_user)
    assert client.get(reverse("trainees:claim")).status_code == 302
    with pytest.raises(ValidationError, match="no record waiting"):
        claims.record_claim(user=cast.trainee_user, gmc_number=cast.trainee.gmc_number)


def committed_import(client, capture) -> ImportBatch:
    """Region A's staff import a file of three trainees."""
    with capture(execute=True):
        client.post(reverse("alumni:imports"), {"file": SimpleUploadedFile("trainees.csv", csv_bytes(
            [row("1234567"), row("2345678"), row("3456789")]))})
    batch = ImportBatch.objects.get()
    with capture(execute=True):
        client.post(reverse("alumni:import", args=[batch.uuid]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED
    return batch


def test_every_trainee_of_an_import_not_yet_invited_is_invited_at_once(client, cast,
                                                                     django_capture_on_commit_callbacks):
    client.force_login(cast.staff_a)
    batch = committed_import(client, django_capture_on_commit_callbacks)
    gmc_numbers = ["1234567", "2345678", "3456789"]
    first = Trainee.objects.get(gmc_number=gmc_numbers[0])
    with django_capture_on_commit_callbacks(execute=True):
        claims.trainee_invite(trainee=first, by=cast.staff_a)
    mail.outbox.clear()
    page = client.get(reverse("alumni:import", args=[batch.uuid])).content.decode()
    assert "Invite them all" in page
    confirm = client.get(reverse("alumni:import-invite", args=[batch.uuid])).content.decode()
    assert first.email not in confirm  # already invited
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("alumni:import-invite", args=[batch.uuid]))
    invited = set(Invitation.objects.values_list("record_uuid", flat=True))
    assert invited == set(Trainee.objects.filter(gmc_number__in=gmc_numbers).values_list("uuid", flat=True))
    assert len(mail.outbox) == len(gmc_numbers) - 1
    assert {m.to[0] for m in mail.outbox} == set(
        Trainee.objects.filter(gmc_number__in=gmc_numbers[1:]).values_list("email", flat=True))
    page = client.get(reverse("alumni:import", args=[batch.uuid])).content.decode()
    assert "Invite them all" not in page
    confirm = client.get(reverse("alumni:import-invite", args=[batch.uuid])).content.decode()
    assert "Nobody to invite" in confirm
