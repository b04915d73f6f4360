"""What an import would do, row by row, and writing it all or nothing.

Every kind of import builds an `ImportPlan` (the rows' outcomes, the rows to create and
to update) and commits it here, so the dry run and the commit decide the same way.
Writes go through django-simple-history's bulk helpers, so the audit trail records them
like any other change.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

BATCH = 5000
REPORT_LIMIT = 500  # rows kept for the page: every refused row first, then a sample


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
        return [{"line": o.line, "gmc_number": o.gmc_number, "action": o.action, "errors": o.errors}
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


@transaction.atomic
def commit_plan(plan: ImportPlan) -> dict[str, int]:
    """Write the plan, all or nothing; refuses while any row is refused."""
    if plan.refused:
        raise ValidationError(f"{plan.refused} rows are refused: correct the file and check it again. "
                              "Nothing has been imported.")
    bulk_create_with_history(plan.creates, plan.model, batch_size=BATCH)
    if plan.updates:
        bulk_update_with_history(plan.updates, plan.model, plan.fields, batch_size=BATCH)
    return plan.counts()
