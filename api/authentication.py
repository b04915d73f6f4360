"""Personal API tokens sent as `Authorization: Bearer <token>`."""

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from accounts.tokens import TokenRefused, user_for_token


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None  # not ours: the session may still authenticate the request
        if len(parts) != 2:
            raise AuthenticationFailed("Send the header as 'Authorization: Bearer <token>'.")
        try:
            return user_for_token(parts[1].decode("latin-1")), None
        except TokenRefused as refused:  # revoked, expired, closed account or no such token
            raise AuthenticationFailed(str(refused)) from refused

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (not 403) to a request with no credentials.
        return 'Bearer realm="api"'
