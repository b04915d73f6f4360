"""The portfolio PDF is built in the request, so it is bounded: each text is cut, and a long
section ends by saying how many items more the service holds."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from tests import factories
from trainees import pdf
from trainees.models import Evidence, LeadershipRole, Project

pytestmark = pytest.mark.django_db


def longest(model, field: str) -> str:
    """As much as the field holds (10,000 characters if it sets no limit), with markup
    characters that must print as written."""
    limit = model._meta.get_field(field).max_length or 10_000
    return ("Chaired the rota & <b>audit</b> group. " * limit)[:limit]


def test_a_portfolio_of_the_longest_fields_prints_cut_with_the_marker(cast):
    trainee, day = cast.trainee, dt.date(2025, 1, 1)
    for _ in range(15):
        factories.EvidenceFactory(trainee=trainee, title="E" * 200,
                                  what_i_did=longest(Evidence, "what_i_did"),
                                  what_i_learned=longest(Evidence, "what_i_learned"))
    Project.objects.create(trainee=trainee, title="P" * 200, aim=longest(Project, "aim"),
                           outcome=longest(Project, "outcome"), start_date=day)
    LeadershipRole.objects.create(trainee=trainee, title="R" * 200, organisation="O" * 200,
                                  description=longest(LeadershipRole, "description"), start_date=day)

    content = pdf.portfolio_pdf(trainee)

    assert content.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(content)).pages
    text = " ".join("".join(page.extract_text() for page in pages).split())
    assert "… (continued in the service)" in text
    assert "Chaired the rota & <b>audit</b> group." in text
    assert re.search(r"… and \d+ more \(continued in the service\)\.", text), "evidence beyond the bound"
