"""Who is signing in, from where: what django-axes and django-allauth count attempts by.

The client's address comes from `X-Forwarded-For` only when settings.TRUSTED_PROXY_COUNT says
how many proxies we run in front of the service: each appends the address it was reached
from, so the client's is that many entries from the right, and anything a client wrote
further left is ignored. With no trusted proxy the header is ignored altogether (anyone can
send one) and the address is the connection's own.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address of the person making the request, as far as our own proxies vouch for it."""
    connection = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return connection
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        return connection
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return connection


def sign_in_name(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The account someone is trying to sign in to: allauth passes `email`, the admin site's
    form `username`; before authenticating, axes reads allauth's `login` field."""
    given = credentials or {}
    name = given.get("email") or given.get("username")
    if not name and request is not None:
        name = request.POST.get("login") or request.POST.get("username")
    cleaned = str(name or "").strip().lower()
    return cleaned or None
