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


# -- messages in the NHS.UK style for the limits every field has ------------------------
# Django's own ("Ensure this value has at most 200 characters (it has 5000).") are replaced
# with sentences naming the field, as the NHS.UK error message guidance asks. A message a
# form sets itself is kept.

def _subject(label: str) -> str:
    """The field's name for a sentence: a question asked as a label is 'your answer'."""
    label = label.removesuffix(" (optional)").strip()
    return "Your answer" if label.endswith("?") or not label else label


def _defaults(field: forms.Field) -> dict[str, str]:
    defaults: dict[str, str] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    return defaults


def _number(field: forms.Field, attribute: str) -> str:
    """The field's limit written as the NHS.UK style writes numbers (10,000)."""
    value = getattr(field, attribute, None)
    return f"{value:,}" if isinstance(value, int) else "%(limit_value)s"


def plain_messages(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        subject = _subject(str(field.label or ""))
        plain = {"max_length": f"{subject} must be {_number(field, 'max_length')} characters or fewer",
                 "min_length": f"{subject} must be {_number(field, 'min_length')} characters or more",
                 "max_value": f"{subject} must be {_number(field, 'max_value')} or less",
                 "min_value": f"{subject} must be {_number(field, 'min_value')} or more",
                 "invalid_choice": "Select one of the options"
                 + ("" if subject == "Your answer" else f" for {subject[0].lower() + subject[1:]}")}
        defaults = _defaults(field)
        for code, message in plain.items():
            if field.error_messages.get(code) == defaults.get(code):  # Django's, not the form's
                field.error_messages[code] = message


class PlainMessages:
    """Mixed into a form (before Django's or allauth's class) to say its limits plainly."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)  # type: ignore[arg-type]  # always mixed into a form


class Form(PlainMessages, forms.Form):
    """A form whose limits are said plainly (`plain_messages`)."""


class ModelForm(PlainMessages, forms.ModelForm):
    """A model form whose limits are said plainly (`plain_messages`)."""
