"""Every page URL × every role → the expected status.

The list of URLs comes from the URL conf, so a new URL without a row here fails
`test_every_url_has_a_row`. Objects outside a viewer's scope answer 404.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "trainee", "other_trainee", "staff_a", "staff_b", "director_a",
         "director_b", "mentor", "admin"]
SIGNED_IN = ROLES[1:]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, status)}


# (url name) → {role: status} for GET.
MATRIX: dict[str, dict[str, int]] = {
    "home": signed_in(200),
    "healthz": everyone(200),
    "accounts:sign-in": signed_in(302, anonymous=200),  # signed in: sent home
    "accounts:sign-out": everyone(405),  # POST only
}
ADMIN_ONLY = {**signed_in(302), "admin": 200}  # others are sent to the admin sign-in


def url_names(patterns=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_row():
    ours = {name for name in url_names() if not name.startswith("admin:")}
    assert ours == set(MATRIX), "add a row to MATRIX for each new URL"


def client_as(client, cast, role: str):
    if role != "anonymous":
        client.force_login(cast.users()[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_page_answers_each_role_as_expected(client, cast, name, role):
    response = client_as(client, cast, role).get(reverse(name))
    assert response.status_code == MATRIX[name][role]


@pytest.mark.parametrize("role", ROLES)
def test_admin_site_is_for_administrators_only(client, cast, role):
    response = client_as(client, cast, role).get(reverse("admin:index"))
    assert response.status_code == ADMIN_ONLY[role]
