"""What `schemes` holds about a trainee: their fellowships (core.personal_data)."""

from core import personal_data
from schemes.models import Fellowship


def _fellowships(trainee) -> list[dict]:
    return [{"scheme": f.cohort.scheme.name, "cohort": str(f.cohort), "status": f.get_status_display(),
             "host_organisation": f.host_organisation, "project_title": f.project_title,
             "start_date": f.start_date, "end_date": f.end_date, "completed_on": f.completed_on}
            for f in Fellowship.objects.filter(trainee=trainee).select_related("cohort__scheme")
            .order_by("-start_date")]


def _erase_fellowships(trainee) -> None:
    # The fellowship stays (without what identifies them) so cohorts and alumni still count.
    Fellowship.objects.filter(trainee=trainee).update(project_title="", host_organisation="")
    Fellowship.history.filter(trainee_id=trainee.pk).delete()


def register() -> None:
    personal_data.register("fellowships", export=_fellowships, erase=_erase_fellowships)
