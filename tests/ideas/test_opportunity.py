"""An idea the trust will try can be offered as a short improvement project (issue #20)."""

import datetime as dt

import pytest
from django.urls import reverse

from ideas.models import Idea
from ideas.services import idea_answer
from pipeline.models import Vacancy
from reference.models import FrameworkElement
from tests import factories
from tests.clock import TODAY
from tests.helpers import date_fields
from tests.ideas.helpers import invite, share

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("same_day")]


def answered(cast, status: str) -> Idea:
    idea = share(invite(cast.trainee, cast.trust_a))
    return idea_answer(idea=idea, status=status, answer="We will try it on two wards.", by=cast.director_a)


def project_form(**overrides) -> dict:
    return {"title": "Short project: weekend handover checklist", "description": "Try the checklist.",
            "required_domains": [str(factories.mlcf_domain(4).pk)],
            "min_grade": str(factories.grade("ST3").pk), "max_grade": str(factories.grade("ST8").pk),
            "hours": "30", "element": "", "location": "Main site", "remote_possible": "no",
            **date_fields("closing_date", TODAY + dt.timedelta(days=20)),
            **date_fields("start_date", TODAY + dt.timedelta(days=30)),
            **date_fields("ends_on", TODAY + dt.timedelta(days=120)), **overrides}


def test_the_director_offers_an_idea_they_will_try_as_a_prefilled_short_project(client, cast):
    idea = answered(cast, "will_try")
    client.force_login(cast.director_a)
    assert "Offer it as a short improvement project" in client.get(
        reverse("ideas:idea", kwargs={"uuid": idea.uuid})).content.decode()
    url = reverse("ideas:opportunity", kwargs={"uuid": idea.uuid})
    page = client.get(url).content.decode()
    assert "Offer a short improvement project" in page and "Short project: Weekend handover checklist" in page
    assert "Encouraging Improvement and Innovation" in page
    refused = client.post(url, project_form())
    assert refused.status_code == 200 and "Select what taking part is evidence of" in refused.content.decode()
    element = FrameworkElement.objects.mlcf().get(domain__number=4, number=3)
    response = client.post(url, project_form(element=str(element.pk)))
    idea.refresh_from_db()
    project = idea.opportunity
    assert project is not None and response.url == reverse("roles:detail", kwargs={"uuid": project.uuid})
    assert (project.kind, project.status, project.trust, project.element) == (
        Vacancy.Kind.SHORT_PROJECT, "draft", cast.trust_a, element)
    assert "You offered it as a short improvement project" in client.get(
        reverse("ideas:idea", kwargs={"uuid": idea.uuid})).content.decode()
    again = client.get(url).content.decode()
    assert "already been offered" in again
    client.post(url, project_form(element=str(element.pk)))
    assert Vacancy.objects.filter(kind="short_project").count() == 1


def test_only_an_idea_the_trust_will_try_can_be_offered(client, cast):
    idea = answered(cast, "acknowledged")
    client.force_login(cast.director_a)
    page = client.get(reverse("ideas:opportunity", kwargs={"uuid": idea.uuid})).content.decode()
    assert "once the trust says it will try it" in page
    client.post(reverse("ideas:opportunity", kwargs={"uuid": idea.uuid}), project_form())
    assert not Vacancy.objects.filter(kind="short_project").exists()
    client.force_login(cast.director_b)
    assert client.get(reverse("ideas:opportunity", kwargs={"uuid": idea.uuid})).status_code == 404
