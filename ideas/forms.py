"""The questionnaire a new starter answers, the trust's answer, and naming the lead."""

from django import forms

from accounts.models import User
from core import forms as core_forms
from core.forms import limit
from ideas.models import Area, Idea
from reference.models import Trust


class IdeaForm(core_forms.Form):
    previous_trust = forms.ModelChoiceField(
        label="Where were you before?", queryset=Trust.objects.order_by("name"), to_field_name="uuid",
        empty_label="Choose a trust",
        error_messages={"required": "Select the trust you were at before",
                        "invalid_choice": "Select the trust you were at before"})
    area = forms.ChoiceField(
        label="What is it about?", choices=Area.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select what your idea is about",
                        "invalid_choice": "Select what your idea is about"})
    title = forms.CharField(
        label="Your idea in a few words", max_length=limit(Idea, "title"),
        help_text="For example, a handover checklist for weekend shifts",
        error_messages={"required": "Enter your idea in a few words"})
    idea = forms.CharField(
        label="What worked better, and how could it work here?", widget=forms.Textarea,
        max_length=limit(Idea, "idea"), error_messages={"required": "Enter what worked better"})
    anonymous = forms.BooleanField(
        label="Do not give my name to the trust", required=False,
        help_text="The trust then sees your idea without your name. Your deanery never sees it.")

    def __init__(self, *args, trust: Trust, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["previous_trust"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Trust.objects.exclude(pk=trust.pk).order_by("name")


class AnswerForm(core_forms.Form):
    status = forms.ChoiceField(label="Your answer", widget=forms.RadioSelect,
                               error_messages={"required": "Select your answer",
                                               "invalid_choice": "Select one of the answers shown"})
    answer = forms.CharField(
        label="What happened, or why not", widget=forms.Textarea, required=False,
        max_length=limit(Idea, "answer"),
        help_text="Needed if you tried it or it is not for you. You can leave it blank if you "
                  "acknowledge it or will try it. The trainee reads this.")

    def __init__(self, *args, answers: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = answers


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name()} ({obj.email})"


class LeadForm(core_forms.Form):
    lead = PersonField(
        label="Who answers your trust's ideas?", queryset=User.objects.none(), to_field_name="uuid",
        empty_label="Choose someone",
        error_messages={"required": "Choose who answers your trust's ideas",
                        "invalid_choice": "Choose someone who works at your trust"})

    def __init__(self, *args, trust_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lead"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(trust_id=trust_id, is_active=True).order_by(
            "last_name", "first_name")
