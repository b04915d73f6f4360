"""Who may use an endpoint. What they may see inside it comes from accounts/scoping.py,
the same module the pages use, so the API cannot show what a page would hide."""

from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import BasePermission


class RoleScoped(BasePermission):
    """An endpoint exists only for the roles in `view.visible_to` (a 404 for others, as on
    the pages); an action in `view.action_roles` is refused (403) to the other roles that
    can see the endpoint."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False  # DRF turns this into 401 with the Bearer challenge
        if user.role not in view.visible_to:
            raise NotFound()
        allowed = view.action_roles.get(view.action)
        if allowed is not None and user.role not in allowed:
            raise PermissionDenied("Your role cannot do this.")
        return True
