"""What every endpoint shares: the permission class, strict filters, JSON 404 and 405.

Scope comes from each app's scopes.py and writes from the services, exactly as for
the pages; the endpoints only translate HTTP."""

from rest_framework import mixins, viewsets
from rest_framework.exceptions import MethodNotAllowed

from accounts.models import Role
from api.filters import (
    StrictFilterBackend,
    StrictOrderingFilter,
)
from api.permissions import RoleScoped

EVERYONE = frozenset(Role.values)
STAFF = frozenset({Role.DEANERY_STAFF, Role.ADMINISTRATOR})


class ApiViewSet(viewsets.GenericViewSet):
    permission_classes = [RoleScoped]
    filter_backends = [StrictFilterBackend, StrictOrderingFilter]
    lookup_field = "uuid"
    # Any path segment reaches the view, so a malformed identifier is a JSON 404 too.
    lookup_value_regex = "[^/]+"
    visible_to: frozenset = EVERYONE
    action_roles: dict = {}
    ordering_fields: list = []

    def initial(self, request, *args, **kwargs):
        # An unsupported method is a 405 for everyone, before any role decides a 404.
        if not hasattr(self, request.method.lower()):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    pass
