"""What `schemes` holds about a trainee: their fellowships (core.personal_data).

A fellowship stays when its fellow is erased, so cohorts and alumni still count: its
scheme, cohort, status and dates stay (alumni and time to a first role are counted from
them); the host organisation and project title go, and so does its history.
"""

from django.apps import apps

from core import personal_data
from schemes.models import Fellowship, Scheme, SchemeInterest
from trainees.personal_data import trainee_part


def _fellowships(trainee) -> list[dict]:
    return [{"scheme": f.cohort.scheme.name, "cohort": str(f.cohort), "status": f.get_status_display(),
             "host_organisation": f.host_organisation, "project_title": f.project_title,
             "start_date": f.start_date, "end_date": f.end_date, "completed_on": f.completed_on}
            for f in Fellowship.objects.filter(trainee=trainee).select_related("cohort__scheme")
            .order_by("-start_date")]


def _erase_fellowships(trainee) -> None:
    Fellowship.objects.filter(trainee=trainee).update(project_title="", host_organisation="")
    personal_data.purge_history(Fellowship, trainee_id=trainee.pk)


def _scheme_interests(trainee) -> list[dict]:
    return [{"scheme": i.scheme.name, "said_on": i.created_at}
            for i in SchemeInterest.objects.filter(trainee=trainee).select_related("scheme")]


def _erase_scheme_interests(trainee) -> None:
    SchemeInterest.objects.filter(trainee=trainee).delete()  # what they wanted: theirs alone


def _schemes_led(user) -> list[str]:
    return list(Scheme.objects.filter(leads=user).values_list("name", flat=True))


def _stop_leading(subject: personal_data.Person) -> None:
    """A national lead erased no longer leads; the history of who led goes with them."""
    Scheme.leads.through.objects.filter(user=subject.user).delete()
    _lead_history().objects.filter(user=subject.user).delete()


def _lead_history():
    # django-simple-history's record of who led, kept beside the scheme's own history.
    return apps.get_model("schemes", "HistoricalScheme_leads")


def register() -> None:
    personal_data.register("schemes_you_lead", models=[Scheme.leads.through, _lead_history()],
                           export=_schemes_led, erase=_stop_leading)
    export, erase = trainee_part(_fellowships, _erase_fellowships)
    personal_data.register("fellowships", models=[Fellowship], export=export, erase=erase)
    export, erase = trainee_part(_scheme_interests, _erase_scheme_interests)
    personal_data.register("scheme interests", models=[SchemeInterest], export=export, erase=erase)
    personal_data.holds_nothing_personal(
        Scheme.history.model, reason="The history of a scheme's public facts names who changed them "
        "by account only; that account is anonymised when it is erased.")
