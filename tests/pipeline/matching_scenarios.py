"""Small worlds for matching tests, built with the factories."""

import datetime as dt

from pipeline.models import Match, Vacancy
from tests import factories
from trainees.models import Project


def candidate(*, grade: str = "ST4", region=None, project_text: str = "", evidence: int = 1,
              discoverable: bool = True, available_from=None, **fields):
    """A trainee who has said yes to being found, with some evidence and a project."""
    region = region or factories.region()
    trainee = factories.TraineeFactory(grade=factories.grade(grade), region=region, **fields)
    factories.PreferencesFactory(trainee=trainee, discoverable=discoverable,
                                 discoverable_consent_at=dt.datetime.now(dt.UTC) if discoverable else None,
                                 available_from=available_from)
    for _ in range(evidence):
        factories.EvidenceFactory(trainee=trainee)
    if project_text:
        Project.objects.create(trainee=trainee, title=project_text, aim=project_text,
                               outcome="Improved by a third", status=Project.Status.COMPLETED,
                               start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 6, 1))
    return trainee


def open_vacancy(**fields) -> Vacancy:
    fields.setdefault("trust", factories.TrustFactory(region=factories.region()))
    return factories.VacancyFactory(status=Vacancy.Status.OPEN, **fields)


def rows(**filters) -> list[tuple]:
    """Every column of the matching rows, to compare before and after."""
    return list(Match.objects.filter(**filters).order_by("trainee_id", "vacancy_id").values_list(
        "uuid", "trainee_id", "vacancy_id", "score", "reasons", "computed_at", "updated_at"))
