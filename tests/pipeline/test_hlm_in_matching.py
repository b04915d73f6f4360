"""The engine agrees with docs/matching.md: evidence against a Healthcare Leadership Model
dimension is shown in the portfolio but counts in no score; MLCF evidence does."""

import datetime as dt

import pytest
from django.utils import timezone

from pipeline.matching import services as matching
from pipeline.matching.facts import load_trainee_facts
from pipeline.models import Match
from reference.models import FrameworkElement
from tests import factories
from tests.pipeline.matching_scenarios import candidate, open_vacancy
from trainees.models import Evidence, Trainee
from trainees.services import portfolio_item_save

pytestmark = pytest.mark.django_db


def add_evidence(trainee: Trainee, element: FrameworkElement) -> None:
    portfolio_item_save(trainee=trainee, item=Evidence(
        element=element, title="Led the ward's sepsis huddle", what_i_did="Chaired it weekly.",
        occurred_on=timezone.localdate() - dt.timedelta(days=10), level=Evidence.Level.EXEMPLARY))


def stored(trainee: Trainee) -> list[tuple]:
    matching.rematch_trainee(trainee_id=trainee.pk)
    return list(Match.objects.filter(trainee=trainee).values_list("vacancy_id", "score", "reasons"))


def test_evidence_against_every_hlm_dimension_leaves_scores_and_reasons_as_they_were():
    trainee = candidate()  # one piece of MLCF evidence, in domain 4
    open_vacancy(trust=factories.TrustFactory(region=trainee.region),
                 required_domains=[factories.mlcf_domain(2), factories.mlcf_domain(4)])
    before = stored(trainee)
    assert before
    dimensions = FrameworkElement.objects.filter(framework__code="hlm")
    assert dimensions.count() == 9
    for dimension in dimensions:
        add_evidence(trainee, dimension)
    assert stored(trainee) == before
    [facts] = load_trainee_facts(Trainee.objects.filter(pk=trainee.pk), today=timezone.localdate())
    assert facts.domain_strength[1] == 0  # domain 2 still has no evidence


def test_the_same_evidence_against_a_required_mlcf_domain_raises_the_score():
    trainee = candidate()
    open_vacancy(trust=factories.TrustFactory(region=trainee.region),
                 required_domains=[factories.mlcf_domain(2), factories.mlcf_domain(4)])
    [(_, score_before, _)] = stored(trainee)
    add_evidence(trainee, FrameworkElement.objects.get(framework__code="mlcf", domain__number=2, number=1))
    [(_, score_after, _)] = stored(trainee)
    assert score_after > score_before
