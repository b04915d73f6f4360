"""People managed in the service (issue #16): staff see the people of their region and their
roles, administrators everyone; deactivating keeps a person's records, stops their sign-in
and their API tokens at once, is recorded with its author and reason, and tells them by email."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import people
from accounts.erasure import account_erase
from accounts.models import ApiToken, Role, User
from accounts.tokens import token_create
from notifications.models import Notification
from tests import factories
from tests.conftest import PASSWORD
from trainees.models import Trainee

pytestmark = pytest.mark.django_db


def sign_in(client, user: User):
    """Through the sign-in page, as a person does: a real session."""
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def seen_by(user: User) -> set[User]:
    return set(people.people_for(user))


def test_staff_see_the_people_of_their_region_and_no_one_else(cast):
    seen = seen_by(cast.staff_a)
    assert {cast.trainee_user, cast.mentor_user, cast.director_a, cast.staff_a} <= seen
    assert not {cast.other_trainee_user, cast.director_b, cast.staff_b, cast.admin} & seen


def test_a_trainee_or_mentor_belongs_to_the_region_of_their_record(cast):
    mentor_b = factories.MentorFactory(region=cast.region_b)
    moved = cast.trainee
    moved.region = cast.region_b
    moved.save()
    assert mentor_b.user in seen_by(cast.staff_b) and mentor_b.user not in seen_by(cast.staff_a)
    assert cast.trainee_user in seen_by(cast.staff_b) and cast.trainee_user not in seen_by(cast.staff_a)


def test_administrators_see_everyone_and_no_other_role_sees_anyone(cast):
    assert set(cast.users().values()) <= seen_by(cast.admin)
    for role in ("trainee", "director_a", "mentor"):
        assert seen_by(cast.users()[role]) == set()


def test_an_account_deleted_at_its_owners_request_is_not_listed(cast):
    account_erase(user=cast.trainee_user, requested_by=cast.trainee_user)
    assert cast.trainee_user not in seen_by(cast.admin)


def test_the_list_searches_names_and_email_addresses_and_filters_by_role_and_account(cast):
    everyone = people.people_for(cast.staff_a)
    assert list(people.people_list(people=everyone, search="alice ashworth")) == [cast.trainee_user]
    by_email = people.people_list(people=everyone, search=cast.director_a.email.upper())
    assert list(by_email) == [cast.director_a]
    assert list(people.people_list(people=everyone, role=Role.MENTOR)) == [cast.mentor_user]
    assert list(people.people_list(people=everyone, status=people.DEACTIVATED)) == []
    people.person_deactivate(person=cast.mentor_user, by=cast.staff_a, reason="Retired")
    assert list(people.people_list(people=everyone, status=people.DEACTIVATED)) == [cast.mentor_user]
    assert cast.mentor_user not in people.people_list(people=everyone, status=people.ACTIVE)


def test_the_list_page_is_paginated_and_says_how_many_match(client, cast):
    for _ in range(30):
        factories.TraineeFactory(region=cast.region_a, user=factories.UserFactory(last_name="Zephyr"))
    client.force_login(cast.staff_a)
    first = client.get(reverse("people:list"), {"search": "zephyr"})
    assert "30 people match." in first.content.decode() and "Page 1 of 2" in first.content.decode()
    second = client.get(reverse("people:list"), {"search": "zephyr", "page": 2})
    assert second.content.decode().count("Zephyr") >= 5
    nobody = client.get(reverse("people:list"), {"search": "nobody-at-all"})
    assert "No one matches" in nobody.content.decode()


# -- deactivating ---------------------------------------------------------------------


def test_deactivating_keeps_the_records_revokes_tokens_and_tells_the_person(cast):
    token, _ = token_create(user=cast.trainee_user, name="Export")
    people.person_deactivate(person=cast.trainee_user, by=cast.staff_a, reason="Left the programme")
    cast.trainee_user.refresh_from_db()
    assert not cast.trainee_user.is_active
    assert Trainee.objects.filter(user=cast.trainee_user).exists()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    email = Notification.objects.get(recipient=cast.trainee_user)
    assert (email.template, email.to_address) == ("account_deactivated", cast.trainee_user.email)
    assert cast.region_a.name in email.context["contact"]


def test_deactivating_and_reactivating_are_in_the_accounts_history_with_author_and_reason(cast):
    people.person_deactivate(person=cast.trainee_user, by=cast.staff_a, reason="Left the programme")
    people.person_reactivate(person=cast.trainee_user, by=cast.admin, reason="Came back")
    history = people.account_history(cast.trainee_user)
    assert [(c.what, c.by, c.reason) for c in history[:2]] == [
        ("Reactivated", str(cast.admin), "Came back"),
        ("Deactivated", str(cast.staff_a), "Left the programme")]
    assert history[-1].what == "Account made"


@pytest.mark.parametrize(("by", "person", "refusal"), [
    ("staff_a", "staff_a", "your own account"),
    ("admin", "admin", "your own account"),
    ("staff_a", "admin", "Only an administrator"),
    ("staff_a", "colleague", "Only an administrator"),
])
def test_who_cannot_deactivate_whom(cast, by, person, refusal):
    colleague = factories.UserFactory(role=Role.DEANERY_STAFF, region=cast.region_a)
    users = {**cast.users(), "colleague": colleague}
    with pytest.raises(ValidationError, match=refusal):
        people.person_deactivate(person=users[person], by=users[by], reason="Because")
    assert User.objects.get(pk=users[person].pk).is_active


def test_administrators_may_deactivate_staff_and_other_administrators(cast):
    other_admin = factories.UserFactory(role=Role.ADMINISTRATOR)
    for person in (cast.staff_a, other_admin):
        people.person_deactivate(person=person, by=cast.admin, reason="Left the NHS")
        assert not User.objects.get(pk=person.pk).is_active


def test_a_reason_is_required_and_fits_the_history(cast):
    too_long = "x" * (people.REASON_LENGTH + 1)
    for reason, problem in (("   ", "Enter the reason"), (too_long, "characters or fewer")):
        with pytest.raises(ValidationError, match=problem):
            people.person_deactivate(person=cast.trainee_user, by=cast.staff_a, reason=reason)
    assert User.objects.get(pk=cast.trainee_user.pk).is_active
    assert not Notification.objects.exists()


def test_an_account_is_deactivated_once_and_its_email_sent_once(cast):
    people.person_deactivate(person=cast.trainee_user, by=cast.staff_a, reason="Left")
    with pytest.raises(ValidationError, match="already deactivated"):
        people.person_deactivate(person=cast.trainee_user, by=cast.staff_a, reason="Left")
    assert Notification.objects.filter(template="account_deactivated").count() == 1


def test_reactivating_lets_them_sign_in_but_old_tokens_stay_revoked(client, cast):
    token, _ = token_create(user=cast.trainee_user, name="Export")
    people.person_deactivate(person=cast.trainee_user, by=cast.staff_a, reason="Left")
    people.person_reactivate(person=cast.trainee_user, by=cast.staff_a, reason="Came back")
    signed_in = sign_in(client, cast.trainee_user)
    assert signed_in.status_code == 302 and signed_in.url != reverse("account_inactive")
    assert client.get(reverse("trainees:portfolio")).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert Notification.objects.filter(recipient=cast.trainee_user, template="account_reactivated").exists()
    with pytest.raises(ValidationError, match="already active"):
        people.person_reactivate(person=cast.trainee_user, by=cast.staff_a, reason="Again")


def test_an_erased_account_cannot_be_reactivated(cast):
    account_erase(user=cast.trainee_user, requested_by=cast.trainee_user)
    with pytest.raises(ValidationError, match="deleted at its owner's request"):
        people.person_reactivate(person=User.objects.get(pk=cast.trainee_user.pk), by=cast.admin,
                                 reason="Mistake")


# -- at once: the open session and the API token ---------------------------------------


def test_a_deactivated_persons_open_session_and_api_token_stop_working_at_once(client, cast):
    _, raw = token_create(user=cast.trainee_user, name="Export")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert sign_in(client, cast.trainee_user).status_code == 302
    assert client.get(reverse("trainees:portfolio")).status_code == 200
    assert api.get(reverse("api:trainee-list")).status_code == 200

    staff = APIClient()  # any client: the staff member's own browser
    staff.force_login(cast.staff_a)
    done = staff.post(reverse("people:deactivate", kwargs={"uuid": cast.trainee_user.uuid}),
                      {"reason": "Left the programme"})
    assert done.status_code == 302

    assert client.get(reverse("trainees:portfolio")).status_code == 302  # to sign in
    assert api.get(reverse("api:trainee-list")).status_code == 401
    again = sign_in(client, cast.trainee_user)
    assert again.status_code == 302 and again.url == reverse("account_inactive")


def test_a_session_stays_ended_when_the_account_is_reactivated(client, cast):
    sign_in(client, cast.trainee_user)
    people.person_deactivate(person=cast.trainee_user, by=cast.staff_a, reason="Laptop stolen")
    people.person_reactivate(person=cast.trainee_user, by=cast.staff_a, reason="New laptop")
    assert client.get(reverse("trainees:portfolio")).status_code == 302


# -- the pages ----------------------------------------------------------------------------


def test_staff_cannot_touch_a_person_outside_their_region(client, cast):
    client.force_login(cast.staff_b)
    response = client.post(reverse("people:deactivate", kwargs={"uuid": cast.trainee_user.uuid}),
                           {"reason": "Mischief"})
    assert response.status_code == 404
    assert User.objects.get(pk=cast.trainee_user.pk).is_active


def test_the_confirmation_page_refuses_a_missing_reason_with_an_error_summary(client, cast):
    client.force_login(cast.staff_a)
    url = reverse("people:deactivate", kwargs={"uuid": cast.trainee_user.uuid})
    response = client.post(url, {"reason": ""})
    body = response.content.decode()
    assert response.status_code == 200 and "Error:" in body.split("</title>")[0]
    assert "Enter the reason" in body
    assert User.objects.get(pk=cast.trainee_user.pk).is_active


def test_the_person_page_says_why_staff_cannot_deactivate_a_colleague(client, cast):
    colleague = factories.UserFactory(role=Role.DEANERY_STAFF, region=cast.region_a)
    client.force_login(cast.staff_a)
    body = client.get(reverse("people:person", kwargs={"uuid": colleague.uuid})).content.decode()
    assert "Only an administrator can deactivate" in body
    assert reverse("people:deactivate", kwargs={"uuid": colleague.uuid}) not in body
