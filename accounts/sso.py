"""The single sign-on providers configured (settings.SOCIALACCOUNT_PROVIDERS), for the sign-in page."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse


@dataclass(frozen=True)
class SingleSignOn:
    name: str
    url: str  # POST here to start signing in


def single_sign_on() -> list[SingleSignOn]:
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    return [SingleSignOn(app["name"],
                         reverse("openid_connect_login", kwargs={"provider_id": app["provider_id"]}))
            for app in apps]
