"""What an import would do, row by row, and writing it all or nothing.

Every kind of import builds an `ImportPlan` (the rows' outcomes, the rows to create and
to update) and commits it here, so the dry run and the commit decide the same way.
Writes go through django-simple-history's bulk helpers, so the audit trail records them
like any other change.
"""

import logging
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from imports.checks import shown
from imports.files import ImportFileError

logger = logging.getLogger(__name__)

BATCH = 5000
REPORT_LIMIT = 500  # rows kept for the page: every refused row first, then a sample
MESSAGE_CHARS = 500  # of one message in the report: a few lines on the page at most
NOTHING_IMPORTED = "Nothing has been imported: check the file again."


@dataclass
class RowOutcome:
    line: int
    gmc_number: str
    action: str  # create, update, unchanged, refused
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    """The outcome of every row, and the model instances to create and to update."""

    model: type[models.Model]
    fields: list[str]  # the fields an update may change
    outcomes: list[RowOutcome] = field(default_factory=list)
    creates: list[models.Model] = field(default_factory=list)
    updates: list[models.Model] = field(default_factory=list)
    failure: str = ""  # why the write failed, when it did (commit_plan refused it)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(["create", "update", "unchanged", "refused"], 0)
        for outcome in self.outcomes:
            counts[outcome.action] += 1
        return counts

    @property
    def refused(self) -> int:
        return sum(1 for o in self.outcomes if o.action == "refused")

    def report(self) -> list[dict]:
        ordered = sorted(self.outcomes, key=lambda o: (o.action != "refused", o.line))
        # Quoted values are made short and storable: the report is kept as JSON in PostgreSQL.
        return [{"line": o.line, "gmc_number": shown(o.gmc_number), "action": o.action,
                 "errors": [shown(e, MESSAGE_CHARS) for e in o.errors]}
                for o in ordered[:REPORT_LIMIT]]

    def decide(self, *, line: int, gmc: str, errors: list[str], current, new) -> None:
        """Record one row: refused, a new row, unchanged, or an update of `current`."""
        if errors:
            self.outcomes.append(RowOutcome(line, gmc, "refused", errors))
        elif current is None:
            self.creates.append(new)
            self.outcomes.append(RowOutcome(line, gmc, "create"))
        elif all(getattr(current, f) == getattr(new, f) for f in self.fields):
            self.outcomes.append(RowOutcome(line, gmc, "unchanged"))
        else:
            for name in self.fields:
                setattr(current, name, getattr(new, name))
            self.updates.append(current)
            self.outcomes.append(RowOutcome(line, gmc, "update"))


def commit_plan(plan: ImportPlan) -> dict[str, int]:
    """Write the plan, all or nothing; refuses while any row is refused.

    Every failure of the write (a row changed by someone else meanwhile, the database
    going away) is rolled back and raised as a ValidationError that says why in a
    sentence, so no caller shows a traceback or leaves a job half done.
    """
    if plan.refused:
        raise ValidationError(ngettext(
            "%(num)d row is refused: correct the file and check it again. Nothing has been imported.",
            "%(num)d rows are refused: correct the file and check it again. Nothing has been imported.",
            plan.refused) % {"num": plan.refused})
    try:
        _write(plan)
    except Exception as error:
        logger.exception("An import of %s rows failed", len(plan.outcomes))
        raise ValidationError(failure_reason(error)) from error
    return plan.counts()


@transaction.atomic
def _write(plan: ImportPlan) -> None:
    bulk_create_with_history(plan.creates, plan.model, batch_size=BATCH)
    if plan.updates:
        bulk_update_with_history(plan.updates, plan.model, plan.fields, batch_size=BATCH)


def failure_reason(error: BaseException) -> str:
    """Why checking or importing a file stopped, in a sentence for staff (never a traceback)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, ImportFileError):
        return str(error)
    if isinstance(error, SoftTimeLimitExceeded):
        return "The file took too long to check or import, so it was stopped. Split it into smaller files."
    if isinstance(error, IntegrityError):
        return f"Some of these records were added or changed by someone else meanwhile. {NOTHING_IMPORTED}"
    if isinstance(error, DataError):
        return ("The database refused a value in the file, which the check should have caught. "
                "Nothing has been imported: please report this to the service desk.")
    return f"The import was interrupted by an unexpected error. {NOTHING_IMPORTED}"
