"""The GMC reference number: one rule, used by the trainee record and its constraint, forms,
imports, the API and a request for an account (which sits below trainees, so the rule lives
here)."""

import re

from django.core.validators import RegexValidator

# ASCII digits only: str.isdigit() also accepts Arabic-Indic and full-width digits, which
# the database constraint (and the GMC) would refuse.
GMC_NUMBER_PATTERN = r"^[0-9]{7}$"
GMC_NUMBER_MESSAGE = "A GMC number is 7 digits, like 1234567"
GMC_NUMBER_LENGTH = 7

validate_gmc_number = RegexValidator(GMC_NUMBER_PATTERN, GMC_NUMBER_MESSAGE, code="gmc_number")


def is_gmc_number(value: str) -> bool:
    return re.fullmatch(GMC_NUMBER_PATTERN, value or "") is not None
