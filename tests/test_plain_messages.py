"""Limits said in the NHS.UK style, naming the field (core.forms.plain_messages), on every
form of ours: never Django's "Ensure this value has at most 200 characters (it has 5000)."."""

import importlib
import pkgutil

import pytest
from django import forms
from django.conf import settings

from core import forms as core_forms

# Ours are listed last in INSTALLED_APPS, ground first (docs/architecture.md); core is not an app.
OUR_APPS = ["core", *settings.INSTALLED_APPS[settings.INSTALLED_APPS.index("reference"):]]


class Example(core_forms.Form):
    title = forms.CharField(label="Title", max_length=200)
    notes = forms.CharField(label="Notes (optional)", max_length=10000, required=False)
    answer = forms.CharField(label="What did you learn?", max_length=5)
    year = forms.IntegerField(label="Intake year", min_value=2000, max_value=2100)
    role = forms.ChoiceField(label="Role", choices=[("mentor", "Mentor")], required=False)
    own = forms.CharField(label="Code", max_length=3, error_messages={"max_length": "Codes are 3 letters"})


def test_each_limit_is_a_sentence_naming_the_field():
    form = Example({"title": "x" * 5000, "notes": "x" * 10001, "answer": "longer", "year": "2101",
                    "role": "nobody", "own": "ABCD"})
    assert not form.is_valid()
    assert form.errors == {
        "title": ["Title must be 200 characters or fewer"],
        "notes": ["Notes must be 10,000 characters or fewer"],
        "answer": ["Your answer must be 5 characters or fewer"],
        "year": ["Intake year must be 2,100 or less"],
        "role": ["Select one of the options for role"],
        "own": ["Codes are 3 letters"],  # a form's own message is kept
    }
    assert Example({"title": "t", "answer": "a", "year": "1999"}).errors["year"] == [
        "Intake year must be 2,000 or more"]


def _our_form_classes() -> list[type]:
    for app in OUR_APPS:
        module = importlib.import_module(app)
        for info in pkgutil.walk_packages(module.__path__, f"{app}."):
            if ".migrations" not in info.name and ".management" not in info.name:
                importlib.import_module(info.name)
    found, todo = set(), [forms.Form, forms.ModelForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in OUR_APPS and sub.__module__ != "core.forms":
                found.add(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


@pytest.mark.parametrize("form_class", _our_form_classes(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_form_of_ours_says_limits_plainly(form_class):
    assert issubclass(form_class, core_forms.PlainMessages), (
        "derive from core.forms.Form or core.forms.ModelForm, or mix in core.forms.PlainMessages")
