"""System checks: the matching engine's fixed width agrees with the reference data."""

from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from pipeline.matching.facts import DOMAINS
from reference.models import FrameworkDomain


@register(Tags.database)
def mlcf_domains_match_the_engine(app_configs=None, databases=None, **kwargs) -> list[Error]:
    """The engine scores the MLCF domains numbered 1 to DOMAINS (docs/matching.md); the
    reference data must have exactly those, or scores would silently leave one out."""
    if not databases:
        return []
    try:
        numbers = list(FrameworkDomain.objects.mlcf().values_list("number", flat=True))
    except DatabaseError:  # `migrate` runs this check before the tables exist
        return []
    if numbers and numbers != list(range(1, DOMAINS + 1)):
        return [Error(f"The MLCF has domains {numbers} but matching scores domains 1 to {DOMAINS}",
                      hint="Change pipeline/matching/facts.py DOMAINS and docs/matching.md together",
                      id="pipeline.E001")]
    return []
