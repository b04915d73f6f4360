"""The account page in plain words (issue #17): no internal system names, and the token
table shows the start of each token as code, not as a literal tag."""

import pytest
from django.urls import reverse

from accounts.tokens import token_create

pytestmark = pytest.mark.django_db


def test_the_token_table_shows_each_tokens_start_as_code(client, cast):
    token, _ = token_create(user=cast.trainee_user, name="Weekly report spreadsheet")
    client.force_login(cast.trainee_user)
    html = client.get(reverse("accounts:account")).content.decode()
    assert f"<code>{token.prefix}…</code>" in html
    assert "&lt;code&gt;" not in html


def test_the_token_name_is_explained_without_internal_system_names(client, cast):
    client.force_login(cast.trainee_user)
    html = client.get(reverse("accounts:account")).content.decode()
    assert "For example, weekly report spreadsheet." in html
    assert "TIS" not in html
