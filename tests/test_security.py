"""Sign-in lockout, a strict Content Security Policy, and a clean deployment check."""

import os
import secrets
import subprocess
import sys

import pytest
from django.db import connection
from django.urls import reverse

from tests import factories
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_five_failed_sign_ins_lock_the_account(client, cast):
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": cast.staff_a.email, "password": "wrong"})
    response = client.post(url, {"login": cast.staff_a.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_is_not_locked_by_an_earlier_mistake(client, cast):
    url = reverse("account_login")
    client.post(url, {"login": cast.staff_a.email, "password": "wrong"})
    assert client.post(url, {"login": cast.staff_a.email, "password": PASSWORD}).status_code == 302


def test_every_page_carries_a_strict_content_security_policy(client, cast):
    client.force_login(cast.trainee_user)
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "http" not in policy  # no other hosts


def test_the_deployment_check_reports_nothing():
    # The test process sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment must not.
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**base, "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "SECRET_KEY": secrets.token_urlsafe(60), "DATABASE_URL": "sqlite:///tmp-check.sqlite3",
           "REDIS_URL": "redis://127.0.0.1:6379/0"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_database_out_of_reach_gives_a_clear_page_without_a_trace(client, cast):

    if connection.vendor != "postgresql":
        pytest.skip("a server to be out of reach: PostgreSQL (CI)")
    client.force_login(cast.trainee_user)
    client.raise_request_exception = False
    saved = dict(connection.settings_dict)
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        connection.close()
        response = client.get(reverse("trainees:portfolio"))
    finally:
        connection.settings_dict.update(saved)
        connection.close()
    html = response.content.decode()
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_hostile_text_is_inert_in_pages_and_spreadsheets(client, cast):

    hostile = '<script>alert(1)</script>=HYPERLINK("http://x")'
    factories.EvidenceFactory(trainee=cast.trainee, title=hostile)
    client.force_login(cast.trainee_user)
    html = client.get(reverse("trainees:portfolio")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
