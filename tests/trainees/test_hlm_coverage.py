"""Evidence against a Healthcare Leadership Model dimension has its own figures in the
portfolio, its printout and its PDF (issue #17): every dimension with its count."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reference.models import FrameworkElement
from tests import factories

pytestmark = pytest.mark.django_db
EMPTY = "No evidence is recorded against the Healthcare Leadership Model's 9 dimensions yet."


@pytest.fixture
def signed_in(client, cast):
    client.force_login(cast.trainee_user)
    return client


def dimension(name: str) -> FrameworkElement:
    return FrameworkElement.objects.get(framework__code="hlm", name=name)


def pdf_text(client) -> str:
    content = client.get(reverse("trainees:portfolio-pdf")).content
    return " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


def test_without_hlm_evidence_the_portfolio_says_so(signed_in, cast):
    factories.EvidenceFactory(trainee=cast.trainee)  # MLCF only
    for page in ("trainees:portfolio", "trainees:portfolio-print"):
        html = signed_in.get(reverse(page)).content.decode()
        assert "Evidence by Healthcare Leadership Model dimension" in html
        assert EMPTY in html
    assert EMPTY in pdf_text(signed_in)


def test_each_dimension_shows_how_much_evidence_is_against_it(signed_in, cast):
    for name in ("Leading with care", "Leading with care", "Engaging the team"):
        factories.EvidenceFactory(trainee=cast.trainee, element=dimension(name))
    factories.EvidenceFactory(trainee=cast.other_trainee, element=dimension("Holding to account"))
    expected = {d.number: 0 for d in FrameworkElement.objects.filter(framework__code="hlm")}
    expected.update({dimension("Leading with care").number: 2, dimension("Engaging the team").number: 1})
    for page in ("trainees:portfolio", "trainees:portfolio-print"):
        html = signed_in.get(reverse(page)).content.decode()
        shown = {int(n): int(count) for n, count in
                 re.findall(r'data-dimension="(\d+)">(\d+)<', html)}
        assert shown == expected
        assert all(d.name in html for d in FrameworkElement.objects.filter(framework__code="hlm"))
        assert EMPTY not in html
    text = pdf_text(signed_in)
    assert "Leading with care 2" in text and "Engaging the team 1" in text
    assert "Holding to account 0" in text


def test_hlm_evidence_does_not_count_towards_the_mlcf_domains(signed_in, cast):
    factories.EvidenceFactory(trainee=cast.trainee, element=dimension("Leading with care"))
    html = signed_in.get(reverse("trainees:portfolio")).content.decode()
    assert len(re.findall(r'data-domain="\d">0 of 4 \(0%\)', html)) == 5
    assert "does not change your matches" in html
