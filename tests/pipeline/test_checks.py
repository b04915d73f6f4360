"""The matching engine's fixed number of MLCF domains is checked against the reference data."""

import pytest

from pipeline.checks import mlcf_domains_match_the_engine
from reference.models import FrameworkDomain

pytestmark = pytest.mark.django_db


def test_the_reference_data_agrees_with_the_engine():
    assert mlcf_domains_match_the_engine(databases=["default"]) == []


def test_a_missing_domain_is_reported():
    FrameworkDomain.objects.mlcf().last().delete()
    errors = mlcf_domains_match_the_engine(databases=["default"])
    assert [e.id for e in errors] == ["pipeline.E001"]
