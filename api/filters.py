"""Filtering and ordering that refuse what they do not understand (400), rather than
silently returning everything."""

from django import forms
from django.db import models
from django_filters import rest_framework as filters
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination


class StrictOrderingFilter(OrderingFilter):
    def get_ordering(self, request, queryset, view):
        requested = request.query_params.get(self.ordering_param)
        if requested is not None:  # given, even empty: it must name fields we order by
            fields = [f.strip() for f in requested.split(",")]
            valid = self.remove_invalid_fields(queryset, fields, view, request)
            if len(valid) != len(fields):
                allowed = ", ".join(view.ordering_fields)
                raise ValidationError(
                    {self.ordering_param: [f"Order by one of: {allowed} (prefix - to reverse)."]})
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        return [ordering_parameter(view, self.ordering_param)]


class Pages(PageNumberPagination):
    page_size = 50

    def get_page_number(self, request, paginator):
        """Every `page` given must be a whole number from 1 (DRF reads only the last)."""

        values = request.query_params.getlist(self.page_query_param)
        if any(not (value.isascii() and value.isdigit() and int(value) >= 1) for value in values):
            raise NotFound("Invalid page: give a whole number from 1.")
        return values[-1] if values else 1


def ordering_parameter(view, param: str = "ordering") -> dict:
    """The ordering query parameter with its allowed values, so the schema says what a 400
    is for (DRF's own describes it as any string)."""
    values = [v for field in view.ordering_fields for v in (field, f"-{field}")]
    return {"name": param, "required": False, "in": "query",
            "description": "Which field to order by; prefix '-' for descending.",
            "schema": {"type": "string", "enum": values}}


class StrictBooleanField(forms.Field):
    """true/false (or 1/0); anything else is a 400, not 'no filter'."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError("Use true or false.")


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        # DRF's filter reads the parameter through a widget that turns any other word into
        # "no filter"; a plain text widget lets the field refuse it.
        kwargs["widget"] = forms.TextInput
        super().__init__(*args, **kwargs)


class StrictIntegerFilter(filters.NumberFilter):
    """Whole numbers only: 0.5 is refused, not rounded or matched against nothing."""

    field_class = forms.IntegerField


class StrictFilterSet(filters.FilterSet):
    """A filter given with no value is refused unless it filters on free text, where an
    empty string is a value like any other."""

    FILTER_DEFAULTS = {**filters.FilterSet.FILTER_DEFAULTS,
                       models.BooleanField: {"filter_class": StrictBooleanFilter}}

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, found in self.filters.items():
            if isinstance(found, filters.CharFilter) or name not in self.data:
                continue
            if any(value == "" for value in self.data.getlist(name)):
                self.form.add_error(name, "Give a value, or leave the parameter out.")
                valid = False
        return valid


class StrictFilterBackend(filters.DjangoFilterBackend):
    filterset_base = StrictFilterSet
