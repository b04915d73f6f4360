"""The GMC reference number: the rule is in core.gmc (a request for an account, in accounts,
checks it too)."""

from core.gmc import GMC_NUMBER_MESSAGE, GMC_NUMBER_PATTERN, is_gmc_number, validate_gmc_number

__all__ = ["GMC_NUMBER_MESSAGE", "GMC_NUMBER_PATTERN", "is_gmc_number", "validate_gmc_number"]
