"""Form fields that render with the NHS.UK components and say what is wrong plainly."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

DATE_PARTS = ("day", "month", "year")


class NhsDateWidget(forms.Widget):
    """Three boxes (day, month, year) named `name[day]` etc., as the NHS date input is."""

    def value_from_datadict(self, data, files, name):
        parts = [data.get(f"{name}[{part}]", "").strip() for part in DATE_PARTS]
        return parts if any(parts) else None

    def value_omitted_from_data(self, data, files, name) -> bool:
        return not any(f"{name}[{part}]" in data for part in DATE_PARTS)


class NhsDateField(forms.Field):
    widget = NhsDateWidget

    def __init__(self, *, label: str, **kwargs) -> None:
        kwargs.setdefault("error_messages", {"required": f"Enter {label[0].lower() + label[1:]}"})
        super().__init__(label=label, **kwargs)

    def to_python(self, value) -> date | None:
        if value in (None, "", []):
            return None
        if isinstance(value, date):
            return value
        missing = [part for part, given in zip(DATE_PARTS, value, strict=True) if not given]
        if missing:
            raise ValidationError(f"{self.label} must include a {' and '.join(missing)}")
        day, month, year = value
        try:
            parsed = date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"{self.label} must be a real date") from error
        if parsed.year < 1950:
            raise ValidationError(f"{self.label} must be after 1950")
        return parsed


def limit(model, field: str) -> int:
    """The length a model's field holds: a form field for it takes the same limit."""
    max_length = getattr(model._meta.get_field(field), "max_length", None)
    assert max_length is not None, f"{model.__name__}.{field} has no length limit"
    return max_length


def date_parts(value) -> dict[str, str]:
    """Day, month and year for redisplaying a date field (a date or what was typed)."""
    if isinstance(value, date):
        return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    if isinstance(value, list | tuple):
        return dict(zip(DATE_PARTS, value, strict=True))
    return {}


def widget_kind(bound_field) -> str:
    """Which NHS.UK component renders a field."""
    widget = bound_field.field.widget
    if isinstance(widget, NhsDateWidget):
        return "date"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"
