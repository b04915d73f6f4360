"""A server error's answer to a program, said once for Django's handler500 (portal) and the
API's exception handler (api): JSON, never a trace or a class name, which would tell a
caller about our internals."""

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse

# Clients and load balancers try again after this long when the database is out of reach.
RETRY_AFTER_SECONDS = 30


def is_database_outage(error: BaseException | None) -> bool:
    """The database out of reach (restarting, failing over): worth trying again shortly."""
    return isinstance(error, OperationalError | InterfaceError)


def server_error_json(error: BaseException | None) -> JsonResponse:
    """503 with Retry-After for a database outage, else 500; `{"detail": ...}` either way."""
    if is_database_outage(error):
        response = JsonResponse(
            {"detail": "Sorry, the service is unavailable. Try again shortly."}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse(
        {"detail": "Sorry, there is a problem with the service. Try again later."}, status=500)
