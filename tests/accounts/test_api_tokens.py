"""Personal API tokens (issue #21): they expire (90 days unless set otherwise, and the page
says when), a password change or a closed account revokes them, and a new token's secret is
shown once in the answer to the POST that made it, never kept in the session."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken, User
from accounts.tokens import MAX_ACTIVE_TOKENS, token_create
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
TRAINEES = "api:trainee-list"


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def lasts(token: ApiToken) -> dt.timedelta:
    """From when it was made to when it expires, to the second."""
    return dt.timedelta(seconds=round((token.expires_at - token.created_at).total_seconds()))


def test_a_token_expires_90_days_after_it_is_made_by_default(cast):
    token, _ = token_create(user=cast.staff_a, name="Reports")
    assert lasts(token) == dt.timedelta(days=90)


def test_how_long_a_token_lasts_is_a_setting(cast, settings):
    settings.API_TOKEN_DAYS = 7
    token, _ = token_create(user=cast.staff_a, name="Reports")
    assert lasts(token) == dt.timedelta(days=7)


def test_expired_tokens_do_not_count_towards_the_most_a_person_may_have(cast):
    for i in range(MAX_ACTIVE_TOKENS):
        token_create(user=cast.staff_a, name=f"Old {i}")
    ApiToken.objects.filter(user=cast.staff_a).update(expires_at=timezone.now() - dt.timedelta(days=1))
    token, _ = token_create(user=cast.staff_a, name="New")
    assert token.is_active


def test_an_expired_token_is_refused_with_a_sentence_saying_so(cast):
    token, raw = token_create(user=cast.staff_a, name="Reports")
    assert bearer(raw).get(reverse(TRAINEES)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    refused = bearer(raw).get(reverse(TRAINEES))
    assert refused.status_code == 401
    detail = refused.json()["detail"]
    assert "expired on" in detail and "account page" in detail


def test_a_revoked_token_is_refused_with_a_sentence_saying_so(cast):
    token, raw = token_create(user=cast.staff_a, name="Reports")
    token.revoked_at = timezone.now()
    token.save()
    refused = bearer(raw).get(reverse(TRAINEES))
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]


def test_the_account_page_shows_when_each_token_expires_and_which_have(client, cast):
    live, _ = token_create(user=cast.staff_a, name="Live one")
    old, _ = token_create(user=cast.staff_a, name="Old one")
    ApiToken.objects.filter(pk=live.pk).update(expires_at=dt.datetime(2031, 3, 4, 12, tzinfo=dt.UTC))
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    client.force_login(cast.staff_a)
    html = client.get(reverse("accounts:account")).content.decode()
    assert ">Expires<" in html and "4 March 2031" in html
    assert "Expired" in html
    assert reverse("accounts:token-revoke", args=[live.uuid]) in html
    assert reverse("accounts:token-revoke", args=[old.uuid]) not in html, "nothing to revoke"


def test_a_password_change_revokes_every_token(cast):
    tokens = [token_create(user=cast.staff_a, name=f"T{i}") for i in range(2)]
    cast.staff_a.set_password("a-new-and-long-password")
    cast.staff_a.save()
    for token, raw in tokens:
        token.refresh_from_db()
        assert token.revoked_at is not None
        assert bearer(raw).get(reverse(TRAINEES)).status_code == 401


def test_a_password_change_in_the_admin_revokes_every_token(client, cast):
    token, raw = token_create(user=cast.staff_a, name="Reports")
    client.force_login(cast.admin)
    url = reverse("admin:auth_user_password_change", args=[cast.staff_a.pk])
    response = client.post(url, {"password1": "a-new-and-long-password",
                                 "password2": "a-new-and-long-password", "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:2000]
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(raw).get(reverse(TRAINEES)).status_code == 401


def test_deactivating_an_account_revokes_its_tokens_for_good(cast):
    token, raw = token_create(user=cast.staff_a, name="Reports")
    cast.staff_a.is_active = False
    cast.staff_a.save()
    token.refresh_from_db()
    assert token.revoked_at is not None
    cast.staff_a.is_active = True
    cast.staff_a.save()
    assert bearer(raw).get(reverse(TRAINEES)).status_code == 401, "reopening revives no token"


def test_other_changes_to_the_account_and_signing_in_leave_tokens_alone(client, cast):
    token, raw = token_create(user=cast.staff_a, name="Reports")
    cast.staff_a.first_name = "Renamed"
    cast.staff_a.save()
    client.force_login(cast.staff_a)  # which records the time of signing in
    token.refresh_from_db()
    assert token.revoked_at is None
    assert bearer(raw).get(reverse(TRAINEES)).status_code == 200


def test_saving_the_same_password_hash_revokes_nothing_and_an_unusable_one_revokes(cast):
    token, _ = token_create(user=cast.staff_a, name="Reports")
    cast.staff_a.password = User.objects.get(pk=cast.staff_a.pk).password
    cast.staff_a.save()
    token.refresh_from_db()
    assert token.revoked_at is None
    cast.staff_a.set_unusable_password()
    cast.staff_a.save()
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_same_password_re_hashed_on_sign_in_revokes_nothing(cast, settings):
    token, _ = token_create(user=cast.staff_a, name="Reports")
    user = User.objects.get(pk=cast.staff_a.pk)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    stored = user.password
    assert user.check_password(PASSWORD)  # an outdated hash: Django saves a new one
    assert User.objects.get(pk=user.pk).password != stored
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_new_secret_is_shown_in_the_answer_to_the_post_and_never_kept_in_the_session(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(reverse("accounts:account"), {"name": "Weekly report spreadsheet"})
    assert response.status_code == 200, "shown at once, not after a redirect"
    html = response.content.decode()
    secret = html.split('id="new-token">')[1].split("<")[0]
    assert secret.startswith("nlp_")
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=cast.staff_a)
    assert f"{token.expires_at:%-d %B %Y}" in html.split('id="new-token">')[1].split("</div>")[0]
    kept = str(dict(client.session.items()))
    assert secret not in kept and "new_api_token" not in kept
    assert secret not in client.get(reverse("accounts:account")).content.decode(), "shown once only"
