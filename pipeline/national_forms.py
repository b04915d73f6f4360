"""The filter a national scheme lead uses on their fellows."""

from django import forms

from accounts.models import User
from core import forms as core_forms
from pipeline.models import StewardshipStatus
from reference.models import Region
from schemes.models import Cohort, Fellowship
from schemes.scopes import schemes_led_by


class FellowsFilterForm(core_forms.Form):
    # Their querysets are the lead's own: set in __init__.
    scheme: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Scheme", queryset=None, required=False, empty_label="Any of your schemes")
    cohort: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Cohort", queryset=None, required=False, empty_label="Any cohort")
    region = forms.ModelChoiceField(label="Region", queryset=Region.objects.order_by("name"),
                                    required=False, empty_label="Any region")
    status = forms.ChoiceField(label="Fellowship", required=False,
                               choices=[("", "Any stage"), *Fellowship.Status.choices])
    stewardship = forms.ChoiceField(label="Where alumni stand", required=False,
                                    choices=[("", "Any"), *StewardshipStatus.choices])

    def __init__(self, *args, lead: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        schemes = schemes_led_by(lead)
        scheme, cohort = self.fields["scheme"], self.fields["cohort"]
        assert isinstance(scheme, forms.ModelChoiceField) and isinstance(cohort, forms.ModelChoiceField)
        scheme.queryset = schemes
        cohort.queryset = Cohort.objects.filter(scheme__in=schemes).select_related("scheme")
