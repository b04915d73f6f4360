"""Errors as JSON. A service refusing a well-formed request (a rule of the service, such
as 'only a draft can be published') is a 409 Conflict with the reasons; 400 is kept for
requests that do not match the schema. Anything unexpected is a 500 (503 when the database
is out of reach) that says nothing of what went wrong: that goes to the log."""

from django.core.exceptions import ValidationError
from django.core.signals import got_request_exception
from django.http import HttpResponse
from django.utils.log import log_response
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from core.errors import server_error_json


def api_exception_handler(exc, context):
    if isinstance(exc, ValidationError):
        return Response({"detail": " ".join(exc.messages), "errors": exc.messages},
                        status=status.HTTP_409_CONFLICT)
    response = exception_handler(exc, context)
    return _server_error(exc, context.get("request")) if response is None else response


def _server_error(exc: Exception, request) -> HttpResponse:
    """The answer handler500 gives under /api/, given here so it holds with DEBUG on too
    (where Django would show its technical page); and what Django does with an uncaught
    exception: the signal error trackers and the test client listen for, and the traceback
    logged."""
    set_rollback()
    response = server_error_json(exc)
    django_request = getattr(request, "_request", None)  # DRF wraps Django's request
    got_request_exception.send(sender=None, request=django_request)
    log_response("%s: %s", response.reason_phrase, getattr(django_request, "path", ""),
                 response=response, request=django_request, exception=exc)
    return response
