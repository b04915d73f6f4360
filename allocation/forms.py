"""Forms for allocation rounds. Rules live in allocation.services; these forms collect
the answers and put the services' messages beside the right fields."""

from django import forms

from allocation.models import MAX_CHOICES, MAX_PLACES, AllocationRound, RoundPost
from allocation.selectors import Applicant, ordinal
from core import forms as core_forms
from core.forms import NhsDateField
from pipeline.models import Vacancy


class RoundForm(core_forms.ModelForm):
    trainee_deadline = NhsDateField(label="Last day for trainees to rank posts")
    director_deadline = NhsDateField(label="Last day for directors to rank applicants")

    class Meta:
        model = AllocationRound
        fields = ["name", "trainee_deadline", "director_deadline"]
        labels = {"name": "Name of the round"}
        help_texts = {"name": "For example, North West London leadership fellowships 2027"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the name of the round"


class DeadlinesForm(core_forms.Form):
    trainee_deadline = NhsDateField(label="Last day for trainees to rank posts")
    director_deadline = NhsDateField(label="Last day for directors to rank applicants")


class PlacesField(forms.IntegerField):
    vacancy: Vacancy  # the role these are places in, for the template


class PostsForm(core_forms.Form):
    """Places for each role the round may offer; blank or 0 leaves it out."""

    def __init__(self, *args, vacancies, current: dict[int, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.vacancies = {str(vacancy.uuid): vacancy for vacancy in vacancies}
        for key, vacancy in self.vacancies.items():
            self.fields[key] = field = PlacesField(
                label=f"Places in {vacancy.title}", required=False, min_value=0, max_value=MAX_PLACES,
                initial=current.get(vacancy.pk),
                error_messages={"invalid": f"Places in {vacancy.title} must be a whole number",
                                "min_value": f"Places in {vacancy.title} must be 0 or more",
                                "max_value": f"Places in {vacancy.title} must be {MAX_PLACES} or fewer"})
            field.vacancy = vacancy
            self.fields[key].widget.attrs["inputmode"] = "numeric"

    def places(self) -> dict:
        return {self.vacancies[key]: count or 0 for key, count in self.cleaned_data.items()}


class PostChoiceField(forms.ChoiceField):
    """Lists the posts the trainee may rank, but takes any value: the form's clean and the
    service decide, and say why a post is refused rather than "select a valid choice"."""

    def valid_value(self, value) -> bool:
        return True


class ChoicesForm(core_forms.Form):
    """A trainee's 1st to 10th choices. Any post's UUID is taken here; whether the trainee
    may rank it is the service's question, so a refusal says why."""

    def __init__(self, *args, posts: list[RoundPost], all_posts: dict[str, RoundPost], **kwargs):
        super().__init__(*args, **kwargs)
        self.all_posts = all_posts
        options = [("", "No choice")] + [
            (str(post.uuid), f"{post.vacancy.title}, {post.vacancy.trust.name}") for post in posts]
        for number in range(1, MAX_CHOICES + 1):
            self.fields[f"choice_{number}"] = PostChoiceField(
                label=f"{ordinal(number).capitalize()} choice", required=False, choices=options,
                help_text="Leave blank if you have no more posts to rank.")

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if cleaned.get(name) and cleaned[name] not in self.all_posts:
                self.add_error(name, "Choose a post offered in this round")
        return cleaned

    def posts(self) -> list[RoundPost | None]:
        return [self.all_posts.get(self.cleaned_data[f"choice_{n}"]) for n in range(1, MAX_CHOICES + 1)]


class RankField(forms.TypedChoiceField):
    applicant: Applicant  # who is ranked, for the template


class RanksForm(core_forms.Form):
    """A rank for each applicant; "Not ranked" means the director would not take them."""

    def __init__(self, *args, applicants, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.applicants = {f"rank_{a.trainee.uuid}": a for a in applicants}
        options = [("", "Not ranked")] + [(str(n), str(n)) for n in range(1, len(applicants) + 1)]
        for key, applicant in self.applicants.items():
            self.fields[key] = field = RankField(
                label=f"Rank for {applicant.trainee.full_name}", required=False, coerce=int,
                empty_value=None, choices=options, initial=applicant.rank,
                help_text="Leave blank if you would not appoint them.",
                error_messages={"invalid_choice": "Choose a rank from the list"})
            field.applicant = applicant

    def ranks(self) -> dict:
        return {self.applicants[key].trainee: rank for key, rank in self.cleaned_data.items()}
