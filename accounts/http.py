"""The request a signed-in user makes, as the views behind `login_required` or `role_required`
see it."""

from django.http import HttpRequest

from accounts.models import User
from reference.models import Region, Trust


class AuthenticatedHttpRequest(HttpRequest):
    """For annotations only: behind `login_required` or `role_required`, `request.user` is a
    `User`, never `AnonymousUser`. Django still passes a plain `HttpRequest`."""

    user: User


def staff_region(request: AuthenticatedHttpRequest) -> Region:
    """The signed-in deanery staff member's region, which the database requires them to have."""
    region = request.user.region
    assert region is not None, "deanery staff always belong to a region"
    return region


def director_trust(request: AuthenticatedHttpRequest) -> Trust:
    """The signed-in medical director's trust, which the database requires them to have."""
    trust = request.user.trust
    assert trust is not None, "medical directors always belong to a trust"
    return trust
