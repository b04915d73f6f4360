"""OpenAPI: every operation documents the errors it can give, and the token scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
REFUSAL = inline_serializer("Refusal", {
    "detail": serializers.CharField(),
    "errors": serializers.ListField(child=serializers.CharField()),
})
# A 400 names the fields at fault: {"field": ["message", ...], ...}.
INVALID = inline_serializer("ValidationErrors", {
    "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False)})

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "A personal API token from your account page."}


class DocumentedErrorsSchema(AutoSchema):
    """Adds the error responses every endpoint can give (DRF leaves them undocumented)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {
            "400": OpenApiResponse(INVALID, description="The request does not match the schema."),
            "401": OpenApiResponse(ERROR, description="No credentials, or a token that is not valid "
                                   "(unknown, revoked or expired: `detail` says which)."),
            "403": OpenApiResponse(ERROR, description="Your role cannot do this."),
            "404": OpenApiResponse(ERROR, description="Not found, or outside what you may see."),
            "500": OpenApiResponse(ERROR, description="A failure of the service's own; it is logged."),
            "503": OpenApiResponse(ERROR, description="The database is out of reach: try again after "
                                                      "the Retry-After header's seconds."),
        }
        if self.method in WRITES:
            errors["409"] = OpenApiResponse(
                REFUSAL, description="Well formed, but refused by the service's rules; says why.")
            errors["415"] = OpenApiResponse(ERROR, description="Send JSON.")
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
