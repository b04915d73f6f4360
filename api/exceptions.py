"""Errors as JSON. A service refusing a well-formed request (a rule of the service, such
as 'only a draft can be published') is a 409 Conflict with the reasons; 400 is kept for
requests that do not match the schema."""

from django.core.exceptions import ValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    if isinstance(exc, ValidationError):
        return Response({"detail": " ".join(exc.messages), "errors": exc.messages},
                        status=status.HTTP_409_CONFLICT)
    return exception_handler(exc, context)
