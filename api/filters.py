"""Filtering and ordering that refuse what they do not understand (400), rather than
silently returning everything."""

from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination


class StrictOrderingFilter(OrderingFilter):
    def get_ordering(self, request, queryset, view):
        requested = request.query_params.get(self.ordering_param)
        if requested:
            fields = [f.strip() for f in requested.split(",")]
            valid = self.remove_invalid_fields(queryset, fields, view, request)
            if len(valid) != len(fields):
                allowed = ", ".join(view.ordering_fields)
                raise ValidationError(
                    {self.ordering_param: [f"Order by one of: {allowed} (prefix - to reverse)."]})
        return super().get_ordering(request, queryset, view)


class Pages(PageNumberPagination):
    page_size = 50


def ordering_parameter(view, param: str = "ordering") -> dict:
    """The ordering query parameter with its allowed values, so the schema says what a 400
    is for (DRF's own describes it as any string)."""
    values = [v for field in view.ordering_fields for v in (field, f"-{field}")]
    return {"name": param, "required": False, "in": "query",
            "description": "Which field to order by; prefix '-' for descending.",
            "schema": {"type": "string", "enum": values}}


StrictOrderingFilter.get_schema_operation_parameters = (
    lambda self, view: [ordering_parameter(view, self.ordering_param)])
